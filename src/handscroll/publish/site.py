"""The static site: the reader's pages written to a folder, with relative links.

The folder works from `file://` and on any static host: `index.html` (then
`index-2.html`... when the library has more series than one home page shows),
`series/<key>.html`, `features/<slug>.html`, `timeline.html`,
`timelines/<key>.html` (one per series; each in pages, `-page-2.html`...),
`glossary.html` and `glossary-pinyin.html` (the two orders, so sorting needs no
script; each in pages of 100 terms, `site_reference`), `places.html`,
`404.html`, `static/` (stylesheet, scripts, and Leaflet from npm in
`static/vendor/leaflet/` when it is installed) and `media/` (WebP derivatives).
Links are relative, so the folder can be moved anywhere.

Builds are incremental. Each page has a key: a hash of everything it is made
from (the feature's summary and update time, its neighbours, its series, the
templates, the media folder's listing). The keys are kept in a manifest; a
page whose key has not changed is neither rendered nor written. So after one
feature changed, a rebuild rewrites that feature, its series page, its
previous and next parts (their links show its title) and the home page.
Feature pages, and the static search index made from the same reading of
each feature, are built by `site_features` (on every core for a big build).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from handscroll.config import Settings
from handscroll.model import ENRICHMENT_VERSION
from handscroll.publish.contexts import (
    HOME_PARTS_SHOWN,
    HOME_SERIES_SHOWN,
    Page,
    home_page,
    not_found_page,
    series_page,
)
from handscroll.publish.editions import pick_editions, works_of
from handscroll.publish.enriched import LEAFLET_FILES, find_leaflet, map_setup
from handscroll.publish.i18n import LOCALES
from handscroll.publish.iiif import site_manifests
from handscroll.publish.media import SIZES, MediaLibrary
from handscroll.publish.redirects import write_redirect_pages
from handscroll.publish.reference import ReferenceReader
from handscroll.publish.render import STATIC_DIR, Renderer
from handscroll.publish.search_index import StaticIndex, write_search_page
from handscroll.publish.site_features import (
    FeatureReader,
    FeatureTask,
    build_feature_pages,
    site_urls,
    write_file,
)
from handscroll.publish.site_jobs import BuildProgress, Job, page_key, run_jobs
from handscroll.publish.site_reference import places_jobs, read_reference, reference_jobs
from handscroll.publish.site_timeline import TimelineSource, read_timelines, timeline_jobs
from handscroll.publish.urls import SiteUrls, series_file, site_folder
from handscroll.publish.vendor import WRAPPED, vendor_files, wrapped_file
from handscroll.store.places import PlaceGroup
from handscroll.store.records import FeatureSummary, SeriesSummary

MANIFEST = ".handscroll-build.json"
"""The manifest of page keys, inside the output folder."""

FORMAT = 1
"""Bumped when the layout of a static site changes, so old builds are redone whole."""


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


class SiteReader(FeatureReader, ReferenceReader, TimelineSource, Protocol):
    """What a static build reads: the pages' library reads, the timeline and the glossary."""

    def enrichment_stamps(self) -> dict[str, tuple[str, int]]: ...

    def redirects(self) -> dict[str, str]: ...

    def all_places(self) -> list[PlaceGroup]: ...


def build_site(
    library: SiteReader,
    out_dir: Path,
    settings: Settings,
    *,
    progress: BuildProgress | None = None,
    base_url: str | None = None,
    languages: Sequence[str] | None = None,
) -> BuildReport:
    """Write (or bring up to date) the static site of the whole library in `out_dir`.

    With `base_url` (where the site will be published) it also writes a IIIF
    manifest per feature, `iiif/SLUG/manifest.json`: IIIF ids must be absolute.
    `languages` are the interface languages to build (all of `LOCALES` by default):
    an English-only library may want English only, a third of the pages.
    """
    built = interface_languages(languages)
    out_dir.mkdir(parents=True, exist_ok=True)
    renderer = Renderer()
    media = MediaLibrary(settings.media_dir, out_dir / "media", out_dir / "iiif" / "image")
    old = _read_manifest(out_dir)
    summaries = library.list_features()
    series = library.list_series()
    leaflet = find_leaflet(settings)
    maps = map_setup(settings, SiteUrls(1), leaflet is not None)
    base = page_key(FORMAT, renderer.version, media.fingerprint(), ENRICHMENT_VERSION, maps, built)
    stamps = library.enrichment_stamps()
    jobs: list[Job] = []
    tasks: list[FeatureTask] = []
    reference = read_reference(library)  # once for every language
    timelines = read_timelines(library)  # cut into pages from the dates alone; events streamed later
    places = library.all_places()  # from the places table, once (issue 11)
    for language in built:  # English at the root, the others in zh-hant/ and zh-hans/ (issue 12)
        jobs.extend(_jobs(summaries, series, media, base, language, built))
        tasks.extend(_feature_tasks(summaries, series, base, stamps, language, old, out_dir))
        jobs.extend(reference_jobs(reference, summaries, base, language, built))
        root = site_urls(language, built)[0]
        jobs.extend(places_jobs(places, root, map_setup(settings, root, leaflet is not None), base))
    jobs.extend(timeline_jobs(timelines, summaries, series, stamps, base, built))  # a page at a time
    if progress is not None:
        progress.start(len(jobs) + len(tasks))

    _copy_static(out_dir, leaflet)
    pages: dict[str, dict[str, object]] = {}
    written: list[str] = []
    # Feature pages first: on a big build they run on every core while this process renders
    # the other pages. Each feature is read once, for its pages and the search index (issue 11).
    slices = build_feature_pages(library, summaries, tasks, out_dir, settings, leaflet is not None, built)
    try:
        written.extend(run_jobs(jobs, old, pages, out_dir, renderer, progress))
    finally:
        timelines.close()
    search = StaticIndex(SiteUrls(0), out_dir)
    rendered: dict[str, list[str]] = {}
    for part in slices:
        search.join(part.index)
        rendered.update(part.pages)
        if progress is not None:
            for path in part.pages:
                progress.advance(path)
    for task in tasks:
        if task.path in rendered:
            pages[task.path] = {"key": task.key, "media": rendered[task.path]}
            written.append(task.path)
        else:
            pages[task.path] = old[task.path]
            if progress is not None:
                progress.advance(task.path)

    pages.update(write_redirect_pages(library.redirects(), out_dir, set(pages), base_url))  # renamed features
    removed = sorted(set(old) - set(pages))
    for path in removed:
        (out_dir / path).unlink(missing_ok=True)
    media_ids = {m for entry in pages.values() for m in _strings(entry.get("media"))}
    for media_id in sorted(media_ids):
        for size in SIZES:
            media.derivative(media_id, size)
        media.tiles(media_id)  # deep zoom: cut once, kept while the picture is unchanged (issue 14)
    if base_url is not None:
        _write_image_services(media, media_ids, base_url, out_dir)
        for path, data in site_manifests(library, media, base_url).items():
            target = out_dir / path
            if not target.is_file() or target.read_bytes() != data:
                write_file(target, data)
    search.write()  # the static search (issues 5, 11)
    write_search_page(out_dir, renderer, built)
    write_file(out_dir / MANIFEST, json.dumps({"format": FORMAT, "pages": pages}, indent=0).encode())
    total = len(jobs) + len(tasks)
    return BuildReport(tuple(written), total - len(written), tuple(removed), len(media_ids))


def _jobs(
    summaries: list[FeatureSummary],
    series: list[SeriesSummary],
    media: MediaLibrary,
    base: str,
    language: str,
    built: tuple[str, ...],
) -> Iterator[Job]:
    """The home page, the not-found page and every series page in one language, with keys and contexts."""
    known = {s.key: s for s in series}
    root, nested = site_urls(language, built)
    folder = site_folder(language)
    base = page_key(base, language)
    groups = _series_parts(summaries, language)

    # A series counts its works (each listed once), as the server's pages do.
    heads = [(replace(s, features=len(groups[s.key])), groups[s.key]) for s in series if s.key in groups]
    yield from _home_jobs(heads, groups.get(None, []), media, base, folder, root)
    yield Job(
        f"{folder}404.html", page_key(base, series), lambda: not_found_page("this address", series, root)
    )
    for key, parts in groups.items():
        if key is None:
            continue
        head = known.get(key)
        head = replace(head, features=len(parts)) if head is not None else None
        yield Job(
            f"{folder}series/{series_file(key)}",
            page_key(base, head, parts),
            _bind_series(key, head, parts, media, nested),
        )


def _feature_tasks(
    summaries: list[FeatureSummary],
    series: list[SeriesSummary],
    base: str,
    stamps: dict[str, tuple[str, int]],
    language: str,
    old: dict[str, dict[str, object]],
    out_dir: Path,
) -> Iterator[FeatureTask]:
    """Every feature page in one language with its key, its neighbours, its work's editions (the
    language switcher links to the one each language shows), and whether it must be written again.

    A feature page's key includes its enrichment's stamp: enriching after a
    build must rewrite the page (issue 9.8).
    """
    known = {s.key: s for s in series}
    works = works_of(summaries)
    folder = site_folder(language)
    base = page_key(base, language)
    groups = _series_parts(summaries, language)
    places = {key: _places(parts) for key, parts in groups.items() if key is not None}
    # Every edition has its page in every language, as on the live server (a search result or an
    # old link may name any edition); the lists and the previous/next links show this language's.
    for part in summaries:
        key = part.series
        head = known.get(key) if key is not None else None
        previous, following = _neighbours(part, groups[key], places[key]) if key in places else (None, None)
        editions = tuple(sorted(works[part.work].items())) if part.work else ()
        path = f"{folder}features/{part.slug}.html"
        key = page_key(base, part, previous, following, head, stamps.get(part.slug), editions)
        before = old.get(path)
        current = before is not None and before.get("key") == key and (out_dir / path).is_file()
        yield FeatureTask(path, key, language, part, head, previous, following, editions, not current)


def _places(parts: list[FeatureSummary]) -> dict[tuple[str, str], int]:
    """Where each slug and each work first stands in a series' list, so finding a part's neighbours
    is a look-up, not a scan of its series (a 3,333-part series made that quadratic)."""
    places: dict[tuple[str, str], int] = {}
    for at, listed in enumerate(parts):
        places.setdefault(("slug", listed.slug), at)
        if listed.work is not None:
            places.setdefault(("work", listed.work), at)
    return places


def _neighbours(
    part: FeatureSummary, parts: list[FeatureSummary], places: dict[tuple[str, str], int]
) -> tuple[FeatureSummary | None, FeatureSummary | None]:
    """The works listed just before and after `part` in its series in this language: an edition
    this language does not list stands where its work's listed edition stands, as on the server."""
    found = [places.get(("slug", part.slug)), places.get(("work", part.work)) if part.work else None]
    known = [at for at in found if at is not None]
    if not known:
        return None, None
    at = min(known)
    return (parts[at - 1] if at > 0 else None, parts[at + 1] if at + 1 < len(parts) else None)


def _series_parts(summaries: list[FeatureSummary], language: str) -> dict[str | None, list[FeatureSummary]]:
    """The features a reader of `language` sees, by series: each work once, in this language's edition."""
    groups: dict[str | None, list[FeatureSummary]] = {}
    for item in pick_editions(summaries, language):
        groups.setdefault(item.series, []).append(item)
    return groups


def _home_jobs(
    series: list[tuple[SeriesSummary, list[FeatureSummary]]],
    standalone: list[FeatureSummary],
    media: MediaLibrary,
    base: str,
    folder: str,
    urls: SiteUrls,
) -> Iterator[Job]:
    """The home pages of one language, `index.html` then `index-2.html`...: the server's pages, by
    number (issue 11)."""
    items: list[tuple[SeriesSummary, list[FeatureSummary]] | FeatureSummary] = [*series, *standalone]
    size = HOME_SERIES_SHOWN
    count = max(1, -(-len(items) // size))
    for number in range(1, count + 1):
        shown = items[(number - 1) * size : number * size]
        heads = [
            (head, parts[:HOME_PARTS_SHOWN]) for head, parts in (i for i in shown if isinstance(i, tuple))
        ]
        loose = [i for i in shown if not isinstance(i, tuple)]
        previous = _home_file(number - 1) if number > 1 else None
        following = _home_file(number + 1) if number < count else None
        key = page_key(base, heads, loose)
        yield Job(
            f"{folder}{_home_file(number)}",
            page_key(key, previous, following),
            _bind_home(heads, loose, media, urls, previous, following),
        )


def _home_file(number: int) -> str:
    return "index.html" if number == 1 else f"index-{number}.html"


def _bind_home(
    heads: list[tuple[SeriesSummary, list[FeatureSummary]]],
    loose: list[FeatureSummary],
    media: MediaLibrary,
    urls: SiteUrls,
    previous: str | None,
    following: str | None,
) -> Callable[[], Page]:
    return lambda: home_page(heads, loose, media, urls, previous_url=previous, next_url=following)


def _bind_series(
    key: str, summary: SeriesSummary | None, parts: list[FeatureSummary], media: MediaLibrary, urls: SiteUrls
) -> Callable[[], Page]:
    return lambda: series_page(key, summary, parts, media, urls)


def _write_image_services(media: MediaLibrary, media_ids: set[str], base_url: str, out_dir: Path) -> None:
    """Each picture's `iiif/image/<media-id>/info.json`; IIIF ids must be absolute, so only with
    `base_url` (the viewer itself needs none: it is given the tiling in the page)."""
    urls = SiteUrls(0)
    for media_id in sorted(media_ids):
        info = media.info(media_id)
        if info is not None:
            service = f"{base_url.rstrip('/')}/{urls.tiles(media_id)}"
            data = json.dumps(info.pyramid.info(service), indent=1).encode()
            target = out_dir / urls.tiles(media_id) / "info.json"
            if not target.is_file() or target.read_bytes() != data:
                write_file(target, data)


def _copy_static(out_dir: Path, leaflet: Path | None) -> None:
    """Copy the stylesheet, scripts and icon, and Leaflet's files when it is installed, leaving
    files that are already the same."""
    target = out_dir / "static"
    _copy_files(STATIC_DIR.iterdir(), target)
    if leaflet is not None:
        vendor = target / "vendor" / "leaflet"
        _copy_files((leaflet / name for name in LEAFLET_FILES), vendor)
        _copy_files((leaflet / "images").glob("*.png"), vendor / "images")
    files = vendor_files()
    for name, source in files.items():  # fonts, viewer, base map (issue 14)
        _copy_files([source], (target / "vendor" / name).parent)
    for name in WRAPPED:  # the base map as a script, for file:// (issue 14)
        data = wrapped_file(files, name)
        if data is not None and (
            not (target / "vendor" / name).is_file() or (target / "vendor" / name).read_bytes() != data
        ):
            write_file(target / "vendor" / name, data)


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


def interface_languages(asked: Sequence[str] | None) -> tuple[str, ...]:
    """The interface languages to build, in `LOCALES` order (all when none are asked); ValueError
    names one the reader has no interface in."""
    if not asked:
        return tuple(LOCALES)
    known = {language.casefold(): language for language in LOCALES}
    unknown = [language for language in asked if language.casefold() not in known]
    if unknown:
        raise ValueError(f"no interface language {unknown[0]!r}: the reader has {', '.join(LOCALES)}")
    wanted = {known[language.casefold()] for language in asked}
    return tuple(language for language in LOCALES if language in wanted)
