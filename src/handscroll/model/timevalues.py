"""TIMEX3 values in time order: what every timeline, whichever stage draws it, sorts by.

A value keeps the granularity the text gives (`1946`, `1946-03`, `194`, `1946-SU`),
so ordering works across granularities: a century before its decades, a year
before its seasons and months, a month before its days; a range sorts by its start.
"""

from __future__ import annotations

import re

_SEASON_MONTH = {"WI": 1, "SP": 3, "SU": 6, "FA": 9, "AU": 9}
_MOD_ORDER = {"START": 0, "EARLY": 0, "MID": 1, None: 1, "END": 2, "LATE": 2}
_VALUE = re.compile(
    r"^(?P<era>BC)?(?P<sign>-)?(?P<year>\d{1,4})"
    r"(?:-(?:(?P<month>\d{2})|(?P<season>SP|SU|FA|AU|WI)|Q(?P<quarter>[1-4])|H(?P<half>[12])|W(?P<week>\d{2})))?"
    r"(?:-(?P<day>\d{2}))?(?:T(?P<time>.*))?$"
)


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


def year_of(value: str) -> int | None:
    """The (start) year for grouping, or None when the value has no year (a decade, a century)."""
    key = sort_key(value)
    return key[0] if key[1] == 2 else None
