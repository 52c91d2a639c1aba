"""English date rules: regular expressions that turn phrases into Mentions.

Each rule reads one form ("14 August 1945", "the 1930s", "three years later")
and records only what its words state; dates_spans.py then widens spans with
modifiers ("early", "the night of") and joins ranges, and date_mentions.py
fills in what the narrative implies. Bare numbers are years only where a
history would write a year, so counts and amounts ("700,000 troops",
"Route 66", "(4)") never become dates (issue 4).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from handscroll.enrich.date_mentions import Mention
from handscroll.enrich.number_words import NUMBER, ORDINAL, parse_number, parse_ordinal

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_UNIT_CODES = {
    "year": "Y", "month": "M", "week": "W", "day": "D", "hour": "TH", "minute": "TM",
    "decade": "DE", "centur": "CE", "millenni": "ML", "fortnight": "FN",
}  # fmt: skip
_SHIFT_WORDS = {
    "same": 0, "that": 0, "this": 0, "following": 1, "next": 1, "subsequent": 1,
    "previous": -1, "preceding": -1, "prior": -1, "last": -1,
}  # fmt: skip
_TOD_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
)
ERA = r"(?:B\.\s?C\.(?:\s?E\.)?|BCE|BC|A\.\s?D\.|AD|C\.\s?E\.|CE)(?![A-Za-z])"
YEAR = rf"(?:\d{{4}}(?:\s*{ERA})?|\d{{1,3}}\s*{ERA}|(?:AD|A\.D\.)\s*\d{{1,4}})(?![\d,]\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_UNIT = (
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies)|millenni(?:um|a)|fortnights?)"
)
_SEASON = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"

_Builder = Callable[[re.Match[str]], Mention | None]
_RULES: list[tuple[re.Pattern[str], _Builder, str | None]] = []
# Rules that start with a number or a word list are slow to try at every
# position; they run only in windows around a keyword they must contain.
_KEYS = {
    # Matched against the lower-cased text: a case-insensitive alternation is ten times slower.
    "unit": re.compile(
        r"year|month|week|day|hour|minute|decade|centur|millenni|fortnight|"
        r"spring|summer|autumn|fall|winter|morning|afternoon|evening|night"
    ),
    "season": re.compile(r"spring|summer|autumn|fall|winter"),
    "names": re.compile(r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|new year"),
    "half": re.compile(r"half"),
    "clock": re.compile(r"\d:\d\d|\d\s?[ap]\.?m\b"),
    "deictic": re.compile(
        r"now|today|current|present|modern|recent|former|time|period|daily|weekly|"
        r"monthly|annually|yearly|per |every |each "
    ),
}
_KEY_BEFORE, _KEY_AFTER = 90, 40
_COUNT_NOUN = re.compile(
    r"^\s*(?:more\s+|other\s+|of\s+(?:the|his|their)\s+)?(?:[a-z]+\s+)?(?:men|troops|soldiers|people|persons|"
    r"civilians|prisoners|casualties|dead|killed|wounded|km|kilomet(?:re|er)s|miles|met(?:re|er)s|feet|"
    r"ft|tons|tonnes|aircraft|planes|tanks|guns|ships|vessels|horses|cavalry|infantry|strong|hp|mm|"
    r"rifles|sorties|divisions|votes|members|%|percent|per\s+cent)\b"
)
_NOT_A_YEAR_BEFORE = re.compile(
    r"(?:\b(?:page|pages|p\.|pp\.|[Rr]oute|[Hh]ighway|[Nn]o\.|[Nn]umber|[Hh]ill|[Ff]light|[Rr]oom|"
    r"[Ss]ection|[Aa]rticle|[Rr]esolution|[Ll]aw|[Pp]salm|[Hh]eight|[Tt]ype|[Mm]odel)|US\$|USD|[$£€¥])\s*$"
)
_SEASON_AS_NAME = re.compile(r"\s+(?:of\b|[A-Z])")
_WORD_FOLLOWS = re.compile(r"\s+[\w\"']")
_YEAR_PREPOSITION = (
    r"(?:[Ii]n|[Oo]f|[Bb]y|[Ff]rom|[Uu]ntil|[Ss]ince|to|and|c\.|[Cc]irca|[Bb]efore|[Aa]fter|[Dd]uring)"
)


def rule(pattern: str, flags: int = 0, key: str | None = None) -> Callable[[_Builder], object]:
    """Register a rule: its pattern is compiled once, at import."""

    def register(build: _Builder) -> object:
        _RULES.append((re.compile(pattern, flags), build, key))
        return build

    return register


def read_year(text: str) -> tuple[int, str | None]:
    """A year and its era as written ("221 BC" -> (-221, "BC"), "AD 9" -> (9, "AD"))."""
    digits = int("".join(ch for ch in text if ch.isdigit()))
    upper = text.upper().replace(".", "").replace(" ", "")
    if "BC" in upper:
        return -digits, "BC"
    if "AD" in upper or upper.endswith("CE"):
        return digits, "AD"
    return digits, None


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _date(found: re.Match[str], start: int | None = None) -> Mention:
    """A Mention from the named groups d, m and y that matched."""
    groups = found.groupdict()
    year, era = read_year(groups["y"]) if groups.get("y") else (None, None)
    return Mention(
        start=found.start() if start is None else start,
        end=found.end(),
        year=year,
        era=era,
        month=_month(groups["m"]) if groups.get("m") else None,
        day=int(groups["d"]) if groups.get("d") else None,
    )


@rule(r"\b(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b")
def _iso(found: re.Match[str]) -> Mention:
    return Mention(found.start(), found.end(), int(found["y"]), None, int(found["m"]), int(found["d"]))


@rule(rf"\b(?:the\s+)?(?P<d>{DAY})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")
def _day_month_year(found: re.Match[str]) -> Mention:
    return _date(found)


@rule(rf"\b(?P<m>{MONTH})\s+(?P<d>{DAY})(?:st|nd|rd|th)?(?![\d:])(?:,?\s+(?P<y>{YEAR}))?")
def _month_day_year(found: re.Match[str]) -> Mention:
    return _date(found)


_BARE_MONTH_OK = re.compile(
    r"(?:\b(?:in|In|of|by|By|until|Until|since|Since|from|From|to|during|During|early|late|mid|"
    r"end|beginning|through|before|Before|after|After|and|or|last|next|that|this|same|the|The|"
    r"until|till|between|Between|on|On)|-|,)\s*$"
)
_MONTH_AS_NAME = re.compile(r"^\s+(?:Revolution|Offensive|Uprising|Manifesto|Crisis|Days|Theses|Coup)\b")


@rule(rf"\b(?P<m>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEAR}))?")
def _month_year(found: re.Match[str]) -> Mention | None:
    if not found["y"]:
        text = found.string
        if _MONTH_AS_NAME.match(text, found.end()):
            return None
        if found["m"] in ("May", "March") and not _BARE_MONTH_OK.search(
            text, max(0, found.start() - 14), found.start()
        ):
            return None
    return _date(found)


@rule(rf"(?<![\w$£€¥.,:/])(?P<y>\d{{4}}(?:\s*{ERA})?)(?![\d%]|,\d|\.\d|:\d|-\d\d-)")
def _year(found: re.Match[str]) -> Mention | None:
    year, era = read_year(found["y"])
    text = found.string
    if era is None and not 1000 <= year <= 2100:
        return None
    if _NOT_A_YEAR_BEFORE.search(text, max(0, found.start() - 20), found.start()):
        return None
    if era is None and _COUNT_NOUN.match(text, found.end()):
        return None
    return Mention(found.start(), found.end(), year, era)


@rule(rf"(?<![\w.,$])(?P<y>\d{{1,3}}\s*{ERA}|(?:AD|A\.D\.)\s*\d{{1,4}}(?![\d,]))")
def _era_year(found: re.Match[str]) -> Mention:
    year, era = read_year(found["y"])
    return Mention(found.start(), found.end(), year, era)


@rule(
    rf"\b{_YEAR_PREPOSITION}\s+(?P<y>\d{{3}})(?![\d,.]\d)"
    r"(?=\s*(?:[,.;:)\]]|$|(?:and|to|until|when|[-–])\b|[-–]|B\.?C|[A-Z]))"
)
def _three_digit_year(found: re.Match[str]) -> Mention:
    return Mention(found.start("y"), found.end("y"), int(found["y"]), tentative=True)


@rule(rf"\b(?P<y1>\d{{4}})\s*[-–]\s*(?P<y2>\d\d)(?![\d-])")
def _short_year_range(found: re.Match[str]) -> Mention | None:
    first = int(found["y1"])
    second = first // 100 * 100 + int(found["y2"])
    if not 1000 <= first <= 2100 or second <= first:
        return None
    end = Mention(found.start("y2"), found.end("y2"), second)
    return Mention(found.start("y1"), found.end("y1"), first, partner=end, outer_start=found.start())


@rule(rf"\b(?P<d1>{DAY})\s*[-–]\s*(?P<d>{DAY})(?:st|nd|rd|th)?\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?")
def _day_range(found: re.Match[str]) -> Mention:
    end = _date(found, start=found.start("d"))
    first = Mention(found.start("d1"), found.end("d1"), end.year, end.era, end.month, int(found["d1"]))
    return replace(first, partner=end, outer_start=found.start())


@rule(rf"\b(?P<m>{MONTH})\s+(?P<d1>{DAY})\s*[-–]\s*(?P<d>{DAY})(?![\d:])(?:,?\s+(?P<y>{YEAR}))?")
def _month_day_range(found: re.Match[str]) -> Mention:
    year, era = read_year(found["y"]) if found["y"] else (None, None)
    month = _month(found["m"])
    end = Mention(found.start("d"), found.end(), year, era, month, int(found["d"]))
    first = Mention(found.start(), found.end("d1"), year, era, month, int(found["d1"]))
    return replace(first, partner=end, outer_start=found.start())


@rule(rf"\b(?:[Tt]he\s+)?(?P<y>\d{{2,3}})0'?s(?:\s*(?P<era>{ERA}))?(?!\w)")
def _decade(found: re.Match[str]) -> Mention | None:
    if len(found["y"]) == 2 and not found["era"]:
        return None
    era = "BC" if found["era"] and "B" in found["era"].upper() else None
    return Mention(found.start(), found.end(), decade=int(found["y"]), era=era)


@rule(rf"\b(?:[Tt]he\s+)?(?P<n>{ORDINAL})[\s-]+[Cc]entury(?:\s+(?P<era>{ERA}))?", re.IGNORECASE, key="unit")
def _century(found: re.Match[str]) -> Mention | None:
    number = parse_ordinal(found["n"])
    if number is None:
        return None
    era = "BC" if found["era"] and "B" in found["era"].upper() else None
    return Mention(found.start(), found.end(), century=number - 1, era=era)


@rule(rf"\b(?:[Tt]he\s+)?(?P<s>{_SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?\b", key="season")
def _season(found: re.Match[str]) -> Mention | None:
    text = found.string
    if not found["y"]:
        if found["s"].lower() == "fall" and not found.group().lower().startswith("the"):
            return None
        if _SEASON_AS_NAME.match(text, found.end()):
            return None
    year, era = read_year(found["y"]) if found["y"] else (None, None)
    return Mention(found.start(), found.end(), year, era, season=SEASONS[found["s"].lower()])


@rule(
    rf"\b(?:[Tt]he\s+)?(?P<h>first|second|latter|last)\s+half\s+of\s+(?P<y>{YEAR})",
    key="half",
)
def _half(found: re.Match[str]) -> Mention:
    year, era = read_year(found["y"])
    return Mention(found.start(), found.end(), year, era, half=1 if found["h"] == "first" else 2)


@rule(
    r"\b(?P<det>[Tt]he\s+same|[Tt]hat\s+same|[Tt]hat|[Tt]his|[Tt]he\s+following|[Tt]he\s+next|[Tt]he\s+previous|"
    r"[Tt]he\s+preceding|[Tt]he\s+subsequent|[Tt]he\s+prior|[Nn]ext|[Ll]ast)\s+"
    r"(?P<u>year|month|day|week|spring|summer|autumn|fall|winter|morning|afternoon|evening|night)\b",
    key="unit",
)
def _relative(found: re.Match[str]) -> Mention:
    amount = _SHIFT_WORDS[found["det"].split()[-1].lower()]
    unit = found["u"]
    start, end = found.start(), found.end()
    if unit in SEASONS:
        return Mention(start, end, season=SEASONS[unit], shift=("Y", amount))
    if unit in _TOD_CODES:
        return Mention(start, end, tod=_TOD_CODES[unit], shift=("D", amount))
    return Mention(start, end, shift=(_UNIT_CODES[unit], amount))


@rule(
    r"\b(?:[Ll]ater|[Ee]arlier)\s+(?:that|the\s+same|in\s+the|in\s+that)\s+(?P<u>year|month|day)\b",
    key="unit",
)
def _later_that(found: re.Match[str]) -> Mention:
    return Mention(found.start(), found.end(), shift=(_UNIT_CODES[found["u"]], 0))


@rule(
    r"\b[Tt]he\s+(?P<u>day|night|morning|evening)\s+(?P<dir>before|after)\b(?!\s+(?:the|a|an|his|her|its)\b)",
    key="unit",
)
def _day_before(found: re.Match[str]) -> Mention:
    amount = 1 if found["dir"] == "after" else -1
    return Mention(found.start(), found.end(), tod=_TOD_CODES.get(found["u"]), shift=("D", amount))


@rule(
    rf"\b(?P<n>{NUMBER}|an?|a\s+few|several|some|many)\s+(?P<u>{_UNIT})\s+"
    r"(?P<dir>later|earlier|afterwards?|ago|before|after)\b",
    re.IGNORECASE,
    key="unit",
)
def _offset(found: re.Match[str]) -> Mention | None:
    unit = _UNIT_CODES[_unit_stem(found["u"])]
    text = found.string
    backwards = found["dir"].lower() in ("earlier", "ago", "before")
    if found["dir"].lower() in ("before", "after") and _WORD_FOLLOWS.match(text, found.end()):
        return _duration(found.start(), found.end("u"), found["n"], found["u"], None)
    amount = 1.0 if found["n"].lower() in ("a", "an") else parse_number(found["n"])
    if amount is None or unit not in ("Y", "M", "W", "D") or amount != int(amount):
        ref = "PAST_REF" if backwards else "FUTURE_REF"
        return Mention(found.start(), found.end(), literal=ref)
    return Mention(found.start(), found.end(), shift=(unit, -int(amount) if backwards else int(amount)))


def _unit_stem(word: str) -> str:
    low = word.lower()
    return next(stem for stem in _UNIT_CODES if low.startswith(stem))


def _duration(start: int, end: int, number: str | None, unit_word: str, mod: str | None) -> Mention | None:
    unit = _UNIT_CODES[_unit_stem(unit_word)]
    amount = parse_number(number) if number else None
    if number and number.lower() in ("a", "an"):
        amount = 1
    if amount is None:
        shown = "X"
    else:
        shown = str(int(amount)) if amount == int(amount) else str(amount)
    if unit == "ML":
        unit, shown = "Y", (str(int((amount or 0) * 1000)) if amount is not None else "X")
    if unit == "FN":
        unit, shown = "W", (str(int((amount or 0) * 2)) if amount is not None else "X")
    value = f"PT{shown}{unit[1]}" if unit.startswith("T") else f"P{shown}{unit}"
    return Mention(start, end, literal=value, kind="DURATION", mod=mod)


_QUANT_MODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "nearly": "LESS_THAN", "almost": "LESS_THAN", "under": "LESS_THAN", "less than": "LESS_THAN",
    "over": "MORE_THAN", "more than": "MORE_THAN", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
}  # fmt: skip


@rule(
    r"\b(?:(?P<q>about|around|approximately|roughly|some|nearly|almost|over|under|more\s+than|less\s+than|"
    r"at\s+least|up\s+to)\s+)?(?:the\s+(?:next|following|last|past|previous|first|final|coming|ensuing|"
    rf"subsequent|intervening|preceding)\s+)?(?P<n>{NUMBER}|an?|a\s+few|few|several|many)\s+"
    rf"(?:more\s+|long\s+|full\s+)?(?P<u>{_UNIT})(?:\s+(?:old|of\s+age))?\b",
    re.IGNORECASE,
    key="unit",
)
def _duration_phrase(found: re.Match[str]) -> Mention | None:
    number = found["n"]
    if number.lower() in ("a", "an") and found["u"].lower().endswith("s"):
        return None
    if number[0].isdigit() and 1000 <= (parse_number(number) or 0) <= 2100 and "," not in number:
        return None
    mod = _QUANT_MODS.get(" ".join(found["q"].lower().split())) if found["q"] else None
    return _duration(found.start(), found.end(), number, found["u"], mod)


@rule(
    rf"\b(?P<n>{NUMBER}|an?)[\s-](?P<u>year|month|week|day|hour|minute|decade|century)(?:-long|-old)?\b"
    r"(?=[\s-]+[a-z])",
    re.IGNORECASE,
    key="unit",
)
def _duration_adjective(found: re.Match[str]) -> Mention | None:
    return _duration(found.start(), found.end(), found["n"], found["u"], None)


@rule(
    r"\b[Tt]he\s+(?:next|following|last|past|previous|coming|ensuing|subsequent|intervening|preceding|final)"
    r"\s+(?P<u>years|months|weeks|days|decades|centuries|decade|century)\b",
    key="unit",
)
def _vague_period(found: re.Match[str]) -> Mention | None:
    number = None if found["u"].endswith("s") else "1"
    return _duration(found.start(), found.end(), number, found["u"], None)


@rule(
    r"\b(?:for|within|over|lasted|lasting|took)\s+(?P<u>years|months|weeks|days|decades|hours)\b", key="unit"
)
def _bare_period(found: re.Match[str]) -> Mention | None:
    return _duration(found.start("u"), found.end("u"), None, found["u"], None)


@rule(
    r"\b(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s*(?P<ap>[apAP]\.[mM]\.|[apAP][mM]\b)|\b(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?:\s*hrs)?\b",
    key="clock",
)
def _clock(found: re.Match[str]) -> Mention:
    if found["h2"]:
        hour, minute = int(found["h2"]), int(found["mi2"])
    else:
        hour, minute = int(found["h"]) % 12, int(found["mi"] or 0)
        hour += 12 if found["ap"].lower().startswith("p") else 0
    return Mention(found.start(), found.end(), tod=f"{hour:02d}:{minute:02d}", shift=("D", 0), kind="TIME")


@rule(
    r"\b(?:at|by|during\s+the|in\s+the|through\s+the|one)\s+(?P<t>night|morning|afternoon|evening)\b(?!\s+of)",
    key="unit",
)
def _part_of_day(found: re.Match[str]) -> Mention:
    return Mention(found.start("t"), found.end("t"), tod=_TOD_CODES[found["t"]], shift=("D", 0), kind="TIME")


@rule(
    r"(?:[Nn]ow|[Tt]oday|[Nn]owadays|[Cc]urrently|[Pp]resent[- ]day|[Mm]odern[- ]day|[Aa]t\s+present|"
    r"[Rr]ecently|[Rr]ecent|[Ff]ormerly|[Ff]ormer|(?:[Tt]he\s+same|[Tt]hat|[Tt]his)\s+(?:time|period)"
    r"|(?<=[Aa]t\s)the\s+time)\b(?!-)",
    key="deictic",
)
def _deictic(found: re.Match[str]) -> Mention | None:
    """ "now", "former" (PRESENT_REF, PAST_REF); "at that time" is the narrative's own date, as TIMEX2 reads it."""
    if found.start() and found.string[found.start() - 1].isalnum():
        return None
    word = found.group().lower()
    if word.endswith(("time", "period")) and not word.startswith("this"):
        return Mention(found.start(), found.end(), shift=("A", 0), fallback="PRESENT_REF")
    ref = "PAST_REF" if word.startswith(("recent", "former")) else "PRESENT_REF"
    return Mention(found.start(), found.end(), literal=ref)


@rule(
    r"(?:[Dd]aily|[Ww]eekly|[Mm]onthly|[Aa]nnually|[Yy]early|(?:[Pp]er|[Ee]very|[Ee]ach)\s+"
    r"(?:day|week|month|year))\b",
    key="deictic",
)
def _set(found: re.Match[str]) -> Mention | None:
    """Regular recurrences ("daily", "per month"): TIMEX SETs."""
    if found.start() and found.string[found.start() - 1].isalnum():
        return None
    word = found.group().lower().split()[-1]
    value = {"daily": "XXXX-XX-XX", "day": "XXXX-XX-XX", "weekly": "XXXX-WXX", "week": "XXXX-WXX",
             "monthly": "XXXX-XX", "month": "XXXX-XX"}.get(word, "XXXX")  # fmt: skip
    return Mention(found.start(), found.end(), literal=value, kind="SET")


@rule(
    r"\b(?:[Tt]he\s+)?(?P<p>end|beginning|start|middle|close|latter\s+part|early\s+part|first\s+part)"
    r"\s+of\s+the\s+(?P<u>year|month)\b",
    key="unit",
)
def _part_of_this(found: re.Match[str]) -> Mention:
    """ "the end of the year": a part of the anchor's year or month."""
    word = " ".join(found["p"].split())
    mod = "START" if word in ("beginning", "start", "early part", "first part") else "END"
    mod = "MID" if word == "middle" else mod
    return Mention(found.start(), found.end(), shift=(_UNIT_CODES[found["u"]], 0), mod=mod)


@rule(r"\b(?P<u>[Yy]ears|[Mm]onths|[Ww]eeks|[Dd]ays)\s+(?P<dir>later|earlier|afterwards)\b", key="unit")
def _vague_offset(found: re.Match[str]) -> Mention:
    ref = "PAST_REF" if found["dir"] == "earlier" else "FUTURE_REF"
    return Mention(found.start(), found.end(), literal=ref)


@rule(
    r"\b(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    key="names",
)
def _weekday(found: re.Match[str]) -> Mention:
    return Mention(found.start(), found.end(), literal=f"XXXX-WXX-{WEEKDAYS.index(found['w']) + 1}")


@rule(
    rf"\b(?P<h>Christmas(?:\s+Day|\s+Eve)?|New\s+Year's\s+(?:Day|Eve))(?:\s+(?:of\s+)?(?P<y>{YEAR}))?",
    key="names",
)
def _holiday(found: re.Match[str]) -> Mention:
    name = found["h"]
    month, day = (12, 24) if name.endswith("Eve") and name.startswith("C") else (12, 25)
    if name.startswith("New"):
        month, day = (12, 31) if name.endswith("Eve") else (1, 1)
    year, era = read_year(found["y"]) if found["y"] else (None, None)
    return Mention(found.start(), found.end(), year, era, month, day)


def find_mentions(text: str) -> Iterator[Mention]:
    """Every candidate mention of every rule, overlapping ones included."""
    regions: dict[str, list[tuple[int, int]]] = {}
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lower-cased
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for pattern, build, key in _RULES:
        if key is None:
            spans = [(0, len(text))]
        elif key in regions:
            spans = regions[key]
        else:
            spans = regions[key] = _regions(lower, _KEYS[key])
        for pos, endpos in spans:
            for found in pattern.finditer(text, pos, endpos):
                mention = build(found)
                if mention is not None:
                    yield mention


def _regions(lower: str, key: re.Pattern[str]) -> list[tuple[int, int]]:
    """Merged windows around each keyword, each widened to whole words."""
    merged: list[tuple[int, int]] = []
    text = lower
    for found in key.finditer(lower):
        start = max(0, found.start() - _KEY_BEFORE)
        end = min(len(text), found.end() + _KEY_AFTER)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return [(_word_start(text, start), _word_end(text, end)) for start, end in merged]


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos
