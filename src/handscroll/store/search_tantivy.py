"""The SQLite library's search index: an embedded tantivy index in a folder beside the database file.

Why not FTS5 any more (issue 11; benchmarks/README.md has the figures): FTS5
ranks with `bm25()`, a function called once per matching row, and has no
top-k pruning, so a word in half of 100,000 features costs tens of
milliseconds however few results are shown; tantivy ranks with block-max
WAND over compressed postings. The index holds exactly what the FTS5 table
held (title, terms and body folded and stemmed in Python by
`search_text.index_document`), split on spaces only, so folding, stemming and
cross-script matching are unchanged and shared with PostgreSQL and the static
site. The database stays the source of truth: the index is derived, kept in
step by `search_outbox` and rebuilt whole by `handscroll reindex`.

Two-word phrases of common words (issue 11): a phrase query reads the
positions of every feature holding both words, to count and rank them (30-50
thousand at 100,000 features, 10-20 ms). So each text field also has a pairs
field (`title_pairs`...) holding each two neighbouring tokens as one term
("army government" -> `army_government`), as Elasticsearch's `index_phrases`
does: a two-word phrase is then one term's postings, and a longer phrase is
checked only in the features holding all of its pairs. The same features
match and the order is the phrase's (see `_pair`).

A library `books.db` keeps its index in `books.db-search/`. A folder written
by another FORMAT is replaced (and the library reindexed) when opened.
"""

from __future__ import annotations

import json
import math
import shutil
import threading
import time
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path

import tantivy
from sqlalchemy import Engine
from sqlalchemy.engine import URL

from handscroll.errors import StoreError
from handscroll.store.query import Alternative, Clause, SearchQuery
from handscroll.store.search_strategy import SearchFilters
from handscroll.store.search_text import IndexDocument, SearchMatch, Section, Shown, index_tokens

FORMAT = 2
"""Bumped when the index's fields or what goes into them change: an older folder is rebuilt."""

FIELD_WEIGHTS = (("title", 10.0), ("terms", 6.0), ("body", 1.0))
"""BM25 boosts of the text fields: a word in the title counts ten times one in the body."""

WRITER_HEAP = 64_000_000
"""Bytes the index writer buffers before it writes a segment (tantivy's own floor is 15 MB a thread)."""

WRITER_WAIT = 60.0
"""Seconds to wait for another writer (another process importing) before giving up."""

PAIR = "_"
"""Joins two neighbouring tokens into a pairs field's term; alone, it ends the field (no token holds it)."""

_STAMP = "handscroll-search.json"


class SearchIndex:
    """One open tantivy index: its schema, searchers for queries, a writer for one transaction at a time."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.schema = _schema()
        self.fresh = False
        """True when the index was created empty just now: every feature must be indexed."""
        if path is None:
            self._index = tantivy.Index(self.schema)
            self.fresh = True
            return
        if not _current(path):
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
            self.fresh = True
        try:
            self._index = tantivy.Index(self.schema, path=str(path), reuse=True)
        except (OSError, ValueError) as exc:
            raise StoreError(
                f"cannot open the search index {path}: {exc}; `handscroll reindex` rebuilds it"
            ) from None
        if self.fresh:
            (path / _STAMP).write_text(json.dumps({"format": FORMAT}), encoding="utf-8")

    def searcher(self) -> tantivy.Searcher:
        """A searcher over the last commit (of this process or another)."""
        return self._index.searcher()

    def writer(self) -> tantivy.IndexWriter:
        """The index writer, waiting while another transaction (or process) holds it."""
        deadline = time.monotonic() + WRITER_WAIT
        while True:
            try:
                return self._index.writer(WRITER_HEAP, 1)
            except ValueError as exc:
                if "LockBusy" not in str(exc) or time.monotonic() > deadline:
                    raise StoreError(f"cannot write the search index {self.path}: {exc}") from None
                time.sleep(0.02)

    def reload(self) -> None:
        """See a commit at once (other processes' commits are seen within about half a second)."""
        self._index.reload()


def _current(path: Path) -> bool:
    try:
        stamp = json.loads((path / _STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(stamp, dict) and stamp.get("format") == FORMAT


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=False, indexed=True, fast=True)
    for name, _ in FIELD_WEIGHTS:
        # Text arrives folded, stemmed and space-separated: splitting on spaces is all that is left.
        builder.add_text_field(name, stored=False, tokenizer_name="whitespace", index_option="position")
        builder.add_text_field(_pairs(name), stored=False, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("series", stored=False, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("language", stored=False, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("years", stored=False, indexed=True, fast=True)
    # What a result shows (search_text.Shown) as JSON, stored and not indexed: a page of
    # results is read from the index's own compressed store, not from the tables.
    builder.add_bytes_field("shown", stored=True, indexed=False)
    return builder.build()


_indexes: dict[str, SearchIndex] = {}
_lock = threading.Lock()


def index_for(engine: Engine) -> SearchIndex:
    """The search index of a SQLite library, opened once per process and shared by its sessions."""
    path = index_path(engine.url)
    key = str(path) if path is not None else f"memory:{id(engine.pool)}"
    with _lock:
        found = _indexes.get(key)
        if found is None:
            found = _indexes[key] = SearchIndex(path)
        return found


def forget_index(engine: Engine) -> None:
    """Drop the process's handle on a library's index (the library was closed, or is rebuilt)."""
    path = index_path(engine.url)
    with _lock:
        _indexes.pop(str(path) if path is not None else f"memory:{id(engine.pool)}", None)


def index_path(url: URL) -> Path | None:
    """Where a SQLite library's index lives: `<database file>-search/`; None for an in-memory database."""
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).resolve().with_name(Path(database).name + "-search")


def document(doc: IndexDocument, years: Sequence[int]) -> tantivy.Document:
    """The tantivy document of an index row."""
    texts = {"title": doc.title, "terms": doc.terms, "body": doc.body}
    fields: dict[str, object] = {"id": doc.feature_id, **texts}
    fields.update((_pairs(name), pairs(value)) for name, value in texts.items())
    fields["language"] = doc.language  # every document has one: `_Statistics` counts documents by it
    if doc.series is not None:
        fields["series"] = doc.series
    if years:
        fields["years"] = list(years)
    if doc.shown is not None:
        fields["shown"] = _pack(doc.shown)
    return tantivy.Document(**fields)


def pairs(text: str) -> str:
    """A field's pairs field: each token joined to the next, then PAIR ("a b c" -> "a_b b_c _").

    One term per token, so that the pairs field has the field's length and
    average length, which BM25 normalises by.
    """
    tokens = text.split()
    if not tokens:
        return ""
    return " ".join([*map(PAIR.join, pairwise(tokens)), PAIR])


def _pairs(name: str) -> str:
    return f"{name}_pairs"


def _pack(shown: Shown) -> bytes:
    sections = [[s.match.kind, s.match.number, s.match.anchor, s.match.label, s.text] for s in shown.sections]
    head = [shown.slug, shown.title, shown.part, shown.language, shown.series, sections]
    return json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode()


def unpack_shown(data: bytes) -> Shown:
    """What `document` stored of a feature for its results."""
    slug, title, part, language, series, sections = json.loads(data)
    found = tuple(
        Section(SearchMatch(kind, number, anchor, label), text)
        for kind, number, anchor, label, text in sections
    )
    return Shown(slug, title, part, language, series, found)


def compile_query(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    query: SearchQuery,
    conditions: Sequence[tantivy.Query] = (),
) -> tantivy.Query:
    """The tantivy query of a parsed one: every clause must match, each by any of its alternatives.

    Tokens go in as terms, never through a query parser, so nothing typed is syntax.
    The searcher's statistics weigh two-word phrases (`_pair`).
    """
    statistics = _Statistics(searcher)
    must = [(tantivy.Occur.Must, _clause(statistics, schema, clause)) for clause in query.clauses]
    must += [(tantivy.Occur.Must, tantivy.Query.const_score_query(c, 0.0)) for c in conditions]
    return tantivy.Query.boolean_query(must)


def filter_queries(schema: tantivy.Schema, filters: SearchFilters) -> list[tantivy.Query]:
    """Conditions for the search filters (a feature matches a year range by any of its events)."""
    found = []
    if filters.series is not None:
        found.append(tantivy.Query.term_query(schema, "series", filters.series))
    if filters.language is not None:
        found.append(tantivy.Query.term_query(schema, "language", filters.language))
    if filters.year_from is not None or filters.year_to is not None:
        years = (filters.year_from, filters.year_to)
        found.append(tantivy.Query.range_query(schema, "years", tantivy.FieldType.Integer, *years))
    return found


def _clause(statistics: _Statistics, schema: tantivy.Schema, clause: Clause) -> tantivy.Query:
    alternatives = [_alternative(statistics, schema, alternative) for alternative in clause.alternatives]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in alternatives])


def _alternative(statistics: _Statistics, schema: tantivy.Schema, alternative: Alternative) -> tantivy.Query:
    tokens = index_tokens(alternative)
    per_field = []
    for name, weight in FIELD_WEIGHTS:
        if alternative.prefix:
            # One word: every term starting with it, found in the term dictionary (a regex
            # query would compile an automaton per query, a millisecond each).
            found = tantivy.Query.phrase_prefix_query(schema, name, list(tokens))
        elif len(tokens) == 1:
            # Frequencies are all BM25 needs of a single word, not positions.
            found = tantivy.Query.term_query(schema, name, tokens[0], index_option="freq")
        elif len(tokens) == 2:
            found, weight = _pair(statistics, schema, name, tokens, weight)
        else:
            found = _phrase(schema, name, tokens)
        per_field.append((tantivy.Occur.Should, tantivy.Query.boost_query(found, weight)))
    return tantivy.Query.boolean_query(per_field)


def _pair(
    statistics: _Statistics, schema: tantivy.Schema, name: str, tokens: Sequence[str], weight: float
) -> tuple[tantivy.Query, float]:
    """A two-word phrase as the one term of its pairs field, and the boost that scores it as the phrase.

    tantivy scores a phrase by BM25 with the phrase's count in a feature, the
    field's length and the sum of its words' idf; the pair term has the same
    count and (by `pairs`) the same length, so only the idf differs: the
    boost puts the words' in its place. Scores agree to float rounding
    (tantivy's are 32-bit), which left the order of all 331,919 hits of the
    search benchmark's 100 phrases unchanged.
    """
    term = PAIR.join(tokens)
    found = tantivy.Query.term_query(schema, _pairs(name), term, index_option="freq")
    pair_idf = statistics.idf(_pairs(name), term)
    if pair_idf is None:
        return found, weight  # in no feature: nothing to score
    words_idf = sum(statistics.idf(name, token) or 0.0 for token in tokens)
    return found, weight * words_idf / pair_idf


def _phrase(schema: tantivy.Schema, name: str, tokens: Sequence[str]) -> tantivy.Query:
    """A longer phrase, checked only where all of its pairs are (a filter scores nothing)."""
    phrase = tantivy.Query.phrase_query(schema, name, list(tokens))
    pair_terms = dict.fromkeys(map(PAIR.join, pairwise(tokens)))
    filters = [
        tantivy.Query.const_score_query(
            tantivy.Query.term_query(schema, _pairs(name), term, index_option="basic"), 0.0
        )
        for term in pair_terms
    ]
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in (phrase, *filters)])


class _Statistics:
    """What tantivy's BM25 reads of the index: how many documents, and how many hold a term.

    tantivy counts deleted documents until their segment is merged, in both;
    the document count is the sum over the one-per-document `language` terms,
    which counts them too (the searcher's `num_docs` does not).
    """

    def __init__(self, searcher: tantivy.Searcher) -> None:
        self._searcher = searcher
        self._documents: int | None = None

    def idf(self, field: str, term: str) -> float | None:
        """BM25's idf of a term, as tantivy computes it; None for a term in no document."""
        frequency = self._searcher.doc_freq(field, term)
        if not frequency:
            return None
        if self._documents is None:
            counted = sum(count for _, count in self._searcher.terms_with_prefix("language", ""))
            self._documents = max(counted, self._searcher.num_docs)
        return math.log(1 + (self._documents - frequency + 0.5) / (frequency + 0.5))
