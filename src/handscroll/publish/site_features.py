"""The feature pages of a static build and its search index, from each feature read once (issue 11).

Feature pages are most of a site: one per feature and interface language
(issue 12: every edition has its page in every language). They are built here in slices of the library, in
reading order: each slice reads its features a chunk at a time
(`Library.read_features`), adds each to the static search index and renders
its pages whose keys changed. A big build (PARALLEL_FROM pages to write or
more) runs its slices on every core, in processes that open the library
themselves; their search indexes are joined in order, so the index is the
same as one process would write.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

from handscroll.config import Settings
from handscroll.errors import NotFoundError
from handscroll.model import Enrichment, Feature
from handscroll.publish.checks import ChecksReader, load_checks
from handscroll.publish.contexts import (
    FeaturePage,
    FigureCard,
    Gallery,
    HomePage,
    LibraryReader,
    PartCard,
    SeriesPage,
    feature_page,
    make_picture,
)
from handscroll.publish.enriched import map_setup, mark_enrichment
from handscroll.publish.i18n import LOCALES
from handscroll.publish.media import MediaLibrary
from handscroll.publish.reference import ReaderPage
from handscroll.publish.render import Renderer
from handscroll.publish.search_index import StaticIndex
from handscroll.publish.urls import SiteUrls, site_folder
from handscroll.store.records import FeatureSummary, SeriesSummary
from handscroll.worker_lifetime import die_with_parent, initializer_args

PARALLEL_FROM = 200
"""Feature pages to write before a build renders them on more than one core (starting a worker
costs about a second)."""

READ_BATCH = 100
"""Features read at a time: the store reads up to 2,500 in one query, 280 MB of parsed features and
enrichments at the generated corpus' size, which made a 10,000-feature build's workers 1.3 GB."""


@dataclass(frozen=True)
class FeatureTask:
    """One feature page in one interface language: where it goes, its key, and what it shows
    around the feature."""

    path: str
    key: str
    language: str
    summary: FeatureSummary
    series: SeriesSummary | None
    previous: FeatureSummary | None
    following: FeatureSummary | None
    editions: tuple[tuple[str, str], ...]
    """The work's editions, (language, slug): `feature_page` picks the switcher's links from them."""
    render: bool
    """False when the page on disk is current."""


Work = tuple[FeatureSummary, tuple[FeatureTask, ...]]
"""A feature and its pages (one per interface language): read once for all of them."""


@dataclass
class Slice:
    """What one slice of the build wrote: pages with their pictures, and its part of the index."""

    index: StaticIndex
    pages: dict[str, list[str]] = field(default_factory=dict)


class FeatureReader(LibraryReader, ChecksReader, Protocol):
    """What building feature pages reads from the library (their self-checks' too)."""

    def read_features(self, slugs: Sequence[str]) -> Iterator[tuple[Feature, Enrichment | None]]: ...

    def approved_quiz_features(self) -> frozenset[str]: ...


@dataclass(frozen=True)
class _Setup:
    """What a worker needs to build a slice on its own (plain data, sent to the worker)."""

    url: str
    out_dir: Path
    settings: Settings
    leaflet: bool
    languages: tuple[str, ...]


def site_urls(language: str, built: tuple[str, ...] | None = None) -> tuple[SiteUrls, SiteUrls]:
    """The links of a language's top-level pages and of the pages one folder below them, in a
    site built in the interface languages `built` (all when None)."""
    depth = 1 if site_folder(language) else 0
    return SiteUrls(depth, language, built), SiteUrls(depth + 1, language, built)


def build_feature_pages(
    library: FeatureReader,
    summaries: Sequence[FeatureSummary],
    tasks: Sequence[FeatureTask],
    out_dir: Path,
    settings: Settings,
    leaflet: bool,
    languages: tuple[str, ...] = tuple(LOCALES),
) -> Iterator[Slice]:
    """Build the feature pages in slices, in order: in this process, or on every core.

    On every core the work starts at once, and the caller renders its other
    pages while the workers run; the slices come back in order.
    """
    pages: dict[str, list[FeatureTask]] = {}
    for task in tasks:
        pages.setdefault(task.summary.slug, []).append(task)
    works: list[Work] = [(summary, tuple(pages.get(summary.slug, ()))) for summary in summaries]
    cores = os.cpu_count() or 1
    url = _url(library)
    setup = _Setup(url or "", out_dir, settings, leaflet, languages)
    if url is None or cores < 2 or sum(task.render for task in tasks) < PARALLEL_FROM:
        return iter([_slice(library, works, 0, setup, Renderer())])
    count = min(cores, 8)
    size = -(-len(works) // count)
    slices = [works[start : start + size] for start in range(0, len(works), size)]
    firsts = list(itertools.accumulate((len(part) for part in slices[:-1]), initial=0))
    # spawn, not fork: workers start clean, without this process's connections or threads;
    # they die with it (worker_lifetime).
    pool = ProcessPoolExecutor(
        max_workers=count,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=die_with_parent,
        initargs=initializer_args(),
    )
    results = pool.map(_build_slice, itertools.repeat(setup), slices, firsts)

    def drain() -> Iterator[Slice]:
        done = 0
        with pool:
            try:
                for result in results:
                    done += 1
                    yield result
            except BrokenProcessPool:
                # Workers could not start (a caller's script without the `__main__` guard
                # that spawned processes need): build the rest here instead.
                renderer = Renderer()
                for part, first in zip(slices[done:], firsts[done:], strict=True):
                    yield _slice(library, part, first, setup, renderer)

    return drain()


def _url(library: FeatureReader) -> str | None:
    """The library's URL, for workers to open it themselves (None for anything but a Library)."""
    from handscroll.store import Library

    if not isinstance(library, Library):
        return None
    return library.engine.url.render_as_string(hide_password=False)


def _build_slice(setup: _Setup, works: Sequence[Work], first: int) -> Slice:
    from handscroll.store import Library

    with Library.open(setup.url) as library:
        return _slice(library, works, first, setup, Renderer())


def _slice(
    library: FeatureReader,
    works: Sequence[Work],
    first: int,
    setup: _Setup,
    renderer: Renderer,
) -> Slice:
    out_dir, built = setup.out_dir, setup.languages
    media = MediaLibrary(setup.settings.media_dir, out_dir / "media")
    nested = {language: site_urls(language, built)[1] for language in built}
    maps = {language: map_setup(setup.settings, nested[language], setup.leaflet) for language in built}
    done = Slice(StaticIndex(SiteUrls(0), out_dir, first_doc=first))
    features = _read(library, [summary.slug for summary, _ in works])
    # Most features have no approved self-check: asked once for the slice (issue 11).
    approved = library.approved_quiz_features()
    for summary, tasks in works:
        loaded = next(features, None)
        if loaded is None or loaded[0].slug != summary.slug:
            raise NotFoundError(f"the feature {summary.slug!r} was deleted while the site was built")
        feature, enrichment = loaded
        done.index.add(summary, feature, enrichment, [site_folder(task.language) for task in tasks])
        checked = enrichment is not None and feature.slug in approved
        marked = mark_enrichment(enrichment)  # the same in every language: worked out once
        for task in tasks:
            if task.render:
                urls = nested[task.language]
                page = feature_page(
                    feature,
                    series=task.series,
                    previous=task.previous,
                    next=task.following,
                    media=media,
                    urls=urls,
                    enrichment=enrichment,
                    map_setup=maps[task.language],
                    checks=load_checks(  # issue 15
                        library, feature, enrichment, urls, partial(make_picture, media, urls=urls)
                    )
                    if checked
                    else None,
                    editions=dict(task.editions),  # the switcher's links (issue 12)
                    derived=summary.derived,
                    marked=marked,
                )
                write_file(out_dir / task.path, renderer.render(page).encode())
                done.pages[task.path] = sorted(pictures(page))
    return done


def _read(library: FeatureReader, slugs: list[str]) -> Iterator[tuple[Feature, Enrichment | None]]:
    """The features a batch of `READ_BATCH` at a time: what a build holds at once (issue 11)."""
    for start in range(0, len(slugs), READ_BATCH):
        yield from library.read_features(slugs[start : start + READ_BATCH])


def pictures(page: ReaderPage) -> set[str]:
    """The media IDs a page shows as images (placeholders need no file)."""
    cards: list[PartCard] = []
    found: set[str] = set()
    if isinstance(page, HomePage):
        cards = [c for s in page.series for c in s.parts] + list(page.standalone)
    elif isinstance(page, SeriesPage):
        cards = list(page.parts)
    elif isinstance(page, FeaturePage):
        cards = [c for c in (page.previous, page.next) if c is not None]
        if page.hero and page.hero.available:
            found.add(page.hero.media)
        for section in page.sections:
            if isinstance(section, Gallery):
                found.update(
                    item.picture.media
                    for item in section.items
                    if isinstance(item, FigureCard) and item.picture.available
                )
    found.update(c.picture.media for c in cards if c.picture and c.picture.available)
    return found


def write_file(path: Path, data: bytes) -> None:
    """Write a file whole: under a temporary name, then moved into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(path)
