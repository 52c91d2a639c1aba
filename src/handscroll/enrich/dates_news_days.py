"""Which day a bare weekday or "the weekend" is in news: this week's, last week's or next (issue 16).

"Friday" in a report has no week: the tense around it (dates_news_tense.py), a range it closes ("from
Friday to Sunday"), a week named after it ("Tuesday next week") or an event's possessive ("Sunday's
race" in Friday's paper) decide which one. Split from dates_news.py, which counts everything else.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from handscroll.enrich.date_mentions import TOD_CODES, Anchor, Mention
from handscroll.enrich.date_rules import rule
from handscroll.enrich.dates_en_times import WEEKDAYS
from handscroll.enrich.dates_news_tense import (
    BEFORE_DEADLINE,
    PAST_CUE,
    could_ahead,
    deadline_ahead,
    deadline_by,
    event_ahead,
    joined_ahead,
    looks_ahead,
    told_in_the_past,
    weekend_past,
)

_NEXT = re.compile(r"[Nn]ext\s")


def weekday_of(mention: Mention, written: dt.date, text: str) -> dt.date:
    """The day a bare weekday is in a report written on `written`: by range, named week, tense."""
    assert mention.weekday is not None
    first = _RANGE_FROM.search(text, max(0, mention.start - 30), mention.start) if mention.lean == 0 else None
    if first is not None and (first["to"] or 0 < (mention.weekday - WEEKDAYS.index(first["w"]) - 1) % 7 <= 3):
        # "from Friday to Sunday", "on Saturday and Sunday": the second is the first such day from the first
        opening = replace(mention, start=first.start(), weekday=WEEKDAYS.index(first["w"]) + 1)
        begins = weekday_of(opening, written, text)
        return begins + dt.timedelta(days=(mention.weekday - begins.isoweekday()) % 7)
    week = _WHICH_WEEK.match(text, mention.end) if mention.lean == 0 else None
    if week is not None:  # "on Tuesday next week", "Thursday of last week": that week's day
        monday = written - dt.timedelta(days=written.isoweekday() - 1)
        return monday + dt.timedelta(
            days=7 * (1 if week["w"].lower() == "next" else -1) + mention.weekday - 1
        )
    back = (written.isoweekday() - mention.weekday) % 7
    if mention.lean < 0:
        return written - dt.timedelta(days=back or 7)
    if (
        mention.lean > 0
        or looks_ahead(text, mention.start)
        or deadline_ahead(text, mention)
        or deadline_by(text, mention)
        or joined_ahead(text, mention.start)
        or (
            (mention.weekday - written.isoweekday()) % 7 <= 4
            and (event_ahead(text, mention.start) or could_ahead(text, mention.start))
        )
        or _weekend_event(mention, written, text)
    ):
        ahead = (mention.weekday - written.isoweekday()) % 7 or 7 * (mention.lean > 0)
        return written + dt.timedelta(days=ahead)  # "will leave on Friday" in Friday's paper: today
    since = PAST_CUE.search(text, max(0, mention.start - 12), mention.start) is not None
    if back == 6 and not since:  # "Saturday" in Friday's paper is tomorrow; "since Saturday" is not
        return written + dt.timedelta(days=1)
    return written - dt.timedelta(days=back)


_RANGE_FROM = re.compile(
    rf"\b(?P<w>{'|'.join(WEEKDAYS)})\s*(?:(?P<to>to|through|until|till|thru|-|\u2013)|,?\s+(?:and|or))\s*$"
)
_WHICH_WEEK = re.compile(r",?\s+(?:of\s+)?(?P<w>[Nn]ext|[Ll]ast)\s+week\b")
#: "Sunday's Oxford and Cambridge Boat Race", "Saturday's final": a day's scheduled event
_DAY_EVENT = re.compile(
    r"['\u2019]s\s+(?:[A-Za-z.'-]+\s+){0,4}?(?:[Rr]ace|[Ee]lection|[Vv]ote|[Mm]atch|[Gg]ame|[Ff]inal|[Rr]eferendum|"
    r"[Rr]un-?off|[Pp]oll|[Ss]ummit|[Mm]eeting|[Pp]arade|[Mm]arathon|[Cc]eremony|Mass|[Ss]ervice|[Dd]erby|"
    r"[Ff]ixture|Grand\s+Prix|[Tt]alks|[Ss]ession|[Cc]onclave|[Ii]nauguration|[Cc]ongress|[Cc]onvention|[Dd]ebate|"
    r"[Hh]earing|[Cc]oncert|[Ff]estival|[Tt]ournament|[Cc]lash|[Ss]how)s?\b"
)


def _weekend_event(mention: Mention, written: dt.date, text: str) -> bool:
    """ "the organisers of Sunday's Boat Race" in Friday's paper: an event two days on, named by its
    day's possessive, is the coming one (the one five days back would be "last Sunday's")."""
    assert mention.weekday is not None
    if (mention.weekday - written.isoweekday()) % 7 != 2 or not _DAY_EVENT.match(text, mention.end):
        return False
    return not told_in_the_past(text, mention.start)


def weekday_from(mention: Mention, day: dt.date) -> str:
    """ "the following Monday", "the previous Friday": the nearest one after (before) the story's day."""
    assert mention.weekday is not None
    if mention.lean > 0:
        return (day + dt.timedelta(days=(mention.weekday - day.isoweekday()) % 7 or 7)).isoformat()
    return (day - dt.timedelta(days=(day.isoweekday() - mention.weekday) % 7 or 7)).isoformat()


def weekend_of(mention: Mention, written: dt.date, text: str) -> str:
    """ "this weekend" is the document week's; "the weekend", "last weekend" the latest, unless ahead.

    A report written on a Saturday or Sunday means the weekend it is in; one written on a
    Thursday or Friday means the coming one ("stay indoors through the weekend") unless the
    weekend is told in the past ("Over the weekend, the post was shared").
    """
    saturday = written + dt.timedelta(days=6 - written.isoweekday())  # of the document's week
    in_it = written.isoweekday() >= 6
    ahead = looks_ahead(text, mention.start) or bool(
        BEFORE_DEADLINE.search(text, max(0, mention.start - 30), mention.start)
    )  # "square positions ahead of the weekend"
    if mention.shift is None and mention.lean <= 0 and not ahead:
        coming = mention.lean == 0 and written.isoweekday() in (4, 5) and not weekend_past(text, mention)
        if not (in_it or coming) or mention.lean < 0:
            saturday -= dt.timedelta(days=7)
    elif mention.shift is None and mention.lean > 0 and (in_it or _NEXT.match(text, mention.start)):
        saturday += dt.timedelta(days=7)  # "next weekend" is next week's, as "next week" is
    elif (
        mention.shift is not None and written.isoweekday() <= 2 and not ahead and weekend_past(text, mention)
    ):
        saturday -= dt.timedelta(days=7)  # "Ministers met this weekend" on a Monday: the one just gone
    year, week, _ = saturday.isocalendar()
    return f"{year:04d}-W{week:02d}-WE"


def night_ahead(mention: Mention, text: str, story: Anchor | None, written: dt.date) -> dt.date | None:
    """ "Temperatures will fall overnight": told ahead, the night to come is the report's own, or that
    of a day still ahead the story has named ("Snow begins Saturday and will freeze overnight");
    told in the past it is the night before (the rule's own reading)."""
    if mention.tod != "NI" or mention.shift != ("D", -1) or mention.deictic:
        return None
    if not _OVERNIGHT.match(text, mention.start) or not looks_ahead(text, mention.start):
        return None
    if story is not None and story.month and story.day and story.year > 0:
        return max(written, dt.date(story.year, story.month, story.day))
    return written


_OVERNIGHT = re.compile(r"[Oo]vernight\b")


def sunday_week_ahead(mention: Mention, text: str, written: dt.date) -> str | None:
    """ "An inquest is due to open this week", "later this week" in Sunday's paper: the week to come
    (ISO weeks end on Sunday, so the report's own week is all but over); told in the past ("ruled
    this week") it stays the week just ending."""
    if written.isoweekday() != 7 or mention.shift != ("W", 0) or not mention.deictic:
        return None
    if not (_LATER.match(text, mention.start) or looks_ahead(text, mention.start)):
        return None
    year, week, _ = (written + dt.timedelta(days=1)).isocalendar()
    return f"{year:04d}-W{week:02d}"


_LATER = re.compile(r"[Ll]ater\s+this\s+week\b")


@rule(
    r"\b(?:(?P<pre>[Ee]arly|[Ll]ate)\s+)?(?P<w>[Yy]esterday|[Tt]omorrow)"
    r"(?:\s+(?P<t>morning|afternoon|evening|night))?\b",
    key="names",
)
def _yesterday(found: re.Match[str]) -> Mention:
    """A day from the document date ("yesterday morning": part of it, a TIME); with none, an unknown day."""
    amount = -1 if found["w"].lower() == "yesterday" else 1
    tod = TOD_CODES[found["t"]] if found["t"] else None
    literal = "XXXX-XX-XX" + (f"T{tod}" if tod else "")
    kind = "TIME" if tod else "DATE"
    shift = ("D", amount)
    mod = {"early": "START", "late": "END"}.get((found["pre"] or "").lower())  # "late yesterday"
    return Mention(
        found.start(), found.end(), literal=literal, shift=shift, deictic=True, tod=tod, kind=kind, mod=mod
    )


_DAY_WORD = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)}|[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow)\b")
_LEAD = 400  # the opening of a report, where it names the day it tells
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")  # a blank line


def paragraph_of_the_report_day(text: str, start: int, story: Anchor, dct: Anchor) -> bool:
    """ "Heavy rain fell on Thursday ... [new paragraph] The president visited in the afternoon" in a
    Friday report whose lead tells of Friday: a time of day in a paragraph naming no day belongs to the
    day the report leads with, not to a day an earlier paragraph mentioned in passing."""
    if not (dct.month and dct.day) or (story.year, story.month, story.day) == (dct.year, dct.month, dct.day):
        return False
    ends = _paragraph_starts(text)  # a wrapped line is no paragraph
    index = bisect_right(ends, start) - 1
    if index < 0 or _DAY_WORD.search(text, ends[index], start):
        return False
    paragraph = ends[index]
    written = dt.date(dct.year, dct.month, dct.day)
    own = re.compile(rf"\b(?:{WEEKDAYS[written.isoweekday() - 1]}|[Tt]oday)\b")
    return own.search(text, 0, min(_LEAD, paragraph)) is not None


@lru_cache(maxsize=4)
def _paragraph_starts(text: str) -> list[int]:
    """Where each paragraph after the first begins: found once per text, not once per expression."""
    return [found.end() for found in _PARAGRAPH_BREAK.finditer(text)]


#: "treated since March 10", "in hospital since 10 March": a day that opens a stretch up to now.
_SINCE_DAY = re.compile(
    r"\b[Ss]ince\s+(?:[A-Z][a-z]{2,8}\.?\s+(?P<d>\d{1,2})|(?P<d0>\d{1,2})\s+[A-Z][a-z]{2,8})\b"
)
_WEEKDAY_WORD = re.compile(rf"\b(?:{'|'.join(WEEKDAYS)})\b")


def day_the_lead_tells(text: str, start: int, story: Anchor, dct: Anchor) -> Anchor | None:
    """ "died Wednesday ... had been treated since March 10 ... He died at 6:47 p.m.": a day that opens
    a stretch running up to the report is no scene of the story, so a time of day after it, with no
    day named between, is on the weekday the lead names (the last one on or before the report)."""
    if not (dct.month and dct.day):
        return None
    since = list(_SINCE_DAY.finditer(text, max(0, start - _LEAD), start))
    if (
        not since
        or int(since[-1]["d"] or since[-1]["d0"]) != story.day
        or _DAY_WORD.search(text, since[-1].end(), start)
    ):
        return None
    lead = _WEEKDAY_WORD.search(text, 0, min(_LEAD, since[-1].start()))
    if lead is None:
        return None
    written = dt.date(dct.year, dct.month, dct.day)
    day = written - dt.timedelta(days=(written.isoweekday() - WEEKDAYS.index(lead.group()) - 1) % 7)
    return Anchor(day.year, day.month, day.day)
