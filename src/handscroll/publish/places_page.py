"""The places of the whole library on one map (issue 14): every place the features name, once,
with links to the passage in each feature that names it.

The same `_map.html` and `_place.html` draw it as a feature's map: the base map
shipped with the reader, labelled markers clustered where they crowd, countries
and regions outlined. It reads each feature's enrichment, so its first render
grows with the library; the page cache keeps the result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from handscroll.model import HIDDEN_FIELDS, Enrichment
from handscroll.publish.contexts import Chrome, make_chrome
from handscroll.publish.enriched import MapSetup, PlaceItem, PlaceMention, place_anchor
from handscroll.publish.urls import Urls
from handscroll.store.records import FeatureSummary


class PlacesReader(Protocol):
    """What the places page reads from the library."""

    def list_features(
        self, *, series: str | None = None, offset: int = 0, limit: int | None = None
    ) -> list[FeatureSummary]: ...

    def get_enrichment(self, slug: str) -> Enrichment | None: ...


@dataclass(frozen=True)
class PlacesPage:
    """Every place of the library, each with the features (and passages) that name it."""

    template: ClassVar[str] = "places.html"
    chrome: Chrome
    places: tuple[PlaceItem, ...]
    map: MapSetup


def places_page(
    enriched: Sequence[tuple[FeatureSummary, Enrichment | None]], urls: Urls, map_setup: MapSetup
) -> PlacesPage:
    """The page from each feature's summary and enrichment: a place named in several features is
    one place (by what it is today, its kind and position), linking to each feature's first mention."""
    found: dict[tuple[str, str, float, float], tuple[PlaceItem, dict[str, PlaceMention]]] = {}
    for summary, enrichment in enriched:
        for place in enrichment.places if enrichment else ():
            named = [m for m in place.mentions if m.ref.field not in HIDDEN_FIELDS]
            if not named:
                continue
            key = (place.modern_name, place.kind, round(place.lat, 3), round(place.lon, 3))
            if key not in found:
                bbox = ",".join(f"{v:g}" for v in place.bbox) if place.bbox else ""
                item = PlaceItem(
                    place.name, place.modern_name, place.chinese, place.kind, place.lat, place.lon, bbox
                )
                found[key] = (item, {})
            url = f"{urls.feature(summary.slug)}#{place_anchor(named[0].ref, named[0].start)}"
            found[key][1].setdefault(summary.slug, PlaceMention(url, summary.title))
    places = [
        PlaceItem(i.name, i.modern_name, i.chinese, i.kind, i.lat, i.lon, i.bbox, tuple(links.values()))
        for i, links in found.values()
    ]
    places.sort(key=lambda p: p.modern_name.casefold())
    return PlacesPage(
        chrome=make_chrome(urls, lambda other: other.places()), places=tuple(places), map=map_setup
    )


def load_places(library: PlacesReader, urls: Urls, map_setup: MapSetup) -> PlacesPage:
    """The places page of the library."""
    summaries = library.list_features()
    return places_page([(s, library.get_enrichment(s.slug)) for s in summaries], urls, map_setup)
