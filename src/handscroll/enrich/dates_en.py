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
from dataclasses import replace

from handscroll.enrich.date_mentions import Mention
from handscroll.enrich.date_rules import rule
from handscroll.enrich.dates_en_names import a_first_name, a_kind_of_thing, in_a_name
from handscroll.enrich.number_words import ORDINAL, parse_ordinal

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

MONTH = (  # "Augusta National", "Marchers" are no months
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)(?![a-z])"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
)
ERA = r"(?:B\.\s?C\.(?:\s?E\.)?|B\.\s?C(?![\w.])|BCE|BC|A\.\s?D\.|AD|C\.\s?E\.|CE)(?![A-Za-z])"
YEAR = rf"(?:\d{{4}}(?:\s*{ERA})?|\d{{1,3}}\s*{ERA}|(?:AD|A\.D\.)\s*\d{{1,4}})(?![\d,]\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"
#: Months before a day number may be abbreviated without a dot ("Oct 10, 1945").
MONTH_BEFORE_DAY = rf"(?:{MONTH}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?=\s+\d))"
_SEASON = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"

_COUNT_NOUN = re.compile(
    r"\s*(?:more\s+|other\s+|of\s+(?:the|his|their)\s+)?(?:[a-z]+\s+)?(?:men|troops|soldiers|people|persons|"
    r"civilians|prisoners|casualties|dead|killed|wounded|km|kilomet(?:re|er)s|miles|met(?:re|er)s|feet|"
    r"ft|tons|tonnes|aircraft|planes|tanks|guns|ships|vessels|horses|cavalry|infantry|strong|hp|mm|"
    r"rifles|sorties|divisions|votes|members|%|percent|per\s+cent|hundred|thousand|million|billion)\b"
)
#: "(1430 GMT)", "at 0600 hours": a clock time the 24-hour way, never a year.
_CLOCK_AFTER = re.compile(r"\s*(?:GMT|UTC|BST|Z|hrs|hours|local\s+time)\b")
_NOT_A_YEAR_BEFORE = re.compile(
    r"(?:\b(?:page|pages|p\.|pp\.|[Rr]oute|[Hh]ighway|[Nn]o\.|[Nn]umber|[Hh]ill|[Ff]light|[Rr]oom|"
    r"[Ss]ection|[Aa]rticle|[Rr]esolution|[Ll]aw|[Pp]salm|[Hh]eight|[Tt]ype|[Mm]odel)|US\$|USD|[$£€¥])\s*$"
)
_NOT_BEFORE_YEAR = frozenset("$£€¥.,:/_") | frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
)
_SEASON_AS_NAME = re.compile(r"\s+of\b")  # "the fall of Paris"; "the Spring Offensive" is a season
_YEAR_PREPOSITION = (
    r"(?:[Ii]n|[Oo]f|[Bb]y|[Ff]rom|[Uu]ntil|[Ss]ince|to|and|c\.|[Cc]irca|[Bb]efore|[Aa]fter|[Dd]uring)"
)


def read_year(text: str) -> tuple[int, str | None]:
    """A year and its era as written ("221 BC" -> (-221, "BC"), "AD 9" -> (9, "AD"))."""
    digits = int("".join(ch for ch in text if ch.isdigit()))
    upper = text.upper().replace(".", "").replace(" ", "")
    if "BC" in upper:
        return -digits, "BC"
    if "AD" in upper or upper.endswith("CE"):
        return digits, "AD"
    return digits, None


def month_number(word: str) -> int:
    """1-12 for a month name as written ("Sept." -> 9)."""
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
        month=month_number(groups["m"]) if groups.get("m") else None,
        day=int(groups["d"]) if groups.get("d") else None,
    )


@rule(
    r"\b(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b",
    key="dash",
)
def _iso(found: re.Match[str]) -> Mention:
    return Mention(found.start(), found.end(), int(found["y"]), None, int(found["m"]), int(found["d"]))


@rule(
    rf"\b(?:[Tt]he\s+)?(?P<d>{DAY})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEAR}))?",
    key="month",
)
def _day_month_year(found: re.Match[str]) -> Mention:
    return _date(found)


@rule(
    rf"\b(?P<m>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY})(?:st|nd|rd|th)?(?!\d|:\d)(?:,?\s+(?:of\s+)?(?P<y>{YEAR}))?",
    key="month",
)
def _month_day_year(found: re.Match[str]) -> Mention:
    return _date(found)


@rule(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})\b(?![/.]\d)", key="slash")
def _numeric_date(found: re.Match[str]) -> Mention | None:
    """ "3/22/2013", "03/22/13" (month first, as American copy writes it), "22/03/2013" (a day over 12)."""
    first, second = int(found["a"]), int(found["b"])
    month, day = (second, first) if first > 12 else (first, second)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year = int(found["y"])
    if len(found["y"]) == 2:
        year += 2000 if year < 50 else 1900
    return Mention(found.start(), found.end(), year, None, month, day)


_BARE_MONTH_OK = re.compile(
    r"(?:\b(?:in|In|of|by|By|until|Until|since|Since|from|From|to|during|During|early|late|mid|"
    r"end|beginning|through|before|Before|after|After|and|or|last|next|that|this|same|the|The|"
    r"until|till|between|Between|on|On|worst|best|[a-z]{2,}est)|-|,)\s*$"  # "the coldest March"
)
#: "March sales", "May figures": a month before what a report counts is the month.
_MONTH_FIGURES = re.compile(
    r"\s+(?:sales|figures|data|payrolls|exports|imports|output|inflation|unemployment|jobs|retail|"
    r"trade|production|deliveries|shipments)\b"
)
_MONTH_AS_NAME = re.compile(r"\s+(?:Revolution|Offensive|Uprising|Manifesto|Crisis|Days|Theses|Coup)\b")
#: "the March on Washington", "the March on Rome" (not "met in May on Capitol Hill").
_MARCH_ON = re.compile(r"\s+on\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)[A-Z]")
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
#: "figures for March": a month, where "a spokesman for May" is a name.
_FOR_BEFORE = re.compile(r"\b[Ff]or\s+$")


@rule(
    rf"\b(?P<m>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEAR}))?",
    key="month",
)
def _month_year(found: re.Match[str]) -> Mention | None:
    if not found["y"]:
        text = found.string
        if _MONTH_AS_NAME.match(text, found.end()):
            return None
        if a_first_name(text, found.start(), found.end()):
            return None  # "April Jones, five, went missing", "Author June Whitfield"
        if _MARCH_ON.match(text, found.end()) and _THE_BEFORE.search(
            text, max(0, found.start() - 5), found.start()
        ):
            return None
        if (
            found["m"] in ("May", "March")
            and not _BARE_MONTH_OK.search(text, max(0, found.start() - 14), found.start())
            and not _MONTH_FIGURES.match(text, found.end())
            and not (
                found["m"] == "March" and _FOR_BEFORE.search(text, max(0, found.start() - 5), found.start())
            )
        ):
            return None
    return _date(found)


@rule(rf"(?P<y>\d{{4}}(?:\s*{ERA})?)(?![\w%]|,\d|\.\d|:\d|-\d\d-)")
def _year(found: re.Match[str]) -> Mention | None:
    text = found.string
    if found.start() and text[found.start() - 1] in _NOT_BEFORE_YEAR:
        return None  # checked here, not in a look-behind: a pattern that starts with \d scans fast
    year, era = read_year(found["y"])
    if era is None and not 1000 <= year <= 2100:
        return None
    if _NOT_A_YEAR_BEFORE.search(text, max(0, found.start() - 20), found.start()):
        return None
    if era is None and (_COUNT_NOUN.match(text, found.end()) or _CLOCK_AFTER.match(text, found.end())):
        return None
    return Mention(found.start(), found.end(), year, era)


@rule(
    rf"(?<![\w.,$])(?P<y>\d{{1,3}}\s*{ERA}|(?:AD|A\.D\.)\s*\d{{1,4}}(?![\d,]))",
    key="era",
)
def _era_year(found: re.Match[str]) -> Mention:
    year, era = read_year(found["y"])
    return Mention(found.start(), found.end(), year, era)


@rule(
    rf"\b{_YEAR_PREPOSITION}\s+(?P<y>\d{{3}})(?![\d,.]\d)"
    r"(?=\s*(?:[,.;:)\]]|$|(?:and|to|until|when|[-–])\b|[-–]|B\.?C|[A-Z]))",
    key="digits3",
)
def _three_digit_year(found: re.Match[str]) -> Mention:
    return Mention(found.start("y"), found.end("y"), int(found["y"]), tentative=True)


@rule(
    r"\b(?P<y1>\d{4})\s*[-–]\s*(?P<y2>\d\d)(?![\d-])",
    key="dash",
)
def _short_year_range(found: re.Match[str]) -> Mention | None:
    first = int(found["y1"])
    second = first // 100 * 100 + int(found["y2"])
    if not 1000 <= first <= 2100 or second <= first:
        return None
    end = Mention(found.start("y2"), found.end("y2"), second)
    return Mention(found.start("y1"), found.end("y1"), first, partner=end, outer_start=found.start())


@rule(
    rf"\b(?P<d1>{DAY})\s*[-–]\s*(?P<d>{DAY})(?:st|nd|rd|th)?\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?",
    key="dash",
)
def _day_range(found: re.Match[str]) -> Mention:
    return _days_of_month(found)


def _days_of_month(found: re.Match[str]) -> Mention:
    """Days d1 and d of month m: the first, with the second as its partner."""
    end = _date(found, start=found.start("d"))
    first = Mention(found.start("d1"), found.end("d1"), end.year, end.era, end.month, int(found["d1"]))
    return replace(first, partner=end, outer_start=found.start())


@rule(
    rf"\b(?P<m>{MONTH})\s+(?P<d1>{DAY})\s*[-–]\s*(?P<d>{DAY})(?!\d|:\d)(?:,?\s+(?P<y>{YEAR}))?",
    key="dash",
)
def _month_day_range(found: re.Match[str]) -> Mention:
    return _month_days(found)


def _month_days(found: re.Match[str]) -> Mention:
    """Month m, days d1 and d: the first, with the second as its partner."""
    year, era = read_year(found["y"]) if found["y"] else (None, None)
    month = month_number(found["m"])
    end = Mention(found.start("d"), found.end(), year, era, month, int(found["d"]))
    first = Mention(found.start(), found.end("d1"), year, era, month, int(found["d1"]))
    return replace(first, partner=end, outer_start=found.start())


_ORD = r"(?:st|nd|rd|th)?"


@rule(
    rf"\b(?P<m>{MONTH})\s+(?P<d1>{DAY}){_ORD}\s+and\s+(?P<d>{DAY}){_ORD}(?![\d,.]\d|\s*(?:%|per))"
    rf"(?:,?\s+(?P<y>{YEAR}))?\b",
    key="month",
    needs=("and",),
)
def _month_two_days(found: re.Match[str]) -> Mention:
    """ "April 24 and 25": two days of one month, each an expression when ranges are split."""
    return _month_days(found)


@rule(
    rf"\b(?P<d1>{DAY}){_ORD}\s+and\s+(?P<d>{DAY}){_ORD}\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{YEAR}))?",
    key="month",
    needs=("and",),
)
def _two_days_month(found: re.Match[str]) -> Mention:
    """ "21 and 22 March", as British papers write it."""
    return _days_of_month(found)


@rule(
    rf"\b(?:[Tt]he\s+)?(?P<y>\d{{2,3}})0'?s(?:\s*(?P<era>{ERA}))?(?!\w)",
    key="decade",
)
def _decade(found: re.Match[str]) -> Mention | None:
    if len(found["y"]) == 2 and not found["era"]:
        return None
    era = "BC" if found["era"] and "B" in found["era"].upper() else None
    return Mention(found.start(), found.end(), decade=int(found["y"]), era=era)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}  # fmt: skip
_LATE = r"(?:(?P<mod>early|mid|late)[\s-]+)?"
_DECADE_MODS = {"early": "START", "mid": "MID", "late": "END"}


@rule(
    rf"(?:\b[Tt]he\s+{_LATE}|(?<=\band\s)|(?<=\bor\s)|(?<=\bto\s))'(?P<d>\d)0s\b", key="decade", needs=("'",)
)
def _short_decade(found: re.Match[str]) -> Mention:
    """ "the '80s", "the 1970s and '80s": a decade of the 1900s ("the '00s" and "the '10s" of the 2000s)."""
    digit, mod = int(found["d"]), _DECADE_MODS.get(found["mod"] or "")
    return Mention(found.start(), found.end(), decade=(200 if digit < 2 else 190) + digit, mod=mod)


@rule(rf"\b[Tt]he\s+{_LATE}(?P<w>(?:twen|thir|for|fif|six|seven|eigh|nine)ties)\b", key="spoken")
def _decade_in_words(found: re.Match[str]) -> Mention:
    """ "the nineties": the 1990s, as speakers say it."""
    mod = _DECADE_MODS.get(found["mod"] or "")
    return Mention(found.start(), found.end(), decade=190 + _DECADE_WORDS[found["w"].lower()], mod=mod)


@rule(
    rf"\b(?:[Tt]he\s+)?(?P<n>{ORDINAL})[\s-]+[Cc]entury(?:\s+(?P<era>{ERA}))?",
    re.IGNORECASE,
    key="unit",
    needs=("century",),
)
def _century(found: re.Match[str]) -> Mention | None:
    number = parse_ordinal(found["n"])
    if number is None:
        return None
    era = "BC" if found["era"] and "B" in found["era"].upper() else None
    return Mention(found.start(), found.end(), century=number - 1, era=era)


@rule(rf"\b(?:(?P<y0>\d{{4}})\s+|[Tt]he\s+)?(?P<s>{_SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?\b", key="season")
def _season(found: re.Match[str]) -> Mention | None:
    text = found.string
    if not (found["y"] or found["y0"]):
        if found["s"].lower() == "fall" and not found.group().lower().startswith("the"):
            return None
        if _SEASON_AS_NAME.match(text, found.end()):
            return None
    written = found["y"] or found["y0"]
    year, era = read_year(written) if written else (None, None)
    # "the Arab Spring", "the Summer Olympics": names, which TimeML leaves; TIMEX2 marks the season;
    # "the papal summer residence", "winter tyres": a kind of thing, not a time (TimeML leaves it)
    kind_of = not written and a_kind_of_thing(text, found.end())
    convention = (
        "TIMEX2" if kind_of or (not written and in_a_name(text, found.start("s"), found.end())) else None
    )
    season = SEASONS[found["s"].lower()]
    return Mention(found.start(), found.end(), year, era, season=season, convention=convention)


@rule(
    rf"\b[Tt]he\s+(?P<p>first|last|final)\s+(?:(?:two|three|few|2|3)\s+)?(?:weeks?|days)\s+of\s+(?P<m>{MONTH})"
    rf"(?:,?\s+(?P<y>{YEAR}))?",
    key="month",
    needs=("week", "days"),
)
def _weeks_of_month(found: re.Match[str]) -> Mention:
    """ "the last week of August 1918": the end of the month, kept as a date for the timeline."""
    return replace(_date(found), mod="START" if found["p"] == "first" else "END")


@rule(
    rf"\b(?:[Tt]he\s+)?(?P<h>first|second|latter|last)\s+half\s+of\s+(?P<y>{YEAR})",
    key="half",
)
def _half(found: re.Match[str]) -> Mention:
    year, era = read_year(found["y"])
    return Mention(found.start(), found.end(), year, era, half=1 if found["h"] == "first" else 2)


_LEANS = {
    "last": -1,
    "previous": -1,
    "past": -1,
    "next": 1,
    "following": 1,
    "coming": 1,
    "upcoming": 1,
    "this": 0,
}


def lean_of(det: str | None) -> int:
    """-1 for "last", "this past"; 1 for "next", "this coming"; 0 for "this" or nothing."""
    return _LEANS[det.split()[-1].lower()] if det else 0


@rule(
    rf"\b(?P<det>[Ll]ast|[Nn]ext|[Tt]his(?:\s+past|\s+coming)?)\s+(?P<m>{MONTH})(?![\s,]+\d)",
    key="month",
)
def _deictic_month(found: re.Match[str]) -> Mention:
    """ "last November", "next April": a month on one side of the document date."""
    return Mention(
        found.start(), found.end(), month=month_number(found["m"]), deictic=True, lean=lean_of(found["det"])
    )


@rule(
    rf"\b(?:(?P<d>{DAY})\s+)?(?P<m>{MONTH})(?:\s+(?P<d2>{DAY})(?:st|nd|rd|th)?)?,?\s+(?:of\s+)?"
    r"(?P<det>last|next)\s+year\b",
    key="year_ahead_or_back",  # windows around "last year", not around every month
)
def _month_of_deictic_year(found: re.Match[str]) -> Mention:
    """ "in February last year", "on 25 August last year": a month (and day) of the year before or
    after the document's, one expression, as "October this year" is."""
    day, month = int(found["d"] or found["d2"] or 0) or None, month_number(found["m"])
    shift = ("Y", lean_of(found["det"]))
    return Mention(found.start(), found.end(), month=month, day=day, shift=shift, deictic=True)
