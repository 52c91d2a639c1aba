"""SQLite search moves from FTS5 to an embedded tantivy index fed through an outbox (issue 11).

FTS5 ranks every matching row (benchmarks/README.md); the index is now a
tantivy folder beside the database (store/search_tantivy.py). What keeps it in
step is here: `search_outbox` lists the features whose index document must be
written or removed, filled in the writing transaction by the index writes and
by triggers on `features` (so a feature changed or deleted by any path is
never left behind), emptied once the index has committed. Every stored
feature is queued: the library builds its index when it is next opened.
PostgreSQL keeps its tsvector rows and is not changed.

Revision ID: 0014_search_index
Revises: 0013_serving
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014_search_index"
down_revision: str | None = "0013_serving"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    op.execute("DROP TABLE IF EXISTS search_vocab")
    op.execute("DROP TABLE IF EXISTS search_fts")
    from handscroll.store.search_embedded import ensure_outbox

    ensure_outbox(op.get_bind())
    op.execute("INSERT INTO search_outbox (feature_id, version) SELECT id, 1 FROM features")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    from handscroll.store.search_embedded import TRIGGERS

    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE search_outbox")
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, terms, body, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')"
    )
    op.execute("CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row')")
