"""Forms of the ninth round of issue 16: types, extents and durations in 2013-style news.

Found by annotating eight articles of our own (BBC, CNN and NYT style, March 2013) before the
tagger ran on them (`benchmarks/news2013/`): bare stretches after "gone", "spent" ("has gone months
without a government"), the second of two bare stretches ("months or even years"), stretches
counted in millions of years, a stretch used as an adjective before a comma ("a two-year, $2.5
billion mission"), halves, quarters with their year, false hits. Ages stay unmarked, as TimeBank
leaves "52 years old"; "weeks after the vote" stays unmarked, as TimeBank dates such bare units
with values no rule could give.

Sentences are our own. News mode: the document date is Thursday 21 March 2013.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates

DCT = "2013-03-21"

# (sentence, span, type, value)
FORMS: list[tuple[str, str, str, str]] = [
    ("Years ago, the harbour froze every winter.", "Years ago", "DATE", "PAST_REF"),
    ("An appeal could take months or even years to resolve.", "years", "DURATION", "PXY"),
    ("Repairs may last weeks or months, the company said.", "months", "DURATION", "PXM"),
    ("The comet has circled the sun for about 4.5 billion years.", "about 4.5 billion years", "DURATION",
     "P4500000000Y"),
    ("The crater is 80 million years older than geologists thought.", "80 million years", "DURATION",
     "P80000000Y"),
    ("The crater formed 80 million years earlier than thought.", "80 million years earlier", "DATE",
     "PAST_REF"),
    ("The ice sheet grew over 100 thousand years.", "100 thousand years", "DURATION", "P100000Y"),
    ("NASA approved a three-year, $400 million mission to the asteroid.", "three-year", "DURATION", "P3Y"),
    ("The board backed a five-year, low-cost plan for the port.", "five-year", "DURATION", "P5Y"),
    ("The country has gone months without a working government.", "months", "DURATION", "PXM"),
    ("The dissident spent years in exile before returning.", "years", "DURATION", "PXY"),
    ("The union called a half-day strike for Monday.", "half-day", "DURATION", "PT12H"),
    ("The prime minister gave a half-hour speech.", "half-hour", "DURATION", "PT30M"),
    ("Talks dragged on for three-and-a-half years.", "three-and-a-half years", "DURATION", "P3Y6M"),
    ("The party took power half a century ago.", "half a century ago", "DATE", "1963"),
    # a quarter of a year named beside it, one expression as "the first half of this year" is
    ("Output shrank in the final quarter of last year.", "the final quarter of last year", "DATE", "2012-Q4"),
    ("GDP fell 0.3% in the last quarter of 2012.", "the last quarter of 2012", "DATE", "2012-Q4"),
    ("A recovery is expected in the first quarter of next year.", "the first quarter of next year", "DATE",
     "2014-Q1"),
    ("Retail sales jumped in the final quarter.", "the final quarter", "DATE", "2012-Q4"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "span", "kind", "value"), FORMS)
def test_round9_form(sentence: str, span: str, kind: str, value: str) -> None:
    found = find_dates(sentence, dct=DCT, ranges=False)
    assert (span, kind, value) in [(x.text, x.type, x.value) for x in found], [
        (x.text, x.type, x.value) for x in found
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The rock is 3.5 billion years old, the survey found.",  # an age: TimeML leaves it
        "In the first days after the storm, roads stayed shut.",  # TimeBank leaves "the first days"
        "Those were the golden years before the crash.",
        "The shares rose in the hours before the close.",
        "After weeks of talks, the parties agreed.",  # TimeBank leaves "After weeks of high-profile sparring"
        # TimeBank dates these ("days after a sniper killed" 1998-10-XX): a stretch would only cost value F1
        "Rescue teams reached the village weeks after the landslide.",
        "The plant shut down months before the merger was announced.",
    ],
)
def test_what_is_no_bare_stretch(sentence: str) -> None:
    found = find_dates(sentence, dct=DCT, ranges=False)
    assert not [x for x in found if x.type == "DURATION"], [(x.text, x.value) for x in found]


def test_a_cue_keeps_its_own_stretch() -> None:
    """ "For months before the vote": one expression, the cue's ("for months"), not two."""
    found = find_dates("For months before the vote, the party campaigned.", dct=DCT, ranges=False)
    assert [(x.text, x.value) for x in found] == [("months", "PXM")]


def test_a_narrative_keeps_bare_months_to_its_own_key() -> None:
    """WikiWars (TIMEX2) marks "months before" whole, as a date: the news rule stays out of it."""
    found = find_dates("Ideas that seemed radical only months before were debated.")
    assert not [x for x in found if x.text == "months"]


def test_a_long_past_is_a_reference() -> None:
    found = find_dates("The reef died out 65 million years ago.", dct=DCT, ranges=False)
    assert [(x.text, x.value) for x in found] == [("65 million years ago", "PAST_REF")]


@pytest.mark.parametrize(
    ("sentence", "marked"),
    [
        ("The minister was discharged and sent home soon afterward.", False),
        ("A trickle of refugees soon became a flood.", False),
        ("Soon after, the talks collapsed.", False),
        ("Regulators may soon seek a fine.", True),
        ("The bank will soon need more capital.", True),
        ("The new rules will be applied soon in most markets.", True),
    ],
)
def test_soon_told_in_the_past_is_no_future(sentence: str, marked: bool) -> None:
    """ "soon" is FUTURE_REF where it looks ahead; TimeBank leaves it in a past ("soon became")."""
    found = find_dates(sentence, dct=DCT, ranges=False)
    assert [(x.text, x.value) for x in found] == ([("soon", "FUTURE_REF")] if marked else [])


@pytest.mark.parametrize(
    "sentence",
    [
        "Traffic was about double what it is on a normal Friday.",  # any Friday, not a day
        "Queues were longer than on a typical Saturday.",
        "The pope flew to his summer residence outside Rome.",  # a kind of house
        "Drivers were urged to fit winter tyres.",
        "A winter storm closed schools across the state.",
        "April Jones, five, went missing in Wales.",  # first names
        "Actress June Brown has left the show.",
        "The Mail on Sunday first reported the claims.",  # a paper
        "Mr. Monday declined to comment.",
    ],
)
def test_a_day_or_season_of_no_calendar_is_no_date(sentence: str) -> None:
    assert find_dates(sentence, dct=DCT, ranges=False) == []


def test_a_narrative_keeps_its_summer_residence() -> None:
    """TIMEX2 (WikiWars) marks a season in any use; only news leaves it."""
    assert [x.text for x in find_dates("The tsar left his summer residence.")] == ["summer"]


def test_this_quarter_told_in_the_past_is_the_reported_one() -> None:
    """In a report on a fiscal third quarter, "didn't make up for it this quarter" is that quarter;
    "this quarter" ahead stays the calendar's."""
    report = (
        "The software maker reported fiscal third-quarter profit on Wednesday. "
        "Hardware sales fell, and licences didn't make up for it this quarter, an analyst said. "
        "The company expects sales to grow this quarter."
    )
    found = [(x.text, x.value) for x in find_dates(report, dct=DCT, ranges=False) if x.text == "this quarter"]
    assert found == [("this quarter", "2013-Q3"), ("this quarter", "2013-Q1")]


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("In June Britain voted to leave.", "June"),
        ("The Bank's February Inflation Report was gloomy.", "February"),
        ("Lawmakers voted as a Monday deadline loomed.", "Monday"),
    ],
)
def test_a_month_or_day_before_a_capital_stays_a_date(sentence: str, span: str) -> None:
    assert span in [x.text for x in find_dates(sentence, dct=DCT, ranges=False)]
