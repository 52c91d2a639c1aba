"""TIMEX3-style values -> the words a reader expects: "14 August 1945", "early 1946", "the 1920s",
and in Chinese "1945年8月14日", "1946年初", "1920年代" (issue 12).

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
# Chinese labels (issue 12): Traditional and Simplified differ only in a few characters
# (世紀/世纪, 週/周, 夜間/夜间), so one table serves both.
_ZH_SEASONS = {"SP": "春", "SU": "夏", "FA": "秋", "AU": "秋", "WI": "冬"}
_ZH_TIMES = {"MO": "早上", "MI": "中午", "AF": "下午", "EV": "傍晚", "NI": "夜間", "DT": "日間"}
_ZH_QUARTERS = {"1": "第一季", "2": "第二季", "3": "第三季", "4": "第四季"}
_ZH_HALVES = {"1": "上半年", "2": "下半年"}
_ZH_MODS = {
    "START": "初",
    "EARLY": "初",
    "MID": "中",
    "END": "底",
    "LATE": "底",
    "BEFORE": "以前",
    "AFTER": "以後",
}
_SIMPLIFIED = str.maketrans({"紀": "纪", "週": "周", "間": "间", "後": "后"})


VALUE = re.compile(
    r"^(?P<era>BC)?(?P<sign>-)?(?P<year>\d{1,4})"
    r"(?:-(?:(?P<month>\d{2})|(?P<season>SP|SU|FA|AU|WI)|Q(?P<quarter>[1-4])|H(?P<half>[12])|W(?P<week>\d{2})))?"
    r"(?:-(?P<day>\d{2}))?(?:T(?P<time>.+))?$"
)
"""A value the labels can read: a year, decade or century, then a month, season, quarter, half
or week, a day and a time."""


def on_the_calendar(value: str) -> bool:
    """Whether a value can be placed in time: "PAST_REF" or "XXXX-XX-XXTNI" (a day left
    unresolved) cannot, and stays off the timelines."""
    return VALUE.match(value.split("/", 1)[0]) is not None


def date_label(value: str, mod: str | None = None, language: str = "en") -> str:
    """A human label for a TIMEX3 value in `language`; a range joins its ends (an en dash, 至)."""
    if language.startswith("zh"):
        return chinese_date_label(value, mod, language)
    if "/" in value:
        start, end = value.split("/", 1)
        return f"{_single(start, None)}–{_single(end, None)}"
    return _single(value, mod)


def year_label(year: int, language: str = "en") -> str:
    """A year as written in prose: 1945, 221 BC; 1945年, 公元前221年."""
    if language.startswith("zh"):
        return f"公元前{-year}年" if year < 0 else f"{year}年"
    return f"{-year} BC" if year < 0 else str(year)


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 11th, 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _single(value: str, mod: str | None) -> str:
    match = VALUE.match(value)
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


def chinese_date_label(value: str, mod: str | None, language: str) -> str:
    """The label of a value in Traditional (`zh-Hant`) or Simplified (`zh-Hans`) Chinese."""
    if "/" in value:
        start, end = value.split("/", 1)
        label = f"{_zh_single(start, None)}至{_zh_single(end, None)}"
    else:
        label = _zh_single(value, mod)
    return label.translate(_SIMPLIFIED) if language == "zh-Hans" else label


def _zh_single(value: str, mod: str | None) -> str:
    match = VALUE.match(value)
    if match is None:
        return value
    digits = match["year"]
    era = "公元前" if match["era"] or match["sign"] else ""
    if len(digits) == 2:  # a century: "18" is the 19th century
        # The end of a century or a decade is 末, not 底 (which closes a year or a month).
        return _zh_with_mod(f"{era}{int(digits) + 1}世紀", mod, end="末")
    if len(digits) == 3:  # a decade: "194" is the 1940s
        return _zh_with_mod(f"{era}{int(digits) * 10}年代", mod, end="末")
    label = f"{era}{int(digits)}年"
    if match["season"]:
        label += _ZH_SEASONS[match["season"]]
    elif match["quarter"]:
        label += _ZH_QUARTERS[match["quarter"]]
    elif match["half"]:
        label += _ZH_HALVES[match["half"]]
    elif match["week"]:
        label += f"第{int(match['week'])}週"
    elif match["month"] and 1 <= int(match["month"]) <= 12:
        label += f"{int(match['month'])}月"
        if match["day"]:
            label += f"{int(match['day'])}日"
    time = match["time"]
    if time:
        label += _ZH_TIMES.get(time) or f" {time}"
    return _zh_with_mod(label, mod)


def _zh_with_mod(label: str, mod: str | None, end: str = "底") -> str:
    word = _ZH_MODS.get(mod or "")
    if word is None:
        return label
    if word == "底":
        word = end
    return label + word
