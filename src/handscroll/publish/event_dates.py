"""Calendar dates of timeline events, for formats that want year/month/day rather than TIMEX3 values.

TimelineJS and schema.org both take dates as numbers at some granularity; a
TIMEX3 value such as `1945-08`, `1945-09/1945-10` or `1945-FA` is read here
once, so both exports agree on what an event's date is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handscroll.model import sort_key

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_EXACT = re.compile(r"^(?P<year>-?\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")


@dataclass(frozen=True)
class CalendarDate:
    """A date at the granularity the text gives: a year, a month of a year, or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        """ISO 8601 at the same granularity (`1945`, `1945-08`, `1945-08-15`)."""
        text = f"{self.year:04d}" if self.year >= 0 else f"-{-self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def label(self) -> str:
        """The date in words at its granularity (`1945`, `August 1945`, `15 August 1945`)."""
        year = str(self.year) if self.year > 0 else f"{1 - self.year} BC"
        if self.month is None:
            return year
        month = _MONTHS[self.month - 1]
        return f"{self.day} {month} {year}" if self.day is not None else f"{month} {year}"


def date_label(value: str, text: str) -> str:
    """How a timeline shows an event's date: in words when the value is a plain date, else as written."""
    exact = exact_dates(value)
    if exact is None:
        return text
    start, end = exact
    return start.label() if end is None else f"{start.label()} – {end.label()}"


def exact_dates(value: str) -> tuple[CalendarDate, CalendarDate | None] | None:
    """Start and (for a range) end of a value that is a plain year, month or day; None otherwise.

    Seasons, decades, quarters and times are not calendar dates at a
    granularity ISO 8601 can say, so they give None.
    """
    parts = value.split("/")
    if len(parts) > 2:
        return None
    dates = [_exact(part) for part in parts]
    if any(d is None for d in dates):
        return None
    start = dates[0]
    assert start is not None
    return start, dates[1] if len(dates) == 2 else None


def nearest_date(value: str, mod: str | None = None) -> CalendarDate | None:
    """The calendar date a value starts at, as closely as it can be said (a season's first month)."""
    exact = exact_dates(value)
    if exact is not None:
        return exact[0]
    year, _rank, month, day, _mod, _time = sort_key(value, mod)
    if year >= 10**6:
        return None
    return CalendarDate(year, month or None, (day or None) if month else None)


def _exact(text: str) -> CalendarDate | None:
    match = _EXACT.match(text)
    if match is None:
        return None
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        return None
    return CalendarDate(int(match["year"]), month, day)
