"""Publishing: a revision reaches the public tables through the import path (issue 13 item 4).

`publish` reads the revision, fills each figure's alt text from the picture's
default where it has none of its own, refuses (listing what is missing) while
any figure still has none, enriches it (with the terms and places the work's
other editions name, and they with its: workspace/work_terms.py) and writes it with
`store.importing.write_import`, in the same transaction as the edition's new
state, so the reader, the API, the static build, search and the exports see it
exactly as they see an import. Scheduled editions are published by
`publish_due`, which the server runs itself and `handscroll publish-due` runs
for cron: each edition is claimed under a row lock, so several workers (or a
worker and cron) publish it once.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from handscroll.config import Settings
from handscroll.editions.align import work_key
from handscroll.enrich import enrich_feature
from handscroll.errors import HandscrollError, NotFoundError
from handscroll.model import Feature, Figure
from handscroll.store import ImportItem, Library
from handscroll.store.import_run import replace_by_slug
from handscroll.store.importing import write_import
from handscroll.store.search import unindex_features
from handscroll.store.tables import FeatureRow
from handscroll.store.works import editions_of
from handscroll.store.workspace_tables import EditionStateRow, MediaAssetRow, RevisionRow
from handscroll.workspace.accounts import Account
from handscroll.workspace.audit import write_entry
from handscroll.workspace.db import reading, utc, writing
from handscroll.workspace.derived import derived_editions
from handscroll.workspace.imports import record_published
from handscroll.workspace.media import MediaFolders, promote
from handscroll.workspace.revisions import Revision, read_revision, revision_of
from handscroll.workspace.roles import Action, NotAllowed, require
from handscroll.workspace.states import State, locked_state
from handscroll.workspace.work_terms import align_with_work

SCHEDULER = "scheduler"
"""The author the server's own publishing is recorded as."""

OVERDUE_AFTER = timedelta(minutes=5)
"""A schedule this far past its time and still not published is shown as a warning."""

_FIGURE_LINE = re.compile(r"^ {0,3}:{3,}\s*figure\s+(\S+)", re.MULTILINE)

Actor = Account | str


class PublishBlocked(HandscrollError):
    """A revision cannot be published yet; `missing` says what is missing, one line per item."""

    def __init__(self, slug: str, missing: list[str]) -> None:
        super().__init__(f"{slug} cannot be published: " + "; ".join(missing))
        self.missing = missing


def missing_alt(markdown: str, feature: Feature, defaults: dict[str, str]) -> list[str]:
    """One line per figure without alt text of its own or a default for its picture, with the
    line of the figure in the text."""
    # The n-th `::: figure` line opens the n-th figure (a picture may be shown twice).
    lines = [markdown.count("\n", 0, m.start()) + 1 for m in _FIGURE_LINE.finditer(markdown)]
    return [
        f"line {lines[n] if n < len(lines) else 0}: figure {figure.media} has no alt text"
        for n, figure in enumerate(feature.figures)
        if not figure.alt.strip() and not defaults.get(figure.media, "").strip()
    ]


def with_default_alt(feature: Feature, defaults: dict[str, str]) -> Feature:
    """The feature with each figure lacking alt text given its picture's default alt text."""
    blocks = tuple(
        block.model_copy(update={"alt": defaults[block.media]})
        if isinstance(block, Figure) and not block.alt.strip() and defaults.get(block.media)
        else block
        for block in feature.blocks
    )
    return feature.model_copy(update={"blocks": blocks})


def default_alts(session: Session, media_ids: tuple[str, ...]) -> dict[str, str]:
    """The default alt text of each of these pictures that has one."""
    if not media_ids:
        return {}
    query = select(MediaAssetRow.media_id, MediaAssetRow.default_alt).where(
        MediaAssetRow.media_id.in_(media_ids), MediaAssetRow.default_alt != ""
    )
    return {media_id: alt for media_id, alt in session.execute(query)}


def check_publishable(library: Library, revision: Revision) -> list[str]:
    """What stops this revision from being published (empty when nothing does)."""
    feature = read_revision(revision.markdown).feature
    with reading(library) as session:
        return missing_alt(revision.markdown, feature, default_alts(session, feature.media_ids))


def publish(
    library: Library,
    slug: str,
    actor: Actor,
    *,
    revision_id: int | None = None,
    media: MediaFolders | None = None,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> Revision:
    """Make a revision of `slug` public (by default the one submitted or scheduled, else the
    newest); PublishBlocked while a figure lacks alt text, NotAllowed for a role below publisher.
    `settings` say how a Traditional edition's Simplified one is converted (the defaults if None)."""
    if isinstance(actor, Account):
        require(actor.role, Action.PUBLISH, what=slug)
    with writing(library) as session:
        state = locked_state(session, slug, now)
        row = _chosen(session, slug, revision_id or state.revision_id)
        published = _publish_locked(session, state, row, actor, media, now, settings)
    return published


def schedule(
    library: Library, slug: str, actor: Account, at: datetime, *, now: datetime | None = None
) -> Revision:
    """Publish the newest (or submitted) revision of `slug` at `at`; refused now if it could not
    be published then."""
    require(actor.role, Action.SCHEDULE, what=slug)
    with writing(library) as session:
        state = locked_state(session, slug, now)
        row = _chosen(session, slug, state.revision_id)
        missing = _missing(session, row)
        if missing:
            raise PublishBlocked(slug, missing)
        state.state, state.revision_id, state.scheduled_at = State.SCHEDULED.value, row.id, utc(at)
        state.updated_at = utc(now)
        write_entry(
            session, actor.name, "schedule", slug, f"revision {row.id} at {utc(at):%Y-%m-%d %H:%M} UTC"
        )
        return revision_of(row)


def unschedule(library: Library, slug: str, actor: Account, *, now: datetime | None = None) -> None:
    """Cancel a schedule: the edition goes back to draft, its revision unchanged."""
    require(actor.role, Action.SCHEDULE, what=slug)
    with writing(library) as session:
        state = locked_state(session, slug, now)
        if state.state != State.SCHEDULED:
            raise HandscrollError(f"{slug} is not scheduled")
        state.state, state.scheduled_at, state.updated_at = State.DRAFT.value, None, utc(now)
        write_entry(session, actor.name, "unschedule", slug)


def unpublish(library: Library, slug: str, actor: Actor, *, now: datetime | None = None) -> None:
    """Take an edition off the public pages (its revisions stay); NotFoundError if it is not public."""
    if isinstance(actor, Account):
        require(actor.role, Action.UNPUBLISH, what=slug)
    with writing(library) as session:
        state = locked_state(session, slug, now)
        row = session.execute(select(FeatureRow).where(FeatureRow.slug == slug)).scalar_one_or_none()
        if row is None:
            raise NotFoundError(f"{slug} is not published")
        unindex_features(session, [row.id])  # FTS5 rows have no foreign key to cascade from
        session.delete(row)
        state.state, state.published_revision_id = State.UNPUBLISHED.value, None
        state.scheduled_at, state.updated_at = None, utc(now)
        write_entry(session, _name(actor), "unpublish", slug)


@dataclass(frozen=True)
class DueReport:
    """What one run of `publish_due` did: the editions published, and the ones that failed, why."""

    published: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def publish_due(
    library: Library,
    *,
    media: MediaFolders | None = None,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> DueReport:
    """Publish every scheduled edition whose time has come, each in its own transaction.

    An edition another worker published meanwhile is skipped (the claim re-reads
    its state under a lock); one that fails stays scheduled, is logged, and shows
    as overdue.
    """
    at = utc(now)
    report = DueReport()
    for slug in due_slugs(library, at):
        try:
            with writing(library) as session:
                state = locked_state(session, slug, at)
                if (
                    state.state != State.SCHEDULED
                    or state.scheduled_at is None
                    or utc(state.scheduled_at) > at
                ):
                    continue  # claimed by another worker, or moved
                row = _chosen(session, slug, state.revision_id)
                _publish_locked(session, state, row, SCHEDULER, media, at, settings)
            report.published.append(slug)
        except HandscrollError as exc:
            report.failed.append((slug, str(exc)))
            with writing(library) as session:
                write_entry(session, SCHEDULER, "publish.failed", slug, str(exc), now=at)
    return report


def due_slugs(library: Library, now: datetime | None = None) -> list[str]:
    """Slugs of scheduled editions whose time has come, oldest schedule first."""
    query = (
        select(EditionStateRow.slug)
        .where(EditionStateRow.state == State.SCHEDULED.value, EditionStateRow.scheduled_at <= utc(now))
        .order_by(EditionStateRow.scheduled_at)
    )
    with reading(library) as session:
        return list(session.execute(query).scalars())


def overdue(library: Library, now: datetime | None = None) -> list[tuple[str, datetime]]:
    """Scheduled editions more than `OVERDUE_AFTER` past their time: the scheduler is not running."""
    limit = utc(now) - OVERDUE_AFTER
    query = (
        select(EditionStateRow.slug, EditionStateRow.scheduled_at)
        .where(EditionStateRow.state == State.SCHEDULED.value, EditionStateRow.scheduled_at < limit)
        .order_by(EditionStateRow.scheduled_at)
    )
    with reading(library) as session:
        return [(slug, utc(at)) for slug, at in session.execute(query)]


def _chosen(session: Session, slug: str, revision_id: int | None) -> RevisionRow:
    """The revision asked for (it must be of this edition), or the edition's newest."""
    if revision_id is not None:
        row = session.get(RevisionRow, revision_id)
        if row is None or row.slug != slug:
            raise NotFoundError(f"{slug} has no revision {revision_id}")
        return row
    row = session.execute(
        select(RevisionRow).where(RevisionRow.slug == slug).order_by(RevisionRow.id.desc()).limit(1)
    ).scalar_one_or_none()
    if row is None:
        raise NotFoundError(f"{slug} has no revision to publish")
    return row


def _missing(session: Session, row: RevisionRow) -> list[str]:
    feature = read_revision(row.markdown).feature
    return missing_alt(row.markdown, feature, default_alts(session, feature.media_ids))


def _publish_locked(
    session: Session,
    state: EditionStateRow,
    row: RevisionRow,
    actor: Actor,
    media: MediaFolders | None,
    now: datetime | None,
    settings: Settings | None,
) -> Revision:
    """Write the revision to the public tables and the state, in the caller's transaction."""
    read = read_revision(row.markdown)
    defaults = default_alts(session, read.feature.media_ids)
    missing = missing_alt(row.markdown, read.feature, defaults)
    if missing:
        raise PublishBlocked(row.slug, missing)
    feature = with_default_alt(read.feature, defaults)
    if feature.slug != row.slug:
        raise NotAllowed(f"revision {row.id} names the edition {feature.slug!r}, not {row.slug!r}")
    head = session.execute(
        select(FeatureRow.source, FeatureRow.source_hash).where(FeatureRow.slug == row.slug)
    ).one_or_none()
    # An imported feature keeps its source and file hash, so re-importing the unchanged file
    # skips it instead of undoing the editors' work.
    if head is not None:
        source, source_hash = head
    else:
        source, source_hash = f"workspace:{row.slug}", hashlib.sha256(row.markdown.encode()).hexdigest()
    if media is not None:
        promote(session, media, feature.media_ids)
    key = work_key(feature, read.work)
    enrichment, others = align_with_work(session, key, feature, enrich_feature(feature))
    item = ImportItem(
        feature=feature, source=source, source_hash=source_hash, enrichment=enrichment, work=key
    )
    # A Traditional edition's automatic Simplified one is converted again from the text published.
    stored = editions_of(session, [key]) if key else {}
    converted = derived_editions([item], stored, settings or Settings(), enrich=True)
    report = write_import(session, [item, *converted])
    record_published(session, converted, report, message=f"converted from revision {row.id} of {row.slug}")
    written = {*report.replaced, *(d.feature.slug for d in converted)}
    replace_by_slug(session, [(slug, found) for slug, found in others if slug not in written])
    state.state, state.published_revision_id, state.revision_id = State.PUBLISHED.value, row.id, None
    state.scheduled_at, state.approved, state.updated_at = None, False, utc(now)
    write_entry(session, _name(actor), "publish", row.slug, f"revision {row.id}", now=now)
    return revision_of(row)


def _name(actor: Actor) -> str:
    return actor.name if isinstance(actor, Account) else actor
