"""The static site: the reader's pages written to a folder, with relative links.

The folder works from `file://` and on any static host: `index.html`,
`series/<key>.html`, `features/<slug>.html`, `timeline.html`,
`timelines/<key>.html` (one per series), `glossary.html` and
`glossary-pinyin.html` (the two orders, so sorting needs no script),
`404.html`, `static/` (stylesheet, scripts, and Leaflet from npm in
`static/vendor/leaflet/` when it is installed) and `media/` (WebP derivatives).
Links are relative, so the folder can be moved anywhere.

Builds are incremental. Each page has a key: a hash of everything it is made
from (the feature's summary and update time, its neighbours, its series, the
templates, the media folder's listing). The keys are kept in a manifest; a
page whose key has not changed is neither rendered nor written. So after one
feature changed, a rebuild rewrites that feature, its series page, its
previous and next parts (their links show its title) and the home page.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from handscroll.config import Settings
from handscroll.model import ENRICHMENT_VERSION, Enrichment, Feature
from handscroll.publish.checks import load_checks
from handscroll.publish.contexts import (
    FeaturePage,
    FigureCard,
    Gallery,
    HomePage,
    LibraryReader,
    Link,
    Page,
    PartCard,
    SeriesPage,
    feature_page,
    home_page,
    not_found_page,
    series_page,
    series_title,
)
from handscroll.publish.enriched import LEAFLET_FILES, MapSetup, find_leaflet, map_setup
from handscroll.publish.iiif import site_manifests
from handscroll.publish.media import SIZES, MediaLibrary
from handscroll.publish.redirects import write_redirect_pages
from handscroll.publish.reference import (
    GLOSSARY_SORTS,
    GlossarySort,
    ReaderPage,
    ReferenceReader,
    glossary_page,
    timeline_page,
)
from handscroll.publish.render import STATIC_DIR, Renderer
from handscroll.publish.search_index import StaticIndex, write_search_page
from handscroll.publish.urls import SiteUrls, series_file
from handscroll.publish.vendor import vendor_files
from handscroll.store.records import FeatureSummary, GlossaryEntry, SeriesSummary, TimelineEntry

MANIFEST = ".handscroll-build.json"
"""The manifest of page keys, inside the output folder."""

FORMAT = 1
"""Bumped when the layout of a static site changes, so old builds are redone whole."""


class BuildProgress(Protocol):
    """Told how many pages there are, then of each one as it is done (the CLI's progress bar)."""

    def start(self, total: int) -> None: ...

    def advance(self, name: str) -> None: ...


@dataclass(frozen=True)
class BuildReport:
    """What a build did: pages written (relative paths), pages left as they were, pages removed."""

    written: tuple[str, ...]
    unchanged: int
    removed: tuple[str, ...]
    media: int

    @property
    def pages(self) -> int:
        """How many pages the site has."""
        return len(self.written) + self.unchanged


Loaded = tuple[Feature, Enrichment | None] | None
"""A feature and its enrichment as the build read them (None for pages of no one feature)."""


@dataclass(frozen=True)
class _Job:
    path: str
    key: str
    build: Callable[[Loaded], ReaderPage]
    summary: FeatureSummary | None = None
    """A feature's page: the build reads the feature once, for its page and for the search index."""


class SiteReader(LibraryReader, ReferenceReader, Protocol):
    """What a static build reads: the pages' library reads, the timeline and the glossary."""

    def enrichment_stamps(self) -> dict[str, tuple[str, int]]: ...

    def redirects(self) -> dict[str, str]: ...


def build_site(
    library: SiteReader,
    out_dir: Path,
    settings: Settings,
    *,
    progress: BuildProgress | None = None,
    base_url: str | None = None,
) -> BuildReport:
    """Write (or bring up to date) the static site of the whole library in `out_dir`.

    With `base_url` (where the site will be published) it also writes a IIIF
    manifest per feature, `iiif/SLUG/manifest.json`: IIIF ids must be absolute.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    renderer = Renderer()
    media = MediaLibrary(settings.media_dir, out_dir / "media")
    old = _read_manifest(out_dir)
    summaries = library.list_features()
    series = library.list_series()
    leaflet = find_leaflet(settings)
    maps = map_setup(settings, SiteUrls(1), leaflet is not None)
    base = _hash(FORMAT, renderer.version, media.fingerprint(), ENRICHMENT_VERSION, maps)
    jobs = list(_jobs(library, summaries, series, media, base, maps, library.enrichment_stamps()))
    jobs.extend(_reference_jobs(library, summaries, series, base))
    if progress is not None:
        progress.start(len(jobs))

    _copy_static(out_dir, leaflet)
    pages: dict[str, dict[str, object]] = {}
    written: list[str] = []
    search = StaticIndex(SiteUrls(0))
    for job in jobs:
        loaded: Loaded = None
        if job.summary is not None:
            loaded = (library.get_feature(job.summary.slug), library.get_enrichment(job.summary.slug))
            search.add(job.summary, *loaded)
        before = old.get(job.path)
        if before is not None and before.get("key") == job.key and (out_dir / job.path).is_file():
            pages[job.path] = before
        else:
            page = job.build(loaded)
            _write(out_dir / job.path, renderer.render(page).encode())
            pages[job.path] = {"key": job.key, "media": sorted(_pictures(page))}
            written.append(job.path)
        if progress is not None:
            progress.advance(job.path)

    pages.update(write_redirect_pages(library.redirects(), out_dir, set(pages), base_url))  # renamed features
    removed = sorted(set(old) - set(pages))
    for path in removed:
        (out_dir / path).unlink(missing_ok=True)
    media_ids = {m for entry in pages.values() for m in _strings(entry.get("media"))}
    for media_id in sorted(media_ids):
        for size in SIZES:
            media.derivative(media_id, size)
    if base_url is not None:
        for path, data in site_manifests(library, media, base_url).items():
            target = out_dir / path
            if not target.is_file() or target.read_bytes() != data:
                _write(target, data)
    search.write(out_dir)  # the static search (issues 5, 11)
    write_search_page(out_dir, renderer)
    _write(out_dir / MANIFEST, json.dumps({"format": FORMAT, "pages": pages}, indent=0).encode())
    return BuildReport(tuple(written), len(jobs) - len(written), tuple(removed), len(media_ids))


def _jobs(
    library: LibraryReader,
    summaries: list[FeatureSummary],
    series: list[SeriesSummary],
    media: MediaLibrary,
    base: str,
    maps: MapSetup,
    stamps: dict[str, tuple[str, int]],
) -> Iterator[_Job]:
    """Every page of the site with its key and how to build its context.

    A feature page's key includes its enrichment's stamp: enriching after a
    build must rewrite the page (issue 9.8).
    """
    known = {s.key: s for s in series}
    groups: dict[str | None, list[FeatureSummary]] = {}
    for item in summaries:
        groups.setdefault(item.series, []).append(item)
    root, nested = SiteUrls(0), SiteUrls(1)

    yield _Job(
        "index.html",
        _hash(base, summaries, series),
        lambda _: home_page(summaries, series, media, root),
    )
    yield _Job(
        "404.html",
        _hash(base, series),
        lambda _: not_found_page("this address", series, root),
    )
    for key, parts in groups.items():
        if key is None:
            continue
        head = known.get(key)
        yield _Job(
            f"series/{series_file(key)}",
            _hash(base, head, parts),
            _bind_series(key, head, parts, media, nested),
        )
    for key, parts in groups.items():
        head = known.get(key) if key is not None else None
        for at, part in enumerate(parts):
            previous = parts[at - 1] if key is not None and at > 0 else None
            following = parts[at + 1] if key is not None and at + 1 < len(parts) else None
            yield _Job(
                f"features/{part.slug}.html",
                _hash(
                    base,
                    part,
                    previous,
                    following,
                    head,
                    stamps.get(part.slug),
                ),
                _bind_feature(library, head, previous, following, media, nested, maps),
                summary=part,
            )


def _bind_series(
    key: str, summary: SeriesSummary | None, parts: list[FeatureSummary], media: MediaLibrary, urls: SiteUrls
) -> Callable[[Loaded], Page]:
    return lambda _: series_page(key, summary, parts, media, urls)


def _bind_feature(
    library: LibraryReader,
    summary: SeriesSummary | None,
    previous: FeatureSummary | None,
    following: FeatureSummary | None,
    media: MediaLibrary,
    urls: SiteUrls,
    maps: MapSetup,
) -> Callable[[Loaded], Page]:
    def build(loaded: Loaded) -> Page:
        assert loaded is not None  # a feature's job always comes with its feature
        feature, enrichment = loaded
        return feature_page(
            feature,
            series=summary,
            previous=previous,
            next=following,
            media=media,
            urls=urls,
            enrichment=enrichment,
            map_setup=maps,
            checks=load_checks(library, feature, enrichment, urls),  # issue 15
        )

    return build


def _reference_jobs(
    library: ReferenceReader, summaries: list[FeatureSummary], series: list[SeriesSummary], base: str
) -> Iterator[_Job]:
    """The timelines (library and each series) and the glossary in both orders."""
    entries = library.timeline()
    terms = library.glossary()
    titles = {s.slug: s.title for s in summaries}
    root, nested = SiteUrls(0), SiteUrls(1)
    yield _Job("timeline.html", _hash(base, entries), lambda _: timeline_page(entries, root))
    for head in series:
        picked = [e for e in entries if e.series == head.key]
        yield _Job(
            f"timelines/{series_file(head.key)}",
            _hash(base, head, picked),
            _bind_timeline(picked, head, nested),
        )
    named = sorted({slug for term in terms for slug in term.slugs})
    terms_key = _hash(base, terms, [(slug, titles.get(slug)) for slug in named])
    for sort in GLOSSARY_SORTS:
        path = root.glossary(sort)
        yield _Job(path, terms_key, _bind_glossary(terms, titles, root, sort))


def _bind_timeline(
    entries: list[TimelineEntry], head: SeriesSummary, urls: SiteUrls
) -> Callable[[Loaded], ReaderPage]:
    name = series_title(head, head.key)
    return lambda _: timeline_page(
        entries, urls, series=Link(urls.series(head.key), name), title=f"Timeline: {name}"
    )


def _bind_glossary(
    terms: list[GlossaryEntry], titles: dict[str, str], urls: SiteUrls, sort: GlossarySort
) -> Callable[[Loaded], ReaderPage]:
    return lambda _: glossary_page(terms, titles, urls, sort)


def _pictures(page: ReaderPage) -> set[str]:
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


def _copy_static(out_dir: Path, leaflet: Path | None) -> None:
    """Copy the stylesheet, scripts and icon, and Leaflet's files when it is installed, leaving
    files that are already the same."""
    target = out_dir / "static"
    _copy_files(STATIC_DIR.iterdir(), target)
    if leaflet is not None:
        vendor = target / "vendor" / "leaflet"
        _copy_files((leaflet / name for name in LEAFLET_FILES), vendor)
        _copy_files((leaflet / "images").glob("*.png"), vendor / "images")
    for name, source in vendor_files().items():  # fonts, viewer, base map (issue 14)
        _copy_files([source], (target / "vendor" / name).parent)


def _copy_files(sources: Iterable[Path], target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for source in sources:
        if source.is_file():
            dest = target / source.name
            if not dest.is_file() or dest.read_bytes() != source.read_bytes():
                shutil.copyfile(source, dest)


def _read_manifest(out_dir: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("pages"), dict):
        return {}
    return {k: v for k, v in data["pages"].items() if isinstance(k, str) and isinstance(v, dict)}


def _strings(value: object) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _hash(*parts: object) -> str:
    """A page's key: the digest of the repr of what it is made from (frozen dataclasses print every
    field; `dataclasses.astuple` gave the same and took a fifth of a build copying them)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _write(path: Path, data: bytes) -> None:
    """Write a file whole: under a temporary name, then moved into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(path)
