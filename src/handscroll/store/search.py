"""Full-text search over the library: one interface, an FTS5 index on SQLite, tsvector on PostgreSQL.

The index holds one row per feature (see `search_text.IndexDocument`) and is
written in the transaction that writes the feature (issue 5): `index_features`
from `_import`, `unindex_features` from `delete_feature`. Queries are parsed
once (`query.parse_query`), matched and ranked by the database (BM25 on
FTS5, `ts_rank` with field weights on PostgreSQL), and the page of results is
given snippets and deep links in Python from the stored blocks.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from handscroll.model import Enrichment, Feature
from handscroll.store import search_strategy
from handscroll.store.mapping import build_feature
from handscroll.store.pinyin_terms import expand_pinyin
from handscroll.store.query import QueryCut, SearchQuery, parse_query
from handscroll.store.search_sqlite import SqliteBackend
from handscroll.store.search_strategy import COUNT_CAP, Dialect, SearchFilters, clause_matches, match
from handscroll.store.search_text import SearchMatch, Snippet, TermForms, best_snippet, index_document
from handscroll.store.tables import BlockRow, EnrichmentRow, FeatureRow, SeriesRow, TermRow

__all__ = ["COUNT_CAP", "SearchFilters", "SearchResult", "SearchResults", "search_library"]

MAX_LIMIT = 100
"""Most results one page may ask for."""

VOCABULARY_TTL = 60.0
"""Seconds a library's vocabulary (for "did you mean") is reused before it is read again."""

MAX_SUGGESTED_WORD = 40
"""Longer words get no "did you mean": no vocabulary word is that long, and fuzzy matching costs."""

SEARCH_TABLES = ("search_fts", "search_vocab", "search_documents")
"""Index tables made by raw DDL in migration 0003 (FTS5 and its shadow tables; tsvector)."""


def include_in_autogenerate(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic `include_object`: leave the search index out, it is not in the models' metadata."""
    table = obj if type_ == "table" else getattr(obj, "table", None)
    table_name = getattr(table, "name", None) or name or ""
    return not (reflected and compare_to is None and table_name.startswith(SEARCH_TABLES))


@dataclass(frozen=True)
class SearchResult:
    """One matching feature, its best snippet (text with the matches' offsets) and where that is."""

    slug: str
    title: str
    series: str | None
    part: int | None
    snippet: Snippet
    match: SearchMatch | None
    score: float


@dataclass(frozen=True)
class SearchResults:
    """A page of results, the total, a "did you mean" suggestion and what became of the query.

    Data only: publish/search_marks.py words the notices and marks up the snippets.
    """

    query: str
    results: tuple[SearchResult, ...]
    total: int
    """How many features match, counted up to COUNT_CAP + 1 (see `total_exact`)."""
    suggestion: str | None = None
    corrected: bool = False
    """True when nothing matched the query as typed and these are the suggestion's results."""
    cuts: tuple[QueryCut, ...] = field(default=())
    """What parsing dropped from the query (query.parse_query)."""
    blank: bool = False
    """True when nothing searchable was typed."""

    @property
    def total_exact(self) -> bool:
        """False when more features match than were counted (`total` is then COUNT_CAP + 1)."""
        return self.total <= search_strategy.COUNT_CAP


def backend_for(session_or_engine: Session | Engine) -> Dialect:
    """The backend of the session's (or engine's) database."""
    bind = session_or_engine.get_bind() if isinstance(session_or_engine, Session) else session_or_engine
    if bind.dialect.name == "postgresql":
        from handscroll.store.search_pg import PostgresBackend

        return PostgresBackend()
    return SqliteBackend()


def index_features(session: Session, features: Sequence[tuple[int, Feature, Sequence[TermForms]]]) -> None:
    """(Re)write the index rows of features, inside the caller's transaction."""
    if not features:
        return
    backend = backend_for(session)
    backend.delete(session, [feature_id for feature_id, _, _ in features])
    backend.write(session, [index_document(fid, feature, terms) for fid, feature, terms in features])


def unindex_features(session: Session, feature_ids: Sequence[int]) -> None:
    """Remove features from the index, inside the caller's transaction."""
    if feature_ids:
        backend_for(session).delete(session, feature_ids)


def reindex_stored(session: Session, feature_ids: Sequence[int]) -> None:
    """Rebuild the index rows of stored features from their rows (after new enrichments)."""
    loaded = _load_features(session, feature_ids)
    terms: dict[int, list[TermForms]] = {fid: [] for fid in feature_ids}
    query = select(TermRow).where(TermRow.feature_id.in_(list(feature_ids))).order_by(TermRow.position)
    for term in session.execute(query).scalars():
        terms[term.feature_id].append(term_forms(term))
    # Places are indexed as at import (library._term_forms); they live in the enrichment only.
    stored = select(EnrichmentRow.feature_id, EnrichmentRow.data).where(
        EnrichmentRow.feature_id.in_(list(feature_ids))
    )
    for feature_id, data in session.execute(stored):
        places = Enrichment.from_dict(data).places
        terms[feature_id] += [TermForms((p.name, p.modern_name, p.chinese)) for p in places]
    index_features(session, [(fid, loaded[fid], terms[fid]) for fid in feature_ids if fid in loaded])


def term_forms(term: Any) -> TermForms:
    """The indexed names of a glossary Term (or TermRow)."""
    names = (term.english, term.abbreviation, term.traditional, term.simplified, term.chinese)
    return TermForms(names=names, pinyin_plain=term.pinyin_plain)


def search_library(
    engine: Engine,
    text_: str,
    filters: SearchFilters,
    *,
    limit: int = 20,
    offset: int = 0,
    vocabularies: VocabularyCache | None = None,
) -> SearchResults:
    """Run a query; never raises for anything a user can type (see query.parse_query)."""
    query = parse_query(text_)
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    if query.empty:
        return SearchResults(query=query.text, results=(), total=0, cuts=query.cuts, blank=True)
    backend = backend_for(engine)
    with Session(engine) as session:
        query = expand_pinyin(session, query)
        hits, total = match(session, backend, query, filters, limit, offset)
        suggestion, corrected = None, False
        if total == 0:
            suggestion = _suggest(session, backend, query, vocabularies)
            if suggestion is not None:
                corrected_query = expand_pinyin(session, parse_query(suggestion))
                hits, total = match(session, backend, corrected_query, filters, limit, offset)
                if total:
                    query, corrected = corrected_query, True
        results = _results(session, query, hits)
    return SearchResults(
        query=text_.strip()[:200],
        results=tuple(results),
        total=total,
        suggestion=suggestion,
        corrected=corrected,
        cuts=query.cuts,
    )


def _results(session: Session, query: SearchQuery, hits: list[tuple[int, float]]) -> list[SearchResult]:
    features = _load_features(session, [feature_id for feature_id, _ in hits])
    results = []
    for feature_id, score in hits:
        feature = features.get(feature_id)
        if feature is None:
            continue
        snippet, match = best_snippet(feature, query)
        results.append(
            SearchResult(
                slug=feature.slug or "",
                title=feature.title,
                series=feature.series,
                part=feature.part,
                snippet=snippet,
                match=match,
                score=score,
            )
        )
    return results


def _load_features(session: Session, feature_ids: Sequence[int]) -> dict[int, Feature]:
    if not feature_ids:
        return {}
    ids = list(feature_ids)
    heads = session.execute(
        select(
            FeatureRow.id,
            FeatureRow.slug,
            FeatureRow.title,
            FeatureRow.part,
            FeatureRow.language,
            FeatureRow.hero,
            FeatureRow.date,
            SeriesRow.key,
        )
        .outerjoin(FeatureRow.series)
        .where(FeatureRow.id.in_(ids))
    ).all()
    blocks: dict[int, list[tuple[str, dict[str, Any]]]] = {fid: [] for fid in ids}
    rows = session.execute(
        select(BlockRow.feature_id, BlockRow.type, BlockRow.data)
        .where(BlockRow.feature_id.in_(ids))
        .order_by(BlockRow.feature_id, BlockRow.position)
    )
    for feature_id, block_type, data in rows:
        blocks[feature_id].append((block_type, data))
    return {
        row.id: build_feature(
            slug=row.slug,
            title=row.title,
            part=row.part,
            series=row.key,
            language=row.language,
            hero=row.hero,
            date=row.date,
            blocks=iter(blocks[row.id]),
        )
        for row in heads
    }


def _suggest(
    session: Session, backend: Dialect, query: SearchQuery, vocabularies: VocabularyCache | None
) -> str | None:
    """Replace each word that matches nothing by the closest word of the library's vocabulary."""
    unknown = [
        clause
        for clause in query.clauses
        if len(clause.alternatives) == 1
        and not clause.alternatives[0].is_han
        and len(clause.alternatives[0].tokens) == 1
        and len(clause.alternatives[0].tokens[0]) <= MAX_SUGGESTED_WORD
        and not clause_matches(session, backend, clause)
    ]
    if not unknown:
        return None
    vocabulary = (vocabularies or VocabularyCache()).words(session, backend)
    replacements: dict[str, str] = {}
    for clause in unknown:
        word = clause.alternatives[0].tokens[0]
        best = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=70)
        if best is not None:
            replacements[clause.text] = best[0]
    if not replacements:
        return None
    return " ".join(replacements.get(clause.text, clause.text) for clause in query.clauses)


class VocabularyCache:
    """The library's words for "did you mean", read at most every VOCABULARY_TTL seconds.

    Listing the vocabulary scans the whole index (half a second at 100,000
    features); a suggestion missing a word added in the last minute is harmless.
    One cache per open Library.
    """

    def __init__(self) -> None:
        self._read_at = -VOCABULARY_TTL
        self._words: list[str] = []

    def words(self, session: Session, backend: Dialect) -> list[str]:
        """The cached words, read again when older than the TTL."""
        now = time.monotonic()
        if now - self._read_at > VOCABULARY_TTL:
            self._words, self._read_at = backend.vocabulary(session), now
        return self._words
