"""Sets carry TimeML's quant and freq beside their value (issue 16, item 2)."""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates

SETS = [
    ("She swims twice a week.", "twice a week", "P1W", None, "2X"),
    ("The shop opens every Monday.", "every Monday", "XXXX-WXX-1", "EVERY", None),
    ("The crops fail each season.", "each season", "P1Y", "EACH", None),
    ("She runs every morning.", "every morning", "XXXX-XX-XXTMO", "EVERY", None),
    ("The paper comes out daily.", "daily", "P1D", None, "1X"),
    ("The board meets weekly.", "weekly", "P1W", None, "1X"),
    ("They vote three times a year.", "three times a year", "P1Y", None, "3X"),
    ("Elections are held every two years.", "every two years", "P2Y", "EVERY", None),
    ("Prices are reviewed each year.", "each year", "P1Y", "EACH", None),
    ("Trains leave hourly.", "hourly", "PT1H", None, "1X"),
    ("The club meets twice each month.", "twice each month", "P1M", "EACH", "2X"),
    ("The council sits every quarter.", "every quarter", "P1Q", "EVERY", None),
]


@pytest.mark.parametrize(("sentence", "span", "value", "quant", "freq"), SETS)
def test_a_set_carries_quant_and_freq(
    sentence: str, span: str, value: str, quant: str | None, freq: str | None
) -> None:
    found = find_dates(sentence, dct="2013-03-22")
    assert [(e.text, e.type, e.value, e.quant, e.freq) for e in found] == [(span, "SET", value, quant, freq)]


def test_a_narrative_keeps_quant_and_freq_with_its_timex2_values() -> None:
    found = find_dates("The garrison was paid daily and inspected every Monday.")
    assert [(e.value, e.quant, e.freq) for e in found] == [
        ("XXXX-XX-XX", None, "1X"),
        ("XXXX-WXX-1", "EVERY", None),
    ]


def test_only_sets_are_quantified() -> None:
    found = find_dates("Since 1946, for three years, they met on Friday.", dct="2013-03-22")
    assert [(e.type, e.quant, e.freq) for e in found] == [
        ("DATE", None, None),
        ("DURATION", None, None),
        ("DATE", None, None),
    ]


def test_a_frequency_without_a_number_has_no_freq() -> None:
    found = find_dates("They met several times a year.", dct="2013-03-22")
    assert [(e.text, e.value, e.freq) for e in found] == [("several times a year", "P1Y", None)]
