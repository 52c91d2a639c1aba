"""The reader's home, series and feature pages, read from the library a page at a time (issue 11).

What a request reads is bounded whatever the library holds: a home page is at most
`HOME_SERIES_SHOWN` series (with their first parts) or features in no series; a series
page at most `SERIES_PAGE_PARTS` parts; a feature page its own rows, its two neighbours
and its series' title (`Library.feature_view`). Pages link to the next and previous
ones by keyset cursors (`cursors`), never by page number. The static site builds the
same contexts from the whole listing (`site.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from handscroll.publish.checks import load_checks
from handscroll.publish.contexts import (
    HOME_PARTS_SHOWN,
    HOME_SERIES_SHOWN,
    FeaturePage,
    HomePage,
    SeriesPage,
    feature_page,
    home_page,
    series_page,
)
from handscroll.publish.cursors import encode, part_token
from handscroll.publish.enriched import NO_MAP, MapSetup
from handscroll.publish.media import MediaLibrary
from handscroll.publish.urls import Urls
from handscroll.store import FeatureSummary, Library, SeriesSummary
from handscroll.store.listing import PartKey

SERIES_PAGE_PARTS = 60
"""How many parts a series page lists; a longer series continues on the next page."""

HomeAt = str | PartKey
"""A place on the home pages: after (or before) a series, by key, or a feature in no series."""

Item = TypeVar("Item")


def load_home(
    library: Library,
    media: MediaLibrary,
    urls: Urls,
    *,
    after: HomeAt | None = None,
    before: HomeAt | None = None,
) -> HomePage:
    """The home page after `after` (or just before `before`; the first page without either)."""
    items, previous, following = _window(
        lambda n: _home_after(library, after, n),
        lambda n: _home_before(library, before, n) if before is not None else [],
        HOME_SERIES_SHOWN,
        backward=before is not None,
        started=after is not None,
    )
    series = [s for s in items if isinstance(s, SeriesSummary)]
    return home_page(
        [(s, library.parts_page(s.key, limit=HOME_PARTS_SHOWN)) for s in series],
        [f for f in items if isinstance(f, FeatureSummary)],
        media,
        urls,
        previous_url=None if previous is None else f"{urls.home()}?before={_home_token(previous)}",
        next_url=None if following is None else f"{urls.home()}?after={_home_token(following)}",
    )


def _home_after(library: Library, at: HomeAt | None, n: int) -> list[SeriesSummary | FeatureSummary]:
    if isinstance(at, PartKey):
        return list(library.parts_page(None, after=at, limit=n))
    items: list[SeriesSummary | FeatureSummary] = list(library.series_page(after=at, limit=n))
    if len(items) < n:
        items += library.parts_page(None, limit=n - len(items))
    return items


def _home_before(library: Library, at: HomeAt, n: int) -> list[SeriesSummary | FeatureSummary]:
    if not isinstance(at, PartKey):
        return list(library.series_page(before=at, limit=n))
    items: list[SeriesSummary | FeatureSummary] = list(library.parts_page(None, before=at, limit=n))
    if len(items) < n:
        items = [*library.series_page(last=True, limit=n - len(items)), *items]
    return items


def _home_token(item: SeriesSummary | FeatureSummary) -> str:
    return encode("s", item.key) if isinstance(item, SeriesSummary) else part_token(item)


def load_series(
    library: Library,
    key: str,
    media: MediaLibrary,
    urls: Urls,
    *,
    after: PartKey | None = None,
    before: PartKey | None = None,
) -> SeriesPage:
    """A page of a series' parts; NotFoundError when the series has no features."""
    head = library.get_series(key)
    parts, previous, following = _window(
        lambda n: library.parts_page(key, after=after, limit=n),
        lambda n: library.parts_page(key, before=before, limit=n),
        SERIES_PAGE_PARTS,
        backward=before is not None,
        started=after is not None,
    )
    here = urls.series(key)
    return series_page(
        key,
        head,
        parts,
        media,
        urls,
        previous_url=None if previous is None else f"{here}?before={part_token(previous)}",
        next_url=None if following is None else f"{here}?after={part_token(following)}",
    )


def _window(
    forward: Callable[[int], Sequence[Item]],
    backward_read: Callable[[int], Sequence[Item]],
    size: int,
    *,
    backward: bool,
    started: bool,
) -> tuple[list[Item], Item | None, Item | None]:
    """One page of `size` items, the item to start the previous page before, and the item to
    start the next page after (None when there is no such page). One item more than the
    page is read to know whether there is another page that way."""
    if backward:
        items = list(backward_read(size + 1))
        shown = items[-size:]
        more_before = len(items) > size
        return shown, shown[0] if shown and more_before else None, shown[-1] if shown else None
    items = list(forward(size + 1))
    shown = items[:size]
    return shown, shown[0] if shown and started else None, shown[-1] if len(items) > size else None


def load_feature(
    library: Library, slug: str, media: MediaLibrary, urls: Urls, map_setup: MapSetup = NO_MAP
) -> FeaturePage:
    """A feature page with its enrichment, read from the library; NotFoundError for an unknown slug."""
    view = library.feature_view(slug)
    feature, enrichment = view.feature, view.enrichment
    series = SeriesSummary(feature.series, view.series_title, 0) if feature.series else None
    return feature_page(
        feature,
        series=series,
        previous=view.previous,
        next=view.next,
        media=media,
        urls=urls,
        enrichment=enrichment,
        map_setup=map_setup,
        checks=load_checks(library, feature, enrichment, urls) if view.approved else None,
    )
