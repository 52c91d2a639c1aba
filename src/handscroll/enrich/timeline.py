"""Dated events and their order: every dated expression of a feature becomes an event.

An event keeps the value at the granularity the text gives, the sentence it
stands in, and its span, so a timeline can link back to the very words. The
order works across granularities: a century before its decades, a year before
its seasons and months, a month before its days; a range sorts by its start.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from handscroll.enrich.dates import TimeExpression, find_dates_in_blocks
from handscroll.enrich.texts import Span, TextRef, feature_texts
from handscroll.model import Feature

_SEASON_MONTH = {"WI": 1, "SP": 3, "SU": 6, "FA": 9, "AU": 9}
_MOD_ORDER = {"START": 0, "EARLY": 0, "MID": 1, None: 1, "END": 2, "LATE": 2}
_VALUE = re.compile(
    r"^(?P<era>BC)?(?P<sign>-)?(?P<year>\d{1,4})"
    r"(?:-(?:(?P<month>\d{2})|(?P<season>SP|SU|FA|AU|WI)|Q(?P<quarter>[1-4])|H(?P<half>[12])|W(?P<week>\d{2})))?"
    r"(?:-(?P<day>\d{2}))?(?:T(?P<time>.*))?$"
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？])\s+")


@dataclass(frozen=True)
class Event:
    """A dated expression in context: what the timeline shows and links back from."""

    value: str
    text: str
    sentence: str
    span: Span
    mod: str | None = None

    @property
    def year(self) -> int | None:
        """The (start) year for grouping, or None when the value has no year (a decade, a century)."""
        key = sort_key(self.value)
        return key[0] if key[1] == 2 else None


def sort_key(value: str, mod: str | None = None) -> tuple[int, int, int, int, int, str]:
    """Order TIMEX3 values across granularities: (year, rank, month, day, mod, time).

    `rank` puts centuries (0) and decades (1) before the years they contain
    (2). A range sorts by its start. Values that are not dates sort last.
    """
    start = value.split("/", 1)[0]
    match = _VALUE.match(start)
    if match is None:
        return (10**6, 0, 0, 0, 0, value)
    digits = match["year"]
    negative = bool(match["era"] or match["sign"])
    width = len(digits)
    scale = 10 ** (4 - width) if width < 4 else 1  # "19" = the 1900s, "194" = the 1940s
    year = int(digits) * scale
    if negative:
        year = -year
    rank = {2: 0, 3: 1}.get(width, 2)
    if match["month"]:
        month = int(match["month"])
    elif match["season"]:
        month = _SEASON_MONTH[match["season"]]
    elif match["quarter"]:
        month = 3 * int(match["quarter"]) - 2
    elif match["half"]:
        month = 1 if match["half"] == "1" else 7
    else:
        month = 0
    day = int(match["day"]) if match["day"] else 0
    return (year, rank, month, day, _MOD_ORDER.get(mod, 1), match["time"] or "")


def sort_text(value: str, mod: str | None = None) -> str:
    """`sort_key` as a string that sorts the same way, for an indexed database column."""
    year, rank, month, day, mod_rank, time = sort_key(value, mod)
    return f"{year + 1_000_000:07d}.{rank}.{month:02d}.{day:02d}.{mod_rank}.{time}"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds the span [start, end)."""
    sentence_start = 0
    for found in _SENTENCE_BREAK.finditer(text):
        if found.end() > start:
            if found.start() >= end:
                return text[sentence_start : found.start()].strip()
            continue
        sentence_start = found.end()
    return text[sentence_start:].strip()


def events_of(feature: Feature) -> list[Event]:
    """Every dated expression of a feature as an event, in reading order.

    Durations and sets ("three months", "every year") are not events. The
    anchor for "the following year" is carried across blocks in reading order.
    """
    addressed = list(feature_texts(feature))
    found = find_dates_in_blocks([text for _, text in addressed], language=feature.language)
    events: list[Event] = []
    for (ref, text), expressions in zip(addressed, found, strict=True):
        events.extend(_event(ref, text, e) for e in expressions if e.type in ("DATE", "TIME"))
    return events


def _event(ref: TextRef, text: str, expression: TimeExpression) -> Event:
    return Event(
        value=expression.value,
        text=expression.text,
        sentence=sentence_around(text, expression.start, expression.end),
        span=Span(ref, expression.start, expression.end),
        mod=expression.mod,
    )


def ordered(events: Iterable[Event]) -> list[Event]:
    """Events in time order; equal dates keep their reading order."""
    return sorted(events, key=lambda e: sort_key(e.value, e.mod))


def timeline_rows(events: Iterable[Event], slug: str) -> list[dict[str, object]]:
    """Flat rows for `handscroll timeline --format json|csv`."""
    return [
        {
            "value": e.value,
            "mod": e.mod or "",
            "text": e.text,
            "sentence": e.sentence,
            "feature": slug,
            "block": "" if e.span.ref.block is None else e.span.ref.block,
            "field": e.span.ref.field,
            "index": e.span.ref.index,
            "start": e.span.start,
            "end": e.span.end,
        }
        for e in events
    ]
