"""`handscroll import` in the workspace: every imported feature is a revision (issue 13 item 2).

A plain import publishes: `record_published` runs inside the import's own
transaction (`Library.import_features(then=...)`), so a feature and its
revision are written together or not at all. `--draft` writes revisions only
(`save_drafts`, in the batch's transaction): the public tables are not touched. Both write in bulk, a few
statements per batch, never a round trip per feature.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from handscroll.editions.align import work_key
from handscroll.model import Feature
from handscroll.publish.markdown import write_markdown
from handscroll.store import ImportItem, ImportReport, Outcome
from handscroll.store.importing import chunks
from handscroll.store.workspace_tables import EditionStateRow, MediaUseRow, RevisionRow
from handscroll.workspace.alignment import source_language
from handscroll.workspace.audit import write_entry
from handscroll.workspace.db import utc
from handscroll.workspace.states import State

IMPORTER = "import"
"""The author of revisions written by `handscroll import`."""


@dataclass(frozen=True)
class _Entry:
    feature: Feature
    markdown: str
    message: str
    work: str | None


def record_published(
    session: Session, items: Sequence[ImportItem], report: ImportReport, *, message: str | None = None
) -> None:
    """In the import's transaction: a published revision for each feature it added or changed,
    saying where it came from (`message`, or the file it was imported from)."""
    changed = {slug for slug, outcome in report.outcomes if outcome is not Outcome.SKIPPED}
    entries = [
        _Entry(
            item.feature, write_markdown(item.feature), message or f"imported from {item.source}", item.work
        )
        for item in items
        if item.feature.slug in changed
    ]
    _record(session, entries, published=True, now=None)
    if report.replaced:  # derived editions that gave way to a real one (issue 12) are off the public pages
        session.execute(
            update(EditionStateRow)
            .where(EditionStateRow.slug.in_(report.replaced))
            .values(state=State.UNPUBLISHED.value, published_revision_id=None, revision_id=None)
        )


def save_drafts(
    session: Session, items: Sequence[ImportItem], *, now: datetime | None = None
) -> ImportReport:
    """In the caller's transaction (one batch of an import): each item as a draft revision of its
    edition (`import --draft`); a text equal to the edition's newest revision is skipped."""
    outcomes: list[tuple[str, Outcome]] = []
    newest = _newest(session, [item.feature.slug for item in items])
    entries = []
    for item in items:
        markdown = write_markdown(item.feature)
        known = newest.get(item.feature.slug)
        if known is not None and known[1] == markdown:
            outcomes.append((item.feature.slug, Outcome.SKIPPED))
            continue
        outcomes.append((item.feature.slug, Outcome.UPDATED if known else Outcome.ADDED))
        entries.append(_Entry(item.feature, markdown, f"draft imported from {item.source}", item.work))
    _record(session, entries, published=False, now=now)
    return ImportReport(outcomes=tuple(outcomes))


def _record(session: Session, entries: list[_Entry], *, published: bool, now: datetime | None) -> None:
    if not entries:
        return
    at = utc(now)
    slugs = [e.feature.slug for e in entries]
    newest = _newest(session, slugs)
    inserted = session.execute(
        insert(RevisionRow).returning(RevisionRow.slug, RevisionRow.id),
        [
            {
                "slug": e.feature.slug,
                "language": e.feature.language,
                "markdown": e.markdown,
                "author": IMPORTER,
                "created_at": at,
                "message": e.message,
                "base_id": newest[e.feature.slug][0] if e.feature.slug in newest else None,
            }
            for e in entries
        ],
    )
    ids = dict(inserted.all())
    existing: set[str] = set()
    for chunk in chunks(slugs):
        existing.update(
            session.execute(select(EditionStateRow.slug).where(EditionStateRow.slug.in_(chunk))).scalars()
        )
    rows: list[dict[str, object]] = []
    for e in entries:
        row: dict[str, object] = {
            "slug": e.feature.slug,
            "state": State.PUBLISHED.value if published else State.DRAFT.value,
            "revision_id": None,
            "approved": False,
            "scheduled_at": None,
            "updated_at": at,
            "title": e.feature.title,
            "language": e.feature.language,
            "work_key": e.work or work_key(e.feature),  # the pipeline's key, as `editions` stores it
        }
        if published:
            row["published_revision_id"] = ids[e.feature.slug]
        rows.append(row)
    updates = [r for r in rows if r["slug"] in existing]
    if updates:
        session.execute(update(EditionStateRow), updates)
    fresh = [r for r in rows if r["slug"] not in existing]
    if fresh:
        session.execute(
            insert(EditionStateRow),
            [{"published_revision_id": None, "aligned_revision_id": None, **r} for r in fresh],
        )
    for chunk in chunks(slugs):
        session.execute(delete(MediaUseRow).where(MediaUseRow.slug.in_(chunk)))
    uses = [{"slug": e.feature.slug, "media_id": m} for e in entries for m in e.feature.media_ids]
    if uses:
        session.execute(insert(MediaUseRow), uses)
    _align(session, {str(r["work_key"]) for r in rows if r["work_key"]}, set(slugs))
    kind = "import.publish" if published else "import.draft"
    write_entry(session, IMPORTER, kind, f"{len(entries)} feature(s)", ", ".join(slugs[:20]), now=now)


def _align(session: Session, keys: set[str], imported: set[str]) -> None:
    """Imported translations are in step with their work's source as it now stands."""
    if not keys:
        return
    states = list(
        session.execute(select(EditionStateRow).where(EditionStateRow.work_key.in_(sorted(keys)))).scalars()
    )
    by_key: dict[str, dict[str, str]] = {}
    for state in states:
        by_key.setdefault(str(state.work_key), {})[str(state.language)] = state.slug
    sources = {key: langs[lang] for key, langs in by_key.items() if (lang := source_language(langs))}
    latest = _newest(session, list(sources.values()))
    for state in states:
        source = sources.get(str(state.work_key))
        if state.slug in imported and source is not None and source != state.slug and source in latest:
            state.aligned_revision_id = latest[source][0]


def _newest(session: Session, slugs: list[str]) -> dict[str, tuple[int, str]]:
    """Per slug, the id and text of its newest revision."""
    found: dict[str, tuple[int, str]] = {}
    for chunk in chunks(slugs):
        newest = (
            select(func.max(RevisionRow.id))
            .where(RevisionRow.slug.in_(chunk))
            .group_by(RevisionRow.slug)
            .scalar_subquery()
        )
        query = select(RevisionRow.slug, RevisionRow.id, RevisionRow.markdown).where(
            RevisionRow.id.in_(newest)
        )
        found.update((slug, (rid, text)) for slug, rid, text in session.execute(query))
    return found
