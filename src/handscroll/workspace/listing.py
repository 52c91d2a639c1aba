"""The editor's list of editions with their state, and the review queue (issue 13 item 3).

The list reads only `edition_states` (title, language, state kept there at
every save), paged, so it costs the same in a library of any size. Features
imported before the workspace existed are adopted first: each gets its
published text as a first revision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from handscroll.store import ImportItem, ImportReport, Library, Outcome
from handscroll.store.importing import chunks
from handscroll.store.tables import FeatureRow
from handscroll.store.workspace_tables import EditionStateRow, RevisionRow
from handscroll.workspace.db import aware, reading, writing
from handscroll.workspace.imports import record_published
from handscroll.workspace.states import State

PAGE = 50
"""Editions per page of the list."""

ADOPT_BATCH = 500
"""Features adopted per transaction."""


@dataclass(frozen=True)
class Filters:
    """What the list is narrowed to; None or "" means any."""

    state: str = ""
    language: str = ""
    text: str = ""
    """Part of a title or slug, any case."""
    author: str = ""
    """Only editions whose newest revision is by this account."""


@dataclass(frozen=True)
class Listed:
    """One edition in the editor's list."""

    slug: str
    title: str
    language: str
    state: State
    approved: bool
    public: bool
    scheduled_at: datetime | None
    updated_at: datetime
    work: str | None


def list_editions(
    library: Library, filters: Filters = Filters(), *, page: int = 0
) -> tuple[list[Listed], int]:
    """One page of editions matching `filters` (most recently changed first), and how many match."""
    query = select(EditionStateRow)
    if filters.state:
        query = query.where(EditionStateRow.state == filters.state)
    if filters.language:
        query = query.where(EditionStateRow.language == filters.language)
    if filters.text:
        pattern = "%" + filters.text.lower().replace("\\", "").replace("%", "").replace("_", "") + "%"
        query = query.where(
            or_(func.lower(EditionStateRow.title).like(pattern), EditionStateRow.slug.like(pattern))
        )
    if filters.author:
        newest = select(func.max(RevisionRow.id)).group_by(RevisionRow.slug).scalar_subquery()
        mine = select(RevisionRow.slug).where(
            RevisionRow.id.in_(newest), RevisionRow.author == filters.author
        )
        query = query.where(EditionStateRow.slug.in_(mine))
    with reading(library) as session:
        total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = session.execute(
            query.order_by(EditionStateRow.updated_at.desc(), EditionStateRow.slug)
            .offset(page * PAGE)
            .limit(PAGE)
        ).scalars()
        return [_listed(row) for row in rows], total


def review_queue(library: Library) -> list[Listed]:
    """Editions waiting for review, oldest submission first."""
    query = (
        select(EditionStateRow)
        .where(EditionStateRow.state == State.IN_REVIEW.value)
        .order_by(EditionStateRow.updated_at)
        .limit(200)
    )
    with reading(library) as session:
        return [_listed(row) for row in session.execute(query).scalars()]


def edition(library: Library, slug: str) -> Listed | None:
    """One edition's line, or None when the workspace does not know it."""
    with reading(library) as session:
        row = session.get(EditionStateRow, slug)
        return None if row is None else _listed(row)


def adopt_library(library: Library) -> int:
    """Give every public feature without revisions its text as a first, published revision;
    how many were adopted. Safe to run again and from several workers (a slug adopted
    meanwhile is skipped)."""
    adopted = 0
    while True:
        with reading(library) as session:
            slugs = _unadopted(session, ADOPT_BATCH)
        if not slugs:
            return adopted
        items = [ImportItem(library.get_feature(slug), "library", "") for slug in slugs]
        with writing(library) as session:
            fresh = set(slugs) - set(_known(session, slugs))
            report = ImportReport(tuple((slug, Outcome.ADDED) for slug in slugs if slug in fresh))
            record_published(session, [item for item in items if item.feature.slug in fresh], report)
        adopted += len(fresh)


def _unadopted(session: Session, limit: int) -> list[str]:
    revised = select(RevisionRow.id).where(RevisionRow.slug == FeatureRow.slug).exists()
    query = select(FeatureRow.slug).where(~revised).order_by(FeatureRow.slug).limit(limit)
    return list(session.execute(query).scalars())


def _known(session: Session, slugs: list[str]) -> list[str]:
    found: list[str] = []
    for chunk in chunks(slugs):
        found += session.execute(
            select(RevisionRow.slug).where(RevisionRow.slug.in_(chunk)).group_by(RevisionRow.slug)
        ).scalars()
    return found


def _listed(row: EditionStateRow) -> Listed:
    return Listed(
        slug=row.slug,
        title=row.title or row.slug,
        language=row.language or "",
        state=State(row.state),
        approved=row.approved,
        public=row.published_revision_id is not None,
        scheduled_at=None if row.scheduled_at is None else aware(row.scheduled_at),
        updated_at=aware(row.updated_at),
        work=row.work_key,
    )
