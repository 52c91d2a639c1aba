"""Dated events and their order: every dated expression of a feature becomes an event.

An event keeps the value at the granularity the text gives, the sentence it
stands in, and its span, so a timeline can link back to the very words; the
model's `timevalues` orders them across granularities.
"""

from __future__ import annotations

import re

from handscroll.enrich.dates import TimeExpression, find_dates_in_blocks
from handscroll.model import Event, Feature, Span, TextRef, feature_texts

_SENTENCE_BREAK = re.compile(r"(?<=[.!?。！？])\s+")


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
    anchor for "the following year" is carried across blocks in reading order;
    a dated document (a letter, a report) counts "yesterday" and "last year"
    from its own `date`.
    """
    addressed = list(feature_texts(feature))
    texts = [text for _, text in addressed]
    found = find_dates_in_blocks(texts, language=feature.language, dct=feature.date, ranges=True)
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
