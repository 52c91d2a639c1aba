"""Forms of the fifth and sixth rounds of issue 16, each with its type and value.

The fifth round took the tuning split's errors one class at a time; the sixth, forms of 2013
agency and newspaper copy (clock times, "in years", "Sept 20", a time with its day, extents).

Sentences are our own. News mode: the document date is Friday 22 March 2013, or
Thursday 26 October 1989 for an earnings report written in the fourth quarter.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates

DCT = "2013-03-22"
OCT89 = "1989-10-26"
WED = "2013-03-20"

# (document date, sentence, span, type, value)
FORMS: list[tuple[str, str, str, str, str]] = [
    # "year-ago", "year-earlier" as adjectives: a date, never "a year" of duration
    (DCT, "Profit beat the year-earlier figure.", "year-earlier", "DATE", "2012"),
    (
        OCT89,
        "Net rose in the quarter from a year-earlier loss.",
        "year-earlier",
        "DATE",
        "1988-Q3",
    ),
    (
        OCT89,
        "In the comparable year-ago quarter, X fell.",
        "the comparable year-ago quarter",
        "DATE",
        "1988-Q3",
    ),
    # a number of hours or minutes later: the stretch, as TimeBank marks it (no date to count to)
    (DCT, "Just over an hour later, he was declared dead.", "over an hour", "DURATION", "PT1H"),
    (DCT, "Two hours after the blast the road reopened.", "Two hours", "DURATION", "PT2H"),
    # forms no rule read: two days joined by "and", decades in words or with an apostrophe,
    # vague "ago", "couple of", "an additional year", a part of the day with early/mid/late
    (DCT, "The summit is on April 24 and 25.", "25", "DATE", "2013-04-25"),
    (DCT, "Talks were held on 21 and 22 March.", "21", "DATE", "2013-03-21"),
    (DCT, "Crime fell through the nineties.", "the nineties", "DATE", "199"),
    (DCT, "Sales were flat in the '80s.", "the '80s", "DATE", "198"),
    (DCT, "Just months ago the firm was failing.", "months ago", "DATE", "PAST_REF"),
    (DCT, "Over the next couple of years it will grow.", "the next couple of years", "DURATION", "P2Y"),
    (DCT, "The loan may run for an additional year.", "an additional year", "DURATION", "P1Y"),
    (DCT, "By mid afternoon the square was empty.", "mid afternoon", "TIME", "2013-03-22TAF"),
    (DCT, "In the late afternoon the square was empty.", "the late afternoon", "TIME", "2013-03-22TAF"),
    (DCT, "The toll could rise in the coming hours.", "the coming hours", "DURATION", "PTXH"),
    # a deadline the subject still has is ahead
    (DCT, "Cyprus has until Monday to raise the money.", "Monday", "DATE", "2013-03-25"),
    (DCT, "The relatives were given until Tuesday to sign.", "Tuesday", "DATE", "2013-03-26"),
    # four-digit clock times with a zone, as British papers write them
    (DCT, "The ban starts at 0900 GMT on Saturday.", "0900 GMT on Saturday", "TIME", "2013-03-23T09:00"),
    (DCT, "Polls close at 2200 local time.", "2200 local time", "TIME", "2013-03-22T22:00"),
    (DCT, "Over the years, prices rose.", "the years", "DURATION", "PXY"),
    (DCT, "In the months that followed, rates fell.", "the months", "DURATION", "PXM"),
    (DCT, "For weeks the army waited.", "weeks", "DURATION", "PXW"),
    (DCT, "The mosque dominated the skyline for centuries.", "centuries", "DURATION", "PXY"),
    (DCT, "Shares hit their highest level in years.", "years", "DURATION", "PXY"),
    # a set opening a sentence is no programme name; this decade, this century
    (DCT, "Every Friday, the market is closed.", "Every Friday", "SET", "XXXX-WXX-5"),
    (DCT, "It was the worst flood this century.", "this century", "DATE", "20"),
    (DCT, "Prices rose this decade.", "this decade", "DATE", "201"),
    (DCT, "The plan runs to the end of the decade.", "the end of the decade", "DATE", "201"),
    # a month that "since" or "ended" governs is behind the document date, though near ahead
    (DCT, "Prices have risen since June.", "June", "DATE", "2012-06"),
    (OCT89, "In the fiscal year ended Jan. 31, sales rose.", "Jan. 31", "DATE", "1989-01-31"),
    (DCT, "Since March, rates fell.", "March", "DATE", "2013-03"),
    # "the following Monday", "the previous Friday" count from the date the story named
    (
        DCT,
        "Held on March 3, he was freed the following Monday.",
        "the following Monday",
        "DATE",
        "2013-03-04",
    ),
    (DCT, "On Oct. 10 shares fell from the previous Friday.", "the previous Friday", "DATE", "2012-10-05"),
    # --- the sixth round: forms of 2013 agency copy, extents ---
    # clock times as British and agency copy write them
    (DCT, "The flight took off at 11.30 am local time.", "11.30 am", "TIME", "2013-03-22T11:30"),
    (DCT, "Voting closed at 4.15pm.", "4.15pm", "TIME", "2013-03-22T16:15"),
    # "local time" before the day it names: one expression, dated by that day (Wednesday's paper)
    (WED, "It will end 1 p.m. local time Friday.", "1 p.m. local time Friday", "TIME", "2013-03-22T13:00"),
    # a clock time and the day it names are one expression: "7 p.m. yesterday", "8pm on Sunday, March 24"
    (DCT, "He was arrested at 7 p.m. yesterday.", "7 p.m. yesterday", "TIME", "2013-03-21T19:00"),
    (DCT, "The deadline is noon tomorrow.", "noon tomorrow", "TIME", "2013-03-23T12:00"),
    (DCT, "Polls close at 8pm on Sunday, March 24.", "8pm on Sunday, March 24", "TIME", "2013-03-24T20:00"),
    # "Sept 20" without the dot, as agency copy writes it
    (DCT, "The phone will go on sale on Sept 20.", "Sept 20", "DATE", "2013-09-20"),
    # a clause that looks ahead never means a month long past, however far ahead the next one is
    ("2013-03-01", "She will command a mission in December.", "December", "DATE", "2013-12"),
    # "since" keeps a weekday behind the document date ("Saturday" alone in Friday's paper is tomorrow)
    (DCT, "He has been missing since Saturday night.", "Saturday night", "TIME", "2013-03-16TNI"),
    (DCT, "He has been missing since Saturday.", "Saturday", "DATE", "2013-03-16"),
    # "in years" after a superlative or a negation, "take years": a stretch of no stated length
    (DCT, "It was the worst attack in years.", "years", "DURATION", "PXY"),
    (DCT, "It is the first such visit in decades.", "decades", "DURATION", "PXY"),
    (DCT, "The index hit its lowest level in months.", "months", "DURATION", "PXM"),
    (DCT, "They haven't spoken in years, he said.", "years", "DURATION", "PXY"),
    (DCT, "He said it would take years to rebuild.", "years", "DURATION", "PXY"),
    (DCT, "The dispute goes back a number of years.", "a number of years", "DURATION", "PXY"),
    # "today's vote" is the day ("today's world", a generalisation, is no expression in news: below)
    (DCT, "Today's vote was delayed.", "Today", "DATE", "2013-03-22"),
    # "the end of the week" as "the end of the month": a part of the story's week
    (DCT, "A decision is expected by the end of the week.", "the end of the week", "DATE", "2013-W12"),
    # British reporting periods: "the year to February" is a year's length, as "the year ended March 31"
    (DCT, "Inflation was 2.8% in the year to February.", "the year", "DURATION", "P1Y"),
    (DCT, "Prices rose in the year to the end of March.", "the year", "DURATION", "P1Y"),
    # "decades ago", "centuries ago": as "years ago", a reference to the past
    (DCT, "The company was founded decades ago.", "decades ago", "DATE", "PAST_REF"),
    # "in past years" as "in recent years": a reference to the past
    (DCT, "There were sell programs in past years, too.", "past years", "DATE", "PAST_REF"),
    (DCT, "In past decades the city grew.", "past decades", "DATE", "PAST_REF"),
    # TimeML's extent keeps the article of a counted stretch and of a part of the day
    (OCT89, "For the nine months, net rose 4%.", "the nine months", "DURATION", "P9M"),
    (DCT, "It was the four days he had asked for.", "the four days", "DURATION", "P4D"),
    (DCT, "The rally began in the morning.", "the morning", "TIME", "2013-03-22TMO"),
    (DCT, "The talks went on until the evening.", "the evening", "TIME", "2013-03-22TEV"),
    (DCT, "Fighting went on into the night.", "the night", "TIME", "2013-03-22TNI"),
    (OCT89, "The charge came in the 1988 second quarter.", "the 1988 second quarter", "DATE", "1988-Q2"),
    (OCT89, "Net rose 6% in the latest nine months.", "the latest nine months", "DURATION", "P9M"),
    # ... but not the article of the noun a period qualifies
    (OCT89, "A major factor in the third-quarter loss was a write-down.", "third-quarter", "DATE", "1989-Q3"),
    (DCT, "Thousands came for the two day rally.", "two day", "DURATION", "P2D"),
]


@pytest.mark.parametrize(("dct", "sentence", "span", "kind", "value"), FORMS, ids=[row[2] for row in FORMS])
def test_news_form(dct: str, sentence: str, span: str, kind: str, value: str) -> None:
    found = [(x.text, x.type, x.value) for x in find_dates(sentence, dct=dct, ranges=False)]
    assert (span, kind, value) in found, found


@pytest.mark.parametrize(
    "sentence",
    ["Exports rose 4% on a year-on-year basis.", "Revenue grew 9% year-over-year."],
)
def test_a_comparison_of_years_is_no_expression(sentence: str) -> None:
    assert find_dates(sentence, dct=DCT) == [], find_dates(sentence, dct=DCT)


@pytest.mark.parametrize(
    "sentence", ["Jobs are scarce in today's world.", "The case is for today's youth what the war was."]
)
def test_the_present_of_a_generalisation_is_tagged_in_a_narrative_only(sentence: str) -> None:
    assert find_dates(sentence, dct=DCT) == []  # TimeBank leaves "today's world" untagged
    assert [(x.text, x.value) for x in find_dates(sentence)] == [("today", "PRESENT_REF")]


def test_a_few_units_later_stays_a_future_reference() -> None:
    """Vague offsets keep TIMEX2's FUTURE_REF (the WikiWars key); only counted hours become stretches."""
    found = find_dates("A few days later the army withdrew.", dct=DCT)
    assert [(x.text, x.value) for x in found] == [("A few days later", "FUTURE_REF")]


def test_two_days_joined_by_and_are_two_expressions_and_not_figures() -> None:
    found = find_dates("On May 3 and 4,000 people marched; on May 5 and 6 percent fell.", dct=DCT)
    assert [(x.text, x.value) for x in found] == [("May 3", "2013-05-03"), ("May 5", "2013-05-05")]
    joined = find_dates("The summit is on April 24 and 25.", dct=DCT, ranges=True)  # as the reader joins them
    assert [(x.text, x.value) for x in joined] == [("April 24 and 25", "2013-04-24/2013-04-25")]


def test_a_decade_keeps_early_mid_and_late() -> None:
    found = find_dates("Prices rose in the mid-'90s and fell in the late eighties.", dct=DCT)
    assert [(x.text, x.value, x.mod) for x in found] == [
        ("the mid-'90s", "199", "MID"),
        ("the late eighties", "198", "END"),
    ]


def test_a_decade_of_life_is_no_date() -> None:
    assert find_dates("In his forties he ran a bank.", dct=DCT) == []


@pytest.mark.parametrize(
    "sentence",
    ["The 2013 BST rules changed.", "It struck at 10:35 a.m. (0735 GMT) on Friday."],
)
def test_a_year_or_a_restated_time_is_no_four_digit_clock(sentence: str) -> None:
    assert all("GMT" not in x.text and "BST" not in x.text for x in find_dates(sentence, dct=DCT))


def test_a_narrative_decade_is_the_story_s() -> None:
    found = find_dates("In 1943 the war raged. By the end of the decade peace came.")
    assert [(x.text, x.value, x.mod) for x in found] == [
        ("1943", "1943", None),
        ("the end of the decade", "194", "END"),
    ]


def test_early_and_late_join_a_day_with_their_mod_and_earlier_stays_out() -> None:
    text = (
        "He was charged late Thursday. Early Tuesday, troops moved. "
        "Officials spoke late yesterday. Earlier Friday, he left."
    )
    found = [(x.text, x.value, x.mod) for x in find_dates(text, dct=DCT)]
    assert found == [
        ("late Thursday", "2013-03-21", "END"),
        ("Early Tuesday", "2013-03-19", "START"),
        ("late yesterday", "2013-03-21", "END"),
        ("Friday", "2013-03-22", None),
    ]
