"""Search index: FTS5 on SQLite, a weighted tsvector with a GIN index on PostgreSQL.

Neither is in the models' metadata (FTS5 virtual tables and tsvector columns
are database-specific), so migrations/env.py keeps them out of autogenerate.
Existing features are indexed here, in the migration's transaction.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import select
from sqlalchemy.orm import Session

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TABLE search_documents ("
            "feature_id INTEGER PRIMARY KEY REFERENCES features (id) ON DELETE CASCADE, "
            "document TSVECTOR NOT NULL)"
        )
        op.execute("CREATE INDEX ix_search_documents_document ON search_documents USING GIN (document)")
    else:
        # Han characters are spaced out before indexing (store/query.py fold_text),
        # so unicode61 makes each one a token and porter stems only the English.
        # Prefix indexes of 2-4 characters make `withdr*` a lookup, not a scan of the terms.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5("
            "title, terms, body, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3 4')"
        )
        op.execute("CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row')")
    _index_existing()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE search_documents")
    else:
        op.execute("DROP TABLE search_vocab")
        op.execute("DROP TABLE search_fts")


def _index_existing() -> None:
    # On SQLite the index is tantivy's now (migration 0012 queues every feature for it).
    if op.get_bind().dialect.name != "postgresql":
        return
    from handscroll.store.search import reindex_stored
    from handscroll.store.tables import FeatureRow

    session = Session(bind=op.get_bind())
    ids = list(session.execute(select(FeatureRow.id)).scalars())
    for start in range(0, len(ids), 500):
        reindex_stored(session, ids[start : start + 500])
    session.flush()
