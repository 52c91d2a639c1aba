"""Where a month, a day or a season word names something other than a time (issue 4, issue 16).

"the Arab Spring", "April Jones", "The Mail on Sunday", "the papal summer residence", "on a
normal Friday": the date rules ask here before they make a date of the word. No rules live
here, only the tests they share.
"""

from __future__ import annotations

import re

_CAPITAL_AFTER = re.compile(r"\s+[A-Z][a-z]")
_CAPITAL_BEFORE = re.compile(r"(?:^|(?P<lead>[.!?:\"“]\s*|\n\s*))?\b(?P<w>[A-Z][a-z]+)\s+$")
_NOT_NAME_WORDS = frozenset(
    ("The", "In", "On", "By", "During", "Since", "Until", "This", "That", "Last", "Next", "Early", "Late",
     "Every", "Each", "Of", "From", "And", "Or")
)  # fmt: skip
_MONTH_WORDS = frozenset(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December")
)  # fmt: skip
#: A capitalised word after a month that is no day, month or holiday: a surname, when nothing
#: before the month makes it a date ("In June Britain voted" is one).
_SURNAME_AFTER = re.compile(
    r"\s+(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July|August|"
    r"September|October|November|December|Day|Eve)[A-Z][a-z]+\b"
)
#: What comes before a first name: the sentence's start, a title ("Author June Whitfield"), a comma.
_NAME_LEAD = re.compile(r"(?:^|[.!?\"“(:,]\s*|\n\s*|\b(?P<w>[A-Z][a-z]+)\s+)$")
#: "the papal summer residence", "winter tyres": a season naming a kind of thing.
_SEASON_KIND = re.compile(
    r"\s+(?:residences?|homes?|houses?|palace|villas?|retreats?|cottages?|uniforms?|clothes|clothing|coats?|"
    r"tyres|tires|wheat|barley|crops?|collections?|fashions?|resorts?|capital|pastures?|sports?|storms?|"
    r"weather|squash|vegetables|flowers|jackets?|boots|training|camps?)\b"
)
_PAPER_AFTER = re.compile(r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Tribune|Independent|Observer)\b")
#: "on a normal Friday" (any Friday), "The Mail on Sunday" (a paper), "Mr. Monday" (a name).
_NO_DAY_BEFORE = re.compile(
    r"\b(?:[Aa]n?\s+(?:normal|typical|usual|ordinary|regular|average|busy|quiet|given)|[Aa]ny"
    r"|(?:Mail|Independent|Express|Mirror|Herald|Telegraph)\s+on|(?:Mr|Mrs|Ms|Dr)\.?|Black|Cyber|Super)\s+$"
)  # "a Monday deadline" is a day; "Black Friday", "Super Tuesday" are days of their own


def in_a_name(text: str, start: int, end: int) -> bool:
    """True when the capitalised word at [start, end) stands in a name: another capitalised word
    follows it ("Summer Olympics", "Sunday Times") or precedes it mid-sentence ("the Arab Spring")."""
    if not text[start].isupper():
        return False
    if _CAPITAL_AFTER.match(text, end):
        return True
    before = _CAPITAL_BEFORE.search(text, max(0, start - 40), start)
    if before is None or before["lead"] is not None or before.start() == 0:
        return False
    return before["w"] not in _NOT_NAME_WORDS


def a_first_name(text: str, start: int, end: int) -> bool:
    """A month word before a surname, opening a sentence or after a title: "April Jones, five",
    "Actress June Brown" (not "In June Britain voted", "its February Inflation Report")."""
    lead = _NAME_LEAD.search(text, max(0, start - 14), start)
    if lead is None or not _SURNAME_AFTER.match(text, end):
        return False
    return lead["w"] is None or (lead["w"] not in _NOT_NAME_WORDS and lead["w"] not in _MONTH_WORDS)


def a_kind_of_thing(text: str, end: int) -> bool:
    """A season word before what it qualifies as a kind: "summer residence", "winter tyres"."""
    return _SEASON_KIND.match(text, end) is not None


def no_calendar_day(text: str, start: int, end: int, determined: bool) -> bool:
    """A weekday that is no day of the calendar: a paper ("The Sunday Times", "The Mail on Sunday"),
    a name ("Mr. Monday"), any such day ("on a normal Friday"), a day named for shops or votes
    ("Black Friday", "Super Tuesday", not this week's); `determined` ("last Friday") never is."""
    if _PAPER_AFTER.match(text, end):
        return True
    return not determined and _NO_DAY_BEFORE.search(text, max(0, start - 20), start) is not None
