"""TIMEX3-style values -> the words a reader expects: "14 August 1945", "early 1946", "the 1920s".

A label never says more than the value does (issue 4: no false precision): a
month stays a month, a season a season, a decade a decade.
"""

from __future__ import annotations

import re

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "AU": "autumn", "WI": "winter"}
_TIMES = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_MODS = {"START": "early", "EARLY": "early", "MID": "mid-", "END": "late", "LATE": "late"}
_ORDINAL_HALF = {"1": "first", "2": "second"}
_ORDINAL_QUARTER = {"1": "first", "2": "second", "3": "third", "4": "fourth"}
_VALUE = re.compile(
    r"^(?P<era>BC)?(?P<sign>-)?(?P<year>\d{1,4})"
    r"(?:-(?:(?P<month>\d{2})|(?P<season>SP|SU|FA|AU|WI)|Q(?P<quarter>[1-4])|H(?P<half>[12])|W(?P<week>\d{2})))?"
    r"(?:-(?P<day>\d{2}))?(?:T(?P<time>.+))?$"
)


def on_the_calendar(value: str) -> bool:
    """Whether a value can be placed in time: "PAST_REF" or "XXXX-XX-XXTNI" (a day left
    unresolved) cannot, and stays off the timelines."""
    return _VALUE.match(value.split("/", 1)[0]) is not None


def date_label(value: str, mod: str | None = None) -> str:
    """A human label for a TIMEX3 value; a range joins its ends with an en dash."""
    if "/" in value:
        start, end = value.split("/", 1)
        return f"{_single(start, None)}–{_single(end, None)}"
    return _single(value, mod)


def year_label(year: int) -> str:
    """A year as written in prose: 1945, 221 BC."""
    return f"{-year} BC" if year < 0 else str(year)


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 11th, 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _single(value: str, mod: str | None) -> str:
    match = _VALUE.match(value)
    if match is None:
        return value
    digits = match["year"]
    bc = bool(match["era"] or match["sign"])
    era = " BC" if bc else ""
    if len(digits) == 2:  # a century: "18" is the 1800s, the 19th century
        century = int(digits) + 1
        return _with_mod(f"the {ordinal(century)} century{era}", mod)
    if len(digits) == 3:  # a decade: "194" is the 1940s
        return _with_mod(f"the {int(digits) * 10}s{era}", mod)
    year = f"{int(digits)}{era}"
    if match["season"]:
        label = f"{_SEASONS[match['season']]} {year}"
    elif match["quarter"]:
        label = f"the {_ORDINAL_QUARTER[match['quarter']]} quarter of {year}"
    elif match["half"]:
        label = f"the {_ORDINAL_HALF[match['half']]} half of {year}"
    elif match["week"]:
        label = f"week {int(match['week'])} of {year}"
    elif match["month"] and 1 <= int(match["month"]) <= 12:
        month = MONTHS[int(match["month"]) - 1]
        label = f"{int(match['day'])} {month} {year}" if match["day"] else f"{month} {year}"
    else:
        label = year
    time = match["time"]
    if time:
        part = _TIMES.get(time)
        label = f"{part} of {label}" if part else f"{label}, {time}"
    return _with_mod(label, mod)


def _with_mod(label: str, mod: str | None) -> str:
    word = _MODS.get(mod or "")
    if word is None:
        return label
    if label.startswith("the "):
        label = label[4:]
    return f"{word}{label}" if word.endswith("-") else f"{word} {label}"
