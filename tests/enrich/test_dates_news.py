"""Deictic expressions against a document date, and news mode (issue 16, item 1).

Sentences are our own; the document date is a Friday, 22 March 2013, unless a
row says otherwise.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates, find_dates_in_blocks

DCT = "2013-03-22"

# (sentence, span, value)
NEWS: list[tuple[str, str, str]] = [
    ("The minister resigned today.", "today", "2013-03-22"),
    ("The minister resigned on Friday.", "Friday", "2013-03-22"),
    ("The minister resigned on Tuesday.", "Tuesday", "2013-03-19"),
    ("The board will meet on Tuesday.", "Tuesday", "2013-03-26"),
    ("The talks collapsed last year.", "last year", "2012"),
    ("The talks resume next month.", "next month", "2013-04"),
    ("Shares fell this week.", "this week", "2013-W12"),
    ("Shares fell last week.", "last week", "2013-W11"),
    ("The company was founded two years ago.", "two years ago", "2011"),
    ("Sales rose in November.", "November", "2012-11"),
    ("Sales rose in March.", "March", "2013-03"),
    ("The plant opened on Nov. 25.", "Nov. 25", "2012-11-25"),
    ("The vote is set for April 2.", "April 2", "2013-04-02"),
    ("The plant will open in May.", "May", "2013-05"),
]


@pytest.mark.parametrize(("sentence", "span", "value"), NEWS)
def test_news_forms_count_from_the_document_date(sentence: str, span: str, value: str) -> None:
    found = [x for x in find_dates(sentence, dct=DCT) if x.text == span]
    assert [x.value for x in found] == [value], find_dates(sentence, dct=DCT)


def test_deixis_ignores_the_latest_year_in_the_text() -> None:
    text = "The law dates from 2009. Last year the court upheld it."
    values = [x.value for x in find_dates(text, dct=DCT)]
    assert values == ["2009", "2012"]


def test_without_a_document_date_deixis_stays_underspecified() -> None:
    found = {x.text: x.value for x in find_dates("On Friday the minister spoke; today he resigned.")}
    assert found == {"Friday": "XXXX-WXX-5", "today": "PRESENT_REF"}


def test_narrative_mode_keeps_the_story_year_for_a_bare_month() -> None:
    text = "In 1945 the army crossed the river. In November it reached the coast. Today a plaque stands."
    narrative = {x.text: x.value for x in find_dates(text, dct=DCT, mode="narrative")}
    assert narrative["November"] == "1945-11"
    assert narrative["Today"] == "2013-03-22"
    news = {x.text: x.value for x in find_dates(text, dct=DCT)}
    assert news["November"] == "2012-11"


def test_blocks_take_the_document_date_too() -> None:
    results = find_dates_in_blocks(["Shares fell on Monday.", "They recovered yesterday."], dct="2013-03-22")
    assert [x.value for block in results for x in block] == ["2013-03-18", "2013-03-21"]


@pytest.mark.parametrize("bad", ["2013-03", "2013-13-01", "2013-02-30", "soon"])
def test_a_document_date_must_be_a_real_day(bad: str) -> None:
    with pytest.raises(ValueError, match="must be a day"):
        find_dates("Today.", dct=bad)


def test_mode_is_narrative_or_news() -> None:
    with pytest.raises(ValueError, match="narrative or news"):
        find_dates("Today.", dct=DCT, mode="diary")


# Quarters and fiscal years: the report is dated 26 October 1989 (in the fourth quarter).
QUARTERS: list[tuple[str, str, str]] = [
    ("Third-quarter profit rose 5%.", "Third-quarter", "1989-Q3"),
    ("Profit rose in the fourth quarter.", "the fourth quarter", "1989-Q4"),
    ("Sales fell in the third quarter of 1987.", "the third quarter of 1987", "1987-Q3"),
    ("Profit doubled in the quarter.", "the quarter", "1989-Q3"),
    ("Profit was flat in the year-ago quarter.", "the year-ago quarter", "1988-Q3"),
    ("Sales will rise next quarter.", "next quarter", "1990-Q1"),
    ("Earnings for fiscal 1989 were flat.", "fiscal 1989", "1989"),
    ("Rates will fall in the near term.", "the near term", "FUTURE_REF"),
]


@pytest.mark.parametrize(("sentence", "span", "value"), QUARTERS)
def test_quarters_count_back_from_the_report(sentence: str, span: str, value: str) -> None:
    found = [(x.text, x.value) for x in find_dates(sentence, dct="1989-10-26")]
    assert (span, value) in found, found


def test_a_quarter_without_a_document_date_takes_the_story_year() -> None:
    found = [(x.text, x.value) for x in find_dates("In 1987 sales fell. In the third quarter they rose.")]
    assert ("the third quarter", "1987-Q3") in found


@pytest.mark.parametrize(
    "sentence",
    [
        "The former minister spoke.",
        "A 22-year-old student was hurt.",
        "The vaccine is for children 6 months and older.",
        "He was 22 years old.",
        "She visited at the same time.",
    ],
)
def test_news_mode_does_not_tag_status_words_or_ages(sentence: str) -> None:
    assert find_dates(sentence, dct=DCT) == []


def test_a_narrative_keeps_the_timex2_marks_and_drops_timeml_ones() -> None:
    found = {x.text: x.value for x in find_dates("The former king, 40 years old, would soon leave.")}
    assert found == {"former": "PAST_REF", "40 years old": "P40Y"}
    news = {x.text: x.value for x in find_dates("The former king would soon leave.", dct=DCT)}
    assert news == {"soon": "FUTURE_REF"}


# (sentence, span, type, value) on Friday 22 March 2013
TYPED: list[tuple[str, str, str, str]] = [
    ("The strike began on Friday afternoon.", "Friday afternoon", "TIME", "2013-03-22TAF"),
    ("The strike began on Wednesday night.", "Wednesday night", "TIME", "2013-03-20TNI"),
    ("The strike began last Friday.", "last Friday", "DATE", "2013-03-15"),
    ("The talks resume next Monday.", "next Monday", "DATE", "2013-03-25"),
    ("Prices fell last November.", "last November", "DATE", "2012-11"),
    ("Prices will rise next April.", "next April", "DATE", "2013-04"),
    ("Prices fell last March.", "last March", "DATE", "2012-03"),
    ("The paper is printed daily.", "daily", "SET", "P1D"),
    ("The index is revised weekly.", "weekly", "SET", "P1W"),
    ("The firm grew for a decade.", "a decade", "DURATION", "P10Y"),
    ("The strike lasted three weeks.", "three weeks", "DURATION", "P3W"),
    ("Talks will start soon.", "soon", "DATE", "FUTURE_REF"),
    ("He spoke at 3 p.m. today.", "3 p.m. today", "TIME", "2013-03-22T15:00"),
]


@pytest.mark.parametrize(("sentence", "span", "kind", "value"), TYPED)
def test_news_types_and_values(sentence: str, span: str, kind: str, value: str) -> None:
    found = [(x.text, x.type, x.value) for x in find_dates(sentence, dct=DCT)]
    assert (span, kind, value) in found, found


def test_a_narrative_keeps_the_timex2_values_of_sets_and_decades() -> None:
    found = {x.text: (x.type, x.value) for x in find_dates("Raids came daily for a decade.")}
    assert found == {"daily": ("SET", "XXXX-XX-XX"), "a decade": ("DURATION", "P1DE")}


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("Net income rose 5% in the quarter from a year ago.", "a year ago", "1988-Q3"),
        ("Profit was higher than in the year-ago third quarter.", "the year-ago third quarter", "1988-Q3"),
        ("Sales beat the year-earlier period.", "the year-earlier period", "1988-Q3"),
        ("The company was founded a year ago.", "a year ago", "1988"),
    ],
)
def test_earnings_compare_with_the_same_quarter_a_year_before(sentence: str, span: str, value: str) -> None:
    found = [(x.text, x.value) for x in find_dates(sentence, dct="1989-10-26")]
    assert (span, value) in found, found


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("Sales rose earlier this year.", "earlier this year", "2013"),
        ("Sales rose this past week.", "this past week", "2013-W11"),
        ("Sales rose in the current quarter.", "the current quarter", "2013-Q1"),
        ("Sales rose in the current year.", "the current year", "2013"),
        ("On Monday the plant shut; at 10 p.m. it burned.", "10 p.m.", "2013-03-18T22:00"),
    ],
)
def test_more_deixis(sentence: str, span: str, value: str) -> None:
    found = [(x.text, x.value) for x in find_dates(sentence, dct=DCT)]
    assert (span, value) in found, found


@pytest.mark.parametrize(
    ("sentence", "span", "value"),
    [
        ("The market opens every Monday.", "every Monday", "XXXX-WXX-1"),
        ("The ferry sails each morning.", "each morning", "XXXX-XX-XXTMO"),
        ("Rents fall every January.", "every January", "XXXX-01"),
        ("The fair returns each summer.", "each summer", "XXXX-SU"),
        ("The board meets twice a week.", "twice a week", "P1W"),
        ("Dividends are paid every quarter.", "every quarter", "P1Q"),
    ],
)
def test_sets_recur(sentence: str, span: str, value: str) -> None:
    for found in (find_dates(sentence), find_dates(sentence, dct=DCT)):
        assert [(x.text, x.type, x.value) for x in found] == [(span, "SET", value)]


def test_a_clock_time_takes_its_zone_and_weekday_into_one_expression() -> None:
    found = [(x.text, x.type, x.value) for x in find_dates("The deadline is 15:00 GMT Saturday.", dct=DCT)]
    assert found == [("15:00 GMT Saturday", "TIME", "2013-03-23T15:00")]  # Friday's paper: tomorrow
    bare = [(x.text, x.value) for x in find_dates("The deadline is 15:00 GMT Saturday.")]
    assert bare == [("15:00 GMT Saturday", "XXXX-WXX-6T15:00")]


def test_a_bible_verse_is_still_no_time() -> None:
    assert find_dates("He quoted John 3:16 in full.", dct=DCT) == []
