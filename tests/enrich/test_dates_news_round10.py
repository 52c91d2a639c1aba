"""Forms of the tenth round of issue 16: which date a relative or bare expression is in news.

"since the start of the year" runs up to the report whatever year the story was in; a season after a
year's possessive is that year's; "could" with its verb looks a few days ahead; "two weeks ago" is the
day; a month told in the future of a past moment ("..., when he would win the December vote") is the
first one after that moment; "overnight" told ahead is the night to come; "the same year" is its
sentence's year; a report keeping a fiscal year counts "the quarter" from its fiscal quarter; a time of
day in a paragraph naming no day is the day the report leads with.

Sentences are our own, in the style of 2013 wire copy; each row carries its document date.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates

# (document date, sentence, span, type, value)
FORMS: list[tuple[str, str, str, str, str]] = [
    # "since the start of the year" counts up to the report, even after a month of last year
    (
        "2013-03-21",
        "The retailer cut its outlook in November. Its stock had slipped 3 percent since the start of the "
        "year before the results.",
        "the start of the year",
        "DATE",
        "2013",
    ),
    (
        "2013-02-06",
        "Orders were weak in December, and prices have climbed since the beginning of the year.",
        "the beginning of the year",
        "DATE",
        "2013",
    ),
    # a season (or month) after a year's possessive is that year's
    (
        "2013-03-25",
        "Ranchers are still selling cattle after last year's long, scorching summer.",
        "summer",
        "DATE",
        "2012-SU",
    ),
    (
        "2013-03-12",
        "Officials hope to avoid a repeat of 2010's icy winter on the rail network.",
        "winter",
        "DATE",
        "2010-WI",
    ),
    (
        "2013-03-12",
        "Organisers are already planning for next year's spring festival.",
        "spring",
        "DATE",
        "2014-SP",
    ),
    # "could" with its verb before a day of the next few days: a possibility ahead
    (
        "2013-03-25",
        "A second system could dump more snow on the Great Lakes on Wednesday, the forecaster said.",
        "Wednesday",
        "DATE",
        "2013-03-27",
    ),
    (
        "2013-03-18",
        "The Senate could also take up the measure on Thursday, aides said.",
        "Thursday",
        "DATE",
        "2013-03-21",
    ),
    # "two weeks ago" is the day, as "a week ago" is
    (
        "2013-03-25",
        "She set the course record at the same event two weeks ago.",
        "two weeks ago",
        "DATE",
        "2013-03-11",
    ),
    # "overnight" told ahead is the night to come: the report's, or that of a day ahead the story named
    (
        "2013-03-22",
        "Forecasters said temperatures will plunge overnight across the Plains.",
        "overnight",
        "TIME",
        "2013-03-22TNI",
    ),
    (
        "2013-03-22",
        "Heavy rain is expected to arrive on Sunday and freeze overnight on the roads.",
        "overnight",
        "TIME",
        "2013-03-24TNI",
    ),
    # a present-tense schedule with "home" or "back" before the day
    (
        "2013-03-22",
        "The squad faces Leeds on Saturday and flies home Tuesday.",
        "Tuesday",
        "DATE",
        "2013-03-26",
    ),
    # a verb in the past right before "through" governs the season or month: the one gone
    (
        "2013-03-14",
        "Orders collapsed in January 2012 and stayed weak through the summer.",
        "the summer",
        "DATE",
        "2012-SU",
    ),
    (
        "2013-03-14",
        "The walkout continued through May before a deal was struck.",
        "May",
        "DATE",
        "2012-05",
    ),
    # "this week" looking ahead in a Sunday's paper is the week to come (ISO weeks end on Sunday)
    (
        "2013-03-24",
        "The coroner is expected to open an inquest this week.",
        "this week",
        "DATE",
        "2013-W13",
    ),
    (
        "2013-03-24",
        "A private funeral is planned for later this week.",
        "later this week",
        "DATE",
        "2013-W13",
    ),
    # a round or vote "pushed to" a day is put off to one ahead, as "pushed back to" is
    (
        "2013-03-22",
        "Play was pushed to Monday after thunderstorms soaked the course.",
        "Monday",
        "DATE",
        "2013-03-25",
    ),
    # a plan's word between a past verb and the month: the month is still ahead
    (
        "2013-03-21",
        "On Tuesday the governor said he expected new steps in April.",
        "April",
        "DATE",
        "2013-04",
    ),
    # "the same year" is the year its sentence named last
    (
        "2013-03-23",
        "The tycoon backed the new president in 1999 and broke with him the same year.",
        "the same year",
        "DATE",
        "1999",
    ),
    # a company's "next fiscal year" counts from the report, not from a year the story named
    (
        "2013-03-22",
        "Stores were overstocked before the 2010 World Cup, and the unit will shrink into the next fiscal "
        "year, which starts June 1.",
        "the next fiscal year",
        "DATE",
        "2014",
    ),
    # a report whose period ended off the calendar: "the quarter" and "a year earlier" follow its
    # fiscal quarter
    (
        "2013-03-22",
        "The retailer's second-quarter profit beat forecasts. Net income in the three months that ended "
        "Jan. 31 rose to $80 million, or 40 cents a share, from $71 million, or 35 cents, a year earlier.",
        "a year earlier",
        "DATE",
        "2012-Q2",
    ),
    (
        "2013-03-22",
        "The retailer's second-quarter profit beat forecasts. Net income in the three months that ended "
        "Jan. 31 rose 12 percent. Online sales doubled in the quarter.",
        "the quarter",
        "DATE",
        "2013-Q2",
    ),
    # a past verb's object before the day is no schedule ("washed out play on Sunday")
    (
        "2013-03-26",
        "Lightning halted play on Sunday afternoon with the leaders on the back nine.",
        "Sunday afternoon",
        "TIME",
        "2013-03-24TAF",
    ),
    # "this season", "last season": the report's year, the year before
    ("2013-03-26", "The Spaniard has won four titles this season.", "this season", "DATE", "2013"),
    ("2013-03-26", "She finished third in the standings last season.", "last season", "DATE", "2012"),
    # "the last year" keeps its article and is the year before, as TimeBank dates "the past year"
    ("2013-03-24", "Friends said the last year had worn him down.", "the last year", "DATE", "2012"),
    # "in recent months", "in recent weeks": a stretch of no stated length, as TimeBank marks them
    ("2013-03-24", "Sales have slowed in recent months.", "recent months", "DURATION", "PXM"),
    ("2013-03-24", "The yen has weakened in recent weeks.", "recent weeks", "DURATION", "PXW"),
    ("2013-03-24", "Fares rose sharply in recent years.", "recent years", "DATE", "PAST_REF"),
    ("2013-03-24", "Funds lost money in recent weeks and months.", "recent weeks", "DATE", "PAST_REF"),
    # the future of a past moment the sentence names
    (
        "2013-03-21",
        "Bond yields have fallen since late October, when it became plain that Ms. Park would win the "
        "December vote.",
        "December",
        "DATE",
        "2012-12",
    ),
    (
        "2013-03-08",
        "The shares peaked in September, when the company said it would ship the device in November.",
        "November",
        "DATE",
        "2012-11",
    ),
]


@pytest.mark.parametrize(("dct", "sentence", "span", "kind", "value"), FORMS)
def test_round10_form(dct: str, sentence: str, span: str, kind: str, value: str) -> None:
    found = find_dates(sentence, dct=dct, ranges=False)
    got = [(x.text, x.type, x.value) for x in found]
    assert (span, kind, value) in got, got


def test_could_not_is_past_inability() -> None:
    """ "could not be reached on Friday" in Monday's paper is the Friday just gone."""
    text = "Her lawyer could not be reached for comment on Friday."
    found = find_dates(text, dct="2013-03-25", ranges=False)
    assert [(x.text, x.value) for x in found] == [("Friday", "2013-03-22")]


def test_could_with_yesterday_s_weekday_stays_behind() -> None:
    """ "could be found Wednesday" in Thursday's paper is the day before, not six days on."""
    found = find_dates("The two men could be found Wednesday at the harbour.", dct="2013-03-21", ranges=False)
    assert [(x.text, x.value) for x in found] == [("Wednesday", "2013-03-20")]


def test_would_after_saying_still_looks_past_the_report() -> None:
    """With no past moment before "when", "said ... would" counts from the report: December ahead."""
    text = "Prices rose in October. The minister said on Monday the plant would close in December."
    found = find_dates(text, dct="2013-03-21", ranges=False)
    assert ("December", "2013-12") in [(x.text, x.value) for x in found]


def test_nearly_two_weeks_ago_stays_a_week() -> None:
    """A hedged count ("nearly two weeks ago") keeps its week, as TimeBank leaves such a day open."""
    found = find_dates("The flooding began nearly two weeks ago.", dct="2013-03-25", ranges=False)
    assert [(x.text, x.value) for x in found] == [("nearly two weeks ago", "2013-W11")]


def test_overnight_told_in_the_past_is_the_night_before() -> None:
    found = find_dates("Asian shares slid overnight on worries about Europe.", dct="2013-03-22", ranges=False)
    assert [(x.text, x.value) for x in found] == [("overnight", "2013-03-21TNI")]


def test_a_plan_through_a_month_still_looks_ahead() -> None:
    """ "were extended through April": the verb before "through" is a plan, so April is this year's."""
    found = find_dates("The talks were extended through April.", dct="2013-03-14", ranges=False)
    assert [(x.text, x.value) for x in found] == [("April", "2013-04")]


def test_this_week_told_in_the_past_on_a_sunday_is_the_week_ending() -> None:
    found = find_dates("The regulator fined the bank this week.", dct="2013-03-24", ranges=False)
    assert [(x.text, x.value) for x in found] == [("this week", "2013-W12")]


def test_a_newspaper_named_daily_is_no_set() -> None:
    text = "Editors of the Daily Express and the Daily Record met ministers on Monday."
    found = find_dates(text, dct="2013-03-22", ranges=False)
    assert [(x.text, x.value) for x in found] == [("Monday", "2013-03-18")]


def test_this_season_is_no_timex2_mark() -> None:
    """A narrative's TIMEX2 key leaves "this season"; only news (TimeML) marks it."""
    assert find_dates("The club won the cup this season.") == []


def test_a_time_of_day_in_a_paragraph_naming_no_day_is_the_lead_s_day() -> None:
    """A Friday report that leads with Friday: a side remark about Thursday in one paragraph does not
    carry "in the afternoon" of the next paragraph back to Thursday."""
    text = (
        "A bridge gave way in the port on Friday morning, injuring dozens.\n\n"
        "Strong winds had battered the coast on Thursday.\n\n"
        "The prime minister toured the site in the afternoon and ordered an inquiry."
    )
    found = find_dates(text, dct="2013-03-29", ranges=False)
    assert ("the afternoon", "2013-03-29TAF") in [(x.text, x.value) for x in found]


def test_a_time_of_day_after_its_own_day_in_the_paragraph_stays_there() -> None:
    text = (
        "A bridge gave way in the port on Friday morning.\n\n"
        "On Thursday, inspectors had visited the site and left in the afternoon."
    )
    found = find_dates(text, dct="2013-03-29", ranges=False)
    assert ("the afternoon", "2013-03-28TAF") in [(x.text, x.value) for x in found]


def test_a_hard_wrapped_line_is_no_paragraph() -> None:
    """Only a blank line opens a paragraph: a sentence starting a wrapped line keeps the story's day."""
    text = (
        "A bridge gave way in the port on Friday morning.\n"
        "Strong winds had battered the coast on Thursday.\n"
        "Crews cleared the road in the afternoon."
    )
    found = find_dates(text, dct="2013-03-29", ranges=False)
    assert ("the afternoon", "2013-03-28TAF") in [(x.text, x.value) for x in found]
