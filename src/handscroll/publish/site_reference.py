"""The static site's reference pages, each a file of bounded size (issue 11): the places and the
glossary, in pages (the timelines are `site_timeline`'s).

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
from dataclasses import dataclass, replace

from handscroll.publish.contexts import Link
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
from handscroll.publish.timeline_page import numbered_page
from handscroll.publish.urls import SiteUrls
from handscroll.store.glossary import GlossaryKey, GlossarySlice
from handscroll.store.places import PlaceGroup
from handscroll.store.records import FeatureSummary

GLOSSARY_PAGE = 100
"""Terms on one page of the static glossary, as on the live one."""


@dataclass(frozen=True)
class Reference:
    """The library's glossary pages in both orders, read once for the pages of every language."""

    glossary: Mapping[GlossarySort, tuple[GlossarySlice, ...]]


def read_reference(library: ReferenceReader) -> Reference:
    """The glossary's pages, read once for every language."""
    return Reference({sort: tuple(glossary_slices(library, sort)) for sort in GLOSSARY_SORTS})


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
    base: str,
    language: str,
    built: tuple[str, ...],
) -> Iterator[Job]:
    """The glossary in both orders, in one language."""
    root = site_urls(language, built)[0]
    base = page_key(base, language)
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


def places_jobs(places: list[PlaceGroup], urls: SiteUrls, maps: MapSetup, base: str) -> Iterator[Job]:
    """The places of the library (issue 14) as pages of files, `places.html` first (issue 11)."""
    for address, page in static_places_pages(places, urls, maps):
        yield Job(address.removeprefix(urls.prefix), page_key(base, page), _bind_page(page))


def _bind_page(page: ReaderPage) -> Callable[[], ReaderPage]:
    return lambda: page
