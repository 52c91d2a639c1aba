"""The parts of feature pages kept beside the features (issue 11): stored and read, never made here.

A first render of a feature page spent about half its CPU on work that depends only on the
feature and its enrichment (marking the texts, the extras, the JSON-LD of what enrichment
found). `publish.page_parts` works that out once and keeps it here, one row a feature, as
bytes the store does not read, under a key (a digest of what they were made from) that the
reader compares with its own: unequal means stale, and the reader makes them again. The row
is read with the page's head (`feature_view`) and goes with its feature (a foreign key, on
delete cascade). A write here changes no page, so it does not bump the library's version.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, delete, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from handscroll.store.tables import FeatureRow, RenderPartsRow

BUSY_MS = 5000
"""SQLite's wait for a lock as pysqlite sets it (its `timeout`, 5 s): put back after a write that
would not wait."""


class StoredParts:
    """The Library's writes of render parts; mixed into `Library`."""

    _engine: Engine
    _writer: Engine

    def save_render_parts(self, rows: Sequence[tuple[int, str, bytes]], *, wait: bool = True) -> bool:
        """Keep (feature id, key, parts) rows in place of any kept before; False when the write
        failed. `wait=False` gives up at once when another writer holds the library: a reader
        keeps parts best-effort, and its page must not queue behind an import."""
        if not rows:
            return True
        ids = [feature_id for feature_id, _, _ in rows]
        try:
            with self._writer.connect() as conn, _no_wait(conn, not wait), conn.begin():
                if not wait and conn.dialect.name != "sqlite":
                    conn.execute(text("SET LOCAL lock_timeout = '100ms'"))
                conn.execute(delete(RenderPartsRow).where(RenderPartsRow.feature_id.in_(ids)))
                conn.execute(
                    insert(RenderPartsRow), [{"feature_id": i, "key": k, "data": d} for i, k, d in rows]
                )
        except SQLAlchemyError:
            return False
        return True

    def feature_slugs(self) -> list[str]:
        """Every feature's slug, in id order (for making the parts of every page)."""
        with self._engine.connect() as conn:
            return list(conn.execute(select(FeatureRow.slug).order_by(FeatureRow.id)).scalars())

    def render_parts_size(self) -> tuple[int, int]:
        """How many rows of parts are kept, and their bytes in all."""
        with self._engine.connect() as conn:
            count, size = conn.execute(
                select(func.count(), func.coalesce(func.sum(func.length(RenderPartsRow.data)), 0))
            ).one()
        return int(count), int(size)


@contextmanager
def _no_wait(conn: Connection, active: bool) -> Iterator[None]:
    """On SQLite, while `active`, fail at once on a lock instead of waiting (before BEGIN IMMEDIATE,
    which takes it)."""
    raw = conn.connection.driver_connection if active and conn.dialect.name == "sqlite" else None
    if raw is None:
        yield
        return
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        yield
    finally:
        raw.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
