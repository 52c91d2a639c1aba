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
from handscroll.enrich.dates_en_quarters import shift_quarter
from handscroll.enrich.dates_en_times import WEEKEND

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|'ll|next|coming|upcoming|scheduled|expected\s+to|(?:is|are)\s+(?:due|expected|forecast|likely)|plans?\s+to|"
    r"planning|planned|is\s+to|are\s+to|set\s+to|as\s+(?:soon|early)\s+as|(?:has|have|given)\s+until|"
    r"(?:postponed|delayed|adjourned|extended)\s+"
    r"(?:\w+\s+){0,3}?until)\b",
    re.IGNORECASE,
)
#: "had been scheduled to expire Friday", "as previously planned": a plan already in the past.
_PAST_PLAN = re.compile(r"\b(?:had(?:\s+been)?|previously|originally)\s+$", re.IGNORECASE)
#: "since June", "the year ended Jan. 31": a date these words govern is behind the document's.
_PAST_CUE = re.compile(r"\b(?:[Ss]ince|ended)\s+$")
#: "said the ship would arrive Tuesday": the future of reported speech, the date a few words after
#: the modal's verb with no comma between; not "could" (past ability) nor "would have" (counterfactual).
_MODAL_VERB = re.compile(
    r"\b(?:would|might|may)\s+(?!have\b)(?:not\s+|also\s+|then\s+)?(?:be\s+)?[a-z]+(?:\s+[a-z]+){0,4}\s+$"
)
#: "was held in April", "died on Jan. 5": a verb in the past governs the date, so it is behind the
#: document's (not a plan: "scheduled for", "expected in", nor "to be published in").
_PAST_VERB = re.compile(
    r"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)\b(?!(?:scheduled|expected|planned|slated|postponed|delayed|adjourned|"
    r"extended|intended|aimed|designed|supposed|needed|proposed|projected|forecast|estimated|anticipated|predicted|"
    r"targeted|budgeted|timed|deferred|rescheduled|pushed|moved|called|promised|required|allowed|used)\b)"
    r"(?:was|were|met|said|held|took|began|came|went|won|lost|fell|rose|left|made|told|gave|became|died|"
    r"struck|hit|sold|bought|paid|broke|fought|wrote|spoke|grew|shot|fled|[a-z]{3,}ed)"
    r"(?:(?:\s+(?!to\b|that\b|until\b|by\b|and\b|or\b|which\b|who\b)[a-z'$%.\d]+){0,3}\s+(?:in|on|during)"
    r"|(?:\s+(?:in|on|during|since))?)\s+(?:(?:early|late|mid)[\s-]+)?$",
    re.IGNORECASE,
)
#: "The law takes effect in July", "the season starts in August": a schedule in the present.
_SCHEDULE = re.compile(
    r"\b(?:starts|begins|opens|ends|expires|resumes|closes|runs|takes\s+effect|kicks\s+off|goes\s+on\s+sale)"
    r"(?:\s+(?:on|in|by|until|through))?\s+(?:(?:early|late|mid)[\s-]+)?$"
)
#: A reporting verb the date follows directly: the day of saying, whatever the clause before foresees.
_REPORTED = re.compile(
    r"\b(?:said|says|told\s+(?:[A-Za-z]+\s+){0,2}?|announced|reported|added|confirmed|denied|wrote)\s+(?:on\s+)?$"
)
_ANY_MODAL = re.compile(r"\b(?:would|could|should|might|may|must|will|shall|to\s+be)\b|'ll\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[.;!?]\s|\n|,\s(?:but|and|while)\s")
_LOOK_BACK = 80
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)^---[ \t]*$", re.S | re.M)
_DCT_LINE = re.compile(r"^(?P<key>dct|date):[ \t]*[\"']?(?P<value>[^\s\"']+)", re.M)
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


def _told_in_the_past(text: str, start: int) -> bool:
    """True when a verb in the past governs the date at `start` and its clause has no modal."""
    window = max(0, start - 60)
    if not _PAST_VERB.search(text, window, start):
        return False
    clause = window
    for found in _CLAUSE_START.finditer(text, window, start):
        clause = found.end()
    return _ANY_MODAL.search(text, clause, start) is None


def looks_ahead(text: str, start: int) -> bool:
    """True when the clause before `start` speaks of the future ("will meet on Friday")."""
    window_start = max(0, start - _LOOK_BACK)
    if _REPORTED.search(text, max(0, start - 40), start):
        return False  # "... will stay shut until Tuesday, officials said late Thursday": when they said it
    if _MODAL_VERB.search(text, max(0, start - 50), start) or _SCHEDULE.search(
        text, max(0, start - 30), start
    ):
        return True
    clause = window_start
    for found in _CLAUSE_START.finditer(text, window_start, start):
        clause = found.end()
    for cue in _FUTURE_CUE.finditer(text, clause, start):
        if not _PAST_PLAN.search(text, max(clause, cue.start() - 12), cue.start()):
            return True
    return False


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
    if mention.weekday is not None and mention.day is None and mention.month is None:
        if not news:
            return None
        if mention.literal == WEEKEND:
            return _weekend(mention, written, text)
        if abs(mention.lean) == 2 and story is not None and story.month and story.day and story.year > 0:
            return _with_tod(_weekday_from(mention, dt.date(story.year, story.month, story.day)), mention)
        return _with_tod(_weekday(mention, written, text).isoformat(), mention)
    reported = period or shift_quarter(dct.year, dct.month, -1)
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
    if mention.deictic and mention.shift is not None:
        return resolve(replace(mention, literal=None, deictic=False), dct)[0]
    if news and _needs_year(mention):
        return resolve(replace(mention, year=_nearest_year(mention, written, text)), dct)[0]
    return None


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
    sentence = max(text.rfind(". ", 0, mention.start), text.rfind("\n", 0, mention.start))
    if _QUARTER_WORD.search(text, max(sentence, mention.start - 300), mention.start):
        return True
    return quarterly and bool(_FIGURES.search(text, max(sentence, mention.start - 300), mention.start))


def a_month_a_year_back(mention: Mention, text: str) -> bool:
    """ "Exports fell in February from a year earlier": a year back from the month just named, in a
    sentence about months (one that names a quarter or a half compares those; see above)."""
    if mention.shift != ("Y", -1) or not _YEAR_BACK.fullmatch(text, mention.start, mention.end):
        return False
    sentence = max(text.rfind(". ", 0, mention.start), text.rfind("\n", 0, mention.start), 0)
    return _PERIOD_WORD.search(text, max(sentence, mention.start - 300), mention.start) is None


_PERIOD_WORD = re.compile(r"\b(?:quarter|period|half|months|year)", re.IGNORECASE)


def closed_quarter(value: str, dct: Anchor) -> str | None:
    """`value` when it is a quarter that ended before the document date (what a report is about)."""
    if not _QUARTER_VALUE.fullmatch(value) or dct.month is None:
        return None
    return value if value < shift_quarter(dct.year, dct.month, 0) else None


def _quarter_plus(value: str, amount: int) -> str:
    """ "1989-Q3" moved by whole quarters."""
    return shift_quarter(int(value[:4]), int(value[-1]) * 3, amount)


def _weekday(mention: Mention, written: dt.date, text: str) -> dt.date:
    assert mention.weekday is not None
    back = (written.isoweekday() - mention.weekday) % 7
    if mention.lean < 0:
        return written - dt.timedelta(days=back or 7)
    if mention.lean > 0 or looks_ahead(text, mention.start) or _deadline_ahead(text, mention):
        ahead = (mention.weekday - written.isoweekday()) % 7 or 7 * (mention.lean > 0)
        return written + dt.timedelta(days=ahead)  # "will leave on Friday" in Friday's paper: today
    since = _PAST_CUE.search(text, max(0, mention.start - 12), mention.start) is not None
    if back == 6 and not since:  # "Saturday" in Friday's paper is tomorrow; "since Saturday" is not
        return written + dt.timedelta(days=1)
    return written - dt.timedelta(days=back)


def _deadline_ahead(text: str, mention: Mention) -> bool:
    """ "as a Monday deadline loomed", "ahead of Monday's deadline": a deadline still to come."""
    after = _DEADLINE.match(text, mention.end)
    if after is None:
        return False
    return (
        bool(after["near"])
        or _BEFORE_DEADLINE.search(text, max(0, mention.start - 30), mention.start) is not None
    )


_DEADLINE = re.compile(
    r"(?:'s)?\s+deadline\b(?P<near>\s+(?:looms|loomed|approaches|approached|nears|neared)\b)?"
)
_BEFORE_DEADLINE = re.compile(r"\b(?:ahead\s+of|before|faces?|facing)\s+(?:a|an|the)?\s*$", re.IGNORECASE)


def _weekday_from(mention: Mention, day: dt.date) -> str:
    """ "the following Monday", "the previous Friday": the nearest one after (before) the story's day."""
    assert mention.weekday is not None
    if mention.lean > 0:
        return (day + dt.timedelta(days=(mention.weekday - day.isoweekday()) % 7 or 7)).isoformat()
    return (day - dt.timedelta(days=(day.isoweekday() - mention.weekday) % 7 or 7)).isoformat()


def _weekend(mention: Mention, written: dt.date, text: str) -> str:
    """ "this weekend" is the document week's; "the weekend", "last weekend" the latest, unless ahead.

    A report written on a Saturday or Sunday means the weekend it is in; one written on a
    Thursday or Friday means the coming one ("stay indoors through the weekend") unless the
    weekend is told in the past ("Over the weekend, the post was shared").
    """
    saturday = written + dt.timedelta(days=6 - written.isoweekday())  # of the document's week
    in_it = written.isoweekday() >= 6
    if mention.shift is None and mention.lean <= 0 and not looks_ahead(text, mention.start):
        coming = mention.lean == 0 and written.isoweekday() in (4, 5) and not _weekend_past(text, mention)
        if not (in_it or coming) or mention.lean < 0:
            saturday -= dt.timedelta(days=7)
    elif mention.shift is None and (mention.lean > 0 and in_it):
        saturday += dt.timedelta(days=7)
    year, week, _ = saturday.isocalendar()
    return f"{year:04d}-W{week:02d}-WE"


def _weekend_past(text: str, mention: Mention) -> bool:
    """True when a verb in the past governs the weekend: before it in its clause with no
    infinitive or modal between ("warned them to stay in through the weekend" looks ahead),
    or after it ("Over the weekend, the post was shared")."""
    clause = max(0, mention.start - _LOOK_BACK)
    for found in _CLAUSE_START.finditer(text, clause, mention.start):
        clause = found.end()
    before = next(reversed(list(_PAST_AFTER.finditer(text, clause, mention.start))), None)
    if before is not None:
        return _ANY_MODAL.search(text, before.end(), mention.start) is None and not _INFINITIVE.search(
            text, before.end(), mention.start
        )
    end = _CLAUSE_END.search(text, mention.end, mention.end + 80)
    return _PAST_AFTER.search(text, mention.end, end.start() if end else mention.end + 80) is not None


#: "Over the weekend, the post was shared": a verb in the past (not a passive in the present,
#: "are closed", nor a plan, "expected").
_PAST_AFTER = re.compile(
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bbeen\s)\b(?:was|were|had|did|said|met|made|took|came|went|"
    r"saw|left|fell|rose|won|lost|(?!(?:expected|scheduled|planned|forecast|predicted)\b)[a-z]{3,}ed)\b"
)
_INFINITIVE = re.compile(r"\bto\s+[a-z]+")
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|\n")


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
    ahead = looks_ahead(text, mention.start)
    if mention.quarter or mention.half:  # reports name them once closed: this year's unless still ahead
        part, size = (mention.quarter, 3) if mention.quarter else (mention.half or 0, 6)
        current = (written.month - 1) // size + 1
        if mention.lean > 0 or (ahead and part < current - 1):
            return written.year + (part < current)
        return written.year - (part > current)
    behind = _PAST_CUE.search(text, max(0, mention.start - 12), mention.start) is not None  # "since June"
    done = not ahead and _told_in_the_past(text, mention.start)  # "was held in April"
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
        if (mention.lean < 0 and gap >= 0) or (mention.lean > 0 and gap <= 0) or (behind and gap > 0):
            cost += 1000
        elif (
            done and gap > 2
        ):  # a story filed the night before may say "on Saturday, April 25" of the next day
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
