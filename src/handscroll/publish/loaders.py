"""The reader's home, series and feature pages, read from the library a page at a time (issue 11).

What a request reads is bounded whatever the library holds: a home page is at most
`HOME_SERIES_SHOWN` series (with their first parts) or features in no series; a series
page at most `SERIES_PAGE_PARTS` parts; a feature page its own rows, the rows around it
and its series' title (`Library.feature_view`). Pages link to the next and previous ones
by keyset cursors (`cursors`), never by page number. The static site builds the same
contexts from the whole listing (`site.py`).

Each work is listed once, in the edition the page's language shows (issue 12): rows are
read in reading order, where the editions of a work stand together (they share its
series and part), grouped by work, and one edition of each group is shown
(`editions.pick_editions`). A page ends between two works, never inside one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from handscroll.errors import NotFoundError
from handscroll.publish.checks import load_checks
from handscroll.publish.contexts import (
    HOME_PARTS_SHOWN,
    HOME_SERIES_SHOWN,
    FeaturePage,
    HomePage,
    SeriesPage,
    feature_page,
    home_page,
    make_picture,
    series_page,
)
from handscroll.publish.cursors import encode, part_token
from handscroll.publish.editions import pick_editions
from handscroll.publish.enriched import NO_MAP, MapSetup
from handscroll.publish.jsonld import written_as_is
from handscroll.publish.media import MediaLibrary
from handscroll.publish.page_parts import kept_parts
from handscroll.publish.urls import Urls
from handscroll.store import FeatureSummary, Library, SeriesSummary
from handscroll.store.feature_view import FeatureView
from handscroll.store.listing import PartKey

SERIES_PAGE_PARTS = 60
"""How many parts (works) a series page lists; a longer series continues on the next page."""

EDITIONS_AT_MOST = 3
"""Editions one work may have (English, Traditional, Simplified): rows read per work wanted."""

HomeAt = str | PartKey
"""A place on the home pages: after (or before) a series, by key, or a feature in no series."""

Work = list[FeatureSummary]
"""The rows of one work (its editions), or one row that is an edition of no work."""

Read = Callable[[int], Sequence[FeatureSummary]]
"""Reads up to so many rows, in reading order."""


def load_home(
    library: Library,
    media: MediaLibrary,
    urls: Urls,
    *,
    after: HomeAt | None = None,
    before: HomeAt | None = None,
) -> HomePage:
    """The home page after `after` (or just before `before`; the first page without either)."""
    size = HOME_SERIES_SHOWN
    if before is None:
        items, more = _home_after(library, after, size)
        first, last = (items[0] if after is not None else None), (items[-1] if more else None)
    else:
        items, more = _home_before(library, before, size)
        first, last = (items[0] if more else None), items[-1] if items else None
    if not items:
        first = last = None
    language = urls.language
    cards = [
        (head, _first_parts(library, head.key, language)) for head in items if isinstance(head, SeriesSummary)
    ]
    return home_page(
        cards,
        [_shown(w, language) for w in items if isinstance(w, list)],
        media,
        urls,
        previous_url=None if first is None else f"{urls.home()}?before={_token(first, start=True)}",
        next_url=None if last is None else f"{urls.home()}?after={_token(last, start=False)}",
    )


def _first_parts(library: Library, key: str, language: str) -> list[FeatureSummary]:
    """The first works of a series a home page shows as cards."""
    works = _works(library.parts_page(key, limit=_rows(HOME_PARTS_SHOWN)))
    return [_shown(w, language) for w in works[:HOME_PARTS_SHOWN]]


def _home_after(library: Library, at: HomeAt | None, size: int) -> tuple[list[SeriesSummary | Work], bool]:
    """Up to `size` series, then works in no series, after `at`, and whether more follow."""
    if isinstance(at, PartKey):
        loose, more = _works_after(lambda n: library.parts_page(None, after=at, limit=n), size)
        return list[SeriesSummary | Work](loose), more
    series: list[SeriesSummary | Work] = list(library.series_page(after=at, limit=size + 1, works=True))
    if len(series) > size:
        return series[:size], True
    loose, more = _works_after(lambda n: library.parts_page(None, limit=n), size - len(series))
    return [*series, *loose], more


def _home_before(library: Library, at: HomeAt, size: int) -> tuple[list[SeriesSummary | Work], bool]:
    """Up to `size` items just before `at`, and whether more come before them."""
    if not isinstance(at, PartKey):
        series = library.series_page(before=at, limit=size + 1, works=True)
        return list(series[-size:]), len(series) > size
    loose, more = _works_before(lambda n: library.parts_page(None, before=at, limit=n), size)
    if more or len(loose) == size:  # the series come before every feature in no series
        return list(loose), more or bool(library.series_page(last=True, limit=1))
    wanted = size - len(loose)
    series = library.series_page(last=True, limit=wanted + 1, works=True)
    return [*series[-wanted:], *loose], len(series) > wanted


def _token(item: SeriesSummary | Work, *, start: bool) -> str:
    """The cursor of an item: a series by key, a work by its first (or last) row."""
    if isinstance(item, SeriesSummary):
        return encode("s", item.key)
    return part_token(item[0] if start else item[-1])


def load_series(
    library: Library,
    key: str,
    media: MediaLibrary,
    urls: Urls,
    *,
    after: PartKey | None = None,
    before: PartKey | None = None,
) -> SeriesPage:
    """A page of a series' works; NotFoundError when the series has no features."""
    head = replace(library.get_series(key), features=library.count_works(key))
    size = SERIES_PAGE_PARTS
    if before is None:
        works, more = _works_after(lambda n: library.parts_page(key, after=after, limit=n), size)
        first, last = (works[0] if after is not None and works else None), (works[-1] if more else None)
    else:
        works, more = _works_before(lambda n: library.parts_page(key, before=before, limit=n), size)
        first, last = (works[0] if more and works else None), (works[-1] if works else None)
    here = urls.series(key)
    return series_page(
        key,
        head,
        [_shown(w, urls.language) for w in works],
        media,
        urls,
        previous_url=None if first is None else f"{here}?before={part_token(first[0])}",
        next_url=None if last is None else f"{here}?after={part_token(last[-1])}",
    )


def _works(rows: Sequence[FeatureSummary]) -> list[Work]:
    """Rows in reading order, grouped by work (a row of no work stands alone)."""
    works: list[Work] = []
    for row in rows:
        if works and row.work is not None and works[-1][-1].work == row.work:
            works[-1].append(row)
        else:
            works.append([row])
    return works


def _rows(works: int) -> int:
    """Rows to read for `works` whole works and one more."""
    return (works + 1) * EDITIONS_AT_MOST


def _works_after(read: Read, size: int) -> tuple[list[Work], bool]:
    """Up to `size` whole works from the rows `read` gives, and whether more follow."""
    rows = read(_rows(size))
    works = _works(rows)
    full = len(rows) == _rows(size)
    if full and len(works) > 1:
        works = works[:-1]  # the last may be cut short
    return works[:size], full or len(works) > size


def _works_before(read: Read, size: int) -> tuple[list[Work], bool]:
    """Up to `size` whole works ending where the rows `read` gives end, and whether more precede."""
    rows = read(_rows(size))
    works = _works(rows)
    full = len(rows) == _rows(size)
    if full and len(works) > 1:
        works = works[1:]  # the first may be cut short
    return works[-size:] if size else [], full or len(works) > size


def _shown(work: Work, language: str) -> FeatureSummary:
    """The edition of a work a reader of `language` sees."""
    return pick_editions(work, language)[0]


def _neighbour(
    rows: Sequence[FeatureSummary], own: str | None, slug: str, language: str
) -> FeatureSummary | None:
    """The edition shown of the nearest other work among `rows` (nearest first)."""
    others = [r for r in rows if not (r.slug == slug or (own is not None and r.work == own))]
    if not others:
        return None
    nearest = _works(others)[0]
    return _shown(nearest, language)


def surroundings(
    library: Library, slug: str, series: str | None, language: str
) -> tuple[SeriesSummary | None, FeatureSummary | None, FeatureSummary | None]:
    """The series a feature page names and the works shown before and after it, for a feature
    that may not be stored yet or may have moved (an editor's preview, issue 13)."""
    if series is None:
        return None, None, None
    try:
        view = library.feature_view(slug)
    except NotFoundError:
        view = None
    if view is None or view.feature.series != series:  # a new edition, or moved: no neighbours yet
        try:
            return library.get_series(series), None, None
        except NotFoundError:
            return SeriesSummary(series, None, 0), None, None
    return (
        SeriesSummary(series, view.series_title, 0),
        _neighbour(view.before, view.work, slug, language),
        _neighbour(view.after, view.work, slug, language),
    )


def load_feature(
    library: Library,
    slug: str,
    media: MediaLibrary,
    urls: Urls,
    map_setup: MapSetup = NO_MAP,
    view: FeatureView | None = None,
    *,
    kept: bool = True,
) -> FeaturePage:
    """A feature page with its enrichment, read from the library (or from its `view`, read already);
    NotFoundError for an unknown slug. Its parts that depend on the feature alone are those kept
    in the library (`page_parts`, made and kept when missing or stale); `kept=False` works them
    out here and keeps nothing (the same page: tests and benchmarks compare the two)."""
    view = view or library.feature_view(slug)
    feature, language = view.feature, urls.language
    series = SeriesSummary(feature.series, view.series_title, 0) if feature.series else None
    checks = parts = None
    if view.approved:
        checks = load_checks(
            library, feature, view.enrichment, urls, lambda m, alt: make_picture(media, m, alt, urls)
        )
    elif kept and written_as_is(urls.feature(slug)):
        parts = kept_parts(library, view)
    page = feature_page(
        feature,
        series=series,
        previous=_neighbour(view.before, view.work, slug, language),
        next=_neighbour(view.after, view.work, slug, language),
        media=media,
        urls=urls,
        enrichment=None if parts else view.enrichment,
        map_setup=map_setup,
        checks=checks,
        editions={e.language: e.slug for e in view.editions},
        derived=any(e.derived and e.slug == slug for e in view.editions),
        marked=parts.marked if parts else None,
        kept_nodes=parts.nodes if parts else None,
    )
    return replace(page, worksheet_url=f"{urls.feature(slug)}/worksheet.pdf")  # issue 15
