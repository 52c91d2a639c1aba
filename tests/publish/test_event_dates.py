"""Calendar dates of timeline events, as TimelineJS and schema.org take them (issue 6)."""

from __future__ import annotations

import pytest

from handscroll.publish.event_dates import CalendarDate, date_label, exact_dates, nearest_date


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("1945", CalendarDate(1945), None),
        ("1945-08", CalendarDate(1945, 8), None),
        ("1945-08-15", CalendarDate(1945, 8, 15), None),
        ("1945-09/1945-10", CalendarDate(1945, 9), CalendarDate(1945, 10)),
    ],
)
def test_plain_dates_keep_their_granularity(
    value: str, start: CalendarDate, end: CalendarDate | None
) -> None:
    assert exact_dates(value) == (start, end)


@pytest.mark.parametrize(
    "value", ["1945-FA", "194", "19", "1946-Q1", "PAST_REF", "1945-13", "1945-02-40", "a/b/c"]
)
def test_what_iso_8601_cannot_say_is_not_exact(value: str) -> None:
    assert exact_dates(value) is None


def test_nearest_dates_start_a_season_or_decade() -> None:
    assert nearest_date("1945-FA") == CalendarDate(1945, 9)
    assert nearest_date("194") == CalendarDate(1940)
    assert nearest_date("PAST_REF") is None
    assert nearest_date("XXXX-XX-XXTNI") is None


def test_labels_and_iso() -> None:
    assert CalendarDate(1945, 8, 15).iso() == "1945-08-15"
    assert CalendarDate(1945, 8).label() == "August 1945"
    assert (
        date_label("1945-09/1945-10", "between September and October 1945") == "September 1945 – October 1945"
    )
    assert date_label("1945-FA", "the autumn of 1945") == "the autumn of 1945"
