"""The static site's timelines (the library's and each series'), written a page at a time (issue 11).

A timeline is read twice, never held: first its dates alone
(`Library.timeline_dates`), which cut it into pages (`TimelineCut`: about
`PAGE_EVENTS` mentions a page, a date cut only past twice that) and give the
count and the index of decades every page shows; then its events, streamed in
the same order (`Library.stream_timeline`) as the pages are written, each page's
events read once for all its languages (`TimelinePages`). At 10,000 features the
timeline is 425,000 events: read whole, it took the build to 1.7 GB.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

from handscroll.model import sort_key
from handscroll.publish.chrome import make_chrome
from handscroll.publish.contexts import Link, series_title
from handscroll.publish.datelabels import on_the_calendar, year_label
from handscroll.publish.reference import ReaderPage
from handscroll.publish.site_features import site_urls
from handscroll.publish.site_jobs import Job, page_key
from handscroll.publish.timeline_page import (
    PAGE_EVENTS,
    Stressed,
    TimelinePage,
    group_key,
    numbered_page,
    timeline_groups,
    timeline_title,
)
from handscroll.publish.urls import SiteUrls, site_folder
from handscroll.store.records import FeatureSummary, SeriesSummary, TimelineEntry
from handscroll.store.timeline_stream import TimelineDate


class TimelineSource(Protocol):
    """What writing the static timelines reads from the library."""

    def timeline_dates(self, *, by_series: bool = False) -> Iterator[TimelineDate]: ...

    def stream_timeline(self, *, by_series: bool = False) -> Iterator[TimelineEntry]: ...


@dataclass
class TimelineCut:
    """A timeline cut into pages from its dates as they stream by, in time order."""

    sizes: list[int] = field(default_factory=list)
    """Mentions on each page (mentions on the calendar only)."""
    firsts: dict[int, dict[int, tuple[int, str]]] = field(default_factory=lambda: {10: {}, 100: {}})
    """Per step (decades, centuries): each one's first mention as (page, value), in time order."""
    years: tuple[int, int] | None = None
    slugs: set[str] = field(default_factory=set)
    """The features its mentions are in (what its pages show of them is part of their key)."""
    _last: tuple[str, str | None] | None = None

    def add(self, value: str, mod: str | None, slug: str = "", year: int | None = None) -> None:
        """The next mention: on the page being filled, or on a new one past `PAGE_EVENTS` (past
        twice that within one date: a date told in thousands of features made a page of megabytes).
        `year` is the date's (start) year when known, to save working it out again."""
        if not on_the_calendar(value):
            return
        sizes, date = self.sizes, (value, mod)
        if not sizes or (sizes[-1] >= PAGE_EVENTS and (date != self._last or sizes[-1] >= 2 * PAGE_EVENTS)):
            sizes.append(1)
        else:
            sizes[-1] += 1
        self._last = date
        self.slugs.add(slug)
        if year is None:
            year = sort_key(value)[0]
        for step, firsts in self.firsts.items():
            firsts.setdefault(year // step * step, (len(sizes) - 1, value))
        low, high = self.years or (year, year)
        self.years = (min(low, year), max(high, year))

    @property
    def count(self) -> int:
        return sum(self.sizes)


def cut_timeline(dates: Iterable[tuple[str, str | None, str]]) -> TimelineCut:
    """The pages of a timeline of (value, mod, slug) dates in time order."""
    cut = TimelineCut()
    for value, mod, slug in dates:
        cut.add(value, mod, slug)
    return cut


@dataclass(frozen=True)
class StaticTimeline:
    """A cut timeline in one interface language: every page's address and the index of decades
    (centuries, for timelines spanning more than 300 years) every page shows."""

    cut: TimelineCut
    addresses: tuple[str, ...]
    """`timeline.html`, `timeline-page-2.html`, ... as made by the urls given."""
    index: tuple[Link, ...]


def static_timeline(cut: TimelineCut, urls: SiteUrls | None = None, key: str | None = None) -> StaticTimeline:
    """The addresses and index of a cut timeline (the library's, or series `key`'s) in the language
    of `urls`."""
    urls = urls or SiteUrls(0)
    base = urls.timeline(key)
    addresses = (base, *(numbered_page(base, n) for n in range(2, len(cut.sizes) + 1)))
    index: tuple[Link, ...] = ()
    if cut.years is not None:
        step = 100 if cut.years[1] - cut.years[0] > 300 else 10
        language = urls.language
        suffix = "年代" if language.startswith("zh") else "s"
        index = tuple(
            Link(f"{addresses[at]}#{group_key(value, language)[1]}", f"{year_label(start, language)}{suffix}")
            for start, (at, value) in cut.firsts[step].items()
        )
    return StaticTimeline(cut, addresses, index)


def static_timeline_page(
    timeline: StaticTimeline,
    entries: Sequence[TimelineEntry],
    urls: SiteUrls,
    number: int,
    *,
    series: Link | None = None,
    key: str | None = None,
    stressed: Stressed | None = None,
) -> TimelinePage:
    """Page `number` (from 1) of a static timeline, showing `entries`, with links to its
    neighbours and the index of decades across all pages."""
    addresses, at = timeline.addresses, number - 1
    return TimelinePage(
        chrome=make_chrome(urls, lambda other: other.timeline(key)),
        title=timeline_title(urls, series),
        series=series,
        groups=timeline_groups(entries, urls, stressed=stressed),
        count=timeline.cut.count,
        more=False,
        previous=addresses[at - 1] if at > 0 else "",
        next=addresses[at + 1] if at + 1 < len(addresses) else "",
        index=timeline.index,
        filters=None,
    )


class TimelinePages:
    """The events of each page of the timelines of one stream (the library's, or every series' in
    turn), read as the pages are asked for in order; the last page's are kept, with their marked
    sentences, for its other languages."""

    def __init__(
        self, stream: Callable[[], Iterator[TimelineEntry]], plan: list[tuple[str | None, TimelineCut]]
    ) -> None:
        self._stream = stream
        self._plan = [(key, n, size) for key, cut in plan for n, size in enumerate(cut.sizes, start=1)]
        self._source: Iterator[TimelineEntry] | None = None
        self._open: Iterator[TimelineEntry] = iter(())
        self._next = 0
        self._page: tuple[str | None, int] | None = None
        self._entries: tuple[TimelineEntry, ...] = ()
        self._stressed: Stressed = {}

    def page(self, key: str | None, number: int) -> tuple[tuple[TimelineEntry, ...], Stressed]:
        """The events of page `number` of timeline `key`, and the marks shared by its languages."""
        if self._page != (key, number):
            for _ in range(2):  # on from where the stream is; from the start if the page was passed
                if self._seek(key, number):
                    break
                self.close()
            else:
                return (), {}
        return self._entries, self._stressed

    def _seek(self, key: str | None, number: int) -> bool:
        if self._source is None:
            self._source = self._stream()
            self._open = (entry for entry in self._source if on_the_calendar(entry.value))
            self._next = 0
        while self._next < len(self._plan):
            at, page, size = self._plan[self._next]
            self._next += 1
            entries = tuple(islice(self._open, size))
            if (at, page) == (key, number):
                self._page, self._entries, self._stressed = (key, number), entries, {}
                return True
        return False

    def close(self) -> None:
        """Let go of the stream (and its connection)."""
        for stream in (self._open, self._source):
            close = getattr(stream, "close", None)
            if close is not None:
                close()
        self._source, self._open, self._page, self._entries, self._stressed = None, iter(()), None, (), {}


@dataclass
class Timelines:
    """The library's timeline and every series' one, cut into pages from their dates; their events
    are streamed as the pages are written."""

    library: TimelineCut
    series: dict[str, TimelineCut]
    """In the order the series' events stream (by key)."""
    whole: TimelinePages
    by_series: TimelinePages

    def close(self) -> None:
        self.whole.close()
        self.by_series.close()


def read_timelines(library: TimelineSource) -> Timelines:
    """Cut the timelines into pages from their dates (nothing held but the pages' sizes)."""
    whole = TimelineCut()
    for date in library.timeline_dates():
        whole.add(date.value, date.mod, date.slug, _year(date.sort_key))
    series: dict[str, TimelineCut] = {}
    for date in library.timeline_dates(by_series=True):
        if date.series is not None:
            cut = series.setdefault(date.series, TimelineCut())
            cut.add(date.value, date.mod, date.slug, _year(date.sort_key))
    return Timelines(
        whole,
        series,
        TimelinePages(library.stream_timeline, [(None, whole)]),
        TimelinePages(lambda: library.stream_timeline(by_series=True), list(series.items())),
    )


def _year(stored: str) -> int | None:
    """The year of a stored sort key (`model.sort_text`), or None when it is not one."""
    head = stored[:7]
    return int(head) - 1_000_000 if len(head) == 7 and head.isdigit() else None


def timeline_jobs(
    timelines: Timelines,
    summaries: list[FeatureSummary],
    series: list[SeriesSummary],
    stamps: dict[str, tuple[str, int]],
    base: str,
    built: tuple[str, ...],
) -> Iterator[Job]:
    """Every page of the timelines in every language built, page by page (each page's events read
    once for its languages). A timeline's pages are keyed on what its events come from: what its
    pages show of their features (title, part, series, edition) and their enrichment stamps."""

    shown = {f.slug: (f.title, f.part, f.series, f.language, f.work, stamps.get(f.slug)) for f in summaries}

    def made_of(cut: TimelineCut) -> str:
        return page_key([(slug, shown.get(slug)) for slug in sorted(cut.slugs)])

    yield from _pages(timelines.whole, None, timelines.library, None, made_of(timelines.library), base, built)
    known = {head.key: head for head in series}
    # Series in the order their events stream, then those without events (one empty page each).
    keys = [key for key in timelines.series if key in known]
    keys += [key for key in known if key not in timelines.series]
    for key in keys:
        head, cut = known[key], timelines.series.get(key, TimelineCut())
        key_of = page_key(head, made_of(cut))
        yield from _pages(timelines.by_series, key, cut, head, key_of, base, built)


def _pages(
    reader: TimelinePages,
    key: str | None,
    cut: TimelineCut,
    head: SeriesSummary | None,
    made_of: str,
    base: str,
    built: tuple[str, ...],
) -> Iterator[Job]:
    shown = [(language, *_placed(language, built, cut, key, head)) for language in built]
    for number in range(1, max(1, len(cut.sizes)) + 1):
        for language, folder, urls, timeline, link in shown:
            name = timeline.addresses[number - 1].rsplit("/", 1)[-1]
            key_of_page = page_key(base, language, made_of)
            yield Job(f"{folder}{name}", key_of_page, _bind(reader, timeline, urls, number, link, key))


def _placed(
    language: str, built: tuple[str, ...], cut: TimelineCut, key: str | None, head: SeriesSummary | None
) -> tuple[str, SiteUrls, StaticTimeline, Link | None]:
    """Where a timeline's pages go in one language, their links, and the link to their series."""
    root, nested = site_urls(language, built)
    if key is None:
        return site_folder(language), root, static_timeline(cut, root), None
    link = Link(nested.series(key), series_title(head, key))
    return f"{site_folder(language)}timelines/", nested, static_timeline(cut, nested, key), link


def _bind(
    reader: TimelinePages,
    timeline: StaticTimeline,
    urls: SiteUrls,
    number: int,
    link: Link | None,
    key: str | None,
) -> Callable[[], ReaderPage]:
    def build() -> ReaderPage:
        entries, stressed = reader.page(key, number) if timeline.cut.sizes else ((), {})
        return static_timeline_page(timeline, entries, urls, number, series=link, key=key, stressed=stressed)

    return build
