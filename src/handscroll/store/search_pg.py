"""The PostgreSQL search backend: a weighted tsvector per feature, a GIN index, `ts_rank`.

Title and terms are weight A and B, the body D; Han characters are indexed
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

from handscroll.store.query import Alternative, Clause, SearchQuery
from handscroll.store.search import COUNT_CAP, SearchFilters, _filter_sql
from handscroll.store.search_text import IndexDocument

RANK_WEIGHTS = "{0.05, 0.2, 0.6, 1.0}"
"""ts_rank weights of D (body), C, B (terms), A (title)."""


class PostgresBackend:
    """tsvector rows in `search_documents`, removed with their feature by ON DELETE CASCADE."""

    def write(self, session: Session, documents: Sequence[IndexDocument]) -> None:
        """Insert index rows, building the weighted tsvector in the database."""
        session.execute(
            text(
                "INSERT INTO search_documents (feature_id, document) VALUES (:id, "
                "setweight(to_tsvector('english', :title), 'A') || "
                "setweight(to_tsvector('english', :terms), 'B') || "
                "setweight(to_tsvector('english', :body), 'D'))"
            ),
            [{"id": d.feature_id, "title": d.title, "terms": d.terms, "body": d.body} for d in documents],
        )

    def delete(self, session: Session, feature_ids: Sequence[int]) -> None:
        """Delete index rows (an updated feature keeps its id, so its row is replaced)."""
        session.execute(
            text("DELETE FROM search_documents WHERE feature_id = ANY(:ids)"), {"ids": list(feature_ids)}
        )

    def match(
        self, session: Session, query: SearchQuery, filters: SearchFilters, limit: int, offset: int
    ) -> tuple[list[tuple[int, float]], int]:
        """Feature ids and scores of a page of matches, best first, and the total."""
        tsquery, params = _compile(query)
        where, filter_params = _filter_sql(filters)
        params.update(filter_params)
        base = (
            f"FROM search_documents d JOIN features f ON f.id = d.feature_id "
            f"LEFT JOIN series s ON s.id = f.series_id WHERE d.document @@ ({tsquery}){where}"
        )
        total = session.execute(
            text(f"SELECT count(*) FROM (SELECT 1 {base} LIMIT :cap) AS capped"),
            {**params, "cap": COUNT_CAP + 1},
        ).scalar_one()
        if total <= COUNT_CAP:
            return _ranked(session, base, tsquery, params, limit, offset), int(total)
        # As on SQLite (search.py): a very common query ranks the matches in a title or the
        # glossary terms (weights A and B) and the COUNT_CAP newest others, not all of them.
        recent = _recent(session, base, tsquery, params, limit + offset)
        heads_query, heads_params = _compile(query, heads=True)
        heads_params.update(filter_params)
        heads_base = base.replace(f"@@ ({tsquery})", f"@@ ({heads_query})", 1)
        heads_total = session.execute(
            text(f"SELECT count(*) FROM (SELECT 1 {heads_base} LIMIT :cap) AS capped"),
            {**heads_params, "cap": COUNT_CAP + 1},
        ).scalar_one()
        if heads_total <= COUNT_CAP:
            headed = _ranked(session, heads_base, tsquery, {**params, **heads_params}, limit + offset, 0)
        else:
            headed = _recent(session, heads_base, tsquery, {**params, **heads_params}, limit + offset)
        best: dict[int, float] = {}
        for feature_id, score in recent + headed:
            best[feature_id] = max(score, best.get(feature_id, score))
        ordered = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return ordered[offset : offset + limit], int(total)

    def count(self, session: Session, clause: Clause) -> int:
        """How many features one clause matches."""
        tsquery, params = _compile(SearchQuery(text=clause.text, clauses=(clause,)))
        sql = f"SELECT count(*) FROM search_documents WHERE document @@ ({tsquery})"
        return int(session.execute(text(sql), params).scalar_one())

    def vocabulary(self, session: Session) -> list[str]:
        """The library's lexemes (stems), for "did you mean"."""
        rows = session.execute(
            text("SELECT word FROM ts_stat('SELECT document FROM search_documents') WHERE length(word) >= 3")
        )
        return [word for (word,) in rows if word.isalpha() and word.isascii()]


def _ranked(
    session: Session, base: str, tsquery: str, params: dict[str, Any], limit: int, offset: int
) -> list[tuple[int, float]]:
    rows = session.execute(
        text(
            f"SELECT f.id, ts_rank('{RANK_WEIGHTS}', d.document, ({tsquery}), 1) AS score {base} "
            "ORDER BY score DESC, f.id LIMIT :n OFFSET :o"
        ),
        {**params, "n": limit, "o": offset},
    ).all()
    return [(row[0], float(row[1])) for row in rows]


def _recent(
    session: Session, base: str, tsquery: str, params: dict[str, Any], limit: int
) -> list[tuple[int, float]]:
    """The best `limit` of the COUNT_CAP newest matches (highest feature ids)."""
    cutoff = session.execute(
        text(f"SELECT f.id {base} ORDER BY f.id DESC LIMIT 1 OFFSET :at"), {**params, "at": COUNT_CAP - 1}
    ).scalar_one()
    return _ranked(session, f"{base} AND f.id >= :cutoff", tsquery, {**params, "cutoff": cutoff}, limit, 0)


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
            alternatives.append(f"{function}('english', :{name})")
        clauses.append("(" + " || ".join(alternatives) + ")")
    return " && ".join(clauses), params


def _tsquery_text(alternative: Alternative, *, heads: bool = False) -> str:
    if not alternative.prefix and not heads:
        return " ".join(alternative.tokens)
    # to_tsquery syntax, safe because tokens are letters and digits only (parse_query).
    weight = "AB" if heads else ""
    quoted = [
        f"'{token}':{weight}" if weight else f"'{token}'" for token in alternative.tokens if token.isalnum()
    ]
    if not quoted:
        return "''"
    if alternative.prefix:
        quoted[-1] = f"'{alternative.tokens[-1]}':*{weight}"
    return " <-> ".join(quoted)
