"""The capitalised words of a text, found without reading every word (issue 11).

English place names begin with a capital, and most words of a text do not:
tokenising every word of every text with a Unicode word pattern was most of
the places' time. A scan for capital letters (one character class, which
the regex engine runs fast) finds the few words worth a look; each is then
checked to be a word as the whole text's tokens would have it, and the
words after it are read only as far as a name can reach.

A word is what `WORD` matches when a text is read left to right: a letter,
then letters and digits, with "-" or "'" inside ("Kai-shek", "Yan'an").
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from functools import cache

_REST_OF_WORD = r"[^\W_]*(?:[-’'][^\W_]+)*"
WORD = re.compile(r"[^\W\d_]" + _REST_OF_WORD)
"""A word, as the places read them."""

_IN_WORD = re.compile(r"[^\W_]|[-’']")
"""A character that may belong to a word."""

_SPACES = " \t\u00a0"
"""What may stand between the words of a name."""
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_NEXT_WORD = re.compile(f"[{_SPACES}]+({WORD.pattern})")


@cache
def _capitalised(wide: bool) -> re.Pattern[str]:
    """A word that begins with a capital (`str.isupper`) letter; `wide` for texts beyond the BMP.

    The capitals are one class of ranges; those beyond the BMP are tried only
    after a guard, as their ranges would otherwise be checked at every character.
    """
    letter = re.compile(r"[^\W\d_]")
    codes = [code for code in range(sys.maxunicode + 1) if chr(code).isupper() and letter.match(chr(code))]
    narrow = _as_class(code for code in codes if code <= 0xFFFF)
    capital = (
        f"(?:{narrow}|(?=[\U00010000-\U0010ffff]){_as_class(c for c in codes if c > 0xFFFF)})"
        if wide
        else narrow
    )
    return re.compile(capital + _REST_OF_WORD)


def _as_class(codes: Iterable[int]) -> str:
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return (
        "["
        + "".join(re.escape(chr(lo)) + ("" if lo == hi else "-" + re.escape(chr(hi))) for lo, hi in ranges)
        + "]"
    )


def capitalised_words(text: str) -> Iterator[re.Match[str]]:
    """The words of `text` that begin with a capital, in order."""
    wide = not text.isascii() and _ASTRAL.search(text) is not None
    for word in _capitalised(wide).finditer(text):
        # A capital right after a letter or digit is most often inside a word ("McArthur").
        at = word.start()
        if at == 0 or _IN_WORD.match(text, at - 1) is None or starts_word(text, at):
            yield word


def starts_word(text: str, at: int) -> bool:
    """Say whether a word begins at `at`, as reading the whole text would have it."""
    if WORD.match(text, at) is None:
        return False
    run = at
    while run > 0 and _IN_WORD.match(text, run - 1):
        run -= 1  # back to where the characters that may join a word begin
    # Before `run` nothing joins a word, so reading from it tokenises as from the text's start.
    return run == at or any(word.start() == at for word in WORD.finditer(text, run, at + 1))


def next_word(text: str, end: int) -> re.Match[str] | None:
    """The word right after `end` when only spaces stand between (the next word of a name)."""
    found = _NEXT_WORD.match(text, end)
    return None if found is None else WORD.match(text, found.start(1))


def word_before(text: str, at: int, words: frozenset[str]) -> bool:
    """Say whether one of `words`, as a word, stands right before `at` with only spaces between."""
    gap = at
    while gap > 0 and text[gap - 1] in _SPACES:
        gap -= 1
    if gap == at:
        return False
    for word in words:
        start = gap - len(word)
        if text.endswith(word, 0, gap) and starts_word(text, start):
            found = WORD.match(text, start)
            if found is not None and found.end() == gap:
                return True
    return False
