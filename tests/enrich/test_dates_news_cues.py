"""Cues around a date in news (issue 16): which weekend "the weekend" is (the coming one in
a Thursday's or a Friday's report unless the weekend is told in the past; the latest one early
in the week), and "for March" as a month. Sentences are our own."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from handscroll.enrich.dates import find_dates
from handscroll.enrich.number_words import parse_number

FRIDAY, THURSDAY, MONDAY = "2013-03-22", "2013-03-21", "2013-03-18"


@pytest.mark.parametrize(
    ("sentence", "dct", "value"),
    [
        ("Officials warned residents to stay indoors through the weekend.", FRIDAY, "2013-W12-WE"),
        ("Markets are closed for the weekend.", THURSDAY, "2013-W12-WE"),
        ("Shoppers are expected to crowd the malls over the weekend.", FRIDAY, "2013-W12-WE"),
        ("Forecasters said snow would fall over the weekend.", FRIDAY, "2013-W12-WE"),
        ("Over the weekend, a single post was shared 100,000 times.", FRIDAY, "2013-W11-WE"),
        ("Protests erupted over the weekend.", FRIDAY, "2013-W11-WE"),
        ("The talks continued over the weekend and ended on Monday.", THURSDAY, "2013-W11-WE"),
        ("Officials warned residents to stay indoors through the weekend.", MONDAY, "2013-W11-WE"),
        ("Markets are closed for the weekend.", MONDAY, "2013-W11-WE"),
    ],
)
def test_the_weekend_of_a_report(sentence: str, dct: str, value: str) -> None:
    weekends = [x.value for x in find_dates(sentence, dct=dct) if "weekend" in x.text]
    assert weekends == [value]


def test_last_and_this_weekend_keep_their_own_word() -> None:
    found = find_dates("He said last weekend that he will rest this weekend.", dct=FRIDAY)
    assert [(x.text, x.value) for x in found] == [
        ("last weekend", "2013-W11-WE"),
        ("this weekend", "2013-W12-WE"),
    ]


def test_figures_for_march_are_a_month_and_a_spokesman_for_may_is_not() -> None:
    found = find_dates("Retail sales figures for March are due on April 12.", dct="2013-03-08")
    assert [(x.text, x.value) for x in found] == [("March", "2013-03"), ("April 12", "2013-04-12")]
    assert find_dates("A spokesman for May said the Home Secretary would respond.", dct="2013-03-08") == []


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("Fans saw the teams on Saturday and Sunday.", ["2013-03-23", "2013-03-24"]),  # tomorrow, the next
        ("Storms hit on Sunday and Monday.", ["2013-03-17", "2013-03-18"]),
        ("Talks were held on Tuesday and Thursday.", ["2013-03-19", "2013-03-21"]),
        ("The talks are on Monday and Tuesday.", ["2013-03-25", "2013-03-26"]),
        ("Qualifying matches continue on Tuesday.", ["2013-03-26"]),  # a schedule in the present
        ("Protests continued on Tuesday.", ["2013-03-19"]),
    ],
)
def test_a_second_weekday_follows_the_first_and_a_schedule_ahead(sentence: str, values: list[str]) -> None:
    assert [x.value for x in find_dates(sentence, dct=FRIDAY)] == values


def test_a_decade_written_short_after_a_full_one() -> None:
    found = find_dates("The 1970s and '80s were hard years.", dct=FRIDAY)
    assert [(x.text, x.value) for x in found] == [("The 1970s", "197"), ("'80s", "198")]


@pytest.mark.parametrize(
    ("phrase", "number"),
    [
        ("twenty-five", 25),
        ("a hundred and five", 105),
        ("two thousand", 2000),
        ("two five", None),
        ("ten six", None),
    ],
)
def test_number_words_side_by_side_are_two_counts_not_one(phrase: str, number: float | None) -> None:
    assert parse_number(phrase) == number


def test_a_count_before_a_stretch_adjective_is_not_part_of_it() -> None:
    sentence = "Presidents may serve two five-year terms; he signed three two-year deals."
    found = find_dates(sentence, dct=FRIDAY)
    assert [(x.text, x.value) for x in found] == [("five-year", "P5Y"), ("two-year", "P2Y")]


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("Parades filled Dublin on St. Patrick's Day.", "St. Patrick's Day", "2013-03-17"),
        ("Pubs were full for St Patrick's Day.", "St Patrick's Day", "2013-03-17"),
        ("Banks were shut for Presidents' Day.", "Presidents' Day", "2013-02-18"),
        ("Martin Luther King Day fell on the inauguration.", "Martin Luther King Day", "2013-01-21"),
        ("Fireworks lit the sky on Bonfire Night 2012.", "Bonfire Night 2012", "2012-11-05"),
        ("Lent began after Shrove Tuesday.", "Shrove Tuesday", "2013-02-12"),
    ],
)
def test_more_days_known_by_name(sentence: str, text: str, value: str) -> None:
    assert [(x.text, x.value) for x in find_dates(sentence, dct=FRIDAY)] == [(text, value)]


@pytest.mark.parametrize(
    ("sentence", "clock", "value"),
    [
        # the story's only date has no day: the clock is the report's
        ("The allowance rises from April 2014. He stood up at 12:34 GMT.", "12:34 GMT", "2013-03-22T12:34"),
        # the story's day is ahead, the clock's clause is past: the report's day
        ("Banks stay shut through Tuesday. Stocks were down at 11 a.m.", "11 a.m.", "2013-03-22T11:00"),
        # a clock told with the day ahead stays on it
        ("The vote is on Tuesday. Polls will open at 7 a.m.", "7 a.m.", "2013-03-26T07:00"),
        ("On Wednesday the court sat. It rose at 4 p.m.", "4 p.m.", "2013-03-20T16:00"),
        # a forecast names tomorrow; the night told in the past is the one before the report
        ("Snow may fall by Saturday morning. Homes lost power overnight.", "overnight", "2013-03-21TNI"),
    ],
)
def test_the_day_of_a_bare_clock_time(sentence: str, clock: str, value: str) -> None:
    assert [x.value for x in find_dates(sentence, dct=FRIDAY) if x.text == clock] == [value]


@pytest.mark.parametrize(
    ("sentence", "dct", "text", "value"),
    [
        ("Britain faces its coldest Easter weekend.", "2013-03-29", "Easter weekend", "2013-W13-WE"),
        ("Roads were jammed over the Labor Day weekend.", "2013-09-03", "Labor Day weekend", "2013-W35-WE"),
        ("Shops did well over Thanksgiving weekend.", "2012-11-27", "Thanksgiving weekend", "2012-W47-WE"),
    ],
)
def test_a_holiday_weekend_is_the_nearest_one(sentence: str, dct: str, text: str, value: str) -> None:
    assert [(x.text, x.value) for x in find_dates(sentence, dct=dct)] == [(text, value)]


def test_a_local_time_restated_in_brackets_takes_the_day_after_it() -> None:
    found = find_dates("The deal was signed at 10:30 a.m. local time (0830 GMT) on Thursday.", dct=FRIDAY)
    assert [(x.text, x.value) for x in found] == [
        ("10:30 a.m. local time", "2013-03-21T10:30"),
        ("Thursday", "2013-03-21"),
    ]


def _hard_wrapped(text: str, width: int) -> str:
    """`text` with a line break for the first space past each `width` columns, as a mail client wraps."""
    out, column = list(text), 0
    for index, char in enumerate(text):
        column = 0 if char == "\n" else column + 1
        if char == " " and column > width:
            out[index], column = "\n", 0
    return "".join(out)


@pytest.mark.parametrize("name", ["AP_20130315_stocks", "bbc_20130322_snow", "nyt_20130318_cyprus"])
def test_a_hard_wrapped_report_reads_as_the_flowing_one(name: str) -> None:
    raw = (Path(__file__).resolve().parents[2] / "benchmarks" / "news2013" / f"{name}.tml").read_text("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", raw.split("<TEXT>")[1].split("</TEXT>")[0]))
    dct = re.search(r'value="([\d-]+)"', raw)
    assert dct is not None
    wrapped = _hard_wrapped(text, 60)
    assert wrapped.count("\n") > text.count("\n") + 10
    flowing = [(x.start, x.end, x.value) for x in find_dates(text, dct=dct[1])]
    assert [(x.start, x.end, x.value) for x in find_dates(wrapped, dct=dct[1])] == flowing
    assert all(x.text == wrapped[x.start : x.end] for x in find_dates(wrapped, dct=dct[1]))


def test_a_year_earlier_compares_the_period_not_its_base() -> None:
    sentence = "Home sales fell 2 percent in February from January and rose 10 percent from a year earlier."
    found = find_dates(sentence, dct="2013-03-21")
    assert [(x.text, x.value) for x in found][-1] == ("a year earlier", "2012-02")
