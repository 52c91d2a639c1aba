"""Forms of the sixth round of issue 16: agency clock times, stretches "in years", extents with "the".

Sentences are our own. News mode: the document date is Friday 22 March 2013, or
Thursday 26 October 1989 for an earnings report written in the fourth quarter.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates

DCT = "2013-03-22"
OCT89 = "1989-10-26"

# (document date, sentence, span, type, value)
FORMS: list[tuple[str, str, str, str, str]] = [
    # clock times as British and agency copy write them
    (DCT, "The flight took off at 11.30 am local time.", "11.30 am", "TIME", "2013-03-22T11:30"),
    (DCT, "Voting closed at 4.15pm.", "4.15pm", "TIME", "2013-03-22T16:15"),
    # "local time" before the day it names: one expression, dated by that day (Wednesday's paper)
    (
        "2013-03-20",
        "The polls will shut 1 p.m. local time Friday.",
        "1 p.m. local time Friday",
        "TIME",
        "2013-03-22T13:00",
    ),
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
    # "today's world": the present of a generalisation (PRESENT_REF); "today's vote" is the day
    (DCT, "Jobs are scarce in today's world.", "today", "DATE", "PRESENT_REF"),
    (DCT, "The case is for today's youth what the war was.", "today", "DATE", "PRESENT_REF"),
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


@pytest.mark.parametrize(("dct", "sentence", "span", "kind", "value"), FORMS, ids=[row[1] for row in FORMS])
def test_news_form(dct: str, sentence: str, span: str, kind: str, value: str) -> None:
    found = [(x.text, x.type, x.value) for x in find_dates(sentence, dct=dct, ranges=False)]
    assert (span, kind, value) in found, found


@pytest.mark.parametrize(
    "sentence",
    [
        "The deal was announced at 10:30 a.m. local time (1430 GMT).",
        "The convoy left at 1400 hours.",
        "The population reached 1350 million.",
    ],
)
def test_a_clock_time_or_a_count_is_never_a_year(sentence: str) -> None:
    found = find_dates(sentence, dct=DCT, ranges=False)
    assert all(x.type != "DATE" for x in found), [(x.text, x.type, x.value) for x in found]


def test_quarterly_is_no_quarter() -> None:
    found = find_dates("It was the first quarterly loss since 2009.", dct=DCT, ranges=False)
    assert [(x.text, x.value) for x in found] == [("2009", "2009")]


@pytest.mark.parametrize(
    "sentence",
    [
        "He was seen in years of war.",
        "In years to come, they will remember.",
        "The Hundred Days Offensive began.",
    ],
)
def test_no_stretch_without_a_superlative_and_none_in_a_name(sentence: str) -> None:
    found = find_dates(sentence, dct=DCT, ranges=False)
    assert [x.text for x in found if x.type == "DURATION"] == [], found
