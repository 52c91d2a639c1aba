"""English clock times, parts of the day, days of the week and weekends (issue 4, issue 16).

"at 19:00", "3 p.m.", "15:00 GMT Saturday", "5 p.m. EST Nov. 9", "noon Thursday",
"Friday afternoon", "the weekend": what a day or a week holds, dated by the
narrative or, in news, by the document date (dates_news.py). Split from
dates_en_relative.py, which holds the shifts and durations.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from handscroll.enrich.date_mentions import TOD_CODES, Mention
from handscroll.enrich.date_rules import rule
from handscroll.enrich.dates_en import DAY, MONTH, MONTH_BEFORE_DAY, YEAR, lean_of, month_number, read_year
from handscroll.enrich.dates_en_names import no_calendar_day
from handscroll.enrich.dates_en_stretches import BARE_UNITS
from handscroll.enrich.number_words import parse_number

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKEND = "XXXX-WXX-WE"
_WEEKDAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_CLOCK_CONTEXT = re.compile(
    r"(?:\b(?:[Aa]t|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|to|[Bb]efore|[Aa]fter|[Aa]round|[Aa]bout|and|[Ss]ince)\s+|[-–(]\s*)$"
)
#: "early Tuesday", "late Friday": the part of the day TimeML's mod names ("earlier Sunday" stays out).
_EDGE = {"early": "START", "late": "END"}
_NOON = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
#: "2 p.m. Eastern", "10 a.m. Pacific time": an American zone by name (not "Central Park").
_US_ZONE = (
    rf"\s+(?:Eastern|Pacific|Central|Mountain)(?:\s+(?:Standard|Daylight))?(?:\s+[Tt]ime)?"
    rf"(?=\s+(?:on\b|{_WEEKDAY}\b|[a-z])|[,.;)]|\s*$)"
)
#: "9 a.m. local time Friday", "9 a.m. Tokyo time Friday": a zone by place, before the day it names
#: (WikiWars' TIMEX2 key leaves "Baghdad time on March 20" beside "5:34 AM").
_CITY_TIME = (
    r"\s+(?:local\s+time\b(?=,?\s+(?:on\s+)?[A-Z])"
    rf"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+time\b(?=,?\s+(?:on\s+)?{_WEEKDAY}))"
)
#: A clock time restated in brackets, then its day: "8:45 p.m. (1945 GMT) on Saturday".
_DAY_AFTER_ASIDE = re.compile(rf"\s*\([^()]{{1,30}}\),?\s+(?:on\s+)?(?P<w>{_WEEKDAY})\b")


@rule(
    # "3 p.m.", "10:30 am", and "11.30am" as British and agency copy write it
    r"(?:\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[apAP]\.[mM]\.|[apAP][mM]\b)"
    # "19:00", "10.30 GMT" (a dot only before a zone: "10.30" alone is a number)
    r"|\b(?P<h2>[01]?\d|2[0-3])(?::|\.(?=\d\d\s*(?:GMT|UTC|BST)\b))(?P<mi2>[0-5]\d)(?:\s*hrs)?\b"
    # "0900 GMT", "1300 local time", as the BBC writes them
    r"|\b(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)(?:(?=\s*(?:GMT|UTC|BST)\b)|\s+local\s+time\b))"
    rf"(?:\s*(?P<tz>GMT|UTC|[ECMP][SD]?T|BST|CES?T)\b|{_CITY_TIME}|\s+local\s+time\b(?=\s*\()|{_US_ZONE})?"
    # the day it names: "Saturday", "yesterday", "Nov. 9", "Sunday, March 24" (one of them at least)
    rf"(?:,?\s+(?:on\s+)?(?=(?:{_WEEKDAY}|today|tonight|yesterday|tomorrow|{MONTH_BEFORE_DAY}\s+{DAY})\b)"
    rf"(?:(?P<rel>today|tonight|yesterday|tomorrow)\b|(?:(?P<w>{_WEEKDAY})\b"
    rf"(?:,?\s+(?={MONTH_BEFORE_DAY}\s+{DAY}\b|{DAY}\s+{MONTH}))?)?"  # "Saturday 30 March" too
    rf"(?:(?:(?P<m>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY})\b(?!\d|:\d)|(?P<d0>{DAY})\s+(?P<m0>{MONTH}))"
    rf"(?:,?\s+(?P<y>{YEAR}))?)?))?",
    key="clock",
)
def _clock(found: re.Match[str]) -> Mention | None:
    """ "at 19:00", "3 p.m.", "15:00 GMT Saturday", "5 p.m. EST Nov. 9" (the day it names joins it);
    "around 7:15 p.m." keeps its "around" (TimeML's APPROX), as TimeBank marks it."""
    mention = _clock_time(found)
    roughly = _ROUGHLY.search(found.string, max(0, found.start() - 16), found.start())
    if mention is None or roughly is None:
        return mention
    return replace(mention, start=roughly.start(), mod="APPROX")


#: The bracket after a clock time ("10:35 a.m. (", "noon local time (") that restates it in another zone.
_RESTATED = re.compile(r"(?:[ap]\.?m\.?|GMT|UTC|[ECMP][SD]?T|time|noon|midnight)\s*\(\s*$", re.IGNORECASE)
#: TimeBank keeps "around 7:15 p.m." whole but leaves "about" out of "at about 10:35 a.m.".
_ROUGHLY = re.compile(r"\b[Aa]round\s+$")


def _clock_time(found: re.Match[str]) -> Mention | None:
    """The clock time and the day it names, as written."""
    if _RESTATED.search(found.string, max(0, found.start() - 12), found.start()):
        return None  # "10:30 a.m. (4:30 a.m. ET)": the same time again, which TimeBank leaves
    if found["h3"]:
        context = _CLOCK_CONTEXT.search(found.string, max(0, found.start() - 16), found.start())
        if context is None or "(" in context.group():
            return None  # "the 2013 BST rules"; "10:35 a.m. (0735 GMT)" restates the time beside it
        hour, minute = int(found["h3"]), int(found["mi3"])
    elif found["h2"]:
        text = found.string
        if not (found["tz"] or found["w"] or "hrs" in found.group()) and not _CLOCK_CONTEXT.search(
            text, max(0, found.start() - 16), found.start()
        ):
            return None  # "John 3:16", "a 2:1 ratio": a bare h:mm needs "at", "by", "until"...
        hour, minute = int(found["h2"]), int(found["mi2"])
    else:
        hour, minute = int(found["h"]) % 12, int(found["mi"] or 0)
        hour += 12 if found["ap"].lower().startswith("p") else 0
    tod = f"{hour:02d}:{minute:02d}"
    if found["rel"]:
        return _on_named_day(found, tod)
    month_word, day_number = found["m"] or found["m0"], found["d"] or found["d0"]
    aside = None if found["w"] or month_word else _DAY_AFTER_ASIDE.match(found.string, found.end())
    named = found["w"] if not month_word else None
    if aside is not None:  # "8:45 p.m. (1945 GMT) on Saturday": that day's
        named = aside["w"]
    if named:
        number = WEEKDAYS.index(named) + 1
        literal = f"XXXX-WXX-{number}T{tod}"
        return Mention(
            found.start(), found.end(), literal=literal, weekday=number, tod=tod, deictic=True, kind="TIME"
        )
    if month_word:
        year, era = read_year(found["y"]) if found["y"] else (None, None)
        month, day = month_number(month_word), int(day_number)
        return Mention(found.start(), found.end(), year, era, month, day, tod=tod, kind="TIME")
    return Mention(found.start(), found.end(), tod=tod, shift=("D", 0), kind="TIME")


def _on_named_day(found: re.Match[str], tod: str) -> Mention:
    """ "7 p.m. yesterday", "noon today": the clock time of a day counted from the document date."""
    shift = ("D", _RELATIVE_DAYS[found["rel"]])
    start, end = found.start(), found.end()
    return Mention(start, end, literal=f"XXXX-XX-XXT{tod}", tod=tod, shift=shift, deictic=True, kind="TIME")


@rule(
    rf"\b(?:(?P<w1>{_WEEKDAY})\s+)?(?P<t>noon|midday|midnight)"
    rf"(?:\s+(?:on\s+)?(?P<w2>{_WEEKDAY})|\s+(?P<rel>today|tonight|yesterday|tomorrow)"
    rf"|,?\s+(?:on\s+)?(?P<m>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY})(?!\d|:\d)(?:,?\s+(?P<y>{YEAR}))?)?\b",
    key="names",
)
def _noon(found: re.Match[str]) -> Mention:
    """ "at noon", "midnight Friday", "midnight on Sunday", "noon today", "midnight on March 27":
    a clock time by name."""
    tod = _NOON[found["t"]]
    if found["rel"]:
        return _on_named_day(found, tod)
    if found["m"]:  # "until midnight on March 27"
        year, era = read_year(found["y"]) if found["y"] else (None, None)
        month, day = month_number(found["m"]), int(found["d"])
        return Mention(found.start(), found.end(), year, era, month, day, tod=tod, kind="TIME")
    named = found["w1"] or found["w2"]
    if named:
        number = WEEKDAYS.index(named) + 1
        literal = f"XXXX-WXX-{number}T{tod}"
        return Mention(
            found.start(), found.end(), literal=literal, weekday=number, tod=tod, deictic=True, kind="TIME"
        )
    # "shortly after midnight": the midnight that opened the day in view, T24:00 of the day before
    opened = found["t"] == "midnight" and _AFTER.search(
        found.string, max(0, found.start() - 20), found.start()
    )
    return Mention(found.start(), found.end(), tod=tod, shift=("D", -1 if opened else 0), kind="TIME")


_AFTER = re.compile(r"\b(?:[Aa]fter|[Ss]ince|[Pp]ast)\s+$")


@rule(
    r"\b(?:[Aa]t|[Bb]y|(?:[Dd]uring|[Ii]n|[Ii]nto|[Uu]ntil|[Tt]hrough)\s+(?P<the>the)|[Oo]ne)\s+(?P<pre>(?:early|late|mid)[\s-]?)?"
    r"(?P<t>night|morning|afternoon|evening)\b(?!\s+(?:of|hours)\b)",
    key="unit",
    needs=("night", "morning", "afternoon", "evening"),
)
def _part_of_day(found: re.Match[str]) -> Mention:
    """ "in the morning", "into the night", "by mid afternoon": the day in view; "at night" is a habit."""
    # "in the morning": TimeML's extent keeps the article, as in "the next morning"
    start = found.start("the") if found["the"] else found.start("pre") if found["pre"] else found.start("t")
    if not found["pre"] and found.group().lower().startswith(("at ", "by ")):  # "moved only at night"
        code = TOD_CODES[found["t"]]
        return Mention(start, found.end("t"), literal=f"XXXX-XX-XXT{code}", kind="TIME")
    return Mention(start, found.end("t"), tod=TOD_CODES[found["t"]], shift=("D", 0), kind="TIME")


@rule(
    r"\b(?:(?P<tonight>[Tt]onight)|(?P<daytime>[Dd]aytime)|(?P<night>[Nn]ight)(?=[\s-](?:attacks?|raids?|marche?d?|"
    r"assaults?|operations?|fighting|bombing|crossings?)\b)|(?:[Tt]he\s+)?(?:dry|rainy|wet|monsoon)\s+season)\b",
    key="unit",
    needs=("tonight", "daytime", "night", "season"),
)
def _vague_time(found: re.Match[str]) -> Mention:
    """Times with no date to them ("tonight", "night attacks", "the dry season")."""
    if found["tonight"]:
        return Mention(found.start(), found.end(), literal="XXXX-XX-XXTNI", kind="TIME", tod="NI",
                       shift=("D", 0), deictic=True)  # fmt: skip
    if found["night"]:
        return Mention(found.start(), found.end(), literal="XXXX-XX-XXTNI", kind="TIME")
    if found["daytime"]:
        return Mention(found.start(), found.end(), literal="XXXX-XX-XXTDT", kind="TIME")
    return Mention(found.start(), found.end(), literal="XXXX")


@rule(
    r"\b(?:(?P<pre>[Ee]arly|[Ll]ate)\s+(?=[A-Z]))?"
    r"(?:(?P<det>[Ll]ast|[Nn]ext|[Tt]his(?:\s+past|\s+coming)?|[Tt]he\s+previous|[Tt]he\s+following)\s+)?"
    r"(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?P<t>morning|afternoon|evening|night))?\b",
    key="names",
)
def _weekday(found: re.Match[str]) -> Mention:
    """ "Friday", "last Friday", "Friday afternoon": a day of the week, dated from the document date."""
    number = WEEKDAYS.index(found["w"]) + 1
    tod = TOD_CODES[found["t"]] if found["t"] else None
    literal = f"XXXX-WXX-{number}" + (f"T{tod}" if tod else "")
    # "The Sunday Times": a newspaper, which TimeML leaves; TIMEX2 keys mark the day in names;
    # "on a normal Friday": any Friday, no day of the calendar (news leaves it too)
    paper = no_calendar_day(found.string, found.start(), found.end(), determined=bool(found["det"]))
    return Mention(
        found.start(),
        found.end(),
        literal=literal,
        weekday=number,
        tod=tod,
        deictic=True,
        # "the following Monday" counts from the story's date, not the document's: lean 2 (-2)
        lean=lean_of(found["det"]) * (2 if found["det"] and found["det"][:3].lower() == "the" else 1),
        convention="TIMEX2" if paper else None,
        mod=_EDGE.get((found["pre"] or "").lower()),
    )


@rule(
    r"\b(?P<det>[Tt]he|[Tt]hat|[Tt]his(?:\s+past|\s+coming)?|[Ll]ast|[Nn]ext)\s+week-?end\b(?!\s+of\b)",
    key="unit",
    needs=("weekend", "week-end"),
)
def _weekend(found: re.Match[str]) -> Mention:
    """ "the weekend", "last weekend": TimeML dates it to its week (2013-W12-WE); TIMEX2 keys leave it."""
    det = found["det"].lower()
    lean = lean_of(det) if det not in ("the", "that") else 0
    return Mention(
        found.start(),
        found.end(),
        literal=WEEKEND,
        weekday=6,
        deictic=True,
        lean=lean,
        shift=("W", 0) if det == "this" else None,
        convention="TimeML",
    )


@rule(
    rf"\b[Tt]he\s+week\s+of\s+(?P<m>{MONTH_BEFORE_DAY})\s+(?P<d>{DAY})\b(?!\d|:\d)(?:,?\s+(?P<y>\d{{4}})\b)?",
    key="month",
    needs=("week of",),
)
def _week_of(found: re.Match[str]) -> Mention:
    """ "the week of March 6": the ISO week holding that day (2000-W10), in the story's year unless
    one is given."""
    month, day = month_number(found["m"]), int(found["d"])
    if found["y"]:
        year, week, _ = dt.date(int(found["y"]), month, min(day, 28)).isocalendar()
        return Mention(found.start(), found.end(), literal=f"{year:04d}-W{week:02d}")
    return Mention(found.start(), found.end(), month=month, day=day, shift=("W", 0))


#: The word before "minutes after" that makes it no bare stretch: a count ("two hours later" is
#: another rule's), an article ("the minutes before"), or a noun it qualifies ("rush hours").
_NOT_BARE_BEFORE = frozenset(
    ("the", "a", "few", "several", "many", "some", "more", "those", "these", "his", "her", "its", "their",
     "rush", "office", "working", "opening", "business", "visiting", "peak", "early", "late", "extra",
     "daylight", "man", "waking", "small", "wee", "long", "trading", "school", "of", "after", "before")
)  # fmt: skip
_WORD_BEFORE = re.compile(r"([\w'-]+)\s+$")


@rule(
    # "within minutes of the blast"; not "in hours of darkness", "for minutes of the meeting"
    r"\b(?:(?:[Ww]ithin|(?P<cue>[Ff]or|[Ll]asted|[Ll]asting|[Tt]ook|[Tt]akes?|[Tt]aking|[Ii]n))\s+"
    r"(?:just\s+|only\s+|mere\s+)?(?P<a>minutes|hours)\b(?(cue)(?!\s+of\b))(?![\s-]+(?:long|old)\b)"
    r"|(?P<b>[Mm]inutes|[Hh]ours)\s+(?P<dir>after|before|later|earlier|afterwards|ago)\b"
    r"|[Tt]he\s+(?:first|last|final|closing|opening|dying)\s+(?P<c>minutes|hours)\b)",
    key="unit",
    needs=("hours", "minutes"),
)
def _hours(found: re.Match[str]) -> Mention | None:
    """ "within minutes", "hours after the verdict", "the final minutes": a stretch of no stated
    length (PTXH, PTXM, as TimeBank marks "the first hours"); "minutes ago" PAST_REF."""
    unit = found["a"] or found["b"] or found["c"]
    if found["c"]:  # "the final minutes": the article belongs to the stretch
        start, end = found.start(), found.end()
    elif found["a"]:  # "within minutes": the cue does not
        start, end = found.start("a"), found.end("a")
    else:
        start, end = found.start("b"), found.end("b")
        before = _WORD_BEFORE.search(found.string, max(0, start - 20), start)
        word = before.group(1).lower() if before else ""
        if word in _NOT_BARE_BEFORE or word[-1:].isdigit() or parse_number(word) is not None:
            return None
        if found["dir"] == "ago":
            return Mention(start, found.end(), literal="PAST_REF")
    return Mention(start, end, literal=BARE_UNITS[unit.lower()], kind="DURATION")


@rule(
    r"\b(?:spent|spend|spends|spending|gone|went|go|going|waited|wait|waiting)\s+"
    r"(?P<d>days|weeks|months|years|decades)\b(?![\s-]+(?:old|ago|later|earlier)\b)",
    key="stretch_verb",
)
def _gone_a_stretch(found: re.Match[str]) -> Mention:
    """ "has gone months without a government", "spent years in exile": TimeML's stretch of no stated
    length (TIMEX2 keys, WikiWars, mark such bare units otherwise). Not "weeks after he lost":
    TimeBank dates "days after a sniper killed" (1998-10-XX), a value no rule could give; nor "after
    weeks of", which it leaves."""
    value = BARE_UNITS[found["d"].lower()]
    return Mention(found.start("d"), found.end("d"), literal=value, kind="DURATION", convention="TimeML")


#: "the overnight rate", "an overnight success": a kind of loan or a manner, not the night.
_OVERNIGHT_NOUN = re.compile(
    r"[\s-]+(?:rates?|lending|loans?|repos?|deposits?|index|interbank|borrowing|funding|money|stays?|trips?|bags?|"
    r"shifts?|trains?|flights?|ferr(?:y|ies)|success|sensation|star|celebrity|fame|millionaires?|delivery|"
    r"parking|guests?|visits?|camps?)\b"
)
_NEGATED = re.compile(r"(?:\bnot|n't|\bnever|\bcannot)\b[^.;:!?]*$")


@rule(rf"\b[Oo]vernight\b(?:\s+(?:on\s+)?(?P<w>{_WEEKDAY})\b)?", key="unit", needs=("overnight",))
def _overnight(found: re.Match[str]) -> Mention | None:
    """ "shares rose overnight", "overnight losses": the night before the story's day (TIME, TNI);
    "overnight Thursday" that day's night; not a kind of loan ("the overnight rate") nor a manner
    ("won't happen overnight")."""
    text, start = found.string, found.start()
    if found["w"]:
        number = WEEKDAYS.index(found["w"]) + 1
        literal = f"XXXX-WXX-{number}TNI"
        return Mention(
            start, found.end(), literal=literal, weekday=number, tod="NI", deictic=True, kind="TIME"
        )
    if _OVERNIGHT_NOUN.match(text, found.end()) or _NEGATED.search(text, max(0, start - 60), start):
        return None
    return Mention(start, found.end(), tod="NI", shift=("D", -1), kind="TIME")
