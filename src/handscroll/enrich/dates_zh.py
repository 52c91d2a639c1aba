"""Chinese date rules: 1945年8月14日, 1946年3月, 民國三十四年, 十九世紀, 同年, 三個月.

Chinese writes dates largest unit first with unit characters (年 月 日), so
one pattern per shape is enough. Years come in digit-by-digit form
(一九四五年), Arabic or full-width digits, or as counted numbers after an era
(民國三十四年 = 1945, Republic of China years count from 1912).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from handscroll.enrich.date_mentions import Mention
from handscroll.enrich.dates_spans import pair_ranges
from handscroll.text.cjk import HAN

_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "兩": 2, "两": 2}
_DIGITS |= {chr(ord("０") + i): i for i in range(10)} | {str(i): i for i in range(10)}
_SCALES = {"十": 10, "百": 100, "千": 1000, "廿": 20, "卅": 30}
_NUM_CHARS = "0-9０-９〇零一二三四五六七八九十百千兩两廿卅"
_NUM = rf"(?<![{_NUM_CHARS}])[{_NUM_CHARS}]{{1,6}}"  # bounded: a year or a count, never a long digit run
_ROC_OFFSET = 1911
_PARTS = {
    "初": "START", "上旬": "START", "中": "MID", "中旬": "MID", "底": "END", "末": "END", "下旬": "END",
    "以前": "BEFORE", "之前": "BEFORE", "以後": "AFTER", "以后": "AFTER", "之後": "AFTER", "之后": "AFTER",
}  # fmt: skip
_PART = "以前|之前|以後|以后|之後|之后|上旬|中旬|下旬|初|中|底|末"
# An era year glossed with its Gregorian year, one expression (issue 12):
# 民國35年(1946) or 民國35年（1946年）.
_GLOSS = r"(?:[(（]\s*(?P<gloss>[0-9０-９]{3,4})\s*年?\s*[)）])?"
_SEASONS = {"春": "SP", "夏": "SU", "秋": "FA", "冬": "WI"}
_TODS = {
    "凌晨": "MO", "清晨": "MO", "早上": "MO", "上午": "MO", "中午": "AF", "下午": "AF",
    "傍晚": "EV", "晚上": "EV", "深夜": "NI", "夜間": "NI", "夜间": "NI", "夜": "NI", "晚": "EV",
}  # fmt: skip
_TOD = "|".join(sorted(_TODS, key=len, reverse=True))
_UNITS = {"年": "Y", "月": "M", "星期": "W", "週": "W", "周": "W", "天": "D", "日": "D"}

_FULL = re.compile(
    rf"(?P<era>公元前|西元前|公元|西元|民國|民国)?(?P<y>{_NUM}|元)年{_GLOSS}"
    rf"(?:(?P<m>{_NUM})月(?:(?P<d>{_NUM})[日號号])?)?"
    rf"(?:(?P<part>{_PART})|(?P<season>[春夏秋冬])(?:天|季)?|(?P<tod>{_TOD}))?"
    rf"(?:(?P<hh>{_NUM})[時时點点](?:(?P<mi>{_NUM})分|(?P<half>半))?)?"
)
_MONTH_DAY = re.compile(
    rf"(?P<rel>同年|翌年|次年|隔年|前一年)?(?<![個个{_NUM_CHARS}])(?P<m>{_NUM})月(?:(?P<d>{_NUM})[日號号])?"
    rf"(?:(?P<part>{_PART})|(?P<tod>{_TOD}))?"
    rf"(?:(?P<hh>{_NUM})[時时點点](?:(?P<mi>{_NUM})分|(?P<half>半))?)?"
)
# A day alone after the narrative has named its month ("3月10日……19日"): Arabic digits
# only, since a counted 三日 is as often a duration ("激戰三日").
_DAY = re.compile(r"(?<![0-9０-９月年個个.])(?P<d>[0-9０-９]{1,2})[日號号](?![間间內内後后前以之])")
_CLOCK = re.compile(
    rf"(?P<tod>{_TOD})(?P<hh>{_NUM})[時时點点](?:(?P<mi>{_NUM})分|(?P<half>半))?"
    rf"|(?P<h24>{_NUM})[時时](?:(?P<mi24>{_NUM})分)"
)
_DECADE = re.compile(rf"(?P<y>{_NUM})年代")
_CENTURY = re.compile(rf"(?P<era>公元前|西元前)?(?P<n>{_NUM})世[紀纪]")
_RELATIVE = re.compile(r"同年|翌年|次年|隔年|前一年|同月|當天|当天|當日|当日|同日|翌日|次日|第二天")
_RELATIVE_SHIFT = {
    "同年": ("Y", 0), "翌年": ("Y", 1), "次年": ("Y", 1), "隔年": ("Y", 1), "前一年": ("Y", -1),
    "同月": ("M", 0), "當天": ("D", 0), "当天": ("D", 0), "當日": ("D", 0), "当日": ("D", 0),
    "同日": ("D", 0), "翌日": ("D", 1), "次日": ("D", 1), "第二天": ("D", 1),
}  # fmt: skip
_OFFSET = re.compile(
    rf"(?P<n>{_NUM})(?:個|个)?(?P<u>年|月|星期|週|周|天|日)(?:之後|之后|以後|以后|後|后|之前|以前|前)"
)
_DURATION = re.compile(
    rf"(?P<n>{_NUM}|幾|几|數|数)(?:多)?(?:(?:個|个)(?P<u1>月|星期)|(?P<u2>年|天|週|周|星期)(?=間|间|之久|來|来|多|內|内|裡|里|後|后|的))"
)


_CJK_RUN = re.compile(f"[0-9０-９\u3007{HAN}()（）]+")  # parentheses: 民國35年(1946)
_HAS_CJK = re.compile(f"[\u3007{HAN}]")


_RANGE_GAP = re.compile(r"\s*(?:至|到|－|—|–|-|～|~)\s*")
_RANGE_OPENER = re.compile(r"(?:從|从|自|由)\s*$")


def parse_chinese_number(text: str) -> int | None:
    """Read 1945, １９４５, 一九四五 (digit by digit) or 三十四, 兩千 (counted)."""
    if all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _SCALES:
            scale = _SCALES[ch]
            if ch in "廿卅":
                total += scale
            else:
                total += max(current, 1) * scale
            current = 0
        else:
            return None
    return total + current


def _is_positional(text: str) -> bool:
    return all(ch in _DIGITS for ch in text)


def find_mentions(text: str) -> Iterator[Mention]:
    """Every Chinese date, duration and relative date in `text`, overlaps included.

    The rules run only over runs of Chinese characters and digits, so English
    text with a few Chinese names costs next to nothing.
    """
    for run in _CJK_RUN.finditer(text):
        if not _HAS_CJK.search(text, run.start(), run.end()):
            continue  # digits alone are the English rules' business
        yield from _find_in_run(text, run.start(), run.end())


def _find_in_run(text: str, pos: int, endpos: int) -> Iterator[Mention]:
    for found in _FULL.finditer(text, pos, endpos):
        mention = _full(found)
        if mention is not None:
            yield mention
    for found in _MONTH_DAY.finditer(text, pos, endpos):
        month = parse_chinese_number(found["m"])
        day = parse_chinese_number(found["d"]) if found["d"] else None
        if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
            continue
        tod = _time_of_day(found, day is not None)
        # 同年8月28日 is one date in the year of the last one, not 同年 plus a date (issue 12).
        shift = _RELATIVE_SHIFT[found["rel"]] if found["rel"] else None
        yield Mention(
            found.start(),
            found.end(),
            month=month,
            day=day,
            mod=_PARTS.get(found["part"] or ""),
            tod=tod,
            shift=shift,
        )
    for found in _DAY.finditer(text, pos, endpos):
        day = parse_chinese_number(found["d"])
        if day is not None and 1 <= day <= 31:
            yield Mention(found.start(), found.end(), day=day)
    for found in _CLOCK.finditer(text, pos, endpos):
        if found["h24"]:
            hour, minute = parse_chinese_number(found["h24"]), parse_chinese_number(found["mi24"])
            clock = f"{hour:02d}:{minute:02d}" if hour is not None and minute is not None else None
        else:
            clock = _time_of_day(found, True)
        if clock and clock[0].isdigit():
            yield Mention(found.start(), found.end(), tod=clock, shift=("D", 0), kind="TIME")
    for found in _DECADE.finditer(text, pos, endpos):
        number = parse_chinese_number(found["y"])
        if number is not None:
            decade = number // 10 if number >= 100 else 190 + number // 10
            yield Mention(found.start(), found.end(), decade=decade)
    for found in _CENTURY.finditer(text, pos, endpos):
        number = parse_chinese_number(found["n"])
        if number:
            yield Mention(found.start(), found.end(), century=number - 1, era="BC" if found["era"] else None)
    for found in _RELATIVE.finditer(text, pos, endpos):
        yield Mention(found.start(), found.end(), shift=_RELATIVE_SHIFT[found.group()])
    for found in _OFFSET.finditer(text, pos, endpos):
        amount = parse_chinese_number(found["n"])
        if found["u"] == "年" and _is_positional(found["n"]) and 3 <= len(found["n"]) <= 4:
            continue  # 1946年以前 is before a year (a mod on the year), not 1946 years ago
        if amount is not None:
            sign = -1 if found.group().endswith("前") else 1
            unit = _UNITS[found["u"]]
            yield Mention(found.start(), found.end(), shift=(unit, sign * amount))
    for found in _DURATION.finditer(text, pos, endpos):
        amount = parse_chinese_number(found["n"])
        unit = _UNITS[found["u1"] or found["u2"]]
        shown = "X" if amount is None else str(amount)
        yield Mention(found.start(), found.end(), literal=f"P{shown}{unit}", kind="DURATION")


def _time_of_day(found: re.Match[str], day_known: bool) -> str | None:
    """ "下午3時30分" -> "15:30"; "晚上" alone -> "EV"; None when no day is named."""
    part = found["tod"] or ""
    hour = parse_chinese_number(found["hh"]) if found["hh"] else None
    if hour is not None and hour <= 24:
        if part in ("下午", "晚上", "傍晚") and hour < 12:
            hour += 12
        minute = 30 if found["half"] else (parse_chinese_number(found["mi"]) or 0 if found["mi"] else 0)
        return f"{hour % 24:02d}:{min(minute, 59):02d}"
    return _TODS.get(part) if day_known else None


def _full(found: re.Match[str]) -> Mention | None:
    era = found["era"]
    raw = found["y"]
    number = 1 if raw == "元" else parse_chinese_number(raw)
    if number is None:
        return None
    gloss = parse_chinese_number(found["gloss"]) if found["gloss"] else None
    if era in ("民國", "民国"):
        year = number + _ROC_OFFSET
        if gloss is not None and gloss != year:
            return None  # a gloss that disagrees with the era year: trust neither
    elif era and era.endswith("前"):
        year = -number
    elif era or (_is_positional(raw) and 3 <= len(raw) <= 4):
        year = number
    else:
        return None  # "三十年" is a count of years, not a year (see _DURATION)
    month = parse_chinese_number(found["m"]) if found["m"] else None
    day = parse_chinese_number(found["d"]) if found["d"] else None
    if month is not None and not 1 <= month <= 12:
        return None
    return Mention(
        found.start(),
        found.end(),
        year=year,
        era="BC" if year < 0 else None,
        month=month,
        day=day,
        season=_SEASONS.get(found["season"] or ""),
        tod=_time_of_day(found, day is not None),
        mod=_PARTS.get(found["part"] or ""),
    )


def join_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    """Pair neighbouring dates linked by 至, 到 or a dash ("1945年至1949年", "從三月到五月")."""
    return pair_ranges(text, mentions, _is_range, _RANGE_OPENER, reach=3)


def _is_range(text: str, first: Mention, second: Mention) -> bool:
    return (
        first.is_calendar
        and second.is_calendar
        and first.shift is None
        and second.shift is None
        and _RANGE_GAP.fullmatch(text, first.end, second.start) is not None
    )
