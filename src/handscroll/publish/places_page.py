"""The places of the whole library on a map (issue 14), a page at a time (issue 11): every place
the features name, once, with links to the passage in the first few features that name it and
the count of the others.

The same `_map.html` and `_place.html` draw it as a feature's map: the base map
shipped with the reader, labelled markers clustered where they crowd, countries
and regions outlined; the map shows the places of its page. The live reader reads
`PAGE_PLACES` places after (or before) a cursor from the `places` table; the
static site writes the same pages as files (`places.html`, `places-page-2.html`, ...).
Neither page grows with the number of features naming a place: China named by 100,000
features is one line with `LINKS` links and "and over 1,000 more" (the static site, which
reads the whole library anyway, counts them all: "and 99,995 more").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from handscroll.model import TextRef
from handscroll.publish import cursors
from handscroll.publish.contexts import Chrome, make_chrome
from handscroll.publish.cursors import BadCursor
from handscroll.publish.enriched import MapSetup, PlaceItem, PlaceMention, place_anchor
from handscroll.publish.timeline_page import numbered_page
from handscroll.publish.urls import Urls
from handscroll.store.places import PlaceGroup, PlaceLink, PlaceSlice

PAGE_PLACES = 200
"""Places on one page of the places list (and its map)."""


class PlacesReader(Protocol):
    """What the places page reads from the library."""

    def places_slice(
        self, *, after: str | None = None, before: str | None = None, limit: int
    ) -> PlaceSlice: ...


@dataclass(frozen=True)
class PlacesPage:
    """One page of the places of the library, each with the first features (and passages) naming it."""

    template: ClassVar[str] = "places.html"
    chrome: Chrome
    places: tuple[PlaceItem, ...]
    map: MapSetup
    previous_url: str = ""
    next_url: str = ""


def load_places(
    library: PlacesReader, urls: Urls, map_setup: MapSetup, asked: dict[str, str] | None = None
) -> PlacesPage:
    """The page of the live places list the query `asked` places (`after` or `before` a cursor;
    a cursor that is not one of ours shows the first page)."""
    asked = asked or {}
    after, before = _key(asked.get("after")), _key(asked.get("before"))
    found = library.places_slice(after=after, before=None if after else before, limit=PAGE_PLACES)
    base = urls.places()
    return PlacesPage(
        chrome=make_chrome(urls, lambda other: other.places()),
        places=tuple(place_item(group, urls) for group in found.groups),
        map=map_setup,
        previous_url=f"{base}?before={cursors.encode('l', found.before)}" if found.before else "",
        next_url=f"{base}?after={cursors.encode('l', found.after)}" if found.after else "",
    )


def static_places_pages(
    groups: Sequence[PlaceGroup], urls: Urls, map_setup: MapSetup
) -> list[tuple[str, PlacesPage]]:
    """The static site's places pages, `PAGE_PLACES` places each, with the address of each."""
    chunks = [groups[at : at + PAGE_PLACES] for at in range(0, len(groups), PAGE_PLACES)] or [[]]
    base = urls.places()
    addresses = [base] + [numbered_page(base, n) for n in range(2, len(chunks) + 1)]
    chrome = make_chrome(urls, lambda other: other.places())
    return [
        (
            address,
            PlacesPage(
                chrome=chrome,
                places=tuple(place_item(group, urls) for group in chunk),
                map=map_setup,
                previous_url=addresses[at - 1] if at > 0 else "",
                next_url=addresses[at + 1] if at + 1 < len(addresses) else "",
            ),
        )
        for at, (address, chunk) in enumerate(zip(addresses, chunks, strict=True))
    ]


def place_item(group: PlaceGroup, urls: Urls) -> PlaceItem:
    """A place of the library as the list and map show it, linked to its first features' mentions."""
    mentions = tuple(
        PlaceMention(f"{urls.feature(link.slug)}#{_anchor(link)}", link.title) for link in group.links
    )
    return PlaceItem(
        group.name,
        group.modern_name,
        group.chinese,
        group.kind,
        group.lat,
        group.lon,
        group.bbox,
        mentions,
        more=group.others,
        more_counted_all=group.counted_all,
    )


def _anchor(link: PlaceLink) -> str:
    return place_anchor(TextRef(link.block, link.field, link.paragraph), link.start)


def _key(token: str | None) -> str | None:
    """The place key a cursor names; None when absent or not one of ours."""
    if not token:
        return None
    try:
        values = cursors.decode(token)
    except BadCursor:
        return None
    match values:
        case ["l", str() as key]:
            return key
    return None
