"""The forms issue 16 lists, and the news forms added for it, each pinned with its type and value.

Sentences are our own. The document date is Friday 22 March 2013 unless a
row gives another; a report of 26 October 1989 stands for an earnings report
written in the fourth quarter.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.date_rules import could_hold_a_date
from handscroll.enrich.dates import find_dates

DCT = "2013-03-22"

# (sentence, span, type, value) in news mode
NEWS: list[tuple[str, str, str, str]] = [
    # durations without a number, and sets
    ("Protests went on for weeks.", "weeks", "DURATION", "PXW"),
    ("The bank grew during his tenure.", "tenure", "DURATION", "PXY"),
    ("The talks followed a four-week pause.", "four-week", "DURATION", "P4W"),
    ("He left after a several-year stint.", "several-year", "DURATION", "PXY"),
    ("The firm grew for a decade.", "a decade", "DURATION", "P10Y"),
    ("The crops fail each season.", "each season", "SET", "P1Y"),
    ("She runs every morning.", "every morning", "SET", "XXXX-XX-XXTMO"),
    ("Elections are held every four years.", "every four years", "SET", "P4Y"),
    ("The pills are taken every other day.", "every other day", "SET", "P2D"),
    ("Nothing will change for a couple of years.", "a couple of years", "DURATION", "P2Y"),
    ("The index lagged for eight trading days.", "eight trading days", "DURATION", "P8D"),
    ("Traders are nervous these days.", "these days", "DATE", "PRESENT_REF"),
    # halves and approximate offsets
    ("Refugees lived in camps for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
    ("A minute and a half later the pilot landed.", "A minute and a half", "DURATION", "PT1M30S"),
    ("The genocide began nearly four years ago.", "nearly four years ago", "DATE", "2009"),
    ("The wall fell a decade ago.", "a decade ago", "DATE", "2003"),
    ("The bill passed a week or so ago.", "a week or so ago", "DATE", "2013-W11"),
    # times of day
    ("The vote came on Friday afternoon.", "Friday afternoon", "TIME", "2013-03-22TAF"),
    ("The deadline is 15:00 GMT Saturday.", "15:00 GMT Saturday", "TIME", "2013-03-23T15:00"),
    ("Talks broke off at noon Thursday.", "noon Thursday", "TIME", "2013-03-21T12:00"),
    ("The offer expired at midnight Wednesday.", "midnight Wednesday", "TIME", "2013-03-20T24:00"),
    ("The offer runs until 5 p.m. EST March 29.", "5 p.m. EST March 29", "TIME", "2013-03-29T17:00"),
    ("Markets opened at 10:30 a.m. ET on Tuesday.", "10:30 a.m. ET on Tuesday", "TIME", "2013-03-19T10:30"),
    (
        "The New York Times said in an editorial on Thursday, March 21:",
        "Thursday, March 21",
        "DATE",
        "2013-03-21",
    ),
    # weeks, weekends, holidays, spoken years
    ("Over the weekend, officials met.", "the weekend", "DATE", "2013-W11-WE"),
    ("The boy was found on Thanksgiving Day.", "Thanksgiving Day", "DATE", "2012-11-22"),
    ("Pilgrims arrived last Easter.", "last Easter", "DATE", "2012-04-08"),
    ("In nineteen ninety-six a bomb went off.", "nineteen ninety-six", "DATE", "1996"),
    ("January nineteen ninety-seven. Atlanta again.", "January nineteen ninety-seven", "DATE", "1997-01"),
    # seasons and years from the document date
    ("Prices rose last summer.", "last summer", "DATE", "2012-SU"),
    ("Sales fell this past winter.", "this past winter", "DATE", "2012-WI"),
    ("Growth slowed over the past year.", "the past year", "DATE", "2012"),
    ("Sales in the current fiscal year will rise.", "the current fiscal year", "DATE", "2013"),
    ("The plant should close by year end.", "year end", "DATE", "2013"),
    # second round: parts of yesterday, two days off, stretches ahead, weekly sets, halves
    ("Yesterday morning the army moved in.", "Yesterday morning", "TIME", "2013-03-21TMO"),
    ("The envoy leaves tomorrow night.", "tomorrow night", "TIME", "2013-03-23TNI"),
    ("He came the day before yesterday.", "the day before yesterday", "DATE", "2013-03-20"),
    ("Officials expect more violence in coming days.", "coming days", "DURATION", "PXD"),
    ("Rates may fall in the weeks ahead.", "the weeks ahead", "DURATION", "PXW"),
    ("The shop is closed on Sundays.", "Sundays", "SET", "XXXX-WXX-7"),
    ("The show airs Tuesday nights.", "Tuesday nights", "SET", "XXXX-WXX-2TNI"),
    ("The truce began at midnight on Sunday.", "midnight on Sunday", "TIME", "2013-03-17T24:00"),
    ("Prices fell later in the week.", "later in the week", "DATE", "2013-W12"),
    ("Growth slowed in the first half of the year.", "the first half of the year", "DATE", "2013-H1"),
    ("Sales fell in the second half of last year.", "the second half of last year", "DATE", "2012-H2"),
    ("Sales in Q1 2013 rose.", "Q1 2013", "DATE", "2013-Q1"),
    ("Q4 profit fell.", "Q4", "DATE", "2012-Q4"),
    ("Growth in H1 2012 was weak.", "H1 2012", "DATE", "2012-H1"),
    ("The FY2014 budget passed.", "FY2014", "DATE", "2014"),
]


@pytest.mark.parametrize(("sentence", "span", "kind", "value"), NEWS, ids=[row[1] for row in NEWS])
def test_news_form(sentence: str, span: str, kind: str, value: str) -> None:
    found = [(x.text, x.type, x.value) for x in find_dates(sentence, dct=DCT)]
    assert (span, kind, value) in found, found


# (sentence, span, value) in an earnings report of Thursday 26 October 1989
REPORT: list[tuple[str, str, str]] = [
    ("The company cut its dividend due to its third-quarter loss.", "third-quarter", "1989-Q3"),
    ("The thrift plans to restructure after a third-quarter loss.", "third-quarter", "1989-Q3"),
    ("Deliveries could start as early as next year's first quarter.", "next year's first quarter", "1990-Q1"),
    ("Net rose to $5 million in the 1988 period.", "the 1988 period", "1988-Q3"),
    ("Sales for the full year rose 13%.", "the full year", "1989"),
    ("Revenue for the year ended March 31 fell.", "the year", "P1Y"),
    ("The chain posted first-half profit of $3 million.", "first-half", "1989-H1"),
]


@pytest.mark.parametrize(("sentence", "span", "value"), REPORT, ids=[row[1] for row in REPORT])
def test_earnings_report_form(sentence: str, span: str, value: str) -> None:
    found = [(x.text, x.value) for x in find_dates(sentence, dct="1989-10-26")]
    assert (span, value) in found, found


def test_a_report_counts_the_year_ago_comparison_from_the_quarter_it_names() -> None:
    text = (
        "The bank earned $20 million in the fiscal first quarter. Sales rose to $500 million "
        "from $400 million a year earlier. Margins improved in the quarter."
    )
    found = [(x.text, x.value) for x in find_dates(text, dct="1989-10-26")]
    assert found == [
        ("the fiscal first quarter", "1989-Q1"),
        ("a year earlier", "1988-Q1"),
        ("the quarter", "1989-Q1"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The current minister spoke.",
        "The former minister spoke.",
        "The vaccine is for children 6 months and older.",
        "Doctors worry about this 6-year-old, his aunt said.",
        "He told CBS's 60 Minutes the story.",
        "The plant saves $2 million a year.",
        "Qantas runs four flights a week.",
        "Revenue will grow 20% annually.",
        "Nasdaq's average daily volume fell.",
        "The party daily Granma printed the letter.",
        "The bid had previously been rejected.",
        "The stock should recover as soon as trading opens.",
        "Analysts worry about future earnings.",
        "The plan cuts near-term costs.",
        "This time the bomb was bigger.",
        "The quarter-to-quarter comparison was weak.",
        "The Easter Rising failed.",
        "He bought an Audi Q3.",
        "The H1N1 virus spread.",
    ],
)
def test_news_leaves_what_timeml_does_not_mark(sentence: str) -> None:
    assert find_dates(sentence, dct=DCT) == [], find_dates(sentence, dct=DCT)


def test_recently_is_a_past_reference_in_a_narrative_only() -> None:
    """The TempEval-3 test set leaves "recently" unmarked; the WikiWars (TIMEX2) key marks it."""
    assert find_dates("The minister recently resigned.", dct=DCT) == []
    found = find_dates("He recently resigned.")
    assert [(x.text, x.type, x.value) for x in found] == [("recently", "DATE", "PAST_REF")]


def test_a_narrative_keeps_the_timex2_marks_news_leaves() -> None:
    text = "The current king, a 22-year-old, watched the Christmas Offensive and 60 Minutes."
    found = [(x.text, x.value) for x in find_dates(text, anchor="1935")]
    assert found == [
        ("current", "PRESENT_REF"),
        ("22-year-old", "P22Y"),
        ("Christmas", "1935-12-25"),
        ("60 Minutes", "PT60M"),
    ]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The court will rule on Tuesday.", "2013-03-26"),
        ("The ruling was postponed until Tuesday morning.", "2013-03-26TMO"),
        ("Buyers will pounce as soon as trading opens Monday.", "2013-03-25"),
        ("The offer had been due to expire Wednesday.", "2013-03-20"),
    ],
)
def test_weekdays_look_ahead_only_when_the_clause_does(sentence: str, value: str) -> None:
    found = find_dates(sentence, dct=DCT)
    assert [x.value for x in found] == [value], found


def test_the_prefilter_keeps_every_text_that_holds_a_date() -> None:
    from enrich import test_dates_forms, test_dates_news, test_dates_zh_forms

    sentences = [row[0] for row in (*NEWS, *REPORT, *test_dates_news.NEWS, *test_dates_news.TYPED)]
    sentences += [row[0] for row in (*test_dates_forms.FORMS, *test_dates_zh_forms.FORMS)]
    for sentence in sentences:
        if find_dates(sentence) or find_dates(sentence, dct=DCT):
            assert could_hold_a_date(sentence), sentence
    assert not could_hold_a_date("A quiet sentence about rivers and hills.")


def test_later_and_earlier_count_from_the_date_the_story_named_not_the_document_date() -> None:
    found = find_dates("The strike ended on Oct. 5. Two days later talks began.", dct=DCT)
    assert [(x.text, x.value) for x in found] == [("Oct. 5", "2012-10-05"), ("Two days later", "2012-10-07")]
