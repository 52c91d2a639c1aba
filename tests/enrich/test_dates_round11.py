"""Forms of the eleventh round of issue 16, found by six more articles of March 2013 news.

"that August" with no dated story is the last August gone; "next February" stays ahead whatever the
verb ("would have ended", "ended"); a season before what it qualifies ("spring training") is no date; a
clock time restated in brackets in another zone is left, as TimeBank leaves "(0735 GMT)"; "the second
half" of a sentence about deliveries or orders is the year's; a clock time after "since March 10" is on
the day the lead names.

Sentences are our own, in the style of 2013 wire copy; each row carries its document date.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates

# (document date, sentence, span, type, value)
FORMS: list[tuple[str, str, str, str, str]] = [
    # "that <month>" after a season or year in words that set no dated story: the last one gone
    (
        "2013-03-28",
        "She took silver at the world championships last summer and retired that September.",
        "that September",
        "DATE",
        "2012-09",
    ),
    (
        "2013-03-21",
        "The company said on Thursday it had been warned that October.",
        "that October",
        "DATE",
        "2012-10",
    ),
    # "next <month>" is ahead of the report even when the verb is past or counterfactual
    ("2013-03-21", "The governor's term would have ended next February.", "next February", "DATE", "2014-02"),
    ("2013-03-22", "The old contract ended next January, officials said.", "next January", "DATE", "2014-01"),
    # "the second half" in a sentence about deliveries, shipments or orders is this year's
    (
        "2013-03-22",
        "Analysts say the bigger risk is to shipments in the second half.",
        "the second half",
        "DATE",
        "2013-H2",
    ),
]


@pytest.mark.parametrize(("dct", "text", "span", "kind", "value"), FORMS)
def test_round11_form(dct: str, text: str, span: str, kind: str, value: str) -> None:
    found = {x.text: x for x in find_dates(text, dct=dct, ranges=False)}
    assert span in found, f"{span!r} not found in {sorted(found)}"
    assert (found[span].type, found[span].value) == (kind, value)


def test_a_season_before_what_it_qualifies_is_no_date() -> None:
    """ "spring training camps", "summer camp": a kind of thing, not the season."""
    text = "Players head back to spring training in Arizona, and the children go to summer camp."
    assert find_dates(text, dct="2013-03-20", ranges=False) == []


def test_a_clock_time_restated_in_brackets_is_left() -> None:
    """TimeBank leaves the bracketed restatement of a time in another zone: only the first is marked."""
    text = "The judge began reading at 10:30 a.m. (4:30 a.m. ET) and read for twenty minutes."
    found = find_dates(text, dct="2013-03-28", ranges=False)
    assert [(x.text, x.value) for x in found] == [
        ("10:30 a.m.", "2013-03-28T10:30"),
        ("twenty minutes", "PT20M"),
    ]


def test_a_bare_clock_time_in_brackets_still_counts() -> None:
    """Only a bracket right after a clock time restates it: "(at 4 p.m.)" alone is marked."""
    found = find_dates("The vote was held late (at 4 p.m.) on Tuesday.", dct="2013-03-20", ranges=False)
    assert [x.text for x in found][:1] == ["4 p.m."]


def test_a_clock_time_after_a_since_day_is_on_the_lead_s_day() -> None:
    """ "died Wednesday ... treated since March 10 ... died at 6:47 p.m.": March 10 opens a stretch
    up to now, so the time is on the weekday the lead names, not on March 10."""
    text = (
        "The former senator died Wednesday in a hospital in Boston. He was 84.\n\n"
        "He had been treated there since March 10 for heart trouble, his family said. He died at 6:47 p.m."
    )
    found = find_dates(text, dct="2013-03-21", ranges=False)
    assert ("6:47 p.m.", "2013-03-20T18:47") in [(x.text, x.value) for x in found]


def test_a_clock_time_after_its_own_day_keeps_it() -> None:
    """A day named after the "since" day is the time's day, as before."""
    text = (
        "The former senator died Wednesday in Boston.\n\n"
        "He had been in hospital since March 10 and was moved on Monday at 6 p.m."
    )
    found = find_dates(text, dct="2013-03-21", ranges=False)
    assert ("Monday at 6 p.m.", "2013-03-18T18:00") in [(x.text, x.value) for x in found] or (
        "6 p.m.",
        "2013-03-18T18:00",
    ) in [(x.text, x.value) for x in found]
