"""The static timeline's pages stay bounded (issue 11): a date told in thousands of features is cut
into pages past twice the page size, while a date that fits is never cut."""

from __future__ import annotations

from handscroll.publish.timeline_page import PAGE_EVENTS, static_timeline
from handscroll.publish.urls import SiteUrls
from handscroll.store.records import TimelineEntry


def _told(value: str, times: int, start: int) -> list[TimelineEntry]:
    """`times` features each telling of `value`, numbered from `start`."""
    return [
        TimelineEntry(
            slug=f"part-{n}",
            title=f"Part {n}",
            part=None,
            series=None,
            value=value,
            mod=None,
            year=int(value[:4]),
            text=value,
            sentence=f"Something happened in {value}.",
            block=0,
            field="body",
            paragraph=0,
            start=0,
            end=4,
        )
        for n in range(start, start + times)
    ]


def test_a_date_told_many_times_is_cut_into_pages_and_one_that_fits_is_not() -> None:
    fits = _told("1945-08", PAGE_EVENTS - 10, 0) + _told("1945-09", PAGE_EVENTS // 2, 1000)
    crowded = _told("1946-01", PAGE_EVENTS * 4 + 50, 2000)
    after = _told("1947-03", 3, 9000)
    entries = fits + crowded + after
    timeline = static_timeline(entries, SiteUrls(0))
    assert [len(chunk) for chunk in timeline.chunks] == [len(fits), *[2 * PAGE_EVENTS] * 2, 50 + len(after)]
    assert [e for chunk in timeline.chunks for e in chunk] == entries  # each once, in order
    assert timeline.addresses[:2] == ("timeline.html", "timeline-page-2.html")
