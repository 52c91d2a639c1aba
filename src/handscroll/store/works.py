"""Works and their editions in the library: which features are editions of one work (issue 12).

The key is written with the feature, in the import's transaction, so a
feature and its work never disagree; reading the editions of a work is one
indexed query.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from handscroll.store.records import ImportItem
from handscroll.store.tables import EditionRow, FeatureRow

_CHUNK = 500


def save_works(session: Session, items: Sequence[ImportItem]) -> None:
    """Record (or clear) the work key of each imported item's feature, by slug."""
    slugs = [item.feature.slug for item in items]
    if not slugs:
        return
    ids = dict(
        session.execute(select(FeatureRow.slug, FeatureRow.id).where(FeatureRow.slug.in_(slugs))).all()
    )
    present = [ids[slug] for slug in slugs if slug in ids]
    session.execute(delete(EditionRow).where(EditionRow.feature_id.in_(present)))
    rows = [
        {"feature_id": ids[item.feature.slug], "work_key": item.work}
        for item in items
        if item.work and item.feature.slug in ids
    ]
    if rows:
        session.execute(insert(EditionRow), rows)


def editions_of(session: Session, keys: Iterable[str]) -> dict[str, list[tuple[str, str, str]]]:
    """Per work key, its stored editions as (slug, language, source), in slug order."""
    wanted = sorted(set(keys))
    found: dict[str, list[tuple[str, str, str]]] = {key: [] for key in wanted}
    if not wanted:
        return found
    for start in range(0, len(wanted), _CHUNK):
        query = (
            select(EditionRow.work_key, FeatureRow.slug, FeatureRow.language, FeatureRow.source)
            .join(FeatureRow, FeatureRow.id == EditionRow.feature_id)
            .where(EditionRow.work_key.in_(wanted[start : start + _CHUNK]))
            .order_by(FeatureRow.slug)
        )
        for key, slug, language, source in session.execute(query):
            found[key].append((slug, language, source))
    return found
