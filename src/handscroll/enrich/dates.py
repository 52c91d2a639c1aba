"""The temporal tagger: find date expressions in historical prose and normalise them.

Values are TimeML TIMEX3-style and keep the granularity the text gives
("March 1946" -> 1946-03, never an invented day); expressions that lean on the
narrative ("16 October", "the following year", "the end of April") resolve
from the nearest earlier absolute date, carried across blocks by
find_dates_in_blocks (issue 4, item 1). Rules are regular expressions in
dates_en.py and dates_zh.py; no NLP model is needed for this register.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from handscroll.enrich import (
    date_rules,
    dates_en,
    dates_en_named,
    dates_en_quarters,
    dates_en_relative,
    dates_en_sets,
    dates_en_times,
    dates_news,
    dates_spans,
    dates_zh,
)
from handscroll.enrich.date_mentions import Anchor, Mention, inherit, parse_anchor, resolve

# Importing them registers their rules, calendar first.
_REGISTERED = (dates_en, dates_en_relative, dates_en_times, dates_en_named, dates_en_quarters, dates_en_sets)
_SENTENCE_MAX = 1000  # characters; longer than any sentence, and keeps hostile input linear
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_SENTENCE_OPENING = re.compile(
    r"(?:^|[.!?]\s+|\n)\W*(?:[A-Za-z]+\s+){0,2}(?:the\s+)?(?:early|late|mid-?)?\s*$"
)
_TIME_OF_DAY = re.compile(r"T(?:\d|MO|AF|EV|NI|DT)")  # not the T of FUTURE_REF
_TITLE = re.compile(r"(?:\d+|[A-Z]\w*)(?:\s+[A-Z][\w']*)+")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_COMPARED_FROM = re.compile(r"\b(?:from|than|over)\s+$", re.IGNORECASE)
_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
_MONTH_VALUE = re.compile(r"\d{4}-\d\d")
_PERIOD_VALUE = re.compile(r"\d{4}-(?:Q[1-4]|\d\d)")


@dataclass(frozen=True)
class TimeExpression:
    """One date, duration, time or set found in a text, with its offsets into that text."""

    start: int  # character offset of the first character, into the text given
    end: int  # character offset just past the last character
    text: str  # the words as written, text[start:end]
    value: str  # TIMEX3-style: 1945-08-14, 1946-03, 193 (the 1930s), BC0221, P3M, 1945/1992
    mod: str | None = None  # START, MID, END (early, mid, late), APPROX, LESS_THAN, MORE_THAN, ...
    type: str = "DATE"  # DATE | DURATION | TIME | SET
    quant: str | None = None  # a SET's quantifier (TimeML): EVERY ("every Monday"), EACH
    freq: str | None = None  # a SET's frequency within its value (TimeML): 2X ("twice a week"), 1X ("daily")


@dataclass(frozen=True)
class _Context:
    """What holds for a whole document: its language, its date and how to read it."""

    language: str = "en"
    ranges: bool = True
    dct: Anchor | None = None  # the document's own date (a report's, a letter's)
    news: bool = False  # a bare month or weekday is the latest before the document date


def _context(
    language: str, ranges: bool | None, dct: str | None, mode: str | None, anchor: str | None = None
) -> _Context:
    if mode not in (None, "narrative", "news"):
        raise ValueError(f"mode must be narrative or news, not {mode!r}")
    if dct is None and anchor is not None and _DAY_VALUE.fullmatch(anchor):
        try:
            dt.date.fromisoformat(anchor)
            dct = anchor  # a whole day as the anchor is the date the text was written on
        except ValueError:
            pass
    written = parse_anchor(dct)
    if dct:
        try:
            dt.date.fromisoformat(dct[:10])
        except ValueError:
            written = None
        if written is None or written.day is None:
            raise ValueError(f"the document date must be a day such as 2013-03-22, not {dct!r}")
    news = mode == "news" or (mode is None and written is not None)
    return _Context(language, not news if ranges is None else ranges, written, news)


def find_dates(
    text: str,
    *,
    anchor: str | None = None,
    language: str = "en",
    ranges: bool | None = None,
    dct: str | None = None,
    mode: str | None = None,
) -> list[TimeExpression]:
    """All time expressions in `text`, in order.

    `anchor` is an earlier date value (the context before this text) for the
    expressions at its start that need a year; a whole day (2013-03-22) is
    also the document's date when `dct` is not given. `ranges=True` keeps a
    range one expression (1915/1916, as the reader shows it); with `ranges=False`
    its two ends come out as two expressions, as TIMEX2 and TimeML annotate
    them; unset, ranges are joined in narrative mode and split in news mode.
    `dct` is the document's own date: "today", "Friday", "last year" count
    from it; `mode` (narrative, or news when a document date is given) says
    whether a bare month is the story's or the latest before the document date.
    """
    context = _context(language, ranges, dct, mode, anchor)
    start = parse_anchor(anchor) or (context.dct if context.news else None)
    found, _ = _tag(text, start, context)
    return found


def find_dates_in_blocks(
    texts: Sequence[str],
    *,
    anchor: str | None = None,
    language: str = "en",
    ranges: bool | None = None,
    dct: str | None = None,
    mode: str | None = None,
) -> list[list[TimeExpression]]:
    """Tag consecutive blocks of one document, carrying the narrative's date across them."""
    context = _context(language, ranges, dct, mode, anchor)
    current = parse_anchor(anchor) or (context.dct if context.news else None)
    results: list[list[TimeExpression]] = []
    for text in texts:
        found, current = _tag(text, current, context)
        results.append(found)
    return results


def _mentions(text: str, language: str, ancient: bool = False) -> list[Mention]:
    candidates: list[Mention] = []
    if not language.startswith("zh"):
        chosen = dates_spans.select(date_rules.find_mentions(text, ancient=ancient))
        candidates.extend(dates_spans.join_ranges(text, dates_spans.widen(text, chosen)))
    if date_rules.CJK_DATE_HINT.search(text):
        chinese = dates_spans.select(dates_zh.find_mentions(text))
        candidates.extend(dates_zh.join_ranges(text, chinese))
    if not candidates:
        return []
    return dates_spans.select(candidates) if len(candidates) > 1 else candidates


def _tag(
    original: str, anchor: Anchor | None, context: _Context
) -> tuple[list[TimeExpression], Anchor | None]:
    found: list[TimeExpression] = []
    text = _unwrapped(original)  # the rules read sentences; the expressions keep the original's words
    narrative = _Narrative(text, anchor, context)
    ancient = anchor is not None and anchor.year < 1000
    ranges = context.ranges
    for mention in _mentions(text, context.language, ancient):
        if mention.convention == ("TIMEX2" if context.news else "TimeML"):
            continue  # "former" (TIMEX2) in news, "soon" (TimeML) in a narrative
        if context.news and mention.kind in ("DURATION", "SET") and _a_title(text, *mention.extent):
            continue  # "60 Minutes": TimeML leaves names of programmes alone; TIMEX2 marks them
        ancient_range = mention.partner is not None and mention.partner.era == "BC"
        if (
            mention.tentative
            and not ancient_range
            and (narrative.latest is None or narrative.latest.year >= 1000)
        ):
            if mention.partner is None:
                continue  # "in 300" is a year only in a narrative set before 1000
            mention = mention.partner
        if mention.partner is None:
            found.append(_expression(original, mention, narrative.resolve(mention)))
            continue
        first = inherit(mention, mention.partner)
        if context.news and dates_news.yearless_months(first, mention.partner):
            second_value = narrative.resolve(mention.partner)  # "July-August": the end decides the year
            first = dates_news.in_year_before(first, mention.partner, second_value)
            first_value = narrative.resolve(first)
        else:
            first_value = narrative.resolve(first)
            second_value = narrative.resolve(mention.partner)
        if ranges:
            start = mention.outer_start if mention.outer_start is not None else mention.start
            ranged = Mention(start, mention.partner.end)
            found.append(_expression(original, ranged, f"{first_value}/{second_value}"))
        else:
            found.append(_expression(original, first, first_value))
            found.append(_expression(original, mention.partner, second_value))
    if context.news:
        found = [replace(x, value=dates_news.timeml_value(x.type, x.value)) for x in found]
    return found, narrative.latest


#: A line break inside a sentence: after a lower-case word, a number or a comma (and at most one
#: space, as format=flowed mail leaves), before more text. It opens with the newline so the regex
#: engine jumps from one to the next (a pattern opening with the lookbehind cost 4% of the tagger).
_WRAPPED_LINE = re.compile(r"\n(?:(?<=[a-z0-9,;]\n)|(?<=[a-z0-9,;] \n)|(?<=[a-z0-9,;]\t\n))(?![ \t]*\n)")


def _unwrapped(text: str) -> str:
    """`text` with the line breaks of hard-wrapped sentences made spaces, so "on\nFriday" reads as
    one clause; same length, so every offset stays the original's."""
    return _WRAPPED_LINE.sub(" ", text) if "\n" in text else text


def _a_title(text: str, start: int, end: int) -> bool:
    """ "60 Minutes" is a name; "Every Friday" opening a sentence is capitalised only by grammar."""
    if not _TITLE.fullmatch(text, start, end):
        return False
    rest = text[start:end].split()[1:]
    opening = _OPENS.search(text, max(0, start - 6), start) is not None
    return not (opening and all(_DAY_NAME.fullmatch(word) for word in rest))


_OPENS = re.compile(r"(?:^|[.!?]['\")]?\s+|\n)[\"'(`\s]*$")
_DAY_NAME = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days?")


class _Narrative:
    """Which earlier date anchors the next mention.

    A year that opens its sentence ("In 1944, ...") or any date with a month
    sets the scene. A bare year later in a sentence ("planned for 1976",
    "its founding in 1949, ... on 16 October") anchors only the rest of that
    sentence, so an aside does not drag the following narrative with it,
    unless the same year comes again. Looking back ("a year earlier", "two
    years ago") resolves from the scene but does not move it.
    """

    def __init__(self, text: str, anchor: Anchor | None, context: _Context) -> None:
        self.text = text
        self.scene = anchor
        self.aside: tuple[Anchor, int] | None = None
        self.context = context
        self.period: str | None = None  # the quarter a report named last: what "the quarter" is
        self.named: tuple[str, int] | None = None  # the last quarter or month named, and where it ends

    @property
    def latest(self) -> Anchor | None:
        return self.aside[0] if self.aside else self.scene

    def resolve(self, mention: Mention) -> str:
        month = self._named_here(mention.start, _MONTH_VALUE)
        if self.context.news and month and dates_news.a_month_a_year_back(mention, self.text):
            return f"{int(month[:4]) - 1:04d}{month[4:]}"  # "in February from a year earlier"
        if self.context.dct is not None:
            dated = dates_news.resolve_dated(
                mention,
                self.context.dct,
                self.text,
                news=self.context.news,
                period=self._period_for(mention.start),
                story=self.latest,
            )
            base = _COMPARED_FROM.search(self.text, max(0, mention.start - 6), mention.start)
            if dated is not None and _PERIOD_VALUE.fullmatch(dated) and base is None:
                self.named = dated, mention.end  # not "from January": the base a period is compared with
            if self.period is None and mention.quarter is not None and mention.year is None and dated:
                words = self.text[mention.start : mention.end]  # "fiscal" makes it the report's quarter
                self.period = dates_news.closed_quarter(dated, self.context.dct, words)
            if dated is not None:
                day = parse_anchor(dated) if _DAY_VALUE.match(dated) else None
                if day is not None and (mention.deictic or mention.day is not None):
                    self.scene, self.aside = day, None  # "On Friday ... at 10 p.m.": that Friday
                elif mention.month is not None and _MONTH_VALUE.fullmatch(dated):
                    self.scene, self.aside = parse_anchor(dated), None  # "in January ... a month later"
                return dated
        anchor = self._anchor_for(mention)
        if self.context.news and self.context.dct is not None:
            anchor = dates_news.day_of_clock(mention, anchor, self.context.dct, self.text)
        value, moved = resolve(mention, anchor)
        if moved is anchor or moved is None:
            return value
        if mention.shift is not None and mention.shift[1] < 0:
            return value  # "a year earlier", "two years ago": a glance back, the story stays
        if mention.month is None and mention.shift is None and not self._opens_sentence(mention.start):
            if self.aside is not None and self.aside[0].year == moved.year:
                self.scene, self.aside = moved, None  # the same year again: the story has moved there
            else:
                self.aside = (moved, mention.end)
        else:
            self.scene, self.aside = moved, None
        return value

    def _period_for(self, start: int) -> str | None:
        """The quarter "a year earlier" and "the quarter" count from: one named earlier in the
        sentence ("the first quarter ... from a year earlier"), else the report's."""
        return self._named_here(start, _QUARTER_VALUE) or self.period

    def _named_here(self, start: int, form: re.Pattern[str]) -> str | None:
        """The quarter or month named last, when it is of this `form` and earlier in this sentence."""
        if self.named is None or not form.fullmatch(self.named[0]) or start - self.named[1] > _SENTENCE_MAX:
            return None
        return None if _SENTENCE_END.search(self.text, self.named[1], start) else self.named[0]

    def _anchor_for(self, mention: Mention) -> Anchor | None:
        if self.aside is None:
            return self.scene
        if self.scene is None or (mention.shift is not None and mention.shift[0] == "Y"):
            return self.aside[0]
        aside_end = self.aside[1]
        if mention.start - aside_end > _SENTENCE_MAX:
            return self.scene
        return self.scene if _SENTENCE_END.search(self.text, aside_end, mention.start) else self.aside[0]

    def _opens_sentence(self, start: int) -> bool:
        return bool(_SENTENCE_OPENING.search(self.text, max(0, start - 30), start))


def _expression(text: str, mention: Mention, value: str) -> TimeExpression:
    kind = mention.kind
    if kind == "DATE" and _TIME_OF_DAY.search(value) and not value.startswith("P"):
        kind = "TIME"
    return TimeExpression(
        mention.start,
        mention.end,
        text[mention.start : mention.end],
        value,
        mention.mod,
        kind,
        mention.quant,
        mention.freq,
    )
