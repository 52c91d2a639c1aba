"""The events a self-check may use, each with the stretch of time its value covers.

A value keeps the granularity the text gave it, so "March 1946" covers the
whole month and "1946" the whole year. Two events are told apart only when
their stretches do not overlap: a checker must never mark a right answer
wrong because the text was vaguer than the question.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from handscroll.model import HIDDEN_FIELDS, Enrichment, Event, Feature, TextRef, text_at

_VALUE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|(?P<season>SP|SU|FA|AU|WI))(?:-(?P<day>\d{2}))?)?(?:T\w+)?$"
)
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "AU": 9}
_EXPLICIT_YEAR = re.compile(r"\d{4}")
_RANGE_END = re.compile(r"(?:\d+|\b[A-Z][a-z]+)\s*(?:to|and|until|till|[-–—])\s*$")
"""Words before a date that make it the end of a range ("from 10 to 31 January 1946")."""

_SENTENCE_END = re.compile(r"(?<=[。！？])\s*|(?<=[.!?])(?<!\b[A-Z]\.)(?<!\bSt\.)\s+")
"""Where a sentence ends: after Chinese end marks, or Western ones before a space; never after an
initial ("Patrick J. Hurley") or "St."."""
_LEANS_ON_CONTEXT = re.compile(
    r"^(?:(?:He|She|It|They|This|These|Those|Its|Their|His|Her)\b|[他她它這这此其該该])"
)
"""A sentence that opens with a pronoun ("They were ready...", "他...") needs the one before it to say
who or what: alone, it may fit other answers."""

MAX_SENTENCE = 320
"""Longest sentence (characters) shown as a choice or a prompt; longer ones read badly as options."""

BLANK = "____"

T = TypeVar("T")


@dataclass(frozen=True)
class DatedEvent:
    """An event a check may use: its stretch of time and its sentence with the date blanked out."""

    event: Event
    start: date
    end: date
    """The first day after the stretch."""
    sentence: str
    """The sentence around the date's words, as `sentence_around` splits the text."""
    blanked: str

    @property
    def granularity(self) -> str:
        """`day`, `month`, `season` or `year`: how precise the text was."""
        days = (self.end - self.start).days
        return "day" if days == 1 else "month" if days <= 31 else "season" if days <= 92 else "year"

    def disjoint(self, other: DatedEvent) -> bool:
        """Whether the two stretches do not overlap at all."""
        return self.end <= other.start or other.end <= self.start


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds the span [start, end)."""
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end:
            return text[begin : match.start()].strip()
    return text[begin:].strip()


def leans_on_context(sentence: str) -> bool:
    """Whether a sentence opens with a pronoun, so it cannot stand alone as a question."""
    return _LEANS_ON_CONTEXT.match(sentence) is not None


def _sentence_of(feature: Feature, event: Event) -> str:
    return sentence_around(text_at(feature, event.span.ref), event.span.start, event.span.end)


def stretch(value: str) -> tuple[date, date] | None:
    """The days a value covers, [start, end); None for ranges, decades, quarters, weeks, eras,
    and winters (which straddle two years, and texts disagree on which)."""
    match = _VALUE.match(value)
    if match is None or match["season"] == "WI":
        return None
    year = int(match["year"])
    if year < 1:
        return None
    if match["season"]:
        month = _SEASON_START[match["season"]]
        first = date(year, month, 1)
        return first, _add_months(first, 3)
    if not match["month"]:
        return date(year, 1, 1), date(year + 1, 1, 1)
    month = int(match["month"])
    if not 1 <= month <= 12:
        return None
    if match["day"]:
        day = int(match["day"])
        if not 1 <= day <= calendar.monthrange(year, month)[1]:
            return None
        first = date(year, month, day)
        return first, date.fromordinal(first.toordinal() + 1)
    first = date(year, month, 1)
    return first, _add_months(first, 1)


def _add_months(first: date, months: int) -> date:
    index = first.month - 1 + months
    return date(first.year + index // 12, index % 12 + 1, 1)


def is_hidden(ref: TextRef) -> bool:
    """Whether a text is a hidden model answer (issue 15: never quizzed)."""
    return ref.field in HIDDEN_FIELDS


def answer_only_dates(enrichment: Enrichment) -> set[str]:
    """Date words that appear only in hidden answers ("1953"): no item's text may contain them."""
    shown = {e.text for e in enrichment.events if not is_hidden(e.span.ref)}
    return {e.text for e in enrichment.events if is_hidden(e.span.ref) and e.text not in shown}


def usable_events(feature: Feature, enrichment: Enrichment) -> tuple[list[DatedEvent], list[tuple[str, str]]]:
    """Events a check may use, in time order, and (reason, detail) for each one left out.

    An event qualifies when it is outside hidden answers and the title, its value has a
    stretch, its words name the year, its sentence holds no other date (which would give the answer
    away or confuse it) and is short enough to read as an option.
    """
    kept: list[DatedEvent] = []
    left: list[tuple[str, str]] = []
    # Each event's sentence by our own split (the tagger's ends a sentence at "George C."), so
    # an option reads as a whole sentence, in English and in Chinese alike.
    sentences = {id(e): _sentence_of(feature, e) for e in enrichment.events}
    per_sentence: dict[tuple[TextRef, str], int] = {}
    for event in enrichment.events:
        key = (event.span.ref, sentences[id(event)])
        per_sentence[key] = per_sentence.get(key, 0) + 1
    seen: set[str] = set()
    for event in enrichment.events:
        sentence = sentences[id(event)]
        what = f"{event.text!r} ({event.value}) in {event.span.ref}"
        if is_hidden(event.span.ref):
            left.append(("in a hidden model answer", what))
            continue
        if event.span.ref.block is None:
            left.append(("in the title, which the page shows above the checks", what))
            continue
        days = stretch(event.value)
        if days is None:
            left.append(("no single stretch of time (range, decade, winter, or unresolved)", what))
        elif not _EXPLICIT_YEAR.search(event.text):
            # "four days later", "March the same year": the year comes from elsewhere in the
            # text, so the sentence alone would not say when it was (issue 15: unambiguous).
            left.append(("the words give no year of their own", what))
        elif _RANGE_END.search(sentence.split(event.text, 1)[0]):
            left.append(("the date ends a range the text gives in part", what))
        elif per_sentence[(event.span.ref, sentence)] > 1:
            left.append(("its sentence holds another date", what))
        elif len(sentence) > MAX_SENTENCE or sentence.count(event.text) != 1:
            left.append(("sentence too long, or the date cannot be blanked out once", what))
        elif leans_on_context(sentence):
            left.append(("its sentence opens with a pronoun and leans on the one before", what))
        elif sentence in seen:
            left.append(("same sentence as another event", what))
        else:
            seen.add(sentence)
            blanked = sentence.replace(event.text, BLANK, 1)
            kept.append(DatedEvent(event, days[0], days[1], sentence, blanked))
    kept.sort(key=lambda d: (d.start, d.end))
    return kept, left


def disjoint_chain(events: Sequence[DatedEvent]) -> list[DatedEvent]:
    """The longest run (greedy by end) of events whose stretches pairwise do not overlap, in time order."""
    chain: list[DatedEvent] = []
    for candidate in sorted(events, key=lambda d: (d.end, d.start)):
        if not chain or chain[-1].end <= candidate.start:
            chain.append(candidate)
    return chain


def spread(events: Sequence[T], count: int) -> list[T]:
    """`count` events picked evenly across a time-ordered list (all of them if there are fewer)."""
    if len(events) <= count:
        return list(events)
    step = (len(events) - 1) / (count - 1)
    return [events[round(i * step)] for i in range(count)]
