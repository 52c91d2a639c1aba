"""What deictic expressions mean when the document has a date (issue 16, item 1).

A newspaper report, a letter or an archive item is written on a day: its
"today", "Friday", "last year" and "two years ago" count from that day, not
from the latest year the story mentioned. In news a month or a day without a
year ("in November", "Nov. 25") is the most recent one, unless the sentence
looks ahead ("will", "next"); a narrative instead takes the year its story
is in. The resolver answers None for what the document date does not decide.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from handscroll.enrich.date_mentions import Anchor, Mention, resolve
from handscroll.enrich.dates_en_quarters import sentence_around, shift_quarter
from handscroll.enrich.dates_en_times import WEEKEND
from handscroll.enrich.dates_news_anaphora import (
    ahead_of_then,
    fiscal_period,
    night_before,
    nth_of_month,
    of_the_years_own,
    same_year,
    year_of_report,
    years_later,
)
from handscroll.enrich.dates_news_days import (
    day_the_lead_tells,
    night_ahead,
    paragraph_of_the_report_day,
    sunday_week_ahead,
    weekday_from,
    weekday_of,
    weekend_of,
)
from handscroll.enrich.dates_news_tense import (
    ANY_MODAL,
    PAST_CUE,
    looks_ahead,
    opening_told_past,
    published_behind,
    told_in_the_past,
)

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)^---[ \t]*$", re.S | re.M)
_DCT_LINE = re.compile(r"^(?P<key>dct|date):[ \t]*[\"']?(?P<value>[^\s\"']+)", re.M)
_QUARTER_CLOSING = 24  # the day of a quarter's last month from which copy sums it up
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def front_matter_dct(text: str) -> tuple[str | None, int]:
    """The `dct:` (or a Markdown feature's `date:`) of a front matter block opening the text
    ("---", "dct: 2013-03-22", "---"), and where the block ends (0 without one): the block is
    not text to tag."""
    block = _FRONT_MATTER.match(text)
    if block is None:
        return None, 0
    found = {line["key"]: line["value"] for line in _DCT_LINE.finditer(block["body"])}
    return found.get("dct", found.get("date")), block.end()


def resolve_dated(
    mention: Mention,
    dct: Anchor,
    text: str,
    *,
    news: bool,
    period: str | None = None,
    story: Anchor | None = None,
) -> str | None:
    """The value of a mention that counts from the document date `dct`, or None.

    `period` is the quarter the report has named last ("1989-Q3"): in an earnings report
    "the quarter" is that one and "a year ago" the same quarter a year before. `story` is
    the last date the text named: "the following Monday" is the Monday after it.
    """
    if dct.month is None or dct.day is None or dct.year <= 0:
        return None
    written = dt.date(dct.year, dct.month, dct.day)
    if (by_rule := nth_of_month(mention, text, written)) is not None:
        return by_rule  # "the last Friday of the month"
    if mention.weekday is not None and mention.day is None and mention.month is None:
        if not news:
            return None
        if mention.literal == WEEKEND:
            return weekend_of(mention, written, text)
        if abs(mention.lean) == 2 and story is not None and story.month and story.day and story.year > 0:
            return _with_tod(weekday_from(mention, dt.date(story.year, story.month, story.day)), mention)
        return _with_tod(weekday_of(mention, written, text).isoformat(), mention)
    if news and period is None:
        period = fiscal_period(text, mention.start, dct.year)  # "the period that ended Feb. 28"
    # in a quarter's last week no report is out yet: "For the quarter, the Dow rose 11 percent" is this one
    closing = dct.month % 3 == 0 and dct.day >= _QUARTER_CLOSING
    reported = period or shift_quarter(dct.year, dct.month, 0 if closing else -1)
    if news and mention.quarter == 0 and mention.year is not None:  # "the 1988 period"
        return f"{mention.year:04d}-Q{reported[-1]}"
    if news and _compares_quarters(mention, text, period is not None):
        return _quarter_plus(reported, -4)
    if mention.deictic and mention.shift is not None and mention.shift[0] == "Q":
        if mention.shift[1] in (-1, -5):  # "the quarter", "the latest period"; "the year-ago quarter"
            return _quarter_plus(reported, mention.shift[1] + 1)
        return shift_quarter(dct.year, dct.month, mention.shift[1])
    if news and mention.season and mention.lean:  # "last summer", "this coming winter"
        year = _nearest_year(mention, written, text)
        return resolve(replace(mention, shift=None, deictic=False, year=year), dct)[0]
    if news and mention.shift == ("Y", 0) and dct.month == 1 and _year_just_ended(text, mention):
        return f"{dct.year - 1:04d}"
    if news and mention.shift == ("W", -1) and _SEVEN_DAYS.match(text, mention.start):
        year, week, _ = (written - dt.timedelta(days=3)).isocalendar()
        return f"{year:04d}-W{week:02d}"  # "for the past week": the seven days to now, the week most are in
    if news and (coming := night_ahead(mention, text, story, written)) is not None:
        return f"{coming.isoformat()}TNI"  # "temperatures will drop overnight": the night to come
    if news and (night := night_before(mention, text, written)) is not None:
        return _with_tod(night.isoformat(), mention)  # "tonight" quoted from last night's game
    if news and (later := years_later(mention, text)) is not None:
        return later  # "13 years later" after "In 1965": 1978, not 13 years after the report
    if news and (named := same_year(mention, text)) is not None:
        return named  # "in 2000 ... left Russia the same year"
    if news and year_of_report(mention, text):
        return f"{dct.year:04d}"  # "at the start of the year" after "the lowest since 2011"
    if news and mention.shift is not None and _WEEKS_AGO.fullmatch(text, mention.start, mention.end):
        # "lost power a week ago", "won there two weeks ago": that day, as TimeBank dates "two weeks ago"
        return (written + dt.timedelta(days=7 * mention.shift[1])).isoformat()
    if news and (next_week := sunday_week_ahead(mention, text, written)) is not None:
        return next_week  # "is due to open this week" in Sunday's paper
    if mention.deictic and mention.shift is not None:
        return resolve(replace(mention, literal=None, deictic=False), dct)[0]
    if news and mention.lean == 2 and mention.month and _needs_year(mention) and story not in (None, dct):
        return resolve(replace(mention, year=story.year, lean=0), dct)[0]  # "that November": the story's
    if news and mention.lean == 2 and mention.month and _needs_year(mention):
        # "won gold last summer and ran in the Olympics that August": no dated story, the last one gone
        return resolve(replace(mention, year=written.year - (mention.month >= written.month), lean=0), dct)[0]
    if news and (then := ahead_of_then(mention, text, story, written)) is not None:
        return resolve(replace(mention, year=then), dct)[0]  # "..., when he would win the December vote"
    if news and (owned := of_the_years_own(mention, text, written)) is not None:
        return owned  # "last year's dry, hot summer"
    if news and _needs_year(mention):
        return resolve(replace(mention, year=_nearest_year(mention, written, text)), dct)[0]
    return None


_THE_YEAR = re.compile(r"[Tt]he\s+(?:full\s+)?year")
_TOLD_PAST = re.compile(
    r"\b(?:was|were|rose|fell|grew|ended|earned|lost|posted|gained|dropped|declined|increased|jumped|slipped|"
    r"climbed|slid|shrank|totaled|totalled|finished|closed)\b"
)
_TOLD_AHEAD = re.compile(r"\b(?:will|would|expects?|expected|forecasts?|should|may|might|could|'ll)\b")


def _year_just_ended(text: str, mention: Mention) -> bool:
    """ "Car sales rose 13 percent for the year" in a report of early January: the year just over.
    Only "the year" (not "this year"), in a sentence told in the past with nothing ahead in it."""
    if not _THE_YEAR.fullmatch(text, mention.start, mention.end):
        return False
    start, end = sentence_around(text, mention.start, mention.end)
    return bool(_TOLD_PAST.search(text, start, end)) and not _TOLD_AHEAD.search(text, start, end)


_YEAR_BACK = re.compile(r"(?:an?|one)\s+year\s+(?:ago|earlier|before)|year-(?:ago|earlier)", re.IGNORECASE)
_QUARTER_WORD = re.compile(r"\bquarter", re.IGNORECASE)
_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
_FIGURES = re.compile(r"[$%#]|\b(?:cents?|a\s+share|million|billion|percent)\b")


def _compares_quarters(mention: Mention, text: str, quarterly: bool) -> bool:
    """ "Profit rose in the quarter from a year ago": the same quarter of the year before.

    So it is where the sentence names a quarter before "a year ago", or, in a report
    that has named one (`quarterly`), where the sentence compares figures.
    """
    if mention.shift != ("Y", -1) or not _YEAR_BACK.fullmatch(text, mention.start, mention.end):
        return False
    opening = _sentence_before(text, mention.start)
    if _QUARTER_WORD.search(text, opening, mention.start):
        return True
    return quarterly and bool(_FIGURES.search(text, opening, mention.start))


def a_month_a_year_back(mention: Mention, text: str) -> bool:
    """ "Exports fell in February from a year earlier": a year back from the month just named, in a
    sentence about months (one that names a quarter or a half compares those; see above)."""
    if mention.shift != ("Y", -1) or not _YEAR_BACK.fullmatch(text, mention.start, mention.end):
        return False
    return _PERIOD_WORD.search(text, _sentence_before(text, mention.start), mention.start) is None


def _sentence_before(text: str, start: int) -> int:
    """Where the words of `start`'s sentence before it begin (at most 300 characters back)."""
    window = max(start - 300, 0)  # rfind bounded: a text with no full stop is not read back to its start
    return max(text.rfind(". ", window, start), text.rfind("\n", window, start), window)


_PERIOD_WORD = re.compile(r"\b(?:quarter|period|half|months|year)", re.IGNORECASE)


def closed_quarter(value: str, dct: Anchor, words: str = "") -> str | None:
    """`value` when it is a quarter that ended before the document date (what a report is about);
    a fiscal quarter (`words` say "fiscal") is the report's whatever its calendar label."""
    if not _QUARTER_VALUE.fullmatch(value) or dct.month is None:
        return None
    return value if value < shift_quarter(dct.year, dct.month, 0) or _FISCAL.search(words) else None


def _quarter_plus(value: str, amount: int) -> str:
    """ "1989-Q3" moved by whole quarters."""
    return shift_quarter(int(value[:4]), int(value[-1]) * 3, amount)


_WEEKS_AGO = re.compile(r"(?:[Aa]|[Oo]ne)\s+week\s+ago|[Tt]wo\s+weeks\s+ago")
_LAST = re.compile(r"[Ll]ast\s")
_FISCAL = re.compile(r"[Ff]iscal")
_SEVEN_DAYS = re.compile(r"[Tt]he\s+(?:past|last)\s+week\b")


def yearless_months(first: Mention, second: Mention) -> bool:
    """Both ends of a range are months (or days of them) with no year: "July-August", "Dec. 28-Jan. 3"."""
    return all(_needs_year(end) and end.month is not None for end in (first, second))


def in_year_before(first: Mention, second: Mention, second_value: str) -> Mention:
    """The range's first end in its second end's year, or the year before when it wraps
    ("December-January")."""
    assert first.month is not None and second.month is not None
    wraps = (first.month, first.day or 0) > (second.month, second.day or 0)
    return replace(first, year=int(second_value[:4]) - wraps)


def _needs_year(mention: Mention) -> bool:
    if mention.year is not None or mention.shift is not None or mention.literal is not None:
        return False
    if mention.decade is not None or mention.century is not None or mention.kind == "DURATION":
        return False
    return mention.month is not None or mention.season is not None or bool(mention.quarter or mention.half)


def _nearest_year(mention: Mention, written: dt.date, text: str) -> int:
    """The year that puts the month (and day) nearest the document date; ahead when the clause looks ahead."""
    behind = published_behind(text, mention)  # "in its December forecast"
    ahead = looks_ahead(text, mention.start) and not behind
    if mention.quarter or mention.half:  # reports name them once closed: this year's unless still ahead
        if _FISCAL.search(text, mention.start, mention.end):
            # "fiscal third-quarter profit": the fiscal year a report is in, as TimeBank has it
            return written.year
        part, size = (mention.quarter, 3) if mention.quarter else (mention.half or 0, 6)
        current = (written.month - 1) // size + 1
        if mention.lean > 0 or (ahead and part < current - 1):
            return written.year + (part < current)
        if ahead and part > current:  # "expects a profit in the second half": this year's, still to come
            return written.year
        return written.year - (part > current)
    if (
        mention.lean < 0
        and mention.month == (written.month - 2) % 12 + 1
        and _LAST.match(text, mention.start)
    ):
        # "crashed last February" in March is February of last year (the month just gone would be
        # "last month"); "last December" in January is the December just gone, as of last year too
        return written.year - 1
    behind = (
        behind or PAST_CUE.search(text, max(0, mention.start - 12), mention.start) is not None
    )  # "since June"
    done = not ahead and (told_in_the_past(text, mention.start) or opening_told_past(text, mention))
    month = mention.month or _SEASON_MONTH.get(mention.season or "", written.month)
    day = mention.day or (15 if mention.month else 1)
    best, best_gap = written.year, None
    for year in (written.year - 1, written.year, written.year + 1):
        try:
            gap = (dt.date(year, month, min(day, 28)) - written).days
        except ValueError:
            continue
        if mention.day is None and month == written.month and year == written.year:
            gap = 0
        cost = (abs(gap) if gap <= 0 or ahead else 2 * gap) + (1000 if ahead and gap < -31 else 0)
        if (mention.lean < 0 and gap >= 0) or (mention.lean > 0 and gap <= 0):
            cost += 1000
        elif mention.lean <= 0 and ((behind and gap > 0) or (done and gap > 2)):
            # "since June"; a story filed the night before may say "on Saturday, April 25" of the next
            # day; never "next February" ("his term would have ended next February")
            cost += 1000
        if best_gap is None or cost < best_gap:
            best, best_gap = year, cost
    return best


_SET_PERIODS = {"XXXX-XX-XX": "P1D", "XXXX-WXX": "P1W", "XXXX-XX": "P1M", "XXXX": "P1Y"}
_LONG_UNITS = re.compile(r"^P(?P<n>\d+)(?P<u>DE|CE|ML)$")
_YEARS_IN = {"DE": 10, "CE": 100, "ML": 1000}


def timeml_value(kind: str, value: str) -> str:
    """TIMEX3 as TimeBank writes it: "daily" is P1D, "a decade" P10Y (TIMEX2 keys: XXXX-XX-XX, P1DE)."""
    if kind == "SET":
        return _SET_PERIODS.get(value, value)
    if kind == "DURATION":
        found = _LONG_UNITS.match(value)
        if found:
            return f"P{int(found['n']) * _YEARS_IN[found['u']]}Y"
        if value in ("PXDE", "PXCE", "PXML"):
            return "PXY"
    return value


def _with_tod(value: str, mention: Mention) -> str:
    return value + (f"T{mention.tod}" if mention.tod else "")


def day_of_clock(mention: Mention, anchor: Anchor | None, dct: Anchor, text: str) -> Anchor | None:
    """The day a bare time of day ("at 12:34 GMT", "at 11 a.m.", "overnight") counts from in a report:
    the story's day, unless the story has no day ("from April 2014") or its day is still ahead while
    the time's clause is told in the past ("banks stay shut through Tuesday ... was off 0.5 percent
    at 11 a.m.", "snow could fall by Saturday ... lost power overnight"): then the report's own."""
    bare = mention.year is None and mention.month is None and mention.day is None and mention.weekday is None
    that_day = mention.shift in (None, ("D", 0), ("D", -1))  # a clock alone; "overnight", the night before
    if not (bare and that_day and mention.literal is None and mention.tod):
        return anchor
    if anchor is None or anchor.day is None or anchor.month is None:
        return dct
    ahead = (anchor.year, anchor.month, anchor.day) > (dct.year, dct.month or 0, dct.day or 0)
    if not ahead and (lead := day_the_lead_tells(text, mention.start, anchor, dct)) is not None:
        return lead  # "died Wednesday ... treated since March 10 ... died at 6:47 p.m."
    if not ahead:
        # "rain fell on Thursday ... [paragraph] The president visited in the afternoon" in Friday's
        return dct if paragraph_of_the_report_day(text, mention.start, anchor, dct) else anchor
    clause = text[_sentence_before(text, mention.start) : mention.start]
    past = _CLOCK_PAST.search(clause) is not None and ANY_MODAL.search(clause) is None
    return dct if past else anchor


_CLOCK_PAST = re.compile(
    r"\b(?:was|were|had|did|stood|rose|fell|said|lost|left|went|came|took|made|struck|began|broke|won|sold|"
    r"spent|kept|brought|fought|held|met|ran|saw|told|[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
