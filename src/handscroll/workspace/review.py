"""Review: submit with a note, comment, approve, request changes (issue 13 item 4).

A submission names the revision reviewed; saving a new revision withdraws it
(`states.back_to_draft`), so what is approved is always what was read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select

from handscroll.errors import HandscrollError, NotFoundError
from handscroll.store import Library
from handscroll.store.workspace_tables import ReviewCommentRow, RevisionRow
from handscroll.workspace.accounts import Account
from handscroll.workspace.audit import write_entry
from handscroll.workspace.db import aware, reading, utc, writing
from handscroll.workspace.revisions import owner_of
from handscroll.workspace.roles import Action, require
from handscroll.workspace.states import State, locked_state

NOTE_LENGTH = 5000
"""Longest note or comment kept."""


class Kind(StrEnum):
    """What a review comment is."""

    SUBMIT = "submit"
    COMMENT = "comment"
    APPROVE = "approve"
    CHANGES = "changes"


class ReviewError(HandscrollError):
    """A review step that does not fit the edition's state (approving a draft...)."""


@dataclass(frozen=True)
class Comment:
    """One entry of an edition's review thread."""

    id: int
    slug: str
    revision_id: int | None
    author: str
    kind: Kind
    text: str
    created_at: datetime


def submit(
    library: Library, slug: str, account: Account, note: str = "", *, now: datetime | None = None
) -> None:
    """Send the newest revision for review, with a note to the reviewers."""
    _act(library, slug, account, Kind.SUBMIT, note, now)


def comment(library: Library, slug: str, account: Account, text: str, *, now: datetime | None = None) -> None:
    """Add a comment to the edition's thread (any state)."""
    if not text.strip():
        raise ReviewError("a comment needs some text")
    _act(library, slug, account, Kind.COMMENT, text, now)


def approve(
    library: Library, slug: str, account: Account, note: str = "", *, now: datetime | None = None
) -> None:
    """Approve the revision in review: a publisher may then publish or schedule it."""
    _act(library, slug, account, Kind.APPROVE, note, now)


def request_changes(
    library: Library, slug: str, account: Account, note: str, *, now: datetime | None = None
) -> None:
    """Send the edition back to its author as a draft, saying what to change."""
    if not note.strip():
        raise ReviewError("say what should change")
    _act(library, slug, account, Kind.CHANGES, note, now)


def thread(library: Library, slug: str) -> list[Comment]:
    """The edition's review thread, oldest first."""
    query = select(ReviewCommentRow).where(ReviewCommentRow.slug == slug).order_by(ReviewCommentRow.id)
    with reading(library) as session:
        return [
            Comment(r.id, r.slug, r.revision_id, r.author, Kind(r.kind), r.text, aware(r.created_at))
            for r in session.execute(query).scalars()
        ]


def _act(library: Library, slug: str, account: Account, kind: Kind, text: str, now: datetime | None) -> None:
    with writing(library) as session:
        state = locked_state(session, slug, now)
        latest = session.execute(
            select(RevisionRow.id).where(RevisionRow.slug == slug).order_by(RevisionRow.id.desc()).limit(1)
        ).scalar_one_or_none()
        if latest is None:
            raise NotFoundError(f"there is no edition {slug}")
        if kind is Kind.SUBMIT:
            require(account.role, Action.SUBMIT, owns=owner_of(session, slug) == account.name, what=slug)
            if state.state in (State.IN_REVIEW, State.SCHEDULED) and state.revision_id == latest:
                raise ReviewError(
                    f"revision {latest} of {slug} is already {State(state.state).replace('_', ' ')}"
                )
            state.state, state.revision_id, state.approved = State.IN_REVIEW.value, latest, False
        elif kind is Kind.COMMENT:
            require(account.role, Action.COMMENT, what=slug)
        else:
            require(account.role, Action.REVIEW, what=slug)
            if state.state != State.IN_REVIEW:
                raise ReviewError(f"{slug} is not in review")
            if kind is Kind.APPROVE:
                state.approved = True
            else:
                state.state, state.approved = State.DRAFT.value, False
        if kind is not Kind.COMMENT:
            state.updated_at = utc(now)
        session.add(
            ReviewCommentRow(
                slug=slug,
                revision_id=state.revision_id or latest,
                author=account.name,
                kind=kind.value,
                text=text.strip()[:NOTE_LENGTH],
                created_at=utc(now),
            )
        )
        write_entry(session, account.name, f"review.{kind.value}", slug, text.strip(), now=now)
