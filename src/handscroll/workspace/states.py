"""The states a feature edition moves through, and the one row that holds its state (issue 13)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from handscroll.store.workspace_tables import EditionStateRow
from handscroll.workspace.db import aware, utc


class State(StrEnum):
    """Where an edition stands. A published edition with newer changes is `draft` again, with
    `published_revision_id` still set: the public pages keep the published text."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    UNPUBLISHED = "unpublished"


@dataclass(frozen=True)
class EditionState:
    """An edition's state as the editor's list and the review queue show it."""

    slug: str
    state: State
    revision_id: int | None
    """The revision in review or scheduled (the one a publish makes public)."""
    approved: bool
    published_revision_id: int | None
    scheduled_at: datetime | None
    updated_at: datetime


def edition_state(row: EditionStateRow) -> EditionState:
    return EditionState(
        slug=row.slug,
        state=State(row.state),
        revision_id=row.revision_id,
        approved=row.approved,
        published_revision_id=row.published_revision_id,
        scheduled_at=None if row.scheduled_at is None else aware(row.scheduled_at),
        updated_at=aware(row.updated_at),
    )


def locked_state(session: Session, slug: str, now: datetime | None = None) -> EditionStateRow:
    """The edition's state row, created as a draft if missing, locked for this transaction
    (PostgreSQL; SQLite's write transactions are serial already)."""
    row = session.execute(
        select(EditionStateRow).where(EditionStateRow.slug == slug).with_for_update()
    ).scalar_one_or_none()
    if row is None:
        row = EditionStateRow(slug=slug, state=State.DRAFT.value, approved=False, updated_at=utc(now))
        session.add(row)
        session.flush()
    return row


def back_to_draft(row: EditionStateRow, now: datetime | None = None) -> None:
    """A new text needs a new review: whatever was submitted, approved or scheduled is withdrawn."""
    row.state = State.DRAFT.value
    row.revision_id = None
    row.approved = False
    row.scheduled_at = None
    row.updated_at = utc(now)
