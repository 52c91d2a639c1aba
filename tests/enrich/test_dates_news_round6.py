"""What the sixth round of issue 16 keeps from being a date: clock times, counts, names, "quarterly".

Sentences are our own; the forms it added, with their values, are in test_dates_news_classes.py.
News mode: the document date is Friday 22 March 2013.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates

DCT = "2013-03-22"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The deal was announced at 10:30 a.m. local time (1430 GMT).", "DATE"),  # a clock time, not 1430
        ("The convoy left at 1400 hours.", "DATE"),
        ("The population reached 1350 million.", "DATE"),  # a count
        ("It was the first quarterly loss in a while.", "DATE"),  # "quarterly" holds no quarter
        ("He was seen in years of war.", "DURATION"),  # "in years" with no superlative before it
        ("In years to come, they will remember.", "DURATION"),
        ("The Hundred Days Offensive began.", "DURATION"),  # a name's article and number
    ],
)
def test_no_expression_of_this_type(sentence: str, kind: str) -> None:
    found = find_dates(sentence, dct=DCT, ranges=False)
    assert [x.text for x in found if x.type == kind] == [], [(x.text, x.type, x.value) for x in found]
