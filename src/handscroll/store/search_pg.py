"""The PostgreSQL search backend: a weighted tsvector per feature, a GIN index, `ts_rank`.

The text comes stemmed (text/stem.py) and the `simple` configuration only
splits and lowercases it, so PostgreSQL stems as SQLite and the static search
do (issue 9). Title and terms are weight A and B, the body D; Han characters are indexed
one lexeme each (folded to Simplified by `query.fold_text`, as on SQLite),
so a Chinese query is a phrase (`<->`) of characters. Queries are built from
bound parameters with `phraseto_tsquery`, never by handing user text to
`to_tsquery`; a prefix lexeme is letters and digits only (query.parse_query).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from handscroll.store import search_strategy
from handscroll.store.query import Alternative, Clause, SearchQuery
from handscroll.store.search_documents import stored_shown
from handscroll.store.search_strategy import Hits, SearchFilters, Source, filter_sql
from handscroll.store.search_text import IndexDocument, Shown, index_tokens

RANK_WEIGHTS = "{0.05, 0.2, 0.6, 1.0}"
"""ts_rank weights of D (body), C, B (terms), A (title)."""


class PostgresBackend:
    """tsvector rows in `search_documents`, removed with their feature by ON DELETE CASCADE."""

    exact_totals = False  # counting stops past the cap (search_strategy)

    def write(self, session: Session, documents: Sequence[IndexDocument]) -> None:
        """Insert index rows, building the weighted tsvector in the database."""
        session.execute(
            text(
                "INSERT INTO search_documents (feature_id, document) VALUES (:id, "
                "setweight(to_tsvector('simple', :title), 'A') || "
                "setweight(to_tsvector('simple', :terms), 'B') || "
                "setweight(to_tsvector('simple', :body), 'D'))"
            ),
            [{"id": d.feature_id, "title": d.title, "terms": d.terms, "body": d.body} for d in documents],
        )

    def delete(self, session: Session, feature_ids: Sequence[int]) -> None:
        """Delete index rows (an updated feature keeps its id, so its row is replaced)."""
        session.execute(
            text("DELETE FROM search_documents WHERE feature_id = ANY(:ids)"), {"ids": list(feature_ids)}
        )

    def source(self, query: SearchQuery, filters: SearchFilters, *, heads: bool = False) -> Source:
        """The matches of a query; `heads` keeps those in a title or the glossary terms (A and B).

        Heads are still scored by the whole query, as every other match is.
        """
        tsquery, params = _compile(query)
        matched, matched_params = _compile(query, heads=True) if heads else (tsquery, {})
        where, filter_params = filter_sql(filters)
        sql = (
            "FROM search_documents d JOIN features f ON f.id = d.feature_id "
            f"LEFT JOIN series s ON s.id = f.series_id WHERE d.document @@ ({matched}){where}"
        )
        score = f"ts_rank('{RANK_WEIGHTS}', d.document, ({tsquery}), 1)"
        # The id of the index row, not of `features`: PostgreSQL does not carry `f.id >= n` over
        # to `d`, so "the 1,000 newest matches" would recheck every match's tsvector (300 ms for
        # two common words at 100k) instead of those in the range.
        params = {**params, **matched_params, **filter_params}
        return Source(sql, params, id_column="d.feature_id", score=score)

    def match(
        self, session: Session, query: SearchQuery, filters: SearchFilters, limit: int, offset: int
    ) -> tuple[Hits, int]:
        """Feature ids and scores of a page of matches, best first, and the total (capped)."""
        return search_strategy.match(session, self, query, filters, limit, offset)

    def shown(self, session: Session, feature_ids: Sequence[int]) -> dict[int, Shown]:
        """What the results of these features show, read from the tables."""
        return stored_shown(session, feature_ids)

    def matches_any(self, session: Session, clause: Clause) -> bool:
        """Whether one clause alone matches any feature (for "did you mean")."""
        return search_strategy.clause_matches(session, self, clause)

    def vocabulary(self, session: Session) -> list[str]:
        """The library's lexemes (stems), for "did you mean"."""
        rows = session.execute(
            text("SELECT word FROM ts_stat('SELECT document FROM search_documents') WHERE length(word) >= 3")
        )
        return [word for (word,) in rows if word.isalpha() and word.isascii()]


def _compile(query: SearchQuery, *, heads: bool = False) -> tuple[str, dict[str, Any]]:
    """SQL text of a tsquery expression whose every token is a bound parameter.

    `heads` restricts every token to weights A and B (title and glossary terms).
    """
    params: dict[str, Any] = {}
    clauses = []
    for clause in query.clauses:
        alternatives = []
        for alternative in clause.alternatives:
            name = f"{'h' if heads else 't'}{len(params)}"
            params[name] = _tsquery_text(alternative, heads=heads)
            function = "to_tsquery" if alternative.prefix or heads else "phraseto_tsquery"
            alternatives.append(f"{function}('simple', :{name})")
        clauses.append("(" + " || ".join(alternatives) + ")")
    return " && ".join(clauses), params


def _tsquery_text(alternative: Alternative, *, heads: bool = False) -> str:
    if not alternative.prefix and not heads:
        return " ".join(index_tokens(alternative))
    # to_tsquery syntax, safe because tokens are letters and digits only (parse_query).
    weight = "AB" if heads else ""
    tokens = [token for token in index_tokens(alternative) if token.isalnum()]
    quoted = [f"'{token}':{weight}" if weight else f"'{token}'" for token in tokens]
    if not quoted:
        return "''"
    if alternative.prefix:
        quoted[-1] = f"'{tokens[-1]}':*{weight}"
    return " <-> ".join(quoted)
