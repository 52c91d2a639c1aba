"""Forms of the seventh round of issue 16: values where the span was already right.

Which side of the document date a weekday or month falls on when reported speech looks ahead
("said the ship would arrive Tuesday") or a verb in the past governs it ("was held in April");
quarters written as their months ("the October-December quarter"); the two ends of a month range
in one year; a named time on a date; "the year ended".

Sentences are our own. News mode: the document date is Friday 22 March 2013.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates

DCT = "2013-03-22"

# (sentence, span, type, value)
FORMS: list[tuple[str, str, str, str]] = [
    # the future of reported speech: a modal, its verb, the date a few words on
    ("A spokesman said the ship would arrive Tuesday morning.", "Tuesday morning", "TIME", "2013-03-26TMO"),
    ("He said the talks might resume on Monday.", "Monday", "DATE", "2013-03-25"),
    ("Aides said the vote may not take place until Wednesday.", "Wednesday", "DATE", "2013-03-27"),
    ("The group could be in Miami as early as Tuesday.", "Tuesday", "DATE", "2013-03-26"),
    # the document's own weekday looked ahead to is that day ("next Friday" is the week after)
    ("Obama will leave for Jordan on Friday.", "Friday", "DATE", "2013-03-22"),
    ("The vote will be held next Friday.", "next Friday", "DATE", "2013-03-29"),
    # a forecast in the present looks ahead too
    ("Results are expected early Monday.", "early Monday", "DATE", "2013-03-25"),
    ("The storm is forecast to make landfall late Sunday.", "late Sunday", "DATE", "2013-03-24"),
    # a reporting verb the day follows directly: the day of saying, whatever the clause foresees
    (
        "Banks will stay shut until Tuesday, officials said late Thursday.",
        "late Thursday",
        "DATE",
        "2013-03-21",
    ),
    ("Cyprus applied for a bailout in June.", "June", "DATE", "2012-06"),
    # a deadline still to come
    ("Lawmakers voted as a Monday deadline loomed.", "Monday", "DATE", "2013-03-25"),
    ("Talks resumed ahead of Monday's deadline.", "Monday", "DATE", "2013-03-25"),
    ("Shares were tendered by the Tuesday deadline.", "Tuesday", "DATE", "2013-03-19"),
    # a schedule in the present tense, the date right after its verb
    ("The law takes effect in July.", "July", "DATE", "2013-07"),
    ("The offer expires on Monday.", "Monday", "DATE", "2013-03-25"),
    # ... but not a past ability, a counterfactual, or a plain past
    ("Relatives could not be reached Wednesday.", "Wednesday", "DATE", "2013-03-20"),
    ("Officials said they would have acted on Monday if asked.", "Monday", "DATE", "2013-03-18"),
    ("Police said the suspect was arrested on Sunday.", "Sunday", "DATE", "2013-03-17"),
    # a verb in the past governing a month or day puts it behind the document date, however near
    # the month ahead is; a plan, a modal or "to be" does not
    ("The election was held in April.", "April", "DATE", "2012-04"),
    ("Parliament approved the budget in May, the minister said.", "May", "DATE", "2012-05"),
    ("The new rules kicked in on April 1.", "April 1", "DATE", "2012-04-01"),
    ("The election is to be held in April.", "April", "DATE", "2013-04"),
    ("Elections are scheduled for April.", "April", "DATE", "2013-04"),
    ("The company said it would pay the dividend on a date in June.", "June", "DATE", "2013-06"),
    ("The dividend is payable June 15.", "June 15", "DATE", "2013-06-15"),
    # a story filed the night before: the next day, though told in the past
    ("The Times said in an editorial on Saturday, March 23:", "Saturday, March 23", "DATE", "2013-03-23"),
    # "the year ended" with no date after it: a year already over; with one, a reporting year
    ("The year ended with a rally on Wall Street.", "The year", "DATE", "2012"),
    ("Profit for the year ended Sept 30 rose.", "the year", "DURATION", "P1Y"),
    # three months that make a quarter are the quarter, the latest closed one unless a year is given
    (
        "Japan's economy shrank in the October-December quarter.",
        "the October-December quarter",
        "DATE",
        "2012-Q4",
    ),
    ("Output grew in the July-September period.", "the July-September period", "DATE", "2012-Q3"),
    ("Retail sales rose in January-March.", "January-March", "DATE", "2013-Q1"),
    ("Growth slowed in the April-June quarter of 2012.", "the April-June quarter of 2012", "DATE", "2012-Q2"),
    # "a year earlier" after a quarter named in the same sentence is that quarter a year back
    ("Sales rose in the first quarter from a year earlier.", "a year earlier", "DATE", "2012-Q1"),
    (
        "Revenue fell in the fourth quarter. Costs rose 4 percent from a year earlier.",
        "a year earlier",
        "DATE",
        "2011-Q4",
    ),
    # ... and after a month named in its sentence, that month a year back
    ("Exports fell 2 percent in February from a year earlier.", "a year earlier", "DATE", "2012-02"),
    ("Home sales in January were up 9 percent from a year ago.", "a year ago", "DATE", "2012-01"),
    (
        "In February, 300 cars were sold. Sales were flat from a year earlier.",
        "a year earlier",
        "DATE",
        "2012",
    ),
    # a stretch of quarters, as TimeBank writes it; not a fraction
    ("The firm has lost money in the past two quarters.", "the past two quarters", "DURATION", "P2Q"),
    ("Profit fell for three consecutive quarters.", "three consecutive quarters", "DURATION", "P3Q"),
    ("It turned a profit after several quarters of losses.", "several quarters", "DURATION", "PXQ"),
    # a clock time restated in brackets before its day is that day's
    ("The match kicks off at 8:45 p.m. (1945 GMT) on Saturday.", "8:45 p.m.", "TIME", "2013-03-23T20:45"),
    # "the coming year", "the upcoming winter": the next one from the document date, as "next year"
    ("Growth will pick up in the coming year.", "the coming year", "DATE", "2014"),
    ("Talks will resume in the coming week.", "the coming week", "DATE", "2013-W13"),
    ("The upcoming winter will be cold.", "The upcoming winter", "DATE", "2013-WI"),
    # a month the story names anchors "a month later" as a day does "the next day"
    ("The army entered the town in January. A month later, it withdrew.", "A month later", "DATE", "2013-02"),
    # "-long" stretches, as TimeBank marks them
    ("The year-long conflict has killed thousands.", "year-long", "DURATION", "P1Y"),
    ("The decades-long dispute is unresolved.", "decades-long", "DURATION", "PXY"),
    ("After a day-long meeting, talks ended.", "day-long", "DURATION", "P1D"),
    ("The Nikkei hit a four-and-a-half-year high.", "four-and-a-half-year", "DURATION", "P4Y6M"),
    # "March" and "May" after a superlative or before a report's figures are the months
    ("It was the coldest March since 1910.", "March", "DATE", "2013-03"),
    ("March sales rose 3 percent.", "March", "DATE", "2013-03"),
    # numeric dates: month first, as American copy writes them, unless the first number is a day
    ("The form was dated 3/22/2013.", "3/22/2013", "DATE", "2013-03-22"),
    ("The letter of 22/03/2013 arrived.", "22/03/2013", "DATE", "2013-03-22"),
    ("It was signed 10/30/89.", "10/30/89", "DATE", "1989-10-30"),
    # the week of a day is that week
    ("A court hearing is set for the week of April 8.", "the week of April 8", "DATE", "2013-W15"),
    ("The talks were held the week of Jan. 7, 2013.", "the week of Jan. 7, 2013", "DATE", "2013-W02"),
    # a named time of a date
    (
        "Lawmakers have until midnight on March 27 to pass the bill.",
        "midnight on March 27",
        "TIME",
        "2013-03-27T24:00",
    ),
    ("The deadline is noon, March 30, 2013.", "noon, March 30, 2013", "TIME", "2013-03-30T12:00"),
    # "the past" opening a sentence, as mid-sentence
    ("In the past, such attacks were rare.", "the past", "DATE", "PAST_REF"),
]


@pytest.mark.parametrize(("sentence", "span", "kind", "value"), FORMS)
def test_round7_form(sentence: str, span: str, kind: str, value: str) -> None:
    found = find_dates(sentence, dct=DCT, ranges=False)
    got = [(x.text, x.type, x.value) for x in found]
    assert (span, kind, value) in got, got


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("The show runs July-August.", ["2012-07", "2012-08"]),  # one year for both ends
        ("The exhibition ran from Dec. 28 to Jan. 3.", ["2012-12-28", "2013-01-03"]),  # across the new year
        ("Industrial output rose in January-February.", ["2013-01", "2013-02"]),
    ],
)
def test_month_range_ends_share_a_year(sentence: str, values: list[str]) -> None:
    found = find_dates(sentence, dct=DCT, ranges=False)
    assert [x.value for x in found] == values, [(x.text, x.value) for x in found]


@pytest.mark.parametrize(
    "sentence",
    ["They march on.", "Protesters may march.", "The March on Washington was a turning point."],
)
def test_march_and_may_that_are_no_months(sentence: str) -> None:
    assert find_dates(sentence, dct=DCT) == []


@pytest.mark.parametrize("sentence", ["He ate 1/2 of it and 3/4 of the rest.", "The odds were 13/40/7."])
def test_fractions_are_no_numeric_dates(sentence: str) -> None:
    assert find_dates(sentence, dct=DCT) == []


def test_a_fraction_is_no_stretch_of_quarters() -> None:
    found = find_dates(
        "Three quarters of voters backed the plan; he won three-quarters of the vote.", dct=DCT
    )
    assert found == [], [(x.text, x.value) for x in found]


def test_a_month_range_that_is_no_quarter_stays_two_months() -> None:
    found = find_dates("Sales fell in the October-November period.", dct=DCT, ranges=False)
    assert [x.value for x in found] == ["2012-10", "2012-11"], [(x.text, x.value) for x in found]
