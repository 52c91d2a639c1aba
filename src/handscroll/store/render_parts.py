"""The parts of feature pages kept beside the features (issue 11): stored and read, never made here.

A first render of a feature page spent about half its CPU on work that depends only on the
feature and its enrichment (marking the texts, the extras, the JSON-LD of what enrichment
found). `publish.page_parts` works that out once and keeps it here, one row a feature, as
bytes the store does not read, under a key (a digest of what they were made from) that the
reader compares with its own: unequal means stale, and the reader makes them again. The row
goes with its feature (a foreign key, on delete cascade). A write here changes no page, so
it does not bump the library's version.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.exc import SQLAlchemyError

from handscroll.store.tables import FeatureRow, RenderPartsRow

PARTS = select(RenderPartsRow.key, RenderPartsRow.data)
"""A feature's stored parts and their key; joined to a feature page's head (`feature_view`)."""


class StoredParts:
    """The Library's writes of render parts; mixed into `Library`."""

    _engine: Engine
    _writer: Engine

    def save_render_parts(self, rows: Sequence[tuple[int, str, bytes]]) -> bool:
        """Keep (feature id, key, parts) rows in place of any kept before; False when the write
        failed (a reader fills them best-effort: a busy or read-only library leaves them unmade)."""
        if not rows:
            return True
        ids = [feature_id for feature_id, _, _ in rows]
        try:
            with self._writer.begin() as conn:
                conn.execute(delete(RenderPartsRow).where(RenderPartsRow.feature_id.in_(ids)))
                conn.execute(
                    insert(RenderPartsRow),
                    [{"feature_id": i, "key": key, "data": data} for i, key, data in rows],
                )
        except SQLAlchemyError:
            return False
        return True

    def feature_slugs(self) -> list[str]:
        """Every feature's slug, in id order (for filling the parts of every page)."""
        with self._engine.connect() as conn:
            return list(conn.execute(select(FeatureRow.slug).order_by(FeatureRow.id)).scalars())

    def render_parts_size(self) -> tuple[int, int]:
        """How many rows of parts are kept, and their bytes in all."""
        with self._engine.connect() as conn:
            count, size = conn.execute(
                select(func.count(), func.coalesce(func.sum(func.length(RenderPartsRow.data)), 0))
            ).one()
        return int(count), int(size)
