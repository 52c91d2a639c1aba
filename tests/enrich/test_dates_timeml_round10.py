"""Forms of the tenth round of issue 16: extents, sets, fiscal quarters and false hits in 2013 news.

Found by annotating eight articles of our own (BBC, CNN, Guardian and Bloomberg style, March 2013)
before the tagger ran on them (`benchmarks/news2013/`): a month with "last year" or "next year"
after it ("in February last year"), counts run together ("for 12 consecutive months") or pointed
at ("in those three months"), "every few months", the quarter of a company whose quarter "ended
Feb. 28", and month names inside names ("Augusta National"). An ordinal run ("the third straight
month") stays unmarked, as TimeBank leaves it.

Sentences are our own. News mode: the document date is Friday 22 March 2013.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates

DCT = "2013-03-22"

# (sentence, span, type, value)
FORMS: list[tuple[str, str, str, str]] = [
    # a month of the year before or after the document's: one expression, as "October this year" is
    ("The minister quit in February last year when charged.", "February last year", "DATE", "2012-02"),
    ("The probe logged the jump on 25 August last year.", "25 August last year", "DATE", "2012-08-25"),
    ("Sales peaked on March 3, last year, the group said.", "March 3, last year", "DATE", "2012-03-03"),
    ("Output fell sharply in June of last year.", "June of last year", "DATE", "2012-06"),
    ("The line is due to open in May next year.", "May next year", "DATE", "2014-05"),
    # counts run together or pointed at: the whole phrase is the stretch
    ("Prices have risen for 12 consecutive months.", "12 consecutive months", "DURATION", "P12M"),
    ("She held the top ranking for 281 straight weeks.", "281 straight weeks", "DURATION", "P281W"),
    ("Exports fell for three successive years.", "three successive years", "DURATION", "P3Y"),
    ("Rivals sold 70 million phones in those three months.", "those three months", "DURATION", "P3M"),
    ("These two weeks will decide the season.", "These two weeks", "DURATION", "P2W"),
    # a recurring stretch of open length
    ("The data still surprises us every few months.", "every few months", "SET", "PXM"),
    ("Patrols pass every several hours.", "every several hours", "SET", "PTXH"),
    ("The comet returns every four years.", "every four years", "SET", "P4Y"),
    # a clock time with the day it names, as TimeBank joins "9 a.m. EST Tuesday"
    ("The derby kicks off at 5.30pm on Saturday 30 March.", "5.30pm on Saturday 30 March", "TIME",
     "2013-03-30T17:30"),
    ("Shares in Seoul resume at 9 a.m. Seoul time Monday.", "9 a.m. Seoul time Monday", "TIME",
     "2013-03-25T09:00"),
    ("Trading reopens at 2 p.m. Hong Kong time on Tuesday.", "2 p.m. Hong Kong time on Tuesday", "TIME",
     "2013-03-26T14:00"),
    ("The walkout begins at midnight tonight.", "midnight tonight", "TIME", "2013-03-22T24:00"),
    ("Police were called at around 2am.", "around 2am", "TIME", "2013-03-22T02:00"),
    ("Police were called at about 2am.", "2am", "TIME", "2013-03-22T02:00"),
    # days known by name
    ("Unions plan rallies on May Day.", "May Day", "DATE", "2013-05-01"),
    ("Florists expect their busiest week before Mothering Sunday.", "Mothering Sunday", "DATE", "2013-03-10"),
    ("Card sales peak before Mother's Day.", "Mother's Day", "DATE", "2013-05-12"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "span", "kind", "value"), FORMS)
def test_round10_form(sentence: str, span: str, kind: str, value: str) -> None:
    found = find_dates(sentence, dct=DCT, ranges=False)
    assert (span, kind, value) in [(x.text, x.type, x.value) for x in found], [
        (x.text, x.type, x.value) for x in found
    ]


def test_a_month_of_last_year_leaves_no_second_expression() -> None:
    found = find_dates("He resigned in February last year.", dct=DCT, ranges=False)
    assert [(x.text, x.value) for x in found] == [("February last year", "2012-02")]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was the third straight month of gains.",  # an ordinal: TimeBank leaves "third consecutive month"
        "The team won eight straight games.",  # no unit of time
        "The twins are three successive years old.",  # an age
    ],
)
def test_what_is_no_run_of_time(sentence: str) -> None:
    found = find_dates(sentence, dct=DCT, ranges=False)
    assert not [x for x in found if x.type == "DURATION"], [(x.text, x.value) for x in found]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Masters begins at Augusta National next month.",
        "Marchers filled the square.",
        "The emperor Augustus ruled for decades.",
    ],
)
def test_a_month_inside_a_longer_word_is_no_month(sentence: str) -> None:
    found = find_dates(sentence, dct=DCT, ranges=False)
    assert not [x for x in found if x.text in ("August", "March")], [(x.text, x.value) for x in found]


@pytest.mark.parametrize(
    "sentence",
    [
        "Retailers are planning for Black Friday.",
        "Shoppers spent more on Cyber Monday.",
        "He won on Super Tuesday.",
    ],
)
def test_a_day_named_for_shops_or_votes_is_not_this_weeks(sentence: str) -> None:
    assert find_dates(sentence, dct=DCT, ranges=False) == []


def test_a_narrative_keeps_a_clock_time_apart_from_its_date() -> None:
    """WikiWars (TIMEX2) marks "at 11 a.m. on 11 November 1918" and "5:34 AM Baghdad time on March 20,
    2003" as a time and a date: only a weekday before the date joins it."""
    found = find_dates("The guns fell silent at 11 a.m. on 11 November 1918.")
    assert [x.text for x in found] == ["11 a.m.", "11 November 1918"]
    found = find_dates("The raid began at 5:34 AM Baghdad time on March 20, 2003.")
    assert [x.text for x in found] == ["5:34 AM", "March 20, 2003"]


def test_a_quarter_that_ended_off_the_calendar_is_the_fiscal_years() -> None:
    """A quarter that "ended Feb. 28" belongs to a fiscal year: "third-quarter profit" reported in
    March is that fiscal year's third quarter (2013-Q3, as TimeBank labels "the fiscal first quarter"
    by the report's year), not the calendar's last third quarter; "the fourth quarter" ahead too."""
    report = (
        "The shoemaker's third-quarter profit beat estimates. Net income in the period that ended "
        "Feb. 28 rose 18 percent. Margins will widen in the fourth quarter, the company said."
    )
    found = {x.text: x.value for x in find_dates(report, dct=DCT, ranges=False)}
    assert found["third-quarter"] == "2013-Q3"
    assert found["the fourth quarter"] == "2013-Q4"


def test_a_calendar_report_keeps_the_closed_quarter() -> None:
    """With no off-calendar close, "fourth-quarter profit" in March is last year's fourth quarter."""
    report = "The bank's fourth-quarter profit rose. Net income in the period that ended Dec. 31 doubled."
    found = {x.text: x.value for x in find_dates(report, dct=DCT, ranges=False)}
    assert found["fourth-quarter"] == "2012-Q4"
