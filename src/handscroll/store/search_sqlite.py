"""The SQLite search backend: FTS5 `search_fts(title, terms, body)`, rowid = feature id, BM25.

The index holds text stemmed in Python (text/stem.py) and FTS5 only splits
it (`unicode61`, no `porter`, migration 0005), so it stems as PostgreSQL and
the static search do.

It only builds SQL; search_strategy.py counts, caps and ranks. Every token is
quoted in the MATCH text (tokens are letters, digits or one Han character,
query.parse_query), so nothing a user types is FTS5 syntax.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

from handscroll.store.query import Alternative, Clause, SearchQuery
from handscroll.store.search_strategy import SearchFilters, Source, filter_sql
from handscroll.store.search_text import IndexDocument, index_tokens

FTS_WEIGHTS = (10.0, 6.0, 1.0)
"""BM25 weights of the title, terms and body columns: a word in the title counts ten times."""


def fts5_expression(query: SearchQuery) -> str:
    """The FTS5 MATCH text of a parsed query: every token quoted, clauses ANDed, alternatives ORed."""
    return " AND ".join(_fts5_clause(clause) for clause in query.clauses)


def _fts5_clause(clause: Clause) -> str:
    return "(" + " OR ".join(_fts5_alternative(alt) for alt in clause.alternatives) + ")"


def _fts5_alternative(alternative: Alternative) -> str:
    # The quote doubling is a second guard, so no token can ever be FTS5 syntax.
    phrase = " ".join(token.replace('"', '""') for token in index_tokens(alternative))
    return f'"{phrase}"' + (" *" if alternative.prefix else "")


class SqliteBackend:
    """FTS5 rows written and deleted with their feature, in the same transaction."""

    def write(self, session: Session, documents: Sequence[IndexDocument]) -> None:
        """Insert index rows."""
        session.execute(
            text("INSERT INTO search_fts (rowid, title, terms, body) VALUES (:id, :title, :terms, :body)"),
            [{"id": d.feature_id, "title": d.title, "terms": d.terms, "body": d.body} for d in documents],
        )

    def delete(self, session: Session, feature_ids: Sequence[int]) -> None:
        """Delete index rows (FTS5 tables have no foreign key to cascade from)."""
        session.execute(text("DELETE FROM search_fts WHERE rowid = :id"), [{"id": i} for i in feature_ids])

    def source(self, query: SearchQuery, filters: SearchFilters, *, heads: bool = False) -> Source:
        """The matches of a query; `heads` keeps those in a title or the glossary terms."""
        where, params = filter_sql(filters)
        expression = fts5_expression(query)
        params["q"] = "{title terms} : (" + expression + ")" if heads else expression
        weights = ", ".join(str(w) for w in FTS_WEIGHTS)
        # Without filters the features table is not joined: the index alone ranks and
        # counts (index rows and features change in the same transactions), twice as fast.
        sql = (
            "FROM search_fts JOIN features f ON f.id = search_fts.rowid "
            f"LEFT JOIN series s ON s.id = f.series_id WHERE search_fts MATCH :q{where}"
            if where
            else "FROM search_fts WHERE search_fts MATCH :q"
        )
        return Source(sql, params, id_column="search_fts.rowid", score=f"-bm25(search_fts, {weights})")

    def vocabulary(self, session: Session) -> list[str]:
        """The library's indexed words (stems), for "did you mean"."""
        rows = session.execute(text("SELECT term FROM search_vocab WHERE length(term) >= 3"))
        return [term for (term,) in rows if term.isalpha() and term.isascii()]
