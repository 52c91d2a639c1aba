"""The static timeline's pages stay bounded (issue 11): a date told in thousands of features is cut
into pages past twice the page size, while a date that fits is never cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from factories import make_feature
from handscroll.config import Settings
from handscroll.model import Feature, Paragraph
from handscroll.publish import site_timeline
from handscroll.publish.datelabels import on_the_calendar
from handscroll.publish.site import build_site
from handscroll.publish.site_timeline import cut_timeline, static_timeline
from handscroll.publish.timeline_page import PAGE_EVENTS, entry_url
from handscroll.publish.urls import SiteUrls
from handscroll.store import Library
from handscroll.store.records import TimelineEntry
from publish.builders import fill_enriched_library


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
    cut = cut_timeline((e.value, e.mod, e.slug) for e in entries)
    assert cut.sizes == [len(fits), *[2 * PAGE_EVENTS] * 2, 50 + len(after)]
    assert cut.count == len(entries)  # each once
    timeline = static_timeline(cut, SiteUrls(0))
    assert timeline.addresses[:2] == ("timeline.html", "timeline-page-2.html")


DATED = (
    "The talks opened on 10 January 1946 in Chongqing.",
    "Fighting resumed in June 1946 near Changchun.",
    "The mission ended on 29 January 1947.",
    "A truce was signed in March 1946.",
)


def _dated(count: int) -> tuple[Feature, ...]:
    """`count` features in two series, each telling of three dates."""
    return tuple(
        make_feature(
            title=f"Part {n}",
            slug=f"part-{n:03d}",
            part=n,
            series="talks" if n % 2 else "truce",
            blocks=(Paragraph(text=" ".join(DATED[(n + k) % len(DATED)] for k in range(3))),),
        )
        for n in range(1, count + 1)
    )


def _event_links(page: Path) -> list[str]:
    """The links of a timeline page's sentences to their words, in page order."""
    hrefs = html.parse(str(page)).xpath("//main//a/@href")
    return [href.rsplit("/", 1)[-1] for href in hrefs if "features/" in href and "#" in href]


def test_a_build_writes_every_timeline_page_from_the_stream_never_reading_the_timeline_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 11: the build cuts each timeline into pages from its dates and streams its events
    page by page; the pages hold, in order, the events `Library.timeline` lists, cut as `cut_timeline`
    cuts them, the library's and each series'."""
    url = f"sqlite:///{tmp_path / 'library.db'}"
    fill_enriched_library(url, _dated(8))
    with Library.open(url) as library:
        whole = [e for e in library.timeline() if on_the_calendar(e.value)]
        by_series = {key: [e for e in whole if e.series == key] for key in ("talks", "truce")}
    monkeypatch.setattr(site_timeline, "PAGE_EVENTS", 3)

    def whole_timeline(*args: object, **kwargs: object) -> list[object]:
        raise AssertionError("the static build read the whole timeline")

    monkeypatch.setattr(Library, "timeline", whole_timeline)
    with Library.open(url) as library:
        build_site(library, tmp_path / "site", Settings(db=url), languages=["en", "zh-Hant"])
    assert len(whole) > 6  # several pages
    timelines = [(whole, "timeline.html"), *((e, f"timelines/{k}.html") for k, e in by_series.items())]
    for entries, first in timelines:
        sizes = cut_timeline((e.value, e.mod, e.slug) for e in entries).sizes
        assert len(sizes) > 1
        expected = iter(entries)
        for number, size in enumerate(sizes, start=1):
            name = first if number == 1 else first.replace(".html", f"-page-{number}.html")
            chunk = [next(expected) for _ in range(size)]
            links = [entry_url(SiteUrls(0), e).rsplit("/", 1)[-1] for e in chunk]
            assert sorted(_event_links(tmp_path / "site" / name)) == sorted(links), name
            assert (tmp_path / "site" / "zh-hant" / name).is_file()
