"""The pre-filters of the date rules skip only texts where a rule cannot match (issue 16).

A rule's `needs` words and the capitalised month key are speed-ups: run
without them, every rule must find exactly what it finds with them.
"""

from __future__ import annotations

import pytest

from handscroll.enrich import date_rules
from handscroll.enrich.dates import find_dates

TEXTS = (
    "Three years later, in the 19th century, the army marched in May; it may rain tonight.",
    "The day before, last weekend, at the year-end, the year ended March 31; later that month it fell.",
    "During the night the troops waited for weeks; in the coming years and the first two weeks of June 1946.",
    "The 1988 period and the fiscal year ending in June; at night, in the morning, the rainy season began.",
    "A two-year-old plan, five days ago, two decades afterwards, the past three months; the end of the year.",
    "march on, may be, jan 5 and Jan. 5, MARCH 1946, the Twentieth Century, over the past decade.",
    "On April 24 and 25, and on 21 and 22 March, prices of the '80s and the nineties came back.",
    "At 0900 GMT, or 1000 local time, the coming hours began.",
    "This century and this decade, to the end of the decade.",
    "Over the years, since June, in the fiscal year ended Jan. 31.",
    "For the nine months, the worst loss in years, the third-quarter loss, 11.30 am (1430 GMT), decades ago.",
    "In the past two quarters and the October-December quarter, until midnight on March 27.",
    "The week of March 6, a year-long war, 3/22/2013.",
    "Minutes ago, shares that fell overnight in Holy Week rose again.",
    "Within minutes, hours after the vote, overnight; shut at weekends and shelled nightly.",
    "It took days or even weeks, some 80 million years ago; weeks after the vote.",
    "For 12 consecutive months and in those three months, rallies on May Day.",
    "He won twice last season and once this season.",
    "In February last year, that November, a two-year, $2.5 billion plan; it has gone months without one.",
)


def _mentions(text: str) -> list[tuple[int, int, str | None]]:
    return [(m.start, m.end, m.literal) for m in date_rules.find_mentions(text)]


def test_every_rule_with_needs_words_matches_here() -> None:
    gated = {
        (build.__name__, pattern.pattern): (pattern, lower)
        for pattern, build, _, lower, needs in date_rules._RULES
        if needs
    }  # a builder may be registered with more than one pattern
    matched = {
        name
        for name, (pattern, lower) in gated.items()
        if any(pattern.search(t.lower() if lower else t) for t in TEXTS)
    }
    assert gated and set(gated) == matched  # so the comparison below is about something


def test_the_filters_change_no_candidate(monkeypatch: pytest.MonkeyPatch) -> None:
    filtered = [_mentions(text) for text in TEXTS]
    bare = [(pattern, build, key, lower, frozenset()) for pattern, build, key, lower, _ in date_rules._RULES]
    monkeypatch.setattr(date_rules, "_RULES", bare)
    monkeypatch.setattr(date_rules, "_CAPITALISED_KEYS", frozenset())
    assert [_mentions(text) for text in TEXTS] == filtered


def test_the_capitalised_month_key_still_finds_capitalised_months() -> None:
    found = find_dates("It may rain; march on. In May 1946 and on Jan. 5, 1947.")
    assert [(e.text, e.value) for e in found] == [("May 1946", "1946-05"), ("Jan. 5, 1947", "1947-01-05")]
