"""The registry of date rules: each pattern compiled once, run in one place.

The English rules live in dates_en.py (calendar dates), dates_en_relative.py
(relative dates, durations), dates_en_times.py (clock times, weekdays),
dates_en_named.py (holidays, years in words), dates_en_quarters.py and
dates_en_sets.py; each registers here, in import order, which is also the
order that breaks ties between candidates of the same length.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cache

import ahocorasick

from handscroll.enrich.date_mentions import Mention

_Builder = Callable[[re.Match[str]], Mention | None]
_RULES: list[tuple[re.Pattern[str], _Builder, str | None, bool, frozenset[str]]] = []
_NEEDED: set[str] = set()  # every word some rule needs (see `rule`)
# Rules that start with a number or a word list are slow to try at every
# position; they run only in windows around a keyword they must contain.
# Word keys are found in one Aho-Corasick pass over the lower-cased text (a
# regex alternation tries every word at every position); digit keys with a regex.
_WORD_KEYS: dict[str, tuple[str, ...]] = {
    "unit": (
        "year", "month", "week", "day", "hour", "minute", "decade", "centur", "millenni", "fortnight",
        "spring", "summer", "autumn", "fall", "winter", "morning", "afternoon", "evening", "night", "daytime",
        "season",
    ),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "names": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "christmas",
              "new year", "yesterday", "tomorrow", "noon", "midday", "midnight", "thanksgiving", "easter",
              "independence day", "fourth of july", "halloween", "valentine", "veterans day", "armistice day",
              "boxing day", "labor day", "memorial day", "remembrance day", "patrick", "bastille", "fawkes",
              "bonfire night", "burns night", "presidents", "luther king", "columbus day", "shrove",
              "ascension", "pentecost", "whit sunday", "may day", "mother's day", "mothers day", "mothering",
              "father's day", "fathers day"),
    "spoken": ("seventeen", "eighteen", "nineteen", "two thousand", "twenties", "thirties", "forties",
               "fifties", "sixties", "seventies", "eighties", "nineties"),
    "half": ("half",),
    "year_ahead_or_back": ("last year", "next year"),
    "pointed_count": ("those ", "these ", "consecutive", "straight", "successive"),
    "stretch_verb": ("spen", "gone", "went", "go ", "going", "wait"),
    "sets": ("every ", "each ", "twice", "times", "hourly", "once "),
    "quarter": ("quarter", "fiscal", "future", "soon", "term", "year-ago", "year-earlier", "period"),
    "month": ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.",
              "sep.", "sept.", "oct.", "nov.", "dec.", "jan ", "feb ", "mar ", "apr ", "jun ", "jul ",
              "aug ", "sep ", "sept ", "oct ", "nov ", "dec "),
    "deictic": ("now", "today", "current", "present", "modern", "recent", "former", "time", "period",
                "daily", "weekly", "monthly", "annually", "yearly", "per ", "every ", "each ", "past",
                "tenure", "these days"),
}  # fmt: skip
# Each pattern opens with a literal where it can: the regex engine then jumps from one
# occurrence of that character to the next instead of trying the pattern at every position
# (on WikiWars "-\s*\d" scans 15 times faster than "\d\s*[-–]\s*\d").
_PATTERN_KEYS: dict[str, tuple[re.Pattern[str], ...]] = {
    "dash": (re.compile(r"-\s*\d"), re.compile(r"–\s*\d")),
    "slash": (re.compile(r"/\d\d?/\d"),),  # 3/22/2013
    "decade": (re.compile(r"0'?s"),),
    "era": (re.compile(r"B\.?\s?C|A\.?\s?D|C\.?\s?E"),),  # on the original text: capitals are rare
    "digits3": (re.compile(r"(?<![\d,.])\d{3}(?![\d,])"),),
    # one digit first, then the forms: an alternation of three \d-led patterns is four times slower
    "clock": (
        re.compile(
            r"\d(?::\d\d|\s?[apAP]\.?[mM]\b|\d{3}\s*(?:GMT|UTC|BST|local\s+time)|\.\d\d\s*(?:GMT|UTC|BST))"
        ),
    ),
    "abbreviated": (
        re.compile(r"Q[1-4]"),
        re.compile(r"H[12]"),
        re.compile(r"FY\s?\d"),
    ),  # Q3 2012, H1, FY2013
}
# Every rule of these keys needs its word capitalised ("March 1946", never "march" nor "may").
_CAPITALISED_KEYS = frozenset({"month"})
#: Characters every Chinese date expression holds (年, 月, 日, 點...): without one, no Chinese rule runs.
CJK_DATE_HINT = re.compile(r"[年月日世紀纪時时點点天週周]")
#: Every word an English rule needs (lower-cased substrings); a rule without one needs a digit instead.
TRIGGER_WORDS: tuple[str, ...] = tuple(sorted({word for words in _WORD_KEYS.values() for word in words}))
_DIGIT = re.compile(r"\d")
_KEY_BEFORE, _KEY_AFTER = 90, 40
_MERGE_GAP = 200  # fewer, longer windows: each window costs a call per rule


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def rule(
    pattern: str, flags: int = 0, key: str | None = None, lower: bool = False, needs: tuple[str, ...] = ()
) -> Callable[[_Builder], _Builder]:
    """Register a rule: its pattern is compiled once, at import.

    With `lower`, the pattern (written in lower case) runs over the lower-cased
    text, which has the same offsets: faster than a case-insensitive pattern.
    `needs` names words (lower case) of which every match holds one: a text
    without any of them skips the rule, though its key word is there ("day"
    does not make "the century" possible).
    """

    def register(build: _Builder) -> _Builder:
        _RULES.append((re.compile(pattern, flags), build, key, lower, frozenset(needs)))
        _NEEDED.update(needs)
        return build

    return register


def could_hold_a_date(text: str) -> bool:
    """False only when no rule, English or Chinese, can match: no digit, no trigger word, no 年/月/日.

    A cheap test for callers that skip texts without dates (imports of many features).
    """
    if _DIGIT.search(text) or CJK_DATE_HINT.search(text):
        return True
    lower = text.lower()
    return any(word in lower for word in TRIGGER_WORDS)


def find_mentions(text: str, *, ancient: bool = False) -> Iterator[Mention]:
    """Every candidate mention of every rule, overlapping ones included.

    Bare three-digit years ("in 490") are looked for only in a narrative set
    before the year 1000: `ancient` (the anchor says so) or an era marker in the text.
    """
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lower-cased
        lower = text.translate(_ASCII_LOWER)
    words = _word_hits(lower)
    # The pre-filter (issue 11): every rule needs a digit or a key word, so a
    # text with neither (most captions, many paragraphs) skips the cascade.
    if not words and _DIGIT.search(text) is None:
        return
    present = {word for _, word in _needed_words(len(_NEEDED)).iter(lower)}
    regions: dict[str, list[tuple[int, int]]] = {}
    if not ancient and not _PATTERN_KEYS["era"][0].search(text):
        regions["digits3"] = []
    for pattern, build, key, on_lower, needs in _RULES:
        if needs and needs.isdisjoint(present):
            continue
        if key is None:
            spans = [(0, len(text))]
        elif key in regions:
            spans = regions[key]
        else:
            spans = regions[key] = _regions(text, words, key)
        for pos, endpos in spans:
            for found in pattern.finditer(lower if on_lower else text, pos, endpos):
                mention = build(found)
                if mention is not None:
                    yield mention


@cache
def _needed_words(count: int) -> ahocorasick.Automaton:
    """Every rule's `needs` words in one automaton: one pass over the text finds which are there
    (a `word in text` test for each of some 150 words cost 7% of the tagger). `count` is how many
    there are, so a rule registered after the first call gets a new automaton."""
    automaton = ahocorasick.Automaton()
    for word in _NEEDED:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


@cache
def _keywords() -> ahocorasick.Automaton:
    """Every word of `_WORD_KEYS`, each with its length and the keys it belongs to."""
    keys: dict[str, list[str]] = defaultdict(list)
    for key, words in _WORD_KEYS.items():
        for word in words:
            keys[word].append(key)
    automaton = ahocorasick.Automaton()
    for word, owners in keys.items():
        automaton.add_word(word, (len(word), tuple(owners)))
    automaton.make_automaton()
    return automaton


def _word_hits(lower: str) -> dict[str, list[int]]:
    """Where each word key's words start in the lower-cased text, overlapping ones included, in order."""
    hits: dict[str, list[int]] = defaultdict(list)
    for last, (length, owners) in _keywords().iter(lower):
        for key in owners:
            hits[key].append(last - length + 1)
    for found in hits.values():
        found.sort()
    return hits


def _regions(text: str, words: dict[str, list[int]], key: str) -> list[tuple[int, int]]:
    """Merged windows around each keyword.

    A window may start inside a word: patterns open with a word boundary or a
    look-behind, and both see the whole text, so nothing matches mid-word.
    """
    if key in _CAPITALISED_KEYS:
        hits = [at for at in words.get(key, ()) if text[at].isupper()]
    elif key in _WORD_KEYS:
        hits = words.get(key, [])
    else:
        hits = sorted(found.start() for pattern in _PATTERN_KEYS[key] for found in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for at in hits:
        start = max(0, at - _KEY_BEFORE)
        end = at + _KEY_AFTER
        if merged and start <= merged[-1][1] + _MERGE_GAP:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
