"""English quarters, fiscal years and the references news leans on (issue 16, item 2).

Business and news reports date by quarter ("third-quarter profit", "the
year-ago quarter", "fiscal 1989") and speak of the future and the past without
a date ("soon", "the near term", "previously"). TimeML values: 1989-Q3, 1989,
FUTURE_REF, PAST_REF. A quarter with no year takes the narrative's, or with a
document date the latest one (dates_news.py); "the quarter" of a report is the
last one closed before it was written.
"""

from __future__ import annotations

import re

from handscroll.enrich.date_mentions import Mention
from handscroll.enrich.date_rules import rule
from handscroll.enrich.dates_en import MONTH, YEAR, month_number, read_year
from handscroll.enrich.number_words import NUMBER, parse_number

#: What a report says of a period: "first-half profit", "Q3 results".
_BUSINESS_NOUN = r"(?:profit|earnings|results|sales|net|loss|losses|revenues?|growth|output|figures|GDP)"
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "final": 4, "last": 4,
}  # fmt: skip
#: Quarters back from the document date's: "the quarter" of a report is the last one closed.
_QUARTER_SHIFTS = {
    "latest": -1, "last": -1, "past": -1, "previous": -1, "prior": -1, "recent": -1, "most recent": -1,
    "year-ago": -5, "year-earlier": -5, "current": 0, "this": 0, "next": 1, "coming": 1, "": -1,
}  # fmt: skip

_ARTICLE = re.compile(r"(?i)the\s+")
_ARTICLE_BEFORE = re.compile(r"\b[Tt]he\s+$")
#: What follows "the year ended" in a report: its last month or day ("March 31", "in June", "Sept. 30").
_ON_DATE = rf"(?:in\s+|on\s+)?(?:{MONTH}|(?:Sept?|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Oct|Nov|Dec)\b|\d)"


@rule(
    r"\b(?:(?:the\s+)?(?P<y0>\d{4})\s+|(?P<rel>this|next|last)\s+year's\s+|(?:the\s+)?(?:(?:comparable\s+)?(?P<ago>year-ago|year-earlier)\s+)?"
    r"(?:fiscal\s+(?P<fy>\d{4})\s+|fiscal[\s-]+)?)?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th|final"
    r"|last(?=\s+quarter\s+of\s+(?:\d|this\s|last\s|next\s|the\s+year)))"
    r"[\s-]+(?:fiscal[\s-]+)?quarter(?=s?\b)(?:\s+of\s+(?:fiscal\s+)?(?P<y>" + YEAR + r")"
    r"|\s+of\s+(?P<of>this|last|next|the)\s+year\b)?",
    re.IGNORECASE,
    key="quarter",
)
def _quarter(found: re.Match[str]) -> Mention:
    written = found["y"] or found["y0"] or found["fy"]
    year, era = read_year(written) if written else (None, None)
    quarter = _ORDINALS[found["o"].lower()]
    if found["of"]:  # "the final quarter of last year": a quarter of the document's year or one beside it
        shift = ("Y", {"this": 0, "the": 0, "next": 1, "last": -1}[found["of"].lower()])
        return Mention(found.start(), found.end(), quarter=quarter, shift=shift, deictic=True)
    # "the third-quarter loss": the article is the loss's; TimeML marks "third-quarter" alone
    article = _ARTICLE.match(found.group())
    start = found.start() + (article.end() if article and found.group().lower().endswith("-quarter") else 0)
    if found["ago"] and year is None:  # "the year-ago third quarter"
        return Mention(start, found.end(), quarter=quarter, shift=("Y", -1), deictic=True)
    if found["rel"]:  # "next year's first quarter"
        shift = ("Y", {"this": 0, "next": 1, "last": -1}[found["rel"].lower()])
        return Mention(start, found.end(), quarter=quarter, shift=shift, deictic=True)
    if year is None and _OFF_CALENDAR_CLOSE.search(found.string):
        # "third-quarter profit" of a company whose quarter "ended Feb. 28": a fiscal quarter, named
        # by the fiscal year a report is in, as TimeBank values "the fiscal first quarter"
        return Mention(start, found.end(), quarter=quarter, shift=("Y", 0), deictic=True)
    return Mention(start, found.end(), year, era, quarter=quarter)


#: A period that closed in a month no calendar quarter ends in: the report keeps a fiscal year.
_OFF_CALENDAR_CLOSE = re.compile(
    r"\b(?:quarter|period|months)\s+(?:that\s+|which\s+)?end(?:ed|ing)\s+(?:on\s+)?"
    r"(?:Jan(?:uary|\.)|Feb(?:ruary|\.)|April|Apr\.|May|July|Jul\.|Aug(?:ust|\.)|Oct(?:ober|\.)|Nov(?:ember|\.))"
    r"\s+\d"
)


@rule(
    r"\b(?:[Tt]he\s+(?:comparable\s+)?|[Tt]his\s+|[Nn]ext\s+)(?:(?P<w>latest|last|past|previous|prior|recent|most\s+recent|year-ago|"
    r"year-earlier|current|coming)\s+)?(?:fiscal\s+)?"
    r"(?:quarter\b|(?:(?<=ago )|(?<=lier )|(?<=test ))period\b)"
    r"(?!-to-|\s+(?:of|century|mile|note|inch|pound|horse|final))",
    key="quarter",
)
def _relative_quarter(found: re.Match[str]) -> Mention:
    opener = found.group().split()[0].lower()
    word = " ".join(found["w"].lower().split()) if found["w"] else ("" if opener == "the" else opener)
    if word == "this" and _reported_quarter(found.string, found.start(), found.end()):
        word = ""  # "software didn't make up for it this quarter": the quarter the report is about
    return Mention(
        found.start(), found.end(), literal="XXXX-QX", shift=("Q", _QUARTER_SHIFTS[word]), deictic=True
    )


_QUARTER_NAMED = re.compile(r"\b(?:first|second|third|fourth)[\s-]+(?:fiscal[\s-]+)?quarter\b", re.IGNORECASE)
_PAST_TOLD = re.compile(r"\b(?:was|were|did|didn't|had|hadn't|\w+[^e\W]ed)\b")
_AHEAD_TOLD = re.compile(r"\b(?:will|would|expects?|forecasts?|should|could|may|might|'ll)\b")


def _reported_quarter(text: str, start: int, end: int) -> bool:
    """ "this quarter" told in the past, in a report that has named its quarter: that one."""
    sentence = sentence_around(text, start, end)
    return (
        _QUARTER_NAMED.search(text, 0, start) is not None
        and _PAST_TOLD.search(text, *sentence) is not None
        and _AHEAD_TOLD.search(text, *sentence) is None
    )


_FIRST_MONTH = r"(?:January|April|July|October|(?:Jan|Apr|Jul|Oct)\.)"
_LAST_MONTH = r"(?:March|June|September|December|(?:Mar|Jun|Sept?|Dec)\.?)"


@rule(
    rf"\b(?P<a>{_FIRST_MONTH})[-–/](?P<b>{_LAST_MONTH})"
    r"(?:\s+(?:fiscal\s+)?(?P<n>quarter|period))?"
    rf"(?:\s+(?:of\s+)?(?P<y>{YEAR}))?",
    key="month",
    needs=tuple(
        f"{month}{dash}"
        for month in ("january", "april", "july", "october", "jan.", "apr.", "jul.", "oct.")
        for dash in "-–/"
    ),
)
def _month_quarter(found: re.Match[str]) -> Mention | None:
    """ "the October-December quarter", "in January-March 2013": three months that make a quarter
    (as agency copy on Japanese and Chinese figures writes them) are that quarter, one expression."""
    first = month_number(found["a"])
    if month_number(found["b"]) != first + 2:
        return None
    year, era = read_year(found["y"]) if found["y"] else (None, None)
    article = _ARTICLE_BEFORE.search(found.string, max(0, found.start() - 4), found.start())
    start = article.start() if article and found["n"] else found.start()  # the article goes with a noun
    return Mention(start, found.end(), year, era, quarter=(first - 1) // 3 + 1)


@rule(
    rf"\b(?:the\s+(?:past|last|next|previous|coming|following|latest)\s+)?(?P<n>{NUMBER}|several|a\s+few|few)"
    r"\s+(?P<row>straight\s+|consecutive\s+|successive\s+|more\s+)?quarters\b(?P<of>\s+of\b)?",
    lower=True,
    key="quarter",
    needs=("quarters",),
)
def _quarters(found: re.Match[str]) -> Mention | None:
    """ "the past two quarters", "three straight quarters": a stretch of quarters (P2Q, PXQ as
    TimeBank writes them); not a fraction ("three quarters of the vote")."""
    vague = found["n"] in ("several", "few") or found["n"].endswith(" few")
    amount = None if vague else parse_number(found["n"])
    if not vague and (amount is None or amount != int(amount)):
        return None
    if found["of"] and not (vague or found["row"] or found.group().startswith("the")):
        return None  # "three quarters of the vote"
    shown = "X" if amount is None else str(int(amount))
    return Mention(
        found.start(),
        found.end() - len(found["of"] or ""),
        literal=f"P{shown}Q",
        kind="DURATION",
    )


@rule(
    r"\b(?:[Tt]he\s+)?(?P<h>first|second|latter|last)\s+half\s+of\s+(?P<det>the|this|last|next)\s+year\b"
    r"|\b(?P<h2>[Ff]irst|[Ss]econd)-half(?=\s+" + _BUSINESS_NOUN + r"\b)",
    key="half",
)
def _half_year(found: re.Match[str]) -> Mention:
    """ "the first half of this year", "second-half profit": a half of the document's (or story's) year."""
    half = 1 if (found["h"] or found["h2"]).lower() == "first" else 2
    if found["h2"]:  # "first-half results": the half a report is about, its year from the document date
        return Mention(found.start(), found.end(), half=half)
    shift = ("Y", {"the": 0, "this": 0, "last": -1, "next": 1}[found["det"]])
    return Mention(found.start(), found.end(), half=half, shift=shift, deictic=True)


#: A sentence about a report's figures: "the second half" in it is a half of the year, not of a match.
_REPORT_WORDS = re.compile(
    r"[$%\u20ac\u00a3]|\b(?:profits?|earnings|sales|revenues?|growth|economy|output|percent|billion|million|"
    r"inflation|demand|exports|prices|forecasts?|expects?|expected|quarter|deliveries|shipments|orders)\b",
    re.IGNORECASE,
)
_SPORT_WORDS = re.compile(
    r"\b(?:goals?|scored|minutes?|penalty|match|game|striker|kick|header|points|inning)\b"
)
_SENTENCE_EDGE = re.compile(r"[.!?;]\s|\n")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding text[start:end] starts and ends (at most 200 characters back)."""
    opening = max(0, start - 200)
    for edge in _SENTENCE_EDGE.finditer(text, opening, start):
        opening = edge.end()
    stop = _SENTENCE_EDGE.search(text, end)
    return opening, stop.start() if stop else len(text)


@rule(
    r"\b[Tt]he\s+(?P<h>first|second)\s+half\b(?!\s+of\b|[\s-]+(?:century|decade|hour|time|inning|season))",
    key="half",
)
def _report_half(found: re.Match[str]) -> Mention | None:
    """ "Sales should recover in the second half": in a sentence about figures, that half of the
    year (TimeML; the year from the document date); never a match's second half."""
    text = found.string
    sentence = sentence_around(text, found.start(), found.end())
    if not _REPORT_WORDS.search(text, *sentence) or _SPORT_WORDS.search(text, *sentence):
        return None
    half = 1 if found["h"] == "first" else 2
    return Mention(found.start(), found.end(), half=half, convention="TimeML")


@rule(
    r"\b[Tt]he\s+(?P<y>\d{4})\s+(?:fiscal\s+)?(?:period|quarter)\b",
    key="quarter",
    needs=("period", "quarter"),
)
def _year_period(found: re.Match[str]) -> Mention:
    """ "the 1988 period": in a quarterly report, its quarter of 1988 (quarter 0 stands for the report's)."""
    return Mention(found.start(), found.end(), int(found["y"]), quarter=0, deictic=True)


@rule(r"\b[Yy]ear-(?:ago|earlier)\b(?!\s+(?:\w+\s+)?(?:months|year|quarter|period)\b)", key="quarter")
def _year_ago(found: re.Match[str]) -> Mention:
    """ "year-earlier net income", "the year-ago results": the year before, or in a report its quarter."""
    return Mention(found.start(), found.end(), shift=("Y", -1), deictic=True)


@rule(
    rf"\b[Tt]he\s+(?:fiscal\s+)?year(?=\s+(?:ended|ending)\s+{_ON_DATE}|\s+to\s+(?:the\s+end\s+of\s+)?{MONTH})",
    key="unit",
    needs=("ended", "ending", "to "),
)
def _year_ended(found: re.Match[str]) -> Mention:
    """ "for the year ended March 31", "in the year to February": a reporting year, its length (P1Y)."""
    return Mention(found.start(), found.end(), literal="P1Y", kind="DURATION")


@rule(
    r"\b[Tt]he\s+(?:full\s+|fiscal\s+)?year\b(?![\s-]+(?:earlier|ago|before|after|of|in|when|that|"
    rf"end\b|\d|to\s+(?:the\s+end\s+of\s+)?[A-Z]|(?:ended|ending)\s+{_ON_DATE}))(?!-)",
    key="unit",
    needs=("year",),
)
def _the_year(found: re.Match[str]) -> Mention:
    """ "for the full year", "sales for the year": in a report, the document's year (TimeML only);
    "the year ended with a rally": one already over, the year before the document's."""
    over = _ENDED.match(found.string, found.end()) is not None
    return Mention(found.start(), found.end(), shift=("Y", -over), deictic=True, convention="TimeML")


_ENDED = re.compile(r"\s+ended\b")


@rule(rf"\b[Ff]iscal(?:\s+year)?\s+(?P<y>{YEAR})", key="quarter")
def _fiscal_year(found: re.Match[str]) -> Mention:
    year, era = read_year(found["y"])
    return Mention(found.start(), found.end(), year, era)


@rule(
    r"\b(?:(?P<y0>(?:19|20)\d\d)\s+)?(?P<p>Q[1-4]|H[12])(?:\s+(?P<y>(?:19|20)\d\d))?\b(?![-/.]\w)"
    r"|\bFY\s?(?P<fy>(?:19|20)\d\d|\d\d)\b",
    key="abbreviated",
)
def _abbreviated(found: re.Match[str]) -> Mention | None:
    """ "Q3 2012", "2013 H1", "FY2013": quarters, halves and fiscal years as business copy writes them.

    Without a year, "Q3" is a quarter only where a report would write one ("in Q3", "Q3 profit"),
    not in a name (the Audi Q3, an H1 visa).
    """
    if found["fy"]:
        digits = found["fy"]
        century = 0 if len(digits) == 4 else (2000 if int(digits) < 50 else 1900)
        return Mention(found.start(), found.end(), century + int(digits))
    text = found.string
    written = found["y"] or found["y0"]
    report = text[max(0, found.start() - 8) : found.start()].lower().endswith(("in ", "for ", "the ", "of "))
    if written is None and not (report or _BUSINESS_AFTER.match(text, found.end())):
        return None
    part, number = found["p"][0], int(found["p"][1])
    year = int(written) if written else None
    if part == "Q":
        return Mention(found.start(), found.end(), year, quarter=number)
    return Mention(found.start(), found.end(), year, half=number)


_BUSINESS_AFTER = re.compile(rf"\s+{_BUSINESS_NOUN}\b")


@rule(
    r"\b(?:(?:[Tt]he|[Ii]n)\s+(?:near\s+|distant\s+|foreseeable\s+)?future|(?<!as\s)[Ss]oon(?!\s+as\b)"
    r"|[Tt]he\s+(?:near|short)[\s-]term)\b(?![\s-](?:contracts?|generations?|tense|plans?|debt|rates?|bonds?|"
    r"interest|notes?))",
    key="quarter",
)
def _reference(found: re.Match[str]) -> Mention | None:
    """ "the future", "soon", "the near term": FUTURE_REF, which TimeML marks and TIMEX2 keys leave out.

    Adjectives ("future earnings", "near-term costs") and "as soon as" are not marked.
    """
    if found.start() and found.string[found.start() - 1] in "-'":
        return None
    text = found.string
    if _SOON_TOLD_PAST.match(text, found.end()) and not _MODAL_BEFORE.search(
        text, max(0, found.start() - 12), found.start()
    ):
        return None  # "that soon became a flood", "sent home soon afterward": a past, TimeBank leaves it
    return Mention(found.start(), found.end(), literal="FUTURE_REF", convention="TimeML")


_MODAL_BEFORE = re.compile(r"\b(?:will|would|may|might|could|should|can|must|to|'ll)\s+$")
_SOON_TOLD_PAST = re.compile(
    r"\s+(?:after(?:wards?)?|thereafter|enough)\b|,?\s+(?:\w+[^e\W]ed|became|came|began|went|found|fell|rose|grew|took|"
    r"got|made|left|saw|gave|ran|won|lost|spread|sold|said|told|knew|felt|turned)\b"
)


def shift_quarter(year: int, month: int, amount: int) -> str:
    """The quarter `amount` quarters from the one holding (year, month), as 1989-Q3."""
    index = year * 4 + (month - 1) // 3 + amount
    return f"{index // 4:04d}-Q{index % 4 + 1}"
