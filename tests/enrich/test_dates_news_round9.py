"""Forms of the ninth round of issue 16: which date an anaphoric or quoted expression is in news.

A date the story only measures against ("the lowest since December 2011") does not make "the start of
the year" 2011; "the year before" counts from the year its sentence names; "tonight" quoted in the
morning-after copy of an evening game is that evening.

Sentences are our own, in the style of 2013 wire copy; each row carries its document date.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates

# (document date, sentence, span, type, value)
FORMS: list[tuple[str, str, str, str, str]] = [
    # a benchmark after "since" is not the story's year
    (
        "2013-03-15",
        "Confidence sank to its weakest reading since December 2011. Analysts pointed to the payroll tax "
        "increase at the start of the year.",
        "the start of the year",
        "DATE",
        "2013",
    ),
    (
        "2013-03-20",
        "Home sales reached their highest level since November 2009, and builders expect more by the end of "
        "the year.",
        "the end of the year",
        "DATE",
        "2013",
    ),
    # ... but a year the story is in still anchors it
    (
        "2013-03-20",
        "She joined the bank in June 2008. By the end of the year it had failed.",
        "the end of the year",
        "DATE",
        "2008",
    ),
    # "the year before", "the month before" count from the year the sentence names
    (
        "2013-03-19",
        "The parties have governed together since 2009, a year after an election the year before ended in "
        "violence.",
        "the year before",
        "DATE",
        "2008",
    ),
    (
        "2013-03-19",
        "Exports fell in 2012 after rising 9 percent the year before.",
        "the year before",
        "DATE",
        "2011",
    ),
    # "tonight" in a quotation, in a report filed the morning after the night it was said
    (
        "2013-03-23",
        'Wichita State won on Friday night. "We believed in each other tonight," the coach said.',
        "tonight",
        "TIME",
        "2013-03-22TNI",
    ),
    (
        "2013-03-25",
        'The Blues won 2-1 on Sunday night. "It was a hard game tonight," their manager told reporters.',
        "tonight",
        "TIME",
        "2013-03-24TNI",
    ),
    # "this weekend" in a Monday's report, told in the past: the weekend just gone
    ("2013-03-25", "Heavy snow fell across the Midwest this weekend.", "this weekend", "DATE", "2013-W12-WE"),
    (
        "2013-03-25",
        "Euro zone ministers will meet again this weekend.",
        "this weekend",
        "DATE",
        "2013-W13-WE",
    ),
    # a month opening its sentence, the clause after it in the past: the last one
    ("2013-03-20", "In June, the chairman said purchases could slow.", "June", "DATE", "2012-06"),
    ("2013-03-20", "In April, the carmaker sold its truck unit to a rival.", "April", "DATE", "2012-04"),
    ("2013-03-20", "In early May, the airline announced 2,000 job cuts.", "early May", "DATE", "2012-05"),
    ("2013-03-20", "In June, the central bank will review the program.", "June", "DATE", "2013-06"),
    ("2013-03-20", "In July, Italians vote again.", "July", "DATE", "2013-07"),
    # a plural's schedule in the present: "reopen", "resume" with no auxiliary
    (
        "2013-03-29",
        "Exchanges shut on Friday for the holiday and reopen Monday.",
        "Monday",
        "DATE",
        "2013-04-01",
    ),
    (
        "2013-03-26",
        "Cypriot lenders reopen Thursday under capital controls.",
        "Thursday",
        "DATE",
        "2013-03-28",
    ),
    ("2013-03-26", "The lenders did not reopen Monday.", "Monday", "DATE", "2013-03-25"),
    # the quarter summed up in its own last week, when no report of it can be out yet
    ("2013-03-28", "For the quarter, the Nasdaq gained 8.2 percent.", "the quarter", "DATE", "2013-Q1"),
    ("2013-03-21", "For the quarter, the retailer lost $40 million.", "the quarter", "DATE", "2012-Q4"),
    # a weekday that names its week
    ("2013-03-25", "Creditors agreed to meet again on Tuesday next week.", "Tuesday", "DATE", "2013-04-02"),
    ("2013-03-25", "The strike began on Thursday of last week.", "Thursday", "DATE", "2013-03-21"),
    ("2013-03-19", "The festival begins at sundown Monday.", "Monday", "DATE", "2013-03-25"),
    # "N years later" counts from the last year named, however far back
    (
        "2013-03-21",
        "In 1964, two engineers found the hiss of the early universe. They won a Nobel Prize 14 years later.",
        "14 years later",
        "DATE",
        "1978",
    ),
    (
        "2013-03-21",
        "She was elected in 2004 and re-elected four years later.",
        "four years later",
        "DATE",
        "2008",
    ),
    # "that November": the month in the story's year
    (
        "2013-03-18",
        "Greece took its first rescue in May 2010; Ireland followed that November and Portugal in 2011.",
        "that November",
        "DATE",
        "2010-11",
    ),
    # "a week ago": the day a week back
    ("2013-03-29", "Heavy snow brought down power lines a week ago.", "a week ago", "DATE", "2013-03-22"),
    # a day joined to one that looks ahead by ", and probably"
    (
        "2013-03-18",
        "The banks will stay shut through Tuesday, and probably Wednesday, while lawmakers argue.",
        "Wednesday",
        "DATE",
        "2013-03-20",
    ),
    # a plan already superseded looks no further ahead
    ("2013-03-18", "A vote first planned for Sunday was put off.", "Sunday", "DATE", "2013-03-17"),
    # a forecast's "until"
    (
        "2013-03-29",
        "Temperatures are forecast to stay below freezing in the north until Monday.",
        "Monday",
        "DATE",
        "2013-04-01",
    ),
    # a forecast the speaker already published names its month
    (
        "2013-03-20",
        "The watchdog now expects growth of 0.6% this year, down from 1.2% in its December forecast.",
        "December",
        "DATE",
        "2012-12",
    ),
    ("2013-03-20", "The bank will publish its June forecast in three months.", "June", "DATE", "2013-06"),
    # a scheduled event two days on, named by its day's possessive, in Friday's paper
    (
        "2013-03-29",
        "Organisers of Sunday's university boat race said they were watching the weather.",
        "Sunday",
        "DATE",
        "2013-03-31",
    ),
    ("2013-03-29", "Sunday's storms brought down power lines.", "Sunday", "DATE", "2013-03-24"),
    # obligation looks ahead, and so does a deadline whose sentence goes on in the future
    ("2013-03-23", "Lawmakers must approve the levy by Monday.", "Monday", "DATE", "2013-03-25"),
    ("2013-03-23", "The island has to find the money by Monday.", "Monday", "DATE", "2013-03-25"),
    (
        "2013-03-23",
        "Without a deal by Monday, the central bank will cut off funds.",
        "Monday",
        "DATE",
        "2013-03-25",
    ),
    (
        "2013-03-23",
        "The audit was finished by Monday, and ministers will read it.",
        "Monday",
        "DATE",
        "2013-03-18",
    ),
    ("2013-03-23", "He must have left on Tuesday.", "Tuesday", "DATE", "2013-03-19"),
    # a day by rule in a month the document date names
    (
        "2013-03-20",
        "Rents fall due on the last Friday of the month.",
        "the last Friday of the month",
        "DATE",
        "2013-03-29",
    ),
    (
        "2013-03-20",
        "The board meets on the first Monday of next month.",
        "the first Monday of next month",
        "DATE",
        "2013-04-01",
    ),
    (
        "2013-03-20",
        "In July, two weeks after talks in St. Petersburg and a visit by Mr. Kerry, the Kremlin signed it.",
        "July",
        "DATE",
        "2012-07",
    ),
]


@pytest.mark.parametrize(("dct", "sentence", "span", "kind", "value"), FORMS)
def test_round9_form(dct: str, sentence: str, span: str, kind: str, value: str) -> None:
    found = find_dates(sentence, dct=dct, ranges=False)
    got = [(x.text, x.type, x.value) for x in found]
    assert (span, kind, value) in got, got


def test_tonight_unquoted_is_the_report_s_own() -> None:
    """Outside quotation marks "tonight" is the night of the document date, whatever came before."""
    text = "The Hawks lost on Friday night. They play again tonight in Dallas."
    found = find_dates(text, dct="2013-03-23", ranges=False)
    assert ("tonight", "2013-03-23TNI") in [(x.text, x.value) for x in found]


def test_tonight_quoted_without_a_night_before_is_the_report_s_own() -> None:
    text = 'The mayor spoke on Saturday. "The curfew starts tonight," she said.'
    found = find_dates(text, dct="2013-03-23", ranges=False)
    assert ("tonight", "2013-03-23TNI") in [(x.text, x.value) for x in found]


def test_the_year_before_with_no_year_named_is_left_alone() -> None:
    """ "down from $450 million the year before" names no year to count from (TimeBank leaves it)."""
    text = "Revenue fell to $300 million last year from $450 million the year before."
    found = find_dates(text, dct="2013-03-20")
    assert [x.text for x in found] == ["last year"]


def test_the_day_before_an_event_is_no_expression() -> None:
    found = find_dates("The week before the election, he resigned.", dct="2013-03-20", ranges=False)
    assert found == [], [(x.text, x.value) for x in found]


def test_a_year_earlier_than_planned_is_a_stretch() -> None:
    """ "a year earlier than planned" compares two dates: the expression is the year between them."""
    found = find_dates(
        "The allowance rises in April 2014, a year earlier than planned.", dct="2013-03-20", ranges=False
    )
    assert ("a year", "DURATION", "P1Y") in [(x.text, x.type, x.value) for x in found]


def test_that_opening_a_clause_is_no_part_of_the_month() -> None:
    """ "said on Friday that March was the coldest": "that" opens the clause; March is this one."""
    text = "Forecasters said on Friday that March was on course to be the coldest since 1962."
    found = find_dates(text, dct="2013-03-29", ranges=False)
    assert ("March", "2013-03") in [(x.text, x.value) for x in found]
