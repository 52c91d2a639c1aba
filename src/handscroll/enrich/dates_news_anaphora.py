"""Which earlier date a news report's anaphoric words lean on, and which they skip (issue 16).

A date the story only measures against does not move the story there: in "sentiment fell to its
lowest since December 2011; economists blamed the tax rise at the start of the year" the year is the
report's, not 2011. And a report filed the morning after an evening event quotes what was said that
night: "Nobody thought tonight would be the end" in Saturday's copy of Friday night's game is Friday
night.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from handscroll.enrich.date_mentions import Anchor, Mention, movable_day
from handscroll.enrich.date_rules import rule
from handscroll.enrich.dates_en import MONTH, MONTHS
from handscroll.enrich.dates_en_times import WEEKDAYS

#: "the lowest since December 2011", "the first time since 2008", "since early 2010": a benchmark.
_SINCE_DATE = re.compile(
    r"\bsince\s+(?:(?:early|late|mid)[\s-]+)?(?:(?:[A-Z][a-z]+\.?|the\s+end\s+of)\s+)?(?:\d{1,2},?\s+)?"
    r"(?:1[89]|20)\d\d\b"
)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_PART_OF_YEAR = re.compile(
    r"(?:[Tt]he\s+)?(?:(?:end|beginning|start|middle|close|latter\s+part|early\s+part|first\s+part)\s+of\s+)?"
    r"the\s+year"
)
_LOOK_BACK = 400
_SINCE = re.compile(r"\b[Ss]ince\s+$")


def year_of_report(mention: Mention, text: str) -> bool:
    """ "at the start of the year", "for the year" after a benchmark ("the lowest since December
    2011"): the report's year, as when no year came before; the benchmark is not the story's date.
    So is "since the start of the year", whatever year the story was in: it runs up to the report."""
    if mention.shift != ("Y", 0) or mention.deictic:
        return False
    if not _PART_OF_YEAR.fullmatch(text, mention.start, mention.end):
        return False
    if _SINCE.search(text, max(0, mention.start - 8), mention.start):
        return True  # "had fallen 4 percent since the start of the year": counted up to the report
    opening = max(0, mention.start - _LOOK_BACK)
    benchmarks = list(_SINCE_DATE.finditer(text, opening, mention.start))
    if not benchmarks:
        return False
    years = list(_YEAR.finditer(text, opening, mention.start))
    return years[-1].end() == benchmarks[-1].end()  # no other year named since the benchmark


#: "last night" or "Friday night" (the day before the report): the evening the copy is about.
_OPEN_QUOTES = re.compile(r"[\"\u201c\u201d]")


def night_before(mention: Mention, text: str, written: dt.date) -> dt.date | None:
    """The day before the report when "tonight" is quoted from that evening: the text before names
    the night before ("on Friday night", "last night") and "tonight" stands inside quotation marks."""
    if mention.tod != "NI" or not mention.deictic or text[mention.start : mention.end].lower() != "tonight":
        return None
    paragraph = max(text.rfind("\n", 0, mention.start), 0)
    if len(_OPEN_QUOTES.findall(text, paragraph, mention.start)) % 2 == 0:
        return None  # not inside a quotation
    before = written - dt.timedelta(days=1)
    night = re.compile(rf"\b(?:{WEEKDAYS[before.isoweekday() - 1]}|[Ll]ast)\s+(?:night|evening)\b")
    return before if night.search(text, 0, mention.start) else None


_LATER = re.compile(r"\b(?:later|afterwards?|on)$")


def years_later(mention: Mention, text: str) -> str | None:
    """ "In 1965 they traced the hiss. They shared a Nobel Prize 13 years later": 1978. A report's
    story looks back from its date, so "later" counts from the last year it named, however far back
    (the narrative keeps such a year as an aside and counts from the report's date)."""
    if mention.deictic or mention.shift is None or mention.shift[0] != "Y" or mention.shift[1] <= 0:
        return None
    if not _LATER.search(text, mention.start, mention.end):
        return None
    named = list(_YEAR.finditer(text, max(0, mention.start - _LOOK_BACK), mention.start))
    return f"{int(named[-1].group()) + mention.shift[1]:04d}" if named else None


_MONTH_STARTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


@rule(rf"\b[Tt]hat\s+(?P<m>{MONTH})(?!\s+\d)", key="month", needs=tuple(f"that {m}" for m in _MONTH_STARTS))
def _that_month(found: re.Match[str]) -> Mention | None:
    """ "Greece was rescued in May 2010, Ireland followed that November": the story's year (lean 2).
    Not "that" opening a clause ("said on Friday that March was the coldest"): the month ends its
    phrase or a preposition governs "that"."""
    text = found.string
    if not (
        _PHRASE_ENDS.match(text, found.end())
        or _PREPOSITION.search(text, max(0, found.start() - 10), found.start())
    ):
        return None
    return Mention(found.start(), found.end(), month=MONTHS[found["m"].lower().rstrip(".")], lean=2)


_PHRASE_ENDS = re.compile(r"\s*(?:[,.;:!?)]|$|\s(?:and|or|but|when|after|before|as|until|with)\b)")
_PREPOSITION = re.compile(r"\b(?:in|by|until|from|since|during|through|of|for)\s+$", re.IGNORECASE)


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1}
_MONTH_STEP = {"the": 0, "this": 0, "next": 1, "last": -1}
_NTH_OF_MONTH = (
    rf"\b[Tt]he\s+(?P<n>first|second|third|fourth|last)\s+(?P<w>{'|'.join(WEEKDAYS)})\s+(?:of|in)\s+"
    r"(?P<which>the|this|next|last)\s+month\b"
)


@rule(_NTH_OF_MONTH, key="names")
def _nth_of_the_month(found: re.Match[str]) -> Mention:
    """ "the last Friday of the month", "the first Monday of next month": a day by rule in a month
    the document date names (a narrative without one gets the month)."""
    step = _MONTH_STEP[found["which"]]
    weekday = WEEKDAYS.index(found["w"]) + 1
    return Mention(found.start(), found.end(), weekday=weekday, shift=("M", step), deictic=True)


def nth_of_month(mention: Mention, text: str, written: dt.date) -> str | None:
    """The day of `_nth_of_the_month` counted from the document date."""
    found = _NTH_OF_MONTH_RE.fullmatch(text, mention.start, mention.end)
    if found is None:
        return None
    year, month = divmod(written.year * 12 + written.month - 1 + _MONTH_STEP[found["which"]], 12)
    month, day = movable_day((month + 1, WEEKDAYS.index(found["w"]) + 1, _NTH[found["n"]]), year)
    return dt.date(year, month, day).isoformat()


_NTH_OF_MONTH_RE = re.compile(_NTH_OF_MONTH)


#: "last year's dry, hot summer", "2011's long winter": a year's possessive and a few adjectives.
_YEARS_OWN = re.compile(
    r"\b(?:(?P<d>[Ll]ast|[Tt]his|[Nn]ext)\s+year|(?P<y>(?:1[89]|20)\d\d))['\u2019]s\s+(?:[a-z]+,?\s+){0,3}$"
)
_YEAR_STEP = {"last": -1, "this": 0, "next": 1}


def of_the_years_own(mention: Mention, text: str, written: dt.date) -> str | None:
    """ "still in drought after last year's dry, hot summer": the season (or month) of the year
    whose possessive governs it, not the one nearest the report."""
    if mention.year is not None or mention.shift is not None or mention.day is not None:
        return None
    if mention.season is None and mention.month is None:
        return None
    found = _YEARS_OWN.search(text, max(0, mention.start - 50), mention.start)
    if found is None:
        return None
    year = int(found["y"]) if found["y"] else written.year + _YEAR_STEP[found["d"].lower()]
    return f"{year:04d}-{mention.season or f'{mention.month:02d}'}"


#: "since mid-November, when it became clear that Abe would win the December election": the future
#: of a past moment the sentence has just named.
_NOT_AN_END = r"(?:[^.;:!?]|(?:(?<=Mr)|(?<=Mrs)|(?<=Ms)|(?<=Dr)|(?<=St))\.)"  # "Mr. Abe" goes on
_WHEN_WOULD = re.compile(rf",\s+when\s+{_NOT_AN_END}*\bwould\s+(?:(?!,){_NOT_AN_END})*$")


def ahead_of_then(mention: Mention, text: str, story: Anchor | None, written: dt.date) -> int | None:
    """The year of a month told in the future of a past moment ("..., when X would win the December
    election" after "since mid-November"): the first such month after that moment, not after the report."""
    if mention.month is None or mention.year is not None or mention.shift is not None or mention.lean:
        return None
    if story is None or story.month is None or (story.year, story.month) >= (written.year, written.month):
        return None
    if not _WHEN_WOULD.search(text, max(0, mention.start - 120), mention.start):
        return None
    return story.year + (mention.month < story.month)


#: "the period that ended Feb. 28": a report whose quarters close off the calendar keeps a fiscal year.
_OFF_CALENDAR_END = re.compile(
    r"\bend(?:ed|ing|s)\s+(?:on\s+)?(?:Jan|Feb|Apr|May|Jul|Aug|Oct|Nov)[a-z]*\.?\s+\d"
)
_ORDINAL_QUARTER = re.compile(r"\b(?P<n>first|second|third|fourth)[\s-]+quarter\b", re.IGNORECASE)
_ORDINALS = ("first", "second", "third", "fourth")


def fiscal_period(text: str, start: int, year: int) -> str | None:
    """The fiscal quarter a report keeping a fiscal year is about ("third-quarter profit ... in the
    period that ended Feb. 28"): the ordinal quarter it named first, in the report's year, as TimeBank
    labels fiscal quarters. "The quarter" and "a year earlier" then count from it."""
    ended, named = _first_period_words(text)
    if ended is None or ended > start or named is None or named[0] > start:
        return None
    return f"{year:04d}-Q{_ORDINALS.index(named[1]) + 1}"


@lru_cache(maxsize=4)
def _first_period_words(text: str) -> tuple[int | None, tuple[int, str] | None]:
    """Where the text first says its period ended off the calendar, and its first ordinal quarter:
    found once per text, not once per expression (a long text in news mode has thousands)."""
    ended = _OFF_CALENDAR_END.search(text)
    named = _ORDINAL_QUARTER.search(text)
    return (ended.end() if ended else None), ((named.end(), named["n"].lower()) if named else None)


_SAME_YEAR = re.compile(r"[Tt]h(?:e|at)\s+(?:very\s+)?same\s+year")
_SENTENCE_STOP = re.compile(r"[.!?;]\s")


def same_year(mention: Mention, text: str) -> str | None:
    """ "became president in 2000 and left Russia the same year": the year its sentence named last
    (a report otherwise counts "the year" words from its own date)."""
    if not _SAME_YEAR.fullmatch(text, mention.start, mention.end):
        return None
    opening = max(0, mention.start - _LOOK_BACK)
    for stop in _SENTENCE_STOP.finditer(text, opening, mention.start):
        opening = stop.end()
    named = list(_YEAR.finditer(text, opening, mention.start))
    return named[-1].group() if named else None


_SEASON_STEP = {"this": 0, "last": -1, "next": 1}


@rule(
    r"\b(?P<w>[Tt]his|[Ll]ast|[Nn]ext)\s+season\b(?![\s-]+(?:ticket|pass|opener|finale|high|best|low)s?\b)",
    key="unit",
    needs=("season",),
)
def _this_season(found: re.Match[str]) -> Mention:
    """ "has won three times this season": a sports or trade season, by the year the report is in
    ("last season" the year before), as a year is; TimeML marks it, the TIMEX2 keys do not."""
    step = _SEASON_STEP[found["w"].lower()]
    return Mention(found.start(), found.end(), shift=("Y", step), deictic=True, convention="TimeML")
