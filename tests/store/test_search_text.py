"""The snippet finder looks for a query by its roots (a word starts with its stem less two letters) and
finds exactly what stemming every word finds."""

from __future__ import annotations

import random
import re

import pytest

from handscroll.config import Settings
from handscroll.ingest import read_path
from handscroll.samples import sample_paths
from handscroll.store.query import parse_query
from handscroll.store.search_text import _find, _find_by_splitting, _fold, _root, _Wanted, feature_sections
from handscroll.text.stem import stem

SUFFIXES = (
    "ing ed ies ied ly li iti ity ation ational izer ization ness ful less ible able bli abli enci "
    "anci ousli ogi fulli lessli entli alli eed eedly ingly edly y s es sses us e ize ement ment "
    "ence ance er ic ate ive ous ant al ion tion ism iviti biliti aliti alism iveness fulness icate"
)
"""Snowball's English suffixes, glued onto random stems in threes to find a word the rule fails."""
SHORT = ("ai", "us")
"""Queries whose stems are too short to have a root: they are looked for by stemming every word."""
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
    pairs = sorted({m.groups() for t in texts for m in re.finditer(r"([A-Za-z]{3,}) ([A-Za-z]{4,})", t)})
    for first, second in rng.sample(pairs, min(30, len(pairs))):  # phrases that are there
        queries += [f'"{first} {second}"', f"{first[: len(first) - 1]} {second[:3]}*"]
    queries += ["dying", "happy*", "Mukden", "Chongqing", "chong qing", "1946", "Yan'an", *SHORT, *han[:20]]
    return queries


def test_looking_by_roots_finds_what_stemming_every_word_finds(texts: list[str]) -> None:
    found_any = aliased = by_roots = 0
    for text in _queries(texts):
        wanted = _Wanted(parse_query(text))
        by_roots += wanted.by_roots
        assert not (wanted.by_roots and text in SHORT)
        for section in texts:
            got = _find(section, wanted)
            assert got == _find_by_splitting(section, _fold(section), wanted), (text, section[:60])
            found_any += bool(got[1])
            aliased += bool(got[2])
    assert found_any > 50 and aliased  # the queries do match, and other forms of names too
    assert by_roots > 100  # most by their roots: this compares the two ways
