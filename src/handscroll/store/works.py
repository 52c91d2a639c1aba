"""Works and their editions in the library: which features are editions of one work (issue 12).

The key is written with the feature, in the import's transaction, so a
feature and its work never disagree; reading the editions of a work is one
indexed query. A Simplified edition converted by machine is marked `derived`
and gives way, in the same transaction, to a real Simplified edition of its work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from handscroll.store.records import ImportItem
from handscroll.store.search import unindex_features
from handscroll.store.tables import EditionRow, FeatureRow

_CHUNK = 500


@dataclass(frozen=True)
class StoredEdition:
    """One stored edition of a work: its feature, language and source, and whether it was
    converted by machine rather than written."""

    slug: str
    language: str
    source: str
    derived: bool = False
    title: str = ""
    work: str | None = None
    """The key of the work (series and part, or the key given on import)."""


def save_works(session: Session, items: Sequence[ImportItem]) -> list[str]:
    """Record (or clear) the work key of each imported item's feature, by slug; return the slugs of
    derived editions deleted because a real Simplified edition of their work arrived."""
    slugs = [item.feature.slug for item in items]
    if not slugs:
        return []
    ids = dict(
        session.execute(select(FeatureRow.slug, FeatureRow.id).where(FeatureRow.slug.in_(slugs))).all()
    )
    present = [ids[slug] for slug in slugs if slug in ids]
    session.execute(delete(EditionRow).where(EditionRow.feature_id.in_(present)))
    rows = [
        {"feature_id": ids[item.feature.slug], "work_key": item.work, "derived": item.derived}
        for item in items
        if item.work and item.feature.slug in ids
    ]
    if rows:
        session.execute(insert(EditionRow), rows)
    written = {
        item.work for item in items if item.work and item.feature.language == "zh-Hans" and not item.derived
    }
    return _drop_derived(session, written, set(slugs))


def _drop_derived(session: Session, keys: set[str], keep: set[str]) -> list[str]:
    """Delete the derived editions of these works (a real one has come), except features in `keep`."""
    if not keys:
        return []
    found = session.execute(
        select(FeatureRow.id, FeatureRow.slug)
        .join(EditionRow, EditionRow.feature_id == FeatureRow.id)
        .where(EditionRow.work_key.in_(sorted(keys)), EditionRow.derived.is_(True))
    ).all()
    doomed = [(id_, slug) for id_, slug in found if slug not in keep]
    if doomed:
        unindex_features(session, [id_ for id_, _ in doomed])  # FTS5 rows have no foreign key
        for row in session.scalars(select(FeatureRow).where(FeatureRow.id.in_([i for i, _ in doomed]))):
            session.delete(row)  # as Library.delete_feature: the ORM cascades to blocks and enrichment
    return [slug for _, slug in doomed]


def editions_of(session: Session, keys: Iterable[str]) -> dict[str, list[StoredEdition]]:
    """Per work key, its stored editions, in slug order."""
    wanted = sorted(set(keys))
    found: dict[str, list[StoredEdition]] = {key: [] for key in wanted}
    for start in range(0, len(wanted), _CHUNK):
        query = (
            select(EditionRow.work_key, FeatureRow.slug, FeatureRow.language, FeatureRow.source)
            .add_columns(EditionRow.derived, FeatureRow.title)
            .join(FeatureRow, FeatureRow.id == EditionRow.feature_id)
            .where(EditionRow.work_key.in_(wanted[start : start + _CHUNK]))
            .order_by(FeatureRow.slug)
        )
        for key, slug, language, source, derived, title in session.execute(query):
            found[key].append(StoredEdition(slug, language, source, bool(derived), title, key))
    return found


def work_keys(session: Session, slugs: Iterable[str]) -> dict[str, tuple[str, bool]]:
    """Per slug that is an edition of a work, its work key and whether it is derived."""
    wanted = sorted(set(slugs))
    found: dict[str, tuple[str, bool]] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = (
            select(FeatureRow.slug, EditionRow.work_key, EditionRow.derived)
            .join(EditionRow, EditionRow.feature_id == FeatureRow.id)
            .where(FeatureRow.slug.in_(wanted[start : start + _CHUNK]))
        )
        found.update((slug, (key, bool(derived))) for slug, key, derived in session.execute(query))
    return found
