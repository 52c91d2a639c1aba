"""Full-text search over the library: one interface, tantivy beside SQLite, tsvector on PostgreSQL.

The index holds one row per feature (see `search_text.IndexDocument`) and is
written in the transaction that writes the feature (issue 5): `write_documents`
from the import, `unindex_features` from `delete_feature`. On SQLite the rows
go to an embedded tantivy index kept in step with the database
(`search_embedded`, issue 11); on PostgreSQL to a weighted tsvector
(`search_pg`), the path for several machines on one database. Queries are
parsed once (`query.parse_query`), matched and ranked by the backend, grouped
into works (the editions of one work are one hit, issue 12) and given
snippets and deep links in Python from the stored blocks (`search_results`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from handscroll.store import search_embedded
from handscroll.store.engine import writer
from handscroll.store.pinyin_terms import expand_pinyin
from handscroll.store.query import QueryCut, SearchQuery, parse_query
from handscroll.store.search_documents import stored_documents, term_forms
from handscroll.store.search_results import EditionsCache, SearchResult, page_of_works, results_for
from handscroll.store.search_strategy import COUNT_CAP, SearchBackend, SearchFilters
from handscroll.store.search_text import IndexDocument
from handscroll.store.tables import FeatureRow

__all__ = [
    "COUNT_CAP",
    "EditionsCache",
    "SearchFilters",
    "SearchResult",
    "SearchResults",
    "rebuild_index",
    "search_library",
    "term_forms",
]

MAX_LIMIT = 100
"""Most results one page may ask for."""

VOCABULARY_TTL = 60.0
"""Seconds a library's vocabulary (for "did you mean") is reused before it is read again."""

MAX_SUGGESTED_WORD = 40
"""Longer words get no "did you mean": no vocabulary word is that long, and fuzzy matching costs."""

SEARCH_TABLES = ("search_fts", "search_vocab", "search_documents", "search_outbox")
"""Index tables made by raw DDL in migrations 0003 and 0014 (tsvector; the SQLite outbox)."""


def include_in_autogenerate(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Alembic `include_object`: leave the search index out, it is not in the models' metadata."""
    table = obj if type_ == "table" else getattr(obj, "table", None)
    table_name = getattr(table, "name", None) or name or ""
    return not (reflected and compare_to is None and table_name.startswith(SEARCH_TABLES))


@dataclass(frozen=True)
class SearchResults:
    """A page of results, the total, a "did you mean" suggestion and what became of the query.

    Data only: publish/search_marks.py words the notices and marks up the snippets.
    """

    query: str
    results: tuple[SearchResult, ...]
    total: int
    """How many works match; when `total_exact` is False, at least this many."""
    total_exact: bool = True
    suggestion: str | None = None
    corrected: bool = False
    """True when nothing matched the query as typed and these are the suggestion's results."""
    cuts: tuple[QueryCut, ...] = field(default=())
    """What parsing dropped from the query (query.parse_query)."""
    blank: bool = False
    """True when nothing searchable was typed."""


def backend_for(session_or_engine: Session | Engine) -> SearchBackend:
    """The backend of the session's (or engine's) database."""
    bind = session_or_engine.get_bind() if isinstance(session_or_engine, Session) else session_or_engine
    if bind.dialect.name == "postgresql":
        from handscroll.store.search_pg import PostgresBackend

        return PostgresBackend()
    return search_embedded.EmbeddedBackend(bind.engine)


def write_documents(session: Session, documents: Sequence[IndexDocument]) -> None:
    """(Re)write these index rows (made by `search_text.index_document`), inside the caller's transaction."""
    if not documents:
        return
    backend = backend_for(session)
    backend.delete(session, [doc.feature_id for doc in documents])
    backend.write(session, documents)


def index_deferred(session: Session) -> bool:
    """Whether the session's index writes are queued for the end of an import (search_deferred.py)."""
    return bool(session.info.get(search_embedded.DEFERRED))


def unindex_features(session: Session, feature_ids: Sequence[int]) -> None:
    """Remove features from the index, inside the caller's transaction."""
    if feature_ids:
        backend_for(session).delete(session, feature_ids)


def reindex_stored(session: Session, feature_ids: Sequence[int]) -> None:
    """Rebuild the index rows of stored features from their rows (after new enrichments)."""
    if index_deferred(session):  # queued: the replay makes them from the rows
        unindex_features(session, feature_ids)
        return
    documents = stored_documents(session, feature_ids)
    if documents:
        backend = backend_for(session)
        backend.delete(session, [doc.feature_id for doc in documents])
        backend.write(session, documents)


def open_index(engine: Engine) -> None:
    """Make a library's index ready when it is opened: a new one filled, a crash's leftovers replayed."""
    if engine.dialect.name == "sqlite":
        search_embedded.prepare(engine)


def close_index(engine: Engine) -> None:
    """Let go of a library's index when it is closed."""
    if engine.dialect.name == "sqlite":
        search_embedded.close(engine)


def rebuild_index(engine: Engine, progress: Callable[[int, int], None] | None = None) -> None:
    """Index every feature again from the tables (`handscroll reindex`); the database is not changed."""
    if engine.dialect.name == "sqlite":
        search_embedded.rebuild(engine, progress)
        return
    with Session(engine) as session:
        ids = list(session.execute(select(FeatureRow.id).order_by(FeatureRow.id)).scalars())
    for start in range(0, len(ids), 500):
        with Session(writer(engine)) as session, session.begin():
            reindex_stored(session, ids[start : start + 500])
        if progress is not None:
            progress(min(start + 500, len(ids)), len(ids))


def search_library(
    engine: Engine,
    text_: str,
    filters: SearchFilters,
    *,
    limit: int = 20,
    offset: int = 0,
    language: str | None = None,
    vocabularies: VocabularyCache | None = None,
    editions: EditionsCache | None = None,
) -> SearchResults:
    """Run a query; never raises for anything a user can type (see query.parse_query).

    A work is one result whatever number of its editions match, shown in
    `language` (the reader's) when it has an edition in it.
    """
    query = parse_query(text_)
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    if query.empty:
        return SearchResults(query=query.text, results=(), total=0, cuts=query.cuts, blank=True)
    backend = backend_for(engine)
    editions = editions or EditionsCache()
    with Session(engine) as session:
        query = expand_pinyin(session, query)
        works, total, exact = page_of_works(session, backend, query, filters, limit, offset, editions)
        suggestion, corrected = None, False
        if total == 0:
            suggestion = _suggest(session, backend, query, vocabularies)
            if suggestion is not None:
                corrected_query = expand_pinyin(session, parse_query(suggestion))
                works, total, exact = page_of_works(
                    session, backend, corrected_query, filters, limit, offset, editions
                )
                if total:
                    query, corrected = corrected_query, True
        results = results_for(session, backend, query, works, language)
    return SearchResults(
        query=text_.strip()[:200],
        results=tuple(results),
        total=total,
        total_exact=exact,
        suggestion=suggestion,
        corrected=corrected,
        cuts=query.cuts,
    )


def _suggest(
    session: Session, backend: SearchBackend, query: SearchQuery, vocabularies: VocabularyCache | None
) -> str | None:
    """Replace each word that matches nothing by the closest word of the library's vocabulary."""
    unknown = [
        clause
        for clause in query.clauses
        if len(clause.alternatives) == 1
        and not clause.alternatives[0].is_han
        and len(clause.alternatives[0].tokens) == 1
        and len(clause.alternatives[0].tokens[0]) <= MAX_SUGGESTED_WORD
        and not backend.matches_any(session, clause)
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

    Listing the vocabulary walks the whole term dictionary; a suggestion
    missing a word added in the last minute is harmless. One cache per open Library.
    """

    def __init__(self) -> None:
        self._read_at = -VOCABULARY_TTL
        self._words: list[str] = []

    def words(self, session: Session, backend: SearchBackend) -> list[str]:
        """The cached words, read again when older than the TTL."""
        now = time.monotonic()
        if now - self._read_at > VOCABULARY_TTL:
            self._words, self._read_at = backend.vocabulary(session), now
        return self._words
