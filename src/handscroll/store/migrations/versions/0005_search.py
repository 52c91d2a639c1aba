"""Search index of stemmed text: FTS5 without `porter`, PostgreSQL rows rebuilt for `simple`.

The index now holds text stemmed by Snowball in Python (text/stem.py), so
every search path stems alike (issue 9). SQLite's FTS5 table is made again
with the plain `unicode61` tokenizer; PostgreSQL's rows are rebuilt (the
`simple` configuration is chosen per statement, not in the schema). Every
stored feature is indexed again in the migration's transaction.

Revision ID: 0005_search
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import select
from sqlalchemy.orm import Session

revision: str = "0005_search"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _make_index(tokenize="unicode61 remove_diacritics 2")


def downgrade() -> None:
    _make_index(tokenize="porter unicode61 remove_diacritics 2")


def _make_index(*, tokenize: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DELETE FROM search_documents")
    else:
        op.execute("DROP TABLE search_vocab")
        op.execute("DROP TABLE search_fts")
        # Han characters are spaced out before indexing (store/query.py fold_text), so
        # unicode61 makes each one a token. Prefix indexes make `withdr*` a lookup.
        op.execute(
            f"CREATE VIRTUAL TABLE search_fts USING fts5(title, terms, body, tokenize = '{tokenize}', "
            "prefix = '2 3 4')"
        )
        op.execute("CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'row')")
    _index_existing()


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
