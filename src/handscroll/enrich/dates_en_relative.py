"""English relative dates, durations and references.

"The following year", "three years later", "three months", "now", "daily":
forms that either lean on the narrative's (or the document's) date or are not
calendar dates at all. Split from dates_en.py, which holds the calendar forms
and the fragments both share; clock times and weekdays are in dates_en_times.py.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handscroll.enrich.date_mentions import TOD_CODES, Mention
from handscroll.enrich.date_rules import rule
from handscroll.enrich.dates_en import SEASONS, lean_of
from handscroll.enrich.number_words import NUMBER, parse_number

_UNIT_CODES = {
    "year": "Y", "month": "M", "week": "W", "day": "D", "hour": "TH", "minute": "TM",
    "decade": "DE", "centur": "CE", "millenni": "ML", "fortnight": "FN",
}  # fmt: skip
_SHIFT_WORDS = {
    "same": 0, "that": 0, "this": 0, "following": 1, "next": 1, "subsequent": 1,
    "previous": -1, "preceding": -1, "prior": -1, "last": -1, "past": -1, "coming": 1, "upcoming": 1,
    "current": 0,
}  # fmt: skip
#: Determiners that count from the moment of writing ("the next year" counts from the story).
_FROM_WRITING = frozenset(
    (
        "this",
        "next",
        "last",
        "this past",
        "this coming",
        "the current",
        "the past",
        "the last",
        "the coming",
        "the upcoming",
    )
)

_UNIT = (
    r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centur(?:y|ies)|millenni(?:um|a)|fortnights?)"
)

_NOT_A_STRETCH = ("-ago", "-earlier", "-on-", "-over-")  # "a year-earlier loss", "year-on-year"
_QUANT_MODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "nearly": "LESS_THAN", "almost": "LESS_THAN", "under": "LESS_THAN", "less than": "LESS_THAN",
    "over": "MORE_THAN", "more than": "MORE_THAN", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
}  # fmt: skip
_QUANTIFIER = (
    r"(?:about|around|approximately|roughly|some|nearly|almost|over|under|more\s+than|less\s+than|at\s+least|"
    r"up\s+to)"
)
_YEARS_IN = {"DE": 10, "CE": 100, "ML": 1000}
_NAME_FOLLOWS = re.compile(r"\s+[A-Z]")
_WORD_FOLLOWS = re.compile(r"\s+[\w\"']")
_RATE = re.compile(
    r"(?:(?<![\d,.])(?!1\d{3}\b|20\d\d\b)\d[\d,.]*%?|\b(?:million|billion|percent|two|three|four|five|six|seven|eight|nine|ten|"
    r"twice|once)\b)"
    r"(?:\s+[A-Za-z-]+){0,2},?\s+$"
)
#: The clause before "in years": "the first time", "its highest level", "the worst attack", "not seen".
_SUPERLATIVE = re.compile(
    r"(?:\b(?:first|only|best|worst|most|least|record|not|never|\w+(?:iest|ggest|ttest|ghest|west|rgest|"
    r"ngest|atest|llest|ckest|rpest|epest|nest|ffest|ldest|rtest))|n't)\b[^.;:!?]*$"
)
#: "today's world", "today's youth": the present of a generalisation (PRESENT_REF), not the document's day.
_GENERIC_TODAY = re.compile(
    r"['’]s\s+(?:[a-z]+\s+)?(?:world|youth|society|generations?|children|kids|teenagers|young|standards|terms|"
    r"dollars|technology|culture|families|women|men|students|consumers|computers|economy|realities|reality)\b"
)
_THAN = re.compile(r"\s+than\b")
_AND_UNITS = re.compile(r"\s+(?:and|or)\s+(?:days|weeks|months|years)\b")
_YEAR_NAMED = re.compile(r"\b(?:1[5-9]|20)\d\d\b")


def _opening(text: str, start: int) -> int:
    """Where the sentence around `start` begins (at most 300 characters back)."""
    window = max(start - 300, 0)  # rfind bounded: a text with no full stop is not read back to its start
    return max(text.rfind(". ", window, start), text.rfind("\n", window, start), window)


_AGE = re.compile(r"[\s-]*(?:old\b|of\s+age\b|(?:and|or)\s+(?:older|younger|over|under)\b)")


@rule(
    r"\b(?=[EeLlTtNn])(?:(?P<pre>[Ee]arlier|[Ll]ater)\s+(?=this|last|next))?"
    r"(?P<det>[Tt]he\s+same|[Tt]hat\s+same|[Tt]hat|[Tt]his\s+past|[Tt]his\s+coming|[Tt]his|[Tt]he\s+following|"
    r"[Tt]he\s+next|[Tt]he\s+previous|[Tt]he\s+preceding|[Tt]he\s+subsequent|[Tt]he\s+prior|[Tt]he\s+current|"
    r"[Tt]he\s+past|[Tt]he\s+last(?=\s+(?:week|month|year)\b)|[Tt]he\s+(?:up)?coming|[Nn]ext|[Ll]ast)\s+(?:fiscal\s+(?=year))?"
    # "the last day of the campaign" names a day of an event, not the day before.
    r"(?P<u>year|month|day|week|spring|summer|autumn|fall|winter|morning|afternoon|evening|night)\b(?!\s+of\b)",
    key="unit",
)
def _relative(found: re.Match[str]) -> Mention:
    amount = _SHIFT_WORDS[found["det"].split()[-1].lower()]
    unit = found["u"]
    start, end = found.start(), found.end()
    det = " ".join(found["det"].lower().split())
    # "next year" counts from the moment of writing, "the next year" from the story.
    # "the next fiscal year, which begins June 1": a company's fiscal years count from the report
    deictic = det in _FROM_WRITING or (found.group().endswith("fiscal year") and det == "the next")
    if unit in SEASONS:  # "last summer" in October is that year's: the nearest one on its side (news)
        lean = lean_of(det) if deictic and det != "the current" else 0
        return Mention(start, end, season=SEASONS[unit], shift=("Y", amount), deictic=deictic, lean=lean)
    if unit in TOD_CODES:
        return Mention(start, end, tod=TOD_CODES[unit], shift=("D", amount), deictic=deictic)
    # "the past year": a date in TimeML news, a duration to TIMEX2, which the period rules give.
    convention = "TimeML" if det in ("the past", "the last") else None
    return Mention(start, end, shift=(_UNIT_CODES[unit], amount), deictic=deictic, convention=convention)


@rule(
    r"\b(?:[Ll]ater|[Ee]arlier)\s+(?:that|the\s+same|in\s+the|in\s+that)\s+(?P<u>year|month|week|day)\b",
    key="unit",
    needs=("later", "earlier"),
)
def _later_that(found: re.Match[str]) -> Mention:
    return Mention(found.start(), found.end(), shift=(_UNIT_CODES[found["u"]], 0))


@rule(
    r"\b[Tt]he\s+(?P<u>day|night|morning|evening|week|month|year)\s+(?P<dir>before|after)\b(?!\s+(?:the|a|an|his|her|its)\b)",
    key="unit",
    needs=("before", "after"),
)
def _day_before(found: re.Match[str]) -> Mention | None:
    amount = 1 if found["dir"] == "after" else -1
    unit = _UNIT_CODES.get(found["u"], "D")
    text, start = found.string, found.start()
    if unit != "D" and not _YEAR_NAMED.search(text, _opening(text, start), start):
        return None  # "the year before" counts from a year its sentence names ("in 2009 ... the year before")
    return Mention(found.start(), found.end(), tod=TOD_CODES.get(found["u"]), shift=(unit, amount))


@rule(r"\b[Tt]he\s+day\s+(?P<dir>before\s+yesterday|after\s+tomorrow)\b", key="names")
def _two_days(found: re.Match[str]) -> Mention:
    """ "the day before yesterday": two days from the document date."""
    amount = 2 if found["dir"].startswith("after") else -2
    return Mention(found.start(), found.end(), literal="XXXX-XX-XX", shift=("D", amount), deictic=True)


@rule(
    rf"\b(?:(?P<q>{_QUANTIFIER})\s+)?(?P<n>{NUMBER}|an?|a\s+few|several|some|many)\s+(?P<u>{_UNIT})"
    r"(?:\s+or\s+so)?\s+(?P<dir>later|earlier|afterwards?|ago|before|after)\b",
    lower=True,
    key="unit",
    needs=("later", "earlier", "after", "ago", "before"),
)
def _offset(found: re.Match[str]) -> Mention | None:
    """ "three years later", "nearly four years ago", "a week or so ago": a shift from the anchor (or DCT)."""
    unit = _UNIT_CODES[_unit_stem(found["u"])]
    text = found.string
    backwards = found["dir"] in ("earlier", "ago", "before")
    mod = _QUANT_MODS.get(" ".join(found["q"].split())) if found["q"] else None
    if (found["dir"] in ("before", "after") and _WORD_FOLLOWS.match(text, found.end())) or (
        found["dir"] in ("earlier", "later") and _THAN.match(text, found.end())
    ):  # "a year before the war", "a year earlier than planned": the stretch
        return _duration(found.start(), found.end("u"), found["n"], found["u"], mod)
    amount = 1.0 if found["n"] in ("a", "an") else parse_number(found["n"])
    if amount is not None and unit in _YEARS_IN:  # "a decade ago": ten years back
        unit, amount = "Y", amount * _YEARS_IN[unit]
    if unit in ("TH", "TM") and found["dir"] == "ago":  # "two hours ago": a time of the document's own
        # day (a report dated by day cannot say the hour), as "this morning" is
        return Mention(
            found.start(), found.end(), literal="XXXX-XX-XX", shift=("D", 0), deictic=True, kind="TIME"
        )
    if amount is None or unit not in ("Y", "M", "W", "D") or amount != int(amount):
        if amount is not None:  # "two hours later", "an hour after": the stretch, as TimeBank marks it
            return _duration(found.start(), found.end("u"), found["n"], found["u"], mod)
        ref = "PAST_REF" if backwards else "FUTURE_REF"  # "a few years later"
        return Mention(found.start(), found.end(), literal=ref)
    shift = (unit, -int(amount) if backwards else int(amount))
    return Mention(found.start(), found.end(), shift=shift, deictic=found["dir"] == "ago", mod=mod)


def _unit_stem(word: str) -> str:
    low = word.lower()
    return next(stem for stem in _UNIT_CODES if low.startswith(stem))


def _duration(
    start: int, end: int, number: str | None, unit_word: str, mod: str | None, half: bool = False
) -> Mention | None:
    unit = _UNIT_CODES[_unit_stem(unit_word)]
    amount = parse_number(number) if number else None
    if number and number.lower() in ("a", "an"):
        amount = 1
    if half and amount is not None:  # "2 1/2 years", "a minute and a half"
        return Mention(start, end, literal=_and_a_half(unit, int(amount)), kind="DURATION", mod=mod)
    shown = "X" if amount is None else (str(int(amount)) if amount == int(amount) else str(amount))
    if unit == "ML":
        unit, shown = "Y", (str(int((amount or 0) * 1000)) if amount is not None else "X")
    if unit == "FN":
        unit, shown = "W", (str(int((amount or 0) * 2)) if amount is not None else "X")
    value = f"PT{shown}{unit[1]}" if unit.startswith("T") else f"P{shown}{unit}"
    return Mention(start, end, literal=value, kind="DURATION", mod=mod)


def half_stretch(start: int, end: int, number: str, unit_word: str) -> Mention | None:
    """ "three and a half years" (P3Y6M), for rules that read the words their own way."""
    return _duration(start, end, number, unit_word, None, half=True)


def _and_a_half(unit: str, whole: int) -> str:
    """N and a half units, the half in the next smaller unit as TimeML writes it (P2Y6M, PT5H30M)."""
    if unit in _YEARS_IN:
        return f"P{whole * _YEARS_IN[unit] + _YEARS_IN[unit] // 2}Y"
    halves = {"Y": ("P{}Y", "6M"), "D": ("P{}D", "T12H"), "TH": ("PT{}H", "30M"), "TM": ("PT{}M", "30S")}
    if unit in halves:
        head, tail = halves[unit]
        return (head.format(whole) if whole else head.format("")[:-1]) + tail  # half a year: P6M
    return f"P{whole}.5{unit}"  # months and weeks


@rule(
    rf"\b(?:(?P<q>{_QUANTIFIER})\s+(?!the\s))?(?:the\s+(?:next|following|last|latest|past|previous|first|final|coming|ensuing|"
    rf"subsequent|intervening|preceding)\s+)?(?P<hf>half\s+)?(?P<n>{NUMBER}|an?|a\s+few|few|several|many|a\s+number\s+of|(?:a\s+)?couple\s+of)(?P<half>\s+1/2|\s+and\s+a\s+half)?\s+"
    rf"(?:more\s+|long\s+|full\s+|additional\s+|extra\s+|trading\s+|business\s+|working\s+)?(?P<u>{_UNIT})(?P<half2>\s+and\s+a\s+half)?(?:\s+(?:old|of\s+age))?\b",
    lower=True,
    key="unit",
)
def _duration_phrase(found: re.Match[str]) -> Mention | None:
    """ "three months", "about two years"; ages ("22 years old") only as TIMEX2 marks them."""
    if _AGE.match(found.string, found.end()):
        return None  # "6 months and older"
    if found.string.startswith(_NOT_A_STRETCH, found.end()):
        return None  # "a year-earlier loss", "year-on-year": a date or a comparison, not a stretch
    number = "two" if "couple" in found["n"] else found["n"]
    if number.lower() in ("a", "an") and found["u"].lower().endswith("s"):
        return None
    if number[0].isdigit() and 1000 <= (parse_number(number) or 0) <= 2100 and "," not in number:
        return None
    mod = _QUANT_MODS.get(" ".join(found["q"].lower().split())) if found["q"] else None
    half = bool(found["half"] or found["half2"] or found["hf"])
    if found["hf"]:
        number = "zero" if number in ("a", "an") else number  # "half a year": nothing whole, and a half
    made = _duration(found.start(), found.end(), number, found["u"], mod, half)
    if made is not None and found.group().endswith(("old", "age")):
        return replace(made, convention="TIMEX2")
    rate = number in ("a", "an") and _RATE.search(found.string, max(0, found.start() - 40), found.start())
    if made is not None and rate:  # "$2 million a year", "four flights a week": TimeML leaves rates
        return replace(made, convention="TIMEX2")
    return made


@rule(
    rf"\b(?P<n>{NUMBER}|an?|several|many)(?P<half>-and-a-half)?[\s-](?P<u>year|month|week|day|hour|minute|decade|century)"
    r"(?:-long|-old)?\b"
    r"(?=[\s-]+[a-z])",
    lower=True,
    key="unit",
)
def _duration_adjective(found: re.Match[str]) -> Mention | None:
    text, end = found.string, found.end()
    if text.startswith(_NOT_A_STRETCH, end):
        return None
    if text.startswith("s-old", end):
        return None  # "four years-old"
    if found.group().endswith("-old") or text.startswith("-old", end):
        # "a 22-year-old", "this 6-year-old,": an age; TIMEX2 marks it, TimeML does not.
        end = end if found.group().endswith("-old") else end + len("-old")
        made = _duration(found.start(), end, found["n"], found["u"], None)
        return replace(made, convention="TIMEX2") if made is not None else None
    if found["n"].lower() in ("a", "an") and found.group()[len(found["n"])] == " ":
        return _duration(found.start("u"), found.end(), "1", found["u"], None)  # "a month-long siege"
    if parse_number(found["n"]) is None and (last := re.search(r"[\w-]+$", found["n"])):
        # "two five-year terms": two counts side by side; the stretch is the last one's
        return _duration(found.start("n") + last.start(), found.end(), last.group(), found["u"], None)
    # "a four-and-a-half-year high": P4Y6M
    return _duration(found.start(), found.end(), found["n"], found["u"], None, half=bool(found["half"]))


@rule(
    r"\b(?P<u>(?:year|month|week|day|hour|decade|centur(?:y|ie))(?P<s>s?))-long\b",
    lower=True,
    key="unit",
    needs=("-long",),
)
def _lasting(found: re.Match[str]) -> Mention | None:
    """ "a year-long conflict" P1Y, "the day-long meeting" P1D, "decades-long" PXY (TimeBank marks these)."""
    return _duration(found.start(), found.end(), None if found["s"] else "1", found["u"], None)


@rule(
    rf"\b[Tt]he\s+(?P<n>{NUMBER})\s+(?P<u>years|months|weeks|days|hours|minutes|decades|centuries)\b(?![\s-]+old\b)",
    key="unit",
    needs=("years", "months", "weeks", "days", "hours", "minutes", "decades", "centuries"),
)
def _the_stretch(found: re.Match[str]) -> Mention | None:
    """ "for the nine months", "the four days he considered": TimeML's extent keeps the article.

    Case-sensitive on purpose: "the Hundred Days", "the Seven Years War" are names, whose
    article is not the stretch's; nor is "the two day rally"'s (a singular unit, left out here).
    """
    if 1000 <= (parse_number(found["n"]) or 0) <= 2100 and found["n"][0].isdigit():
        return None
    return _duration(found.start(), found.end(), found["n"], found["u"], None)


@rule(
    r"\b(?:[Tt]he\s+(?:next|following|last|past|previous|coming|ensuing|subsequent|intervening|preceding|final)"
    r"|[Cc]oming)\s+(?P<u>years|months|weeks|days|hours|minutes|decades|centuries|decade|century)\b"
    r"|\b[Tt]he\s+(?P<ua>years|months|weeks|days|hours)\s+ahead\b",
    key="unit",
    needs=("years", "months", "weeks", "days", "hours", "minutes", "decade", "centur"),
)
def _vague_period(found: re.Match[str]) -> Mention | None:
    """ "the past few weeks", "in coming months", "the weeks ahead": a stretch of no stated length."""
    unit = found["u"] or found["ua"]
    number = None if unit.endswith("s") else "1"
    return _duration(found.start(), found.end(), number, unit, None)


@rule(
    r"\b(?:[Ff]or|[Ww]ithin|[Oo]ver|lasted|lasting|take|takes|taking|took)\s+"
    r"(?P<u>years|months|weeks|days|decades|centuries|hours)\b"
    r"|\bin\s+(?P<u2>years|months|weeks|decades)\b(?!\s+(?:to\s+come|past|ahead|of)\b)",
    key="unit",
    needs=("years", "months", "weeks", "days", "decades", "centuries", "hours"),
)
def _bare_period(found: re.Match[str]) -> Mention | None:
    """ "for weeks", "for centuries"; "the first time in years", "the worst attack in decades"."""
    if found["u"]:
        return _duration(found.start("u"), found.end("u"), None, found["u"], None)
    # "in years" is a stretch only where a superlative counts over it; "in years of war" is not
    if not _SUPERLATIVE.search(found.string, max(0, found.start() - 60), found.start()):
        return None
    return _duration(found.start("u2"), found.end("u2"), None, found["u2"], None)


@rule(
    r"\b(?:[Oo]ver|[Ii]n|[Tt]hrough(?:out)?|[Dd]uring)\s+(?P<x>the\s+(?P<u>years|decades|months))\b(?!\s+(?:\d|of\b))",
    key="unit",
    needs=("years", "decades", "months"),
)
def _the_years(found: re.Match[str]) -> Mention | None:
    """ "over the years", "in the months that followed": a stretch of no stated length (PXY)."""
    return _duration(found.start("x"), found.end("x"), None, found["u"], None)


@rule(r"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Tt]he|[Ww]hose)\s+(?P<t>tenure)\b", key="deictic")
def _tenure(found: re.Match[str]) -> Mention:
    """ "during his tenure": a stretch of years of no stated length (TimeML PXY; TIMEX2 leaves it)."""
    return Mention(found.start("t"), found.end("t"), literal="PXY", kind="DURATION", convention="TimeML")


@rule(
    # the word boundary and the first letters up front let the engine skip most positions (5x faster)
    r"\b(?=[NnTtCcPpMmAaRrFf])"
    r"(?:[Nn]ow|[Tt]oday|[Nn]owadays|[Cc]urrently|[Cc]urrent|[Pp]resent[- ]day|[Mm]odern[- ]day|"
    r"[Aa]t\s+present|[Tt]hese\s+days|[Rr]ecent\s+(?:years|months|weeks|days|decades)|[Rr]ecently|[Rr]ecent|[Ff]ormerly|[Ff]ormer|(?<=\b[Ii]n\s)the\s+past|(?<=\b[Ii]n\s)past\s+(?:years|decades)|(?<=\sof\s)the\s+past|"
    r"(?:[Tt]he\s+same|[Tt]hat|[Tt]his)\s+(?:time|period)|(?<=[Aa]t\s)the\s+time)\b(?!-)",
    key="deictic",
)
def _deictic(found: re.Match[str]) -> Mention | None:
    """ "now", "former": PRESENT_REF, PAST_REF; "at that time": the narrative's date (TIMEX2)."""
    if found.start() and found.string[found.start() - 1].isalnum():
        return None
    word = found.group().lower()
    if word.endswith(("time", "period")) and not word.startswith("this"):
        at = found.start()
        return Mention(at, found.end(), shift=("A", 0), fallback="PRESENT_REF", convention="TIMEX2")
    # "in recent months": a stretch of no stated length, as TimeBank marks it ("in recent weeks and
    # months" stays PAST_REF there)
    if word in ("recent months", "recent weeks") and not _AND_UNITS.match(found.string, found.end()):
        return Mention(found.start(), found.end(), literal=f"PX{word[7].upper()}", kind="DURATION")
    ref = "PAST_REF" if word.startswith(("recent", "former", "the past", "past")) else "PRESENT_REF"
    # TimeML leaves these alone; "recently" is marked in TimeBank but not in the TempEval-3 test set
    if word.startswith(("former", "this")) or word in ("recent", "current", "recently"):
        return Mention(found.start(), found.end(), literal=ref, convention="TIMEX2")
    # "today" with a document date is that day; "today's world" is the present of a generalisation,
    # which TimeBank leaves (TIMEX2 marks it)
    if word == "today":
        if _GENERIC_TODAY.match(found.string, found.end()):
            return Mention(found.start(), found.end(), literal=ref, convention="TIMEX2")
        return Mention(found.start(), found.end(), literal=ref, shift=("D", 0), deictic=True)
    return Mention(found.start(), found.end(), literal=ref)


@rule(
    r"\b(?=[DdWwMmAaYyPpEe])(?:[Dd]aily|[Ww]eekly|[Mm]onthly|[Aa]nnually|[Yy]early|(?:[Pp]er|[Ee]very|[Ee]ach)\s+"
    r"(?:day|week|month|year))\b",
    key="deictic",
)
def _set(found: re.Match[str]) -> Mention | None:
    """Regular recurrences ("daily", "per month"): TIMEX SETs."""
    if found.start() and found.string[found.start() - 1].isalnum():
        return None
    words = found.group().lower().split()
    if found.group() in ("daily", "Daily") and _NAME_FOLLOWS.match(found.string, found.end()):
        return None  # "the party daily Granma", "the Daily Mail": a newspaper
    if len(words) == 2:  # "per day", "every month": a period, as TIMEX2 writes these sets
        quant = words[0].upper() if words[0] != "per" else None
        return Mention(
            found.start(), found.end(), literal=f"P1{_UNIT_CODES[words[1]]}", kind="SET", quant=quant
        )
    value = {"daily": "XXXX-XX-XX", "weekly": "XXXX-WXX", "monthly": "XXXX-XX"}.get(words[0], "XXXX")
    rate = _RATE.search(found.string, max(0, found.start() - 40), found.start())
    # "rise 8.5% annually", "the average daily volume": a rate, which TimeML leaves
    convention = "TIMEX2" if rate or found.string.endswith("average ", 0, found.start()) else None
    # once a period, as TimeBank writes "daily" and "annually"
    return Mention(found.start(), found.end(), literal=value, kind="SET", convention=convention, freq="1X")


@rule(
    r"\b(?:[Tt]he\s+)?(?P<p>end|beginning|start|middle|close|latter\s+part|early\s+part|first\s+part)"
    r"\s+of\s+the\s+(?P<u>year|month|week|decade|century)\b",
    key="unit",
    needs=("year", "month", "week", "decade", "century"),
)
def _part_of_this(found: re.Match[str]) -> Mention:
    """ "the end of the year", "the end of the week": a part of the anchor's year, month or week."""
    word = " ".join(found["p"].split())
    mod = "START" if word in ("beginning", "start", "early part", "first part") else "END"
    mod = "MID" if word == "middle" else mod
    return Mention(found.start(), found.end(), shift=(_UNIT_CODES[_unit_stem(found["u"])], 0), mod=mod)


@rule(r"\b[Tt]his\s+(?P<u>decade|century)\b", key="unit", needs=("decade", "century"))
def _this_long_span(found: re.Match[str]) -> Mention:
    """ "this decade" (201), "this century" (20): the one the document (or the story) is in."""
    return Mention(found.start(), found.end(), shift=(_UNIT_CODES[_unit_stem(found["u"])], 0), deictic=True)


@rule(r"\b[Yy]ear(?:[\s-]|'s\s+)end\b", key="unit", needs=("end",))
def _year_end(found: re.Match[str]) -> Mention:
    """ "by year end", "year's end": the end of the anchor's (or the document's) year."""
    return Mention(found.start(), found.end(), shift=("Y", 0), mod="END", deictic=True)


@rule(
    r"\b(?P<u>[Yy]ears|[Mm]onths|[Ww]eeks|[Dd]ays|[Dd]ecades|[Cc]enturies)\s+(?P<dir>later|earlier|afterwards|ago)\b",
    key="unit",
    needs=("later", "earlier", "afterwards", "ago"),
)
def _vague_offset(found: re.Match[str]) -> Mention:
    """ "years later" FUTURE_REF; "months ago", "weeks earlier" PAST_REF."""
    ref = "PAST_REF" if found["dir"] in ("earlier", "ago") else "FUTURE_REF"
    return Mention(found.start(), found.end(), literal=ref)
