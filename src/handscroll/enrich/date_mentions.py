"""Partly specified date mentions, and their resolution against the narrative.

A rule sees only what the words say ("16 October", "the following year",
"early 1946"); only the narrative knows which year that was. Keeping the two
apart lets the English and the Chinese rules share one resolver, and lets the
resolver carry the narrative's current date from block to block (issue 4).

Values follow TIMEX3 and keep their granularity. Years before the common era
use the TIMEX2 convention of the WikiWars key and of HeidelTime: 221 BC is
"BC0221", the 470s BC "BC047", the 4th century BC "BC03".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

DIGRESSION_YEARS = 10  # a bare year further than this from the anchor leaves it alone
_ANCHOR_VALUE = re.compile(r"^(BC)?(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


#: TimeML's codes for the parts of the day, as TIMEX3 values end ("2013-03-22TMO").
TOD_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


@dataclass(frozen=True)
class Anchor:
    """The narrative's current date: the last absolute date resolved so far."""

    year: int  # negative before the common era
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class Mention:
    """What a rule found: a span and the date parts its words state."""

    start: int
    end: int
    year: int | None = None  # negative before the common era
    era: str | None = None  # "BC" or "AD" when the text says so
    month: int | None = None
    day: int | None = None
    season: str | None = None  # SP, SU, FA, WI
    half: int | None = None  # 1 or 2
    tod: str | None = None  # MO, AF, EV, NI, DT, or "HH:MM"
    decade: int | None = None  # 193 for the 1930s
    century: int | None = None  # 18 for the 19th century
    mod: str | None = None
    shift: tuple[str, int] | None = None  # ("Y", 1): a year after the anchor; ("A", 0): the anchor
    literal: str | None = None  # a value that needs no anchor (durations, PRESENT_REF)
    kind: str = "DATE"
    partner: Mention | None = None  # the end of a range
    outer_start: int | None = None  # where "from"/"between" opens a range
    fallback: str | None = None  # the value of an "A" shift when there is no anchor yet
    tentative: bool = False  # a bare three-digit number: a year only in a narrative before 1000
    weekday: int | None = None  # 1 (Monday) to 7 (Sunday) when the words name a day of the week
    deictic: bool = False  # relative to the moment of writing ("today", "last year", "Friday")
    convention: str | None = None  # "TIMEX2" ("former", ages) or "TimeML" ("soon"): marked by that one only
    quarter: int | None = None  # 1-4 for a quarter of a (fiscal) year; 0: the one a report is about
    lean: int = 0  # -1 "last Friday", 1 "next April": which side of the document date; 2 from the story's
    movable: tuple[int, int, int] | None = None  # a holiday: (month, weekday, nth); Easter (0, 0, offset)
    quant: str | None = None  # a set's quantifier, as TimeML writes it: EVERY, EACH
    freq: str | None = None  # how often a set recurs within its value: 2X for "twice a week"
    weekend: bool = False  # "Easter weekend", "Labor Day weekend": the weekend nearest the day

    @property
    def extent(self) -> tuple[int, int]:
        """The whole span, a range's opener and second end included."""
        start = self.start if self.outer_start is None else self.outer_start
        return start, self.partner.end if self.partner is not None else self.end

    @property
    def is_calendar(self) -> bool:
        """True for a point or period on the calendar (can open or close a range)."""
        return self.literal is None and self.kind == "DATE"


def parse_anchor(value: str | None) -> Anchor | None:
    """Read an earlier value such as "1945" or "BC0221-03" as the starting anchor."""
    if not value:
        return None
    found = _ANCHOR_VALUE.match(value)
    if not found:
        return None
    year = int(found.group(2)) * (-1 if found.group(1) else 1)
    month = int(found.group(3)) if found.group(3) else None
    day = int(found.group(4)) if found.group(4) else None
    return Anchor(year, month, day)


def _year_text(year: int) -> str:
    return f"BC{-year:04d}" if year < 0 else f"{year:04d}"


def _shifted(anchor: Anchor, unit: str, amount: int) -> Anchor | None:
    """Move the anchor by whole units, keeping only the granularity that stays known."""
    if unit == "Y":
        return Anchor(anchor.year + amount)
    if unit == "M":
        if anchor.month is None:
            return None
        index = anchor.year * 12 + anchor.month - 1 + amount
        return Anchor(index // 12, index % 12 + 1)
    if anchor.day is None or anchor.month is None or anchor.year <= 0:
        return None
    days = amount * 7 if unit == "W" else amount
    moved = dt.date(anchor.year, anchor.month, anchor.day) + dt.timedelta(days=days)
    return Anchor(moved.year, moved.month, moved.day)


_LONG_SPANS = {"DE": (10, 3), "CE": (100, 2)}  # unit: years in it, digits of its TIMEX3 value


def _sign_year(mention: Mention, anchor: Anchor | None) -> int | None:
    """A bare three-digit year in a narrative set before the common era is BC too."""
    year = mention.year
    if year is None or year < 0 or mention.era is not None:
        return year
    if year < 1000 and anchor is not None and anchor.year < 0:
        return -year
    return year


def resolve(mention: Mention, anchor: Anchor | None) -> tuple[str, Anchor | None]:
    """The mention's value, and the anchor that later mentions should use."""
    if mention.literal is not None:
        return mention.literal, anchor
    if mention.decade is not None:
        return _era_prefixed(mention.decade, 3, mention), anchor
    if mention.century is not None:
        return _era_prefixed(mention.century, 2, mention), anchor
    if (
        mention.shift is not None and mention.shift[0] in _LONG_SPANS
    ):  # "this decade", "the end of the century"
        size, digits = _LONG_SPANS[mention.shift[0]]
        if anchor is None or anchor.year <= 0:
            return "X" * digits, anchor
        return f"{anchor.year // size + mention.shift[1]:0{digits}d}", anchor
    if mention.shift == ("A", 0):
        if anchor is None:
            return mention.fallback or "PRESENT_REF", anchor
        return _anchor_text(anchor), anchor
    year = _sign_year(mention, anchor)
    month, day = mention.month, mention.day
    if mention.shift is not None:
        unit, amount = mention.shift
        moved = _shifted(anchor, unit, amount) if anchor else None
        if moved is None:
            return _unknown(mention, anchor, unit), anchor
        year = moved.year
        if month is None and unit in ("M", "D", "W"):
            month, day = moved.month, moved.day if unit in ("D", "W") else None
    elif year is None:
        if anchor is None:
            return _unknown(mention, anchor, "Y"), anchor
        year = anchor.year
        if month is None and day is not None:
            month = anchor.month

    if mention.movable is not None and day is None and year > 0:
        month, day = movable_day(mention.movable, year)
    value = _year_text(year)
    if month is not None:
        value += f"-{month:02d}"
        if day is not None:
            value += f"-{day:02d}"
    if mention.season:
        value += f"-{mention.season}"
    elif mention.half:
        value += f"-H{mention.half}"
    elif mention.quarter:
        value += f"-Q{mention.quarter}"
    if mention.tod:
        value += ("" if day is not None else ("-XX" if month is not None else "-XX-XX")) + f"T{mention.tod}"
    if mention.shift and mention.shift[0] == "W" and day is not None and month is not None and year > 0:
        iso = dt.date(year, month, day).isocalendar()
        value = f"{iso[0]:04d}-W{iso[1]:02d}"
    if mention.weekend and day is not None and month is not None and year > 0:
        value = _nearest_weekend(dt.date(year, month, day))
    if _is_digression(mention, year, anchor):
        return value, anchor
    return value, Anchor(year, month, day if month is not None else None)


def _nearest_weekend(day: dt.date) -> str:
    """The weekend a holiday gives its name to: Labor Day's (a Monday) the one before, Thanksgiving's
    (a Thursday) the one after, Easter's its own; as TimeML writes a weekend (2013-W13-WE)."""
    to_saturday = (6 - day.isoweekday()) % 7
    saturday = day + dt.timedelta(days=to_saturday if to_saturday <= 3 else to_saturday - 7)
    year, week, _ = saturday.isocalendar()
    return f"{year:04d}-W{week:02d}-WE"


def movable_day(movable: tuple[int, int, int], year: int) -> tuple[int, int]:
    """(month, day) of a movable holiday in `year`: the nth (last: -1) weekday of a month, or Easter + n."""
    month, weekday, nth = movable
    if month == 0:
        return _easter_plus(year, nth)
    if nth > 0:
        first = dt.date(year, month, 1)
        return month, 1 + (weekday - first.isoweekday()) % 7 + 7 * (nth - 1)
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return month, last.day - (last.isoweekday() - weekday) % 7


def _easter_plus(year: int, days: int) -> tuple[int, int]:
    """Western Easter Sunday (the anonymous Gregorian computus) moved by `days`."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    moved = dt.date(year, month, day + 1) + dt.timedelta(days=days)
    return moved.month, moved.day


def _is_digression(mention: Mention, year: int, anchor: Anchor | None) -> bool:
    """A bare year far from the narrative's ("declassified in 2005") does not move it."""
    if anchor is None or mention.month is not None or mention.shift is not None:
        return False
    if mention.season or mention.quarter:
        return False
    return abs(year - anchor.year) > DIGRESSION_YEARS


def _anchor_text(anchor: Anchor) -> str:
    value = _year_text(anchor.year)
    if anchor.month is not None:
        value += f"-{anchor.month:02d}"
        if anchor.day is not None:
            value += f"-{anchor.day:02d}"
    return value


def _era_prefixed(number: int, width: int, mention: Mention) -> str:
    if number < 0 or mention.era == "BC":
        return f"BC{abs(number):0{width}d}"
    return f"{number:0{width}d}"


def _unknown(mention: Mention, anchor: Anchor | None, unit: str) -> str:
    """A value with X for what the narrative does not say (no invented dates)."""
    if mention.shift is not None and anchor is not None:
        value = _year_text(anchor.year) + ("-XX" if unit in ("M", "W") else "-XX-XX")
        return value + (f"T{mention.tod}" if mention.tod else "")
    value = "XXXX"
    if mention.month is not None:
        value += f"-{mention.month:02d}"
        if mention.day is not None:
            value += f"-{mention.day:02d}"
    elif mention.season:
        value += f"-{mention.season}"
    elif mention.quarter:
        value += f"-Q{mention.quarter}"
    if mention.tod:
        value += f"T{mention.tod}"
    return value


def inherit(first: Mention, second: Mention) -> Mention:
    """Give a range's first end what only its second end states ("6-7 January 1916")."""
    if first.year is not None or first.shift is not None or not first.is_calendar:
        if first.year is not None and first.era is None and second.era == "BC":
            return replace(first, era="BC", year=-abs(first.year))
        return first
    changes: dict[str, object] = {}
    if second.year is not None:
        changes["year"] = second.year
        changes["era"] = second.era
    if first.month is None and first.day is not None and second.month is not None:
        changes["month"] = second.month
    return replace(first, **changes)  # type: ignore[arg-type]
