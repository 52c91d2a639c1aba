"""Forms of the fifth round of issue 16, one class of error at a time, each with its type and value.

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
]


@pytest.mark.parametrize(("dct", "sentence", "span", "kind", "value"), FORMS, ids=[row[2] for row in FORMS])
def test_news_form(dct: str, sentence: str, span: str, kind: str, value: str) -> None:
    found = [(x.text, x.type, x.value) for x in find_dates(sentence, dct=dct)]
    assert (span, kind, value) in found, found


@pytest.mark.parametrize(
    "sentence",
    ["Exports rose 4% on a year-on-year basis.", "Revenue grew 9% year-over-year."],
)
def test_a_comparison_of_years_is_no_expression(sentence: str) -> None:
    assert find_dates(sentence, dct=DCT) == [], find_dates(sentence, dct=DCT)


def test_a_few_units_later_stays_a_future_reference() -> None:
    """Vague offsets keep TIMEX2's FUTURE_REF (the WikiWars key); only counted hours become stretches."""
    found = find_dates("A few days later the army withdrew.", dct=DCT)
    assert [(x.text, x.value) for x in found] == [("A few days later", "FUTURE_REF")]
