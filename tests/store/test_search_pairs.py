"""Phrases through the pairs fields (issue 11): the same features, counts and order as a phrase query."""

from __future__ import annotations

import random

import pytest
import tantivy

from handscroll.store.query import parse_query
from handscroll.store.search_tantivy import FIELD_WEIGHTS, SearchIndex, compile_query, document, pairs
from handscroll.store.search_text import IndexDocument
from handscroll.text.stem import stem, stem_text

WORDS = ["army", "government", "railway", "city", "treaty", "铁", "路", "工", "厂"]
"""Few words, so that every pair recurs with different counts, in titles and bodies."""


def _text(rng: random.Random, count: int) -> str:
    """Folded and stemmed, as the index holds text."""
    return stem_text(" ".join(rng.choices(WORDS, weights=range(len(WORDS), 0, -1), k=count)))


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    """300 features of varied lengths, a third of them replaced (tantivy keeps counting the old ones)."""
    rng = random.Random(11)
    index = SearchIndex(None)
    writer = index.writer()
    for round_ in range(2):
        for feature_id in range(300 if round_ == 0 else 100):
            doc = IndexDocument(
                feature_id,
                _text(rng, rng.randrange(0, 6)),
                _text(rng, rng.randrange(0, 3)),
                _text(rng, rng.randrange(1, 60)),
            )
            writer.delete_documents_by_term("id", feature_id)
            writer.add_document(document(doc, ()))
        writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index


def _phrase(index: SearchIndex, tokens: list[str]) -> tantivy.Query:
    """The query before the pairs fields: a phrase query in each field."""
    per_field = [
        (
            tantivy.Occur.Should,
            tantivy.Query.boost_query(tantivy.Query.phrase_query(index.schema, name, tokens), weight),
        )
        for name, weight in FIELD_WEIGHTS
    ]
    return tantivy.Query.boolean_query(per_field)


def _ranked(searcher: tantivy.Searcher, query: tantivy.Query) -> tuple[list[int], list[float], int]:
    result = searcher.search(query, 1000, count=True)
    ids = searcher.fast_field_values("id", [address for _, address in result.hits])
    return [int(i or 0) for i in ids], [score for score, _ in result.hits], result.count  # type: ignore[attr-defined]


def test_pairs_has_a_term_for_each_token() -> None:
    assert pairs("a b c") == "a_b b_c _"
    assert pairs("a") == "_"
    assert pairs("") == ""


@pytest.mark.parametrize(
    "phrase", ["army government", "army army", "city treaty", "铁 路", "government railway city"]
)
def test_a_phrase_finds_counts_and_ranks_as_the_phrase_query(index: SearchIndex, phrase: str) -> None:
    searcher = index.searcher()
    ids, scores, count = _ranked(searcher, compile_query(searcher, index.schema, parse_query(f'"{phrase}"')))
    expected_ids, expected_scores, expected_count = _ranked(
        searcher, _phrase(index, [stem(word) for word in phrase.split()])
    )
    assert count == expected_count > 0
    assert ids == expected_ids
    assert scores == pytest.approx(expected_scores, rel=1e-6)
