"""The static site's reference pages, each a file of bounded size (issue 11): the timelines (the
library's and each series'), the places and the glossary, in pages.

The glossary is read as the live `/glossary` reads it (`store.glossary`: a page of
`GLOSSARY_PAGE` terms by a loose index scan, each with its first features), walked
from the start to the end once per order for every language. Its files are
`glossary.html`, `glossary-page-2.html`... and `glossary-pinyin.html`,
`glossary-pinyin-page-2.html`...: each links to the pages beside it, its A-Z index
to the page where each letter starts, and a term used in more features than it
lists to the static search for the term ("and more").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from handscroll.publish.contexts import Link, series_title
from handscroll.publish.enriched import MapSetup
from handscroll.publish.places_page import static_places_pages
from handscroll.publish.reference import (
    GLOSSARY_SORTS,
    TERM_LINKS,
    GlossaryPage,
    GlossarySort,
    ReaderPage,
    ReferenceReader,
    glossary_page,
    shown_editions,
)
from handscroll.publish.site_features import site_urls
from handscroll.publish.site_jobs import Job, page_key
from handscroll.publish.timeline_page import (
    StaticTimeline,
    Stressed,
    numbered_page,
    static_timeline,
    static_timeline_page,
)
from handscroll.publish.urls import SiteUrls, series_file, site_folder
from handscroll.store.glossary import GlossaryKey, GlossarySlice
from handscroll.store.places import PlaceGroup
from handscroll.store.records import FeatureSummary, SeriesSummary, TimelineEntry

GLOSSARY_PAGE = 100
"""Terms on one page of the static glossary, as on the live one."""


@dataclass(frozen=True)
class Reference:
    """The library's timeline (whole and by series) and glossary pages in both orders, read once for
    the pages of every language; each timeline sentence is marked once for all of them (issue 11)."""

    timeline: list[TimelineEntry]
    by_series: dict[str | None, list[TimelineEntry]]
    glossary: Mapping[GlossarySort, tuple[GlossarySlice, ...]]
    stressed: Stressed = field(default_factory=dict)


def read_reference(library: ReferenceReader) -> Reference:
    """The timeline and the glossary's pages, read once for every language."""
    timeline = library.timeline()
    by_series: dict[str | None, list[TimelineEntry]] = {}
    for entry in timeline:
        by_series.setdefault(entry.series, []).append(entry)
    glossary = {sort: tuple(glossary_slices(library, sort)) for sort in GLOSSARY_SORTS}
    return Reference(timeline, by_series, glossary)


def glossary_slices(library: ReferenceReader, sort: GlossarySort) -> Iterator[GlossarySlice]:
    """The glossary in `sort` order a page at a time, each read bounded by the page (as live; three
    times the links shown, since the editions of one work are one link)."""
    after: GlossaryKey | None = None
    while True:
        found = library.glossary_slice(order=sort, after=after, limit=GLOSSARY_PAGE, links=TERM_LINKS * 3)
        if not found.entries:
            return
        yield found
        if not found.later:
            return
        after = GlossaryKey.of(found.entries[-1], sort)


def reference_jobs(
    reference: Reference,
    summaries: list[FeatureSummary],
    series: list[SeriesSummary],
    base: str,
    language: str,
    built: tuple[str, ...],
) -> Iterator[Job]:
    """The timelines (library and each series) and the glossary in both orders, in one language."""
    entries = reference.timeline
    root, nested = site_urls(language, built)
    folder = site_folder(language)
    base = page_key(base, language)
    stressed = reference.stressed
    yield from _timeline_jobs(entries, f"{folder}timeline.html", page_key(base, entries), root, stressed)
    for head in series:
        picked = reference.by_series.get(head.key, [])
        path = f"{folder}timelines/{series_file(head.key)}"
        link = Link(nested.series(head.key), series_title(head, head.key))
        yield from _timeline_jobs(
            picked, path, page_key(base, head, picked), nested, stressed, link, head.key
        )
    titles = {s.slug: s.title for s in summaries}
    shown = shown_editions(summaries, language)
    for sort in GLOSSARY_SORTS:
        for address, page in static_glossary_pages(reference.glossary[sort], titles, root, sort, shown):
            yield Job(address.removeprefix(root.prefix), page_key(base, page), _bind_page(page))


def static_glossary_pages(
    slices: Sequence[GlossarySlice],
    titles: dict[str, str],
    urls: SiteUrls,
    sort: GlossarySort,
    shown: dict[str, str],
) -> list[tuple[str, GlossaryPage]]:
    """The glossary's pages in `sort` order with the address of each (one empty page for a library
    without terms); the A-Z index leads to the page where each letter starts."""
    pages = [glossary_page(part.entries, titles, urls, sort, shown) for part in slices]
    pages = pages or [glossary_page((), titles, urls, sort, shown)]
    base = urls.glossary(sort)
    addresses = [base] + [numbered_page(base, n) for n in range(2, len(pages) + 1)]
    starts: dict[str, tuple[int, str]] = {}
    for at, page in enumerate(pages):
        for item in page.items:
            if item.heading and item.letter not in starts:
                starts[item.letter] = (at, item.heading)
    return [
        (
            address,
            replace(
                page,
                letters=tuple(
                    Link(f"{'' if place == at else addresses[place]}#{heading}", letter)
                    for letter, (place, heading) in starts.items()
                ),
                previous_url=addresses[at - 1] if at > 0 else None,
                next_url=addresses[at + 1] if at + 1 < len(addresses) else None,
            ),
        )
        for at, (address, page) in enumerate(zip(addresses, pages, strict=True))
    ]


def _timeline_jobs(
    entries: list[TimelineEntry],
    path: str,
    key: str,
    urls: SiteUrls,
    stressed: Stressed,
    series: Link | None = None,
    series_key: str | None = None,
) -> Iterator[Job]:
    """A timeline as pages of files, `path` first, then `-page-2`, `-page-3` ... beside it (issue 14)."""
    folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    timeline = static_timeline(entries, urls, series_key, stressed)  # once for all its pages, not per page
    for number, address in enumerate(timeline.addresses, start=1):
        name = address.rsplit("/", 1)[-1]
        yield Job(f"{folder}{name}", key, _bind_timeline(timeline, urls, number, series, series_key))


def _bind_timeline(
    timeline: StaticTimeline, urls: SiteUrls, number: int, series: Link | None, key: str | None
) -> Callable[[], ReaderPage]:
    return lambda: static_timeline_page(timeline, urls, number, series=series, key=key)


def places_jobs(places: list[PlaceGroup], urls: SiteUrls, maps: MapSetup, base: str) -> Iterator[Job]:
    """The places of the library (issue 14) as pages of files, `places.html` first (issue 11)."""
    for address, page in static_places_pages(places, urls, maps):
        yield Job(address.removeprefix(urls.prefix), page_key(base, page), _bind_page(page))


def _bind_page(page: ReaderPage) -> Callable[[], ReaderPage]:
    return lambda: page
