"""The registry of date rules: each pattern compiled once, run in one place.

The English rules live in dates_en.py (calendar dates) and
dates_en_relative.py (relative dates, durations, times); both register here,
in import order, which is also the order that breaks ties between candidates
of the same length.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from handscroll.enrich.date_mentions import Mention

_Builder = Callable[[re.Match[str]], Mention | None]
_RULES: list[tuple[re.Pattern[str], _Builder, str | None]] = []
# Rules that start with a number or a word list are slow to try at every
# position; they run only in windows around a keyword they must contain.
_KEYS = {
    # Matched against the lower-cased text: a case-insensitive alternation is ten times slower.
    "unit": re.compile(
        r"year|month|week|day|hour|minute|decade|centur|millenni|fortnight|"
        r"spring|summer|autumn|fall|winter|morning|afternoon|evening|night"
    ),
    "season": re.compile(r"spring|summer|autumn|fall|winter"),
    "names": re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|new year"),
    "half": re.compile(r"half"),
    "clock": re.compile(r"\d:\d\d|\d\s?[ap]\.?m\b"),
    "deictic": re.compile(
        r"now|today|current|present|modern|recent|former|time|period|daily|weekly|"
        r"monthly|annually|yearly|per |every |each "
    ),
}
_KEY_BEFORE, _KEY_AFTER = 90, 40


def rule(pattern: str, flags: int = 0, key: str | None = None) -> Callable[[_Builder], object]:
    """Register a rule: its pattern is compiled once, at import."""

    def register(build: _Builder) -> object:
        _RULES.append((re.compile(pattern, flags), build, key))
        return build

    return register


def find_mentions(text: str) -> Iterator[Mention]:
    """Every candidate mention of every rule, overlapping ones included."""
    regions: dict[str, list[tuple[int, int]]] = {}
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lower-cased
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for pattern, build, key in _RULES:
        if key is None:
            spans = [(0, len(text))]
        elif key in regions:
            spans = regions[key]
        else:
            spans = regions[key] = _regions(lower, _KEYS[key])
        for pos, endpos in spans:
            for found in pattern.finditer(text, pos, endpos):
                mention = build(found)
                if mention is not None:
                    yield mention


def _regions(lower: str, key: re.Pattern[str]) -> list[tuple[int, int]]:
    """Merged windows around each keyword, each widened to whole words."""
    merged: list[tuple[int, int]] = []
    text = lower
    for found in key.finditer(lower):
        start = max(0, found.start() - _KEY_BEFORE)
        end = min(len(text), found.end() + _KEY_AFTER)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [(_word_start(text, start), _word_end(text, end)) for start, end in merged]


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos
