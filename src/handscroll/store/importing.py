"""One import transaction: match each item to the feature it already is, then write in bulk.

A feature is known by its source: re-reading a file whose title (and so
slug) changed updates the feature it made, and the old slug is kept as a
redirect, never a second feature (issue 10). An item whose source is new but
whose slug is stored is the same feature read from a moved file. One SELECT
finds every stored head the batch touches; rows then go in with bulk
(executemany) statements, never one round trip per feature or block.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session

from handscroll.errors import StoreError
from handscroll.store.enrichments import replace_enrichments
from handscroll.store.mapping import block_values, feature_values
from handscroll.store.quizzes import pin_approvals
from handscroll.store.records import ImportItem, ImportReport, Outcome
from handscroll.store.redirects import keep_redirects
from handscroll.store.search import index_deferred, unindex_features, write_documents
from handscroll.store.search_text import IndexDocument, enrichment_terms, index_document
from handscroll.store.tables import BlockRow, FeatureRow, SeriesRow
from handscroll.store.works import save_works

IN_CHUNK = 2500
"""Most values bound into one `IN (...)` (a query may hold two): below both databases' limits."""

_ALL_COLUMNS = {"render_nulls": True}
"""Bulk-insert option: send NULLs rather than dropping None keys, which would split
one executemany into a batch per run of rows with the same columns."""

_BLOCKS = BlockRow.metadata.tables[BlockRow.__tablename__]
"""Blocks are inserted through the Core table: a plain executemany, without the
ORM's per-row bookkeeping, which cost a third of an import's time."""


@dataclass(frozen=True)
class _Head:
    """What the plan needs of a stored feature."""

    id: int
    slug: str
    content_hash: str
    source: str
    source_hash: str


@dataclass
class _Plan:
    """What one import batch will write, decided from a single look at the stored heads."""

    outcomes: list[tuple[str, Outcome]] = field(default_factory=list)
    to_add: list[tuple[ImportItem, str]] = field(default_factory=list)  # (item, content hash)
    to_update: list[tuple[int, ImportItem, str]] = field(default_factory=list)  # (feature id, ...)
    moved: list[dict[str, Any]] = field(default_factory=list)  # unchanged content, new source
    renamed: list[tuple[str, int]] = field(default_factory=list)  # (old slug, feature id)


def refuse_duplicate_slugs(items: Sequence[ImportItem]) -> None:
    """StoreError when two items of one batch share a slug (nothing is written)."""
    first_source: dict[str, str] = {}
    for item in items:
        slug = item.feature.slug
        if slug in first_source:
            raise StoreError(
                f"two features in this import have the slug {slug!r}: {first_source[slug]} and "
                f"{item.source}; nothing was imported"
            )
        first_source[slug] = item.source


def write_import(session: Session, items: Sequence[ImportItem]) -> ImportReport:
    """One import in the caller's transaction: the features, their blocks, enrichments, search
    index, work keys and pinned quiz approvals. `Library.import_features` and the workspace's
    publishing (issue 13) both write through here, so a published revision reaches every
    reader like an import."""
    refuse_duplicate_slugs(items)
    report = import_items(session, items, [item.feature.content_hash() for item in items])
    replaced = save_works(session, items)  # work keys in the same transaction (issue 12)
    pin_approvals(session, items)  # and the approvals a `::: quiz` pins (issue 15)
    return ImportReport(report.outcomes, tuple(replaced))


def import_items(session: Session, items: Sequence[ImportItem], hashes: list[str]) -> ImportReport:
    """The body of one import transaction: plan against the stored heads, then write in bulk."""
    plan = _plan(items, hashes, _stored_heads(session, items))
    now = datetime.now(UTC)
    changed = [item for item, _ in plan.to_add] + [item for _, item, _ in plan.to_update]
    series_ids = _series_ids(session, {i.feature.series for i in changed if i.feature.series is not None})

    def values(item: ImportItem, content_hash: str) -> dict[str, Any]:
        series = item.feature.series
        return feature_values(
            item.feature,
            content_hash=content_hash,
            series_id=series_ids[series] if series is not None else None,
            source=item.source,
            source_hash=item.source_hash,
            now=now,
        )

    block_rows: list[dict[str, Any]] = []
    new_ids: dict[str, int] = {}
    if plan.to_update:
        # In place: the feature keeps its id (and created_at); its blocks are replaced.
        heads = [{"id": fid, **values(item, ch)} for fid, item, ch in plan.to_update]
        session.execute(update(FeatureRow), heads)
        for chunk in chunks([feature_id for feature_id, _, _ in plan.to_update]):
            session.execute(
                delete(BlockRow).where(BlockRow.feature_id.in_(chunk)),
                execution_options={"synchronize_session": False},
            )
        for feature_id, item, _ in plan.to_update:
            block_rows.extend(block_values(feature_id, item.feature))
    if plan.to_add:
        inserted = session.execute(
            insert(FeatureRow).returning(FeatureRow.slug, FeatureRow.id),
            [{**values(item, ch), "created_at": now} for item, ch in plan.to_add],
            execution_options=_ALL_COLUMNS,
        )
        new_ids = {slug: feature_id for slug, feature_id in inserted}
        for item, _ in plan.to_add:
            block_rows.extend(block_values(new_ids[item.feature.slug], item.feature))
    if block_rows:
        session.execute(insert(_BLOCKS), block_rows)
    keep_redirects(session, plan.renamed, [item.feature.slug for item in changed])
    enriched = [(fid, item.enrichment) for fid, item, _ in plan.to_update if item.enrichment is not None]
    enriched += [
        (new_ids[item.feature.slug], item.enrichment)
        for item, _ in plan.to_add
        if item.enrichment is not None
    ]
    replace_enrichments(session, enriched)
    # The search index moves with the features, in this same transaction (issue 5); an import's
    # transactions only queue them, for the index to be written after the run's rows (issue 11).
    ids = [new_ids[item.feature.slug] for item, _ in plan.to_add] + [fid for fid, _, _ in plan.to_update]
    if index_deferred(session):  # an import's: queued, made from the rows when the run ends
        unindex_features(session, ids)
    else:
        write_documents(session, [_document(fid, item) for fid, item in zip(ids, changed, strict=True)])
    if plan.moved:
        session.execute(update(FeatureRow), plan.moved)
    return ImportReport(outcomes=tuple(plan.outcomes))


def _document(feature_id: int, item: ImportItem) -> IndexDocument:
    """The item's index row: the one its reader prepared, or made here."""
    if item.document is not None:
        return replace(item.document, feature_id=feature_id)
    return index_document(feature_id, item.feature, enrichment_terms(item.enrichment))


def _stored_heads(session: Session, items: Sequence[ImportItem]) -> list[_Head]:
    """The stored features that share a slug or a source with an item of the batch."""
    slugs = [item.feature.slug for item in items]
    sources = [item.source for item in items]
    found: dict[int, _Head] = {}
    columns = (
        FeatureRow.id,
        FeatureRow.slug,
        FeatureRow.content_hash,
        FeatureRow.source,
        FeatureRow.source_hash,
    )
    for slug_chunk, source_chunk in zip(chunks(slugs), chunks(sources), strict=True):
        query = select(*columns).where(
            or_(FeatureRow.slug.in_(slug_chunk), FeatureRow.source.in_(source_chunk))
        )
        found.update((row[0], _Head(*row)) for row in session.execute(query))
    return list(found.values())


def _plan(items: Sequence[ImportItem], hashes: list[str], stored: list[_Head]) -> _Plan:
    """Sort each item into added, updated (perhaps renamed) or skipped (perhaps moved).

    A stored slug is the same feature (read from where it is now); a new slug
    from a source that made exactly one other feature, not itself in the
    batch, is that feature renamed.
    """
    by_slug = {h.slug: h for h in stored}
    batch_slugs = {item.feature.slug for item in items}
    by_source: dict[str, list[_Head]] = {}
    for stored_head in stored:
        if stored_head.slug not in batch_slugs:
            by_source.setdefault(stored_head.source, []).append(stored_head)
    renamed_ids: set[int] = set()
    plan = _Plan()
    for item, content_hash in zip(items, hashes, strict=True):
        slug = item.feature.slug
        head: _Head | None = by_slug.get(slug)
        candidates = by_source.get(item.source, [])
        if head is None and len(candidates) == 1 and candidates[0].id not in renamed_ids:
            head = candidates[0]
            renamed_ids.add(head.id)
            plan.renamed.append((head.slug, head.id))
        if head is None:
            plan.outcomes.append((slug, Outcome.ADDED))
            plan.to_add.append((item, content_hash))
        elif head.content_hash != content_hash:
            plan.outcomes.append((slug, Outcome.UPDATED))
            plan.to_update.append((head.id, item, content_hash))
        else:
            plan.outcomes.append((slug, Outcome.SKIPPED))
            if (head.source, head.source_hash) != (item.source, item.source_hash):
                plan.moved.append({"id": head.id, "source": item.source, "source_hash": item.source_hash})
    return plan


def _series_ids(session: Session, keys: set[str]) -> dict[str, int]:
    """The ids of the given series keys, creating the series that do not exist yet."""
    if not keys:
        return {}
    found: dict[str, int] = {}
    for chunk in chunks(sorted(keys)):
        found.update(
            (key, id_)
            for key, id_ in session.execute(
                select(SeriesRow.key, SeriesRow.id).where(SeriesRow.key.in_(chunk))
            )
        )
    missing = [{"key": key} for key in sorted(keys - found.keys())]
    if missing:
        found.update(
            (key, id_)
            for key, id_ in session.execute(insert(SeriesRow).returning(SeriesRow.key, SeriesRow.id), missing)
        )
    return found


def chunks(values: Sequence[str] | Sequence[int]) -> Iterator[Sequence[Any]]:
    """Values in runs short enough to bind into one `IN (...)`."""
    for start in range(0, len(values), IN_CHUNK):
        yield values[start : start + IN_CHUNK]
