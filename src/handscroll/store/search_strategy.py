"""What every search backend provides, and how a SQL one is matched, counted, capped and ranked.

The SQLite library searches an embedded tantivy index (`search_embedded`),
which ranks and counts every match itself. A SQL backend (`search_pg`) only
builds SQL: the FROM/WHERE of the matches of a query (`Source`) and the
expression that scores them; this module runs the strategy on top: count up
to COUNT_CAP; rank every match when fewer; past the cap, rank the matches in a
title or the glossary terms plus the COUNT_CAP newest others, and merge them
(benchmarks/README.md says why: ranking in SQL costs per matching row).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.orm import Session

from handscroll.store.query import Clause, SearchQuery
from handscroll.store.search_text import IndexDocument, Shown

COUNT_CAP = 1000
"""Totals are counted up to here; beyond, "more than 1,000" is all a reader needs (and counting costs)."""

Hits = list[tuple[int, float]]
"""Feature ids with their scores, best first."""


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search to one series, one language and/or features with an event in a year range."""

    series: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    language: str | None = None
    """Only editions in this language (`en`, `zh-Hant`, `zh-Hans`; issue 12)."""


@dataclass(frozen=True)
class Source:
    """The SQL of a query's matches: `FROM ... WHERE ...`, its parameters, the id and score expressions.

    `score` is higher for better matches.
    """

    sql: str
    params: dict[str, Any] = field(default_factory=dict)
    id_column: str = "f.id"
    score: str = "0"

    def narrowed(self, condition: str, **params: Any) -> Source:
        """The same source with one more condition ANDed to its WHERE."""
        return Source(f"{self.sql} AND {condition}", {**self.params, **params}, self.id_column, self.score)


class SearchBackend(Protocol):
    """What each library's search provides: index writes inside the caller's transaction, and queries."""

    exact_totals: bool
    """False when `match` counts only up to COUNT_CAP + 1."""

    def write(self, session: Session, documents: Sequence[IndexDocument]) -> None: ...
    def delete(self, session: Session, feature_ids: Sequence[int]) -> None: ...
    def match(
        self, session: Session, query: SearchQuery, filters: SearchFilters, limit: int, offset: int
    ) -> tuple[Hits, int]: ...
    def shown(self, session: Session, feature_ids: Sequence[int]) -> dict[int, Shown]: ...
    def matches_any(self, session: Session, clause: Clause) -> bool: ...
    def vocabulary(self, session: Session) -> list[str]: ...


class Dialect(Protocol):
    """What a SQL backend builds: the SQL of a query's matches."""

    def source(self, query: SearchQuery, filters: SearchFilters, *, heads: bool = False) -> Source: ...


def match(
    session: Session, dialect: Dialect, query: SearchQuery, filters: SearchFilters, limit: int, offset: int
) -> tuple[Hits, int]:
    """Feature ids and scores of a page of matches, best first, and the total (capped)."""
    source = dialect.source(query, filters)
    total = count(session, source)
    if total <= COUNT_CAP:
        return _ranked(session, source, limit, offset), total
    # Ranking costs per row: a word in 50,000 features would take 50 ms to rank. So a
    # very common query ranks every match in a title or the glossary terms, and the
    # COUNT_CAP newest matches elsewhere: the best of those, not of all.
    recent = _recent(session, source, limit + offset)
    heads = dialect.source(query, filters, heads=True)
    if count(session, heads) <= COUNT_CAP:
        headed = _ranked(session, heads, limit + offset, 0)
    else:
        headed = _recent(session, heads, limit + offset)
    best: dict[int, float] = {}
    for feature_id, score in recent + headed:
        best[feature_id] = max(score, best.get(feature_id, score))
    ordered = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return ordered[offset : offset + limit], total


def count(session: Session, source: Source, cap: int | None = None) -> int:
    """How many features a source matches, counted up to `cap` + 1 (COUNT_CAP by default)."""
    limit = (COUNT_CAP if cap is None else cap) + 1
    sql = f"SELECT count(*) FROM (SELECT 1 {source.sql} LIMIT :cap) AS capped"
    return int(session.execute(text(sql), {**source.params, "cap": limit}).scalar_one())


def clause_matches(session: Session, dialect: Dialect, clause: Clause) -> bool:
    """Whether one clause alone matches any feature (for "did you mean")."""
    query = SearchQuery(text=clause.text, clauses=(clause,))
    return count(session, dialect.source(query, SearchFilters()), cap=0) > 0


def _ranked(session: Session, source: Source, limit: int, offset: int) -> Hits:
    rows = session.execute(
        text(
            f"SELECT {source.id_column}, {source.score} AS score {source.sql} "
            f"ORDER BY score DESC, {source.id_column} LIMIT :n OFFSET :o"
        ),
        {**source.params, "n": limit, "o": offset},
    ).all()
    return [(int(row[0]), float(row[1])) for row in rows]


def _recent(session: Session, source: Source, limit: int) -> Hits:
    """The best `limit` of the COUNT_CAP newest matches (highest feature ids)."""
    cutoff = session.execute(
        text(f"SELECT {source.id_column} {source.sql} ORDER BY {source.id_column} DESC LIMIT 1 OFFSET :at"),
        {**source.params, "at": COUNT_CAP - 1},
    ).scalar_one()
    return _ranked(session, source.narrowed(f"{source.id_column} >= :cutoff", cutoff=cutoff), limit, 0)


def filter_sql(filters: SearchFilters) -> tuple[str, dict[str, Any]]:
    """SQL conditions (on `f` features and `s` series) and parameters for the filters."""
    where, params = "", dict[str, Any]()
    if filters.language is not None:
        where += " AND f.language = :language"
        params["language"] = filters.language
    if filters.series is not None:
        where += " AND s.key = :series"
        params["series"] = filters.series
    if filters.year_from is not None or filters.year_to is not None:
        where += " AND EXISTS (SELECT 1 FROM events e WHERE e.feature_id = f.id"
        if filters.year_from is not None:
            where += " AND e.year >= :year_from"
            params["year_from"] = filters.year_from
        if filters.year_to is not None:
            where += " AND e.year <= :year_to"
            params["year_to"] = filters.year_to
        where += ")"
    return where, params
