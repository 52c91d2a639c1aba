"""The enrichers' fast scans (issue 11) find exactly what the plain scans they replace find.

Each shortcut (capitalised words without tokenising every word, amounts tried
only near a digit or a scale word, an English name read from a short window
first) is compared with the whole-text reading on texts made to hit its edges.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from handscroll.enrich import term_forms
from handscroll.enrich.capitals import WORD, capitalised_words
from handscroll.enrich.figures import _AMOUNT, _amounts

PIECES = st.sampled_from(
    [
        "New Guinea",
        "McArthur",
        "Yan'an",
        "Kai-shek",
        "’s",
        "1945Harbin",
        "3-Harbin",
        "𝐀bc",
        "x𝐁",
        "Ⅻ",
        "É",
        "_",
        "-",
        "'",
        " ",
        "\u00a0",
        "哈爾濱",
        "HK$ ",
        "US$",
        "usd",
        "1,000",
        "3.5",
        "seventeen",
        "half a",
        " million",
        "Thousand",
        "tons",
        "(",
        ")",
        " of the ",
        "Republic of China",
        "Patrick J. Hurley",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=30).map("".join)

WORD_AS_BEFORE = re.compile(r"[^\W\d_](?:[^\W_]|[-’'](?=[^\W_]))*")
"""The word pattern the places tokenised every text with."""


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_capitalised_words_are_the_capitalised_tokens(text: str) -> None:
    every = [(m.start(), m.group()) for m in WORD_AS_BEFORE.finditer(text) if m.group()[0].isupper()]
    assert [(m.start(), m.group()) for m in capitalised_words(text)] == every


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_amounts_are_those_a_scan_of_every_character_finds(text: str) -> None:
    assert [m.span() for m in _amounts(text)] == [m.span() for m in _AMOUNT.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=400))
def test_a_name_read_from_a_short_window_is_the_one_the_whole_window_gives(text: str, pad: int) -> None:
    text = "Word " * (pad // 5) + text + " ("
    near = term_forms._NEAR
    try:
        short = term_forms.english_extent(text, len(text) - 1)
        term_forms._NEAR = term_forms._WINDOW  # read the whole window at once, as before
        assert term_forms.english_extent(text, len(text) - 1) == short
    finally:
        term_forms._NEAR = near


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_words_are_those_of_the_pattern_before(text: str) -> None:
    assert [m.span() for m in WORD.finditer(text)] == [m.span() for m in WORD_AS_BEFORE.finditer(text)]
