"""From overlapping English candidates to the spans a reader would mark.

Rules fire independently, so "14 August 1945" is also "August 1945" and
"1945". Here the longest candidate wins, then spans grow to take in what
qualifies them ("early 1946", "the night of 10 March 1946", "March the same
year") and neighbouring dates join into ranges ("from 1945 to 1992").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from handscroll.enrich.date_mentions import TOD_CODES, Mention

_MOD_WORDS = {
    "early": "START", "beginning": "START", "start": "START", "outset": "START", "dawn": "START",
    "first part": "START", "early part": "START", "late": "END", "end": "END", "close": "END",
    "latter part": "END", "later part": "END", "last part": "END", "mid": "MID", "middle": "MID",
}  # fmt: skip
_MOD_PREFIX = re.compile(
    r"\b(?:[Tt]he\s+)?(?:[Vv]ery\s+)?(?P<w>[Ee]arly|[Ll]ate|[Mm]id|[Mm]iddle)(?:\s+in)?(?:\s+the)?[\s-]*$"
    r"|\b(?:[Tt]he\s+)?(?:[Vv]ery\s+)?(?P<p>end|beginning|start|middle|close|outset|dawn|(?:first|early|latter|later|last)"
    r"\s+part)\s+of\s+(?:the\s+)?$"
)
_TOD_PREFIX = re.compile(
    r"\b(?:(?:[Ee]arly|[Ll]ate)\s+(?:in\s+|on\s+)?)?(?:[Tt]he\s+)?(?:(?:early|late)\s+)?"
    r"(?P<t>morning|afternoon|evening|night|dawn|dusk)\s+(?:hours\s+)?of\s+(?:the\s+)?$"
)
_TOD_CODES = {**TOD_CODES, "dawn": "MO", "dusk": "EV"}
_APPROX_PREFIX = re.compile(r"(?:\b(?:ca|c)\.|\b(?:[Cc]irca|[Aa]round|[Aa]bout|[Aa]pproximately))\s*$")
_LATER_IN_PREFIX = re.compile(r"\b(?:[Ll]ater|[Ee]arlier)\s+in\s+$")
_WEEKDAY_PREFIX = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+(?:the\s+)?$"
)
_YEAR_SUFFIX = re.compile(
    r",?\s+(?:of\s+)?(?P<det>the\s+same|that\s+same|that|this|the\s+following|the\s+next|the\s+previous|"
    r"the\s+preceding|the\s+subsequent)\s+year\b"
)
_SHIFT = {
    "same": 0,
    "that": 0,
    "this": 0,
    "following": 1,
    "next": 1,
    "subsequent": 1,
    "previous": -1,
    "preceding": -1,
}
_RANGE_GAP = re.compile(r"\s*(?:[-–—]|to|until|till|through|and)\s*")
_RANGE_OPENER = re.compile(r"\b(?P<w>[Ff]rom|[Bb]etween)\s+$")
_WINDOW = 60


def select(mentions: Iterable[Mention]) -> list[Mention]:
    """Keep the longest of overlapping candidates; earlier rules win ties.

    One sweep in order of start: a candidate overlapping the one held replaces
    it only when strictly longer.
    """
    ordered = sorted(
        ((m.extent, n, m) for n, m in enumerate(mentions)), key=lambda t: (t[0][0], t[0][0] - t[0][1], t[1])
    )
    kept: list[Mention] = []
    held: tuple[tuple[int, int], int, Mention] | None = None
    for item in ordered:
        (start, end), _, _ = item
        if held is None:
            held = item
            continue
        (held_start, held_end), _, _ = held
        if start >= held_end:
            kept.append(held[2])
            held = item
        elif end - start > held_end - held_start:
            held = item
    if held is not None:
        kept.append(held[2])
    return kept


def widen(text: str, mentions: list[Mention]) -> list[Mention]:
    """Take modifiers, parts of day, weekdays and "the same year" into each span."""
    widened: list[Mention] = []
    floor = 0
    for mention in mentions:
        mention = _take_suffix(text, mention)
        if mention.is_calendar and mention.partner is None:
            mention = _take_prefixes(text, mention, floor)
            if mention.day is not None:
                mention = _take_weekday(text, widened, mention)
        widened.append(mention)
        floor = mention.end
    return widened


def _take_suffix(text: str, mention: Mention) -> Mention:
    if mention.year is not None or mention.month is None or mention.shift is not None:
        return mention
    found = _YEAR_SUFFIX.match(text, mention.end)
    if not found:
        return mention
    amount = _SHIFT[found["det"].split()[-1]]
    return replace(mention, end=found.end(), shift=("Y", amount))


def _take_prefixes(text: str, mention: Mention, floor: int) -> Mention:
    window_start = max(floor, mention.start - _WINDOW)
    if mention.day is not None and mention.tod is None:
        found = _TOD_PREFIX.search(text, window_start, mention.start)
        if found:
            mention = replace(mention, start=found.start(), tod=_TOD_CODES[found["t"]])
    if mention.mod is None and mention.tod is None:
        found = _MOD_PREFIX.search(text, window_start, mention.start)
        if found:
            word = " ".join((found["w"] or found["p"]).lower().split())
            mention = replace(mention, start=found.start(), mod=_MOD_WORDS[word])
    if mention.mod is None and mention.year is not None:
        found = _APPROX_PREFIX.search(text, window_start, mention.start)
        if found:
            mention = replace(mention, start=found.start(), mod="APPROX")
    found = _LATER_IN_PREFIX.search(text, window_start, mention.start)
    if found:
        mention = replace(mention, start=found.start())
    return mention


def _take_weekday(text: str, widened: list[Mention], mention: Mention) -> Mention:
    """ "Saturday, June 24, 1950": the weekday joins the date it names."""
    found = _WEEKDAY_PREFIX.search(text, max(0, mention.start - 20), mention.start)
    if not found:
        return mention
    if widened and widened[-1].start >= found.start() and widened[-1].literal is not None:
        widened.pop()
    return replace(mention, start=found.start())


def join_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """Pair neighbouring calendar mentions that a range connector links."""
    return pair_ranges(text, mentions, _is_range, _RANGE_OPENER, reach=10)


def pair_ranges(
    text: str,
    mentions: list[Mention],
    is_range: Callable[[str, Mention, Mention], bool],
    opener: re.Pattern[str],
    *,
    reach: int,
) -> list[Mention]:
    """Join each mention to the next when `is_range` links them; the range's span starts
    at an opener ("from", "between", 從) found within `reach` characters before it."""
    joined: list[Mention] = []
    index = 0
    while index < len(mentions):
        first = mentions[index]
        second = mentions[index + 1] if index + 1 < len(mentions) else None
        if second is not None and is_range(text, first, second):
            found = opener.search(text, max(0, first.start - reach), first.start)
            outer = found.start() if found else first.start
            joined.append(replace(first, partner=second, outer_start=outer))
            index += 2
            continue
        joined.append(first)
        index += 1
    return joined


def _is_range(text: str, first: Mention, second: Mention) -> bool:
    if not (first.is_calendar and second.is_calendar) or first.partner or second.partner:
        return False
    if first.shift is not None or second.shift is not None:
        return False
    gap = _RANGE_GAP.fullmatch(text, first.end, second.start)
    if not gap:
        return False
    connector = gap.group().strip()
    opener = _RANGE_OPENER.search(text, max(0, first.start - 10), first.start)
    if connector == "and":
        return bool(opener) and opener is not None and opener["w"].lower() == "between"
    if connector in "-–—":
        return True
    return bool(opener) and opener is not None and opener["w"].lower() == "from"
