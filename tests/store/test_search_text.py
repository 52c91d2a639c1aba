"""The snippet finder's quick test (a text without a query's roots is skipped unsplit) never drops a match."""

from __future__ import annotations

import random
import re

import pytest

from handscroll.config import Settings
from handscroll.ingest import read_path
from handscroll.samples import sample_paths
from handscroll.store.query import parse_query
from handscroll.store.search_text import _find, _root, _Wanted, feature_sections
from handscroll.text.stem import stem

SUFFIXES = (
    "ing ed ies ied ly li iti ity ation ational izer ization ness ful less ible able bli abli enci "
    "anci ousli ogi fulli lessli entli alli eed eedly ingly edly y s es sses us e ize ement ment "
    "ence ance er ic ate ive ous ant al ion tion ism iviti biliti aliti alism iveness fulness icate"
)
"""Snowball's English suffixes, glued onto random stems in threes to find a word the rule fails."""
AWKWARD = "dying lying tying skies skis idly gently ugly early only singly news happy happily"
"""Words the stemmer treats specially."""


def test_every_word_begins_with_its_stem_but_the_last_two_letters() -> None:
    rng = random.Random(11)
    letters = "aeiouybcdfghlmnprstvwxyz"
    suffixes = SUFFIXES.split()
    words = AWKWARD.split() + [
        "".join(rng.choice(letters) for _ in range(rng.randint(1, 7)))
        + "".join(rng.choice(suffixes) for _ in range(rng.randint(0, 3)))
        for _ in range(50_000)
    ]
    wrong = [(word, stem(word)) for word in words if not word.startswith(_root(stem(word)))]
    assert wrong == []


def _sections() -> list[str]:
    texts = []
    for path in sample_paths():
        feature = read_path(path, Settings()).feature
        texts += [section.text for section in feature_sections(feature)]
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = _sections()
    assert len(found) > 20
    return found


def _queries(texts: list[str]) -> list[str]:
    rng = random.Random(3)
    words = sorted({w for t in texts for w in re.findall(r"[A-Za-z]{3,}", t)})
    han = sorted({c for t in texts for c in t if "\u4e00" <= c <= "\u9fff"})
    queries = rng.sample(words, min(60, len(words)))
    queries += [w[: rng.randint(3, len(w))] + "*" for w in rng.sample(words, min(30, len(words)))]
    queries += [" ".join(rng.sample(words, 2)) for _ in range(20)]
    queries += ["dying", "happy*", "Mukden", "Chongqing", "chong qing", "1946", *han[:20]]
    return queries


def test_the_quick_test_never_changes_what_is_found(texts: list[str]) -> None:
    found_any = 0
    for text in _queries(texts):
        wanted = _Wanted(parse_query(text))
        unfiltered = _Wanted(parse_query(text))
        unfiltered.roots = None
        for section in texts:
            got = _find(section, wanted)
            assert got == _find(section, unfiltered), (text, section[:60])
            found_any += bool(got[1])
    assert found_any > 50  # the queries do match: the comparison is not of empty results
