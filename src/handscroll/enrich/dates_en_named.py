"""English days known by name, and years said in words (issue 16).

Holidays ("Christmas Day 1914", "Thanksgiving", "last Easter") are calendar
days: a fixed one has its month and day, a movable one (the fourth Thursday of
November, Easter) gets its day once the year is known (date_mentions.py).
Broadcast transcripts say years in words ("nineteen ninety-six", "January
nineteen ninety-seven", "the year two thousand").
"""

from __future__ import annotations

import datetime as dt
import re

from handscroll.enrich.date_mentions import Mention, movable_day
from handscroll.enrich.date_rules import rule
from handscroll.enrich.dates_en import MONTH, YEAR, lean_of, month_number, read_year
from handscroll.enrich.dates_en_times import WEEKDAYS
from handscroll.enrich.number_words import parse_number

#: Fixed holidays: (month, day).
_FIXED = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "fourth of july": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14), "veterans day": (11, 11),
    "armistice day": (11, 11), "remembrance day": (11, 11), "st patrick's day": (3, 17),
    "st. patrick's day": (3, 17), "saint patrick's day": (3, 17), "bastille day": (7, 14),
    "guy fawkes night": (11, 5), "bonfire night": (11, 5), "burns night": (1, 25), "may day": (5, 1),
}  # fmt: skip
#: Movable holidays: (month, weekday 1-7, which: 1 the first, -1 the last); Easter's (0, 0, days from it).
_MOVABLE = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1), "presidents' day": (2, 1, 3), "martin luther king day": (1, 1, 3),
    "columbus day": (10, 1, 2), "mother's day": (5, 7, 2), "father's day": (6, 7, 3),
    "mothering sunday": (0, 0, -21),
    "easter": (0, 0, 0), "easter sunday": (0, 0, 0), "easter monday": (0, 0, 1), "good friday": (0, 0, -2),
    "palm sunday": (0, 0, -7), "maundy thursday": (0, 0, -3), "holy thursday": (0, 0, -3),
    "holy saturday": (0, 0, -1), "ash wednesday": (0, 0, -46), "shrove tuesday": (0, 0, -47),
    "ascension day": (0, 0, 39), "pentecost": (0, 0, 49), "whit sunday": (0, 0, 49),
}  # fmt: skip
_NAMES = "|".join(
    " ".join(word if word == "of" else word[0].upper() + word[1:] for word in name.split())
    .replace(" ", r"\s+")
    .replace("'", "'?")
    for name in sorted([*_FIXED, *_MOVABLE], key=len, reverse=True)
)
_NAME_FOLLOWS = re.compile(r"\s+(?!Mass\b)[A-Z][a-z]")  # "the Easter Rising"; "Palm Sunday Mass" is the day
_KEYS = {name.replace("'", ""): name for name in (*_FIXED, *_MOVABLE)}


_HOLIDAY = (
    rf"\b(?:(?P<det>[Ll]ast|[Nn]ext|[Tt]his(?:\s+past|\s+coming)?)\s+)?(?P<h>{_NAMES})\b(?P<we>\s+(?:holiday\s+)?weekend\b)?"
    rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?"
)


def _holiday(found: re.Match[str]) -> Mention:
    """ "Christmas Day 1914", "Thanksgiving", "last Easter": a day of the year, a movable one by rule;
    "the Easter weekend", "Labor Day weekend": the weekend nearest it."""
    # "the Easter Rising", "the Christmas Offensive": events named for the day, which TIMEX2 marks
    convention = "TIMEX2" if not found["y"] and _NAME_FOLLOWS.match(found.string, found.end()) else None
    name = _KEYS[" ".join(found["h"].lower().replace("'", "").split())]
    year, era = read_year(found["y"]) if found["y"] else (None, None)
    lean = lean_of(found["det"]) if found["det"] and year is None else 0
    deictic = found["det"] is not None and year is None
    if name in _FIXED:
        month, day = _FIXED[name]
        movable = None
    else:
        month, day, movable = _MOVABLE[name][0] or 4, None, _MOVABLE[name]  # Easter: March or April
    return Mention(
        found.start(),
        found.end(),
        year,
        era,
        month,
        day,
        movable=movable,
        weekend=found["we"] is not None,
        deictic=deictic,
        lean=lean,
        convention=convention,
    )


rule(_HOLIDAY, key="names")(_holiday)


@rule(r"\b(?:Holy|Easter)\s+[Ww]eek\b(?:\s+(?:of\s+)?(?P<y>\d{4})\b)?", key="unit", needs=("week",))
def _holy_week(found: re.Match[str]) -> Mention:
    """ "Holy Week", "Easter week": the week that ends on Easter Sunday (2013-W13); without a year,
    the document date's (news only: a narrative's year has no day to count a week from)."""
    if found["y"]:
        year = int(found["y"])
        month, day = movable_day((0, 0, 0), year)
        iso_year, week, _ = dt.date(year, month, day).isocalendar()
        return Mention(found.start(), found.end(), literal=f"{iso_year:04d}-W{week:02d}")
    return Mention(
        found.start(), found.end(), month=4, movable=(0, 0, 0), shift=("W", 0), convention="TimeML"
    )


_NTH = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}


@rule(
    rf"\b[Tt]he\s+(?P<n>{'|'.join(_NTH)})\s+(?P<w>{'|'.join(WEEKDAYS)})\s+(?:in|of)\s+(?P<m>{MONTH})\b"
    rf"(?:,?\s+(?P<y>{YEAR}))?",
    key="names",
)
def _nth_weekday(found: re.Match[str]) -> Mention:
    """ "the third Monday in April", "the last Friday of March 2013": a day by rule, as a movable
    holiday is; its year from the text or, in news, the nearest to the document date."""
    year, era = read_year(found["y"]) if found["y"] else (None, None)
    month = month_number(found["m"])
    movable = (month, WEEKDAYS.index(found["w"]) + 1, _NTH[found["n"]])
    return Mention(found.start(), found.end(), year, era, month, movable=movable)


_CENTURY = r"(?:seventeen|eighteen|nineteen)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_OH = re.compile(r"^oh?[\s-]+")  # "nineteen oh five"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"


@rule(
    rf"\b(?:(?P<m>{MONTH.lower()})\s+)?(?:(?P<c>{_CENTURY})[\s-](?P<r>(?:oh|o)[\s-]{_ONES}|{_TEENS}|{_TENS}(?:[\s-]{_ONES})?)"
    rf"|the\s+year\s+two\s+thousand(?:\s+and)?(?:[\s-](?P<r2>{_TEENS}|{_ONES}))?)\b(?![\s-]+(?:{_ONES}|hundred|thousand)\b)",
    lower=True,
    key="spoken",
)
def _spoken_year(found: re.Match[str]) -> Mention | None:
    """ "nineteen ninety-six" (1996), "nineteen oh five" (1905), "the year two thousand" (2000)."""
    if found["c"]:
        rest = parse_number(_OH.sub("", found["r"]))
        century = parse_number(found["c"])
        if rest is None or century is None:
            return None
        year = int(century) * 100 + int(rest)
    else:
        year = 2000 + int(parse_number(found["r2"]) or 0) if found["r2"] else 2000
    month = month_number(found["m"]) if found["m"] else None
    return Mention(found.start(), found.end(), year, month=month)
