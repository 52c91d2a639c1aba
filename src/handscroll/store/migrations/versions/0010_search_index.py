"""SQLite search moves from FTS5 to an embedded tantivy index fed through an outbox (issue 11).

FTS5 ranks every matching row (benchmarks/README.md); the index is now a
tantivy folder beside the database (store/search_tantivy.py). What keeps it in
step is here: `search_outbox` lists the features whose index document must be
written or removed, filled in the writing transaction by the index writes and
by triggers on `features` (so a feature changed or deleted by any path is
never left behind), emptied once the index has committed. Every stored
feature is queued: the library builds its index when it is next opened.
PostgreSQL keeps its tsvector rows and is not changed.

Revision ID: 0010_search_index
Revises: 0009_workspace
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0010_search_index"
down_revision: str | None = "0009_workspace"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NEXT = "(SELECT coalesce(max(version), 0) + 1 FROM search_outbox)"

TRIGGERS = {
    "search_outbox_insert": f"AFTER INSERT ON features BEGIN INSERT OR REPLACE INTO search_outbox "
    f"(feature_id, version) VALUES (new.id, {_NEXT}); END",
    "search_outbox_update": "AFTER UPDATE OF slug, series_id, part, title, language ON features BEGIN "
    f"INSERT OR REPLACE INTO search_outbox (feature_id, version) VALUES (new.id, {_NEXT}); END",
    "search_outbox_delete": f"AFTER DELETE ON features BEGIN INSERT OR REPLACE INTO search_outbox "
    f"(feature_id, version) VALUES (old.id, {_NEXT}); END",
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    op.execute("DROP TABLE IF EXISTS search_vocab")
    op.execute("DROP TABLE IF EXISTS search_fts")
    op.execute("CREATE TABLE search_outbox (feature_id INTEGER PRIMARY KEY, version INTEGER NOT NULL)")
    op.execute("CREATE INDEX ix_search_outbox_version ON search_outbox (version)")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("INSERT INTO search_outbox (feature_id, version) SELECT id, 1 FROM features")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE search_outbox")
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, terms, body, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4')"
    )
    op.execute("CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row')")
