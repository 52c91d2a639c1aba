"""Where pages and files live: absolute paths on the web server, relative paths in a static site.

Page contexts ask a `Urls` for every link, so one template renders both the
live reader (`/features/<slug>`) and a static folder that works from `file://`
(`../features/<slug>.html`).

Pages name their interface language in the path (issue 12): English pages are
unprefixed, Traditional Chinese ones live under `/zh-hant/`, Simplified under
`/zh-hans/` (`zh-hant/index.html`, `zh-hant/features/<slug>.html` in a static
site). Pictures, stylesheets and scripts are shared by all three.
"""

from __future__ import annotations

from typing import Protocol
from urllib.parse import quote

from handscroll.publish.i18n import DEFAULT_LANGUAGE, URL_PREFIXES


class Urls(Protocol):
    """The links a page may need, in one interface language; each publisher supplies its own."""

    @property
    def language(self) -> str: ...

    def in_language(self, language: str) -> Urls: ...

    def home(self) -> str: ...

    def series(self, key: str) -> str: ...

    def feature(self, slug: str) -> str: ...

    def media(self, media_id: str, size: str) -> str: ...

    def tiles(self, media_id: str) -> str: ...

    def static(self, name: str) -> str: ...

    def timeline(self, series: str | None = None) -> str: ...

    def glossary(self, sort: str = "english") -> str: ...

    def places(self) -> str: ...

    def search(self) -> str: ...


class WebUrls:
    """Root-relative links of the live server, for pages in `language`."""

    def __init__(self, language: str = DEFAULT_LANGUAGE) -> None:
        self.language = language
        prefix = URL_PREFIXES[language]
        self.root = f"/{prefix}" if prefix else ""

    def in_language(self, language: str) -> WebUrls:
        """The same server's links for pages in another language."""
        return WebUrls(language)

    def home(self) -> str:
        """The home page (`/`, `/zh-hant/`)."""
        return f"{self.root}/"

    def series(self, key: str) -> str:
        """A series page; the key is quoted because it comes from data."""
        return f"{self.root}/series/{quote(key, safe='')}"

    def feature(self, slug: str) -> str:
        """A feature page."""
        return f"{self.root}/features/{slug}"

    def media(self, media_id: str, size: str) -> str:
        """One derivative of a picture."""
        return f"/media/{media_id}/{size}.webp"

    def tiles(self, media_id: str) -> str:
        """A picture's deep-zoom tiles: its IIIF level-0 image service (issue 14)."""
        return f"/iiif/image/{media_id}"

    def static(self, name: str) -> str:
        """A stylesheet or script."""
        return f"/static/{name}"

    def timeline(self, series: str | None = None) -> str:
        """The timeline of the library, or of one series."""
        return f"{self.root}/timeline" if series is None else f"{self.series(series)}/timeline"

    def glossary(self, sort: str = "english") -> str:
        """The library glossary, ordered by English name or by pinyin."""
        page = f"{self.root}/glossary"
        return page if sort == "english" else f"{page}?sort={quote(sort, safe='')}"

    def places(self) -> str:
        """The places of the whole library, on one map (issue 14)."""
        return f"{self.root}/places"

    def search(self) -> str:
        """The search results page (issue 5)."""
        return f"{self.root}/search"


class SiteUrls:
    """Relative links of a static site, seen from a page `depth` folders below its root, for pages
    in `language` (English at the root, the others in `zh-hant/`, `zh-hans/`); `built` names the
    interface languages the site has (all when None: `build --languages`)."""

    def __init__(
        self, depth: int = 0, language: str = DEFAULT_LANGUAGE, built: tuple[str, ...] | None = None
    ) -> None:
        self.depth = depth
        self.language = language
        self.built = built
        self.prefix = "../" * depth
        folder = URL_PREFIXES[language]
        self.pages = f"{self.prefix}{folder}/" if folder else self.prefix

    def in_language(self, language: str) -> SiteUrls:
        """The links of the same page's place for pages in another language; a language the site
        was not built in stays in this one (the switcher leaves it out: `make_chrome`)."""
        kept = language if self.built is None or language in self.built else self.language
        return SiteUrls(self.depth, kept, self.built)

    def home(self) -> str:
        """The home page, `index.html` (a file, so `file://` opens it)."""
        return f"{self.pages}index.html"

    def series(self, key: str) -> str:
        """A series page."""
        return f"{self.pages}series/{series_file(key)}"

    def feature(self, slug: str) -> str:
        """A feature page."""
        return f"{self.pages}features/{slug}.html"

    def media(self, media_id: str, size: str) -> str:
        """One derivative of a picture, copied into `media/`."""
        return f"{self.prefix}media/{derivative_name(media_id, size)}"

    def tiles(self, media_id: str) -> str:
        """A picture's deep-zoom tiles, cut into `iiif/image/<media-id>/` by the build."""
        return f"{self.prefix}iiif/image/{media_id}"

    def static(self, name: str) -> str:
        """A stylesheet or script, copied into `static/`."""
        return f"{self.prefix}static/{name}"

    def timeline(self, series: str | None = None) -> str:
        """The library timeline `timeline.html`, or a series' `timelines/KEY.html`."""
        if series is None:
            return f"{self.pages}timeline.html"
        return f"{self.pages}timelines/{series_file(series)}"

    def glossary(self, sort: str = "english") -> str:
        """The glossary by English name (`glossary.html`) or by pinyin (`glossary-pinyin.html`):
        two files, so sorting works without a script and from `file://`."""
        return f"{self.pages}glossary.html" if sort == "english" else f"{self.pages}glossary-{sort}.html"

    def places(self) -> str:
        """The places of the whole library, `places.html` (issue 14)."""
        return f"{self.pages}places.html"

    def search(self) -> str:
        """The search page `search.html`, answered by a script from a prebuilt index (issue 5)."""
        return f"{self.pages}search.html"


def series_file(key: str) -> str:
    """The file name of a series page; keys are data, so anything unsafe is quoted away."""
    return quote(key, safe="").replace("%", "_") + ".html"


def derivative_name(media_id: str, size: str) -> str:
    """The file name of one derivative, the same in the server's cache and in a static site."""
    return f"{media_id}-{size}.webp"


def site_folder(language: str) -> str:
    """The folder of a static site holding a language's pages, with its slash (English: none)."""
    prefix = URL_PREFIXES[language]
    return f"{prefix}/" if prefix else ""
