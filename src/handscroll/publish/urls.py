"""Where pages and files live: absolute paths on the web server, relative paths in a static site.

Page contexts ask a `Urls` for every link, so one template renders both the
live reader (`/features/<slug>`) and a static folder that works from `file://`
(`../features/<slug>.html`).
"""

from __future__ import annotations

from typing import Protocol
from urllib.parse import quote


class Urls(Protocol):
    """The links a page may need; each publisher supplies its own."""

    def home(self) -> str: ...

    def series(self, key: str) -> str: ...

    def feature(self, slug: str) -> str: ...

    def media(self, media_id: str, size: str) -> str: ...

    def tiles(self, media_id: str) -> str: ...

    def static(self, name: str) -> str: ...

    def timeline(self, series: str | None = None) -> str: ...

    def glossary(self, sort: str = "english") -> str: ...

    def search(self) -> str: ...


class WebUrls:
    """Root-relative links of the live server."""

    def home(self) -> str:
        """The home page."""
        return "/"

    def series(self, key: str) -> str:
        """A series page; the key is quoted because it comes from data."""
        return f"/series/{quote(key, safe='')}"

    def feature(self, slug: str) -> str:
        """A feature page."""
        return f"/features/{slug}"

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
        return "/timeline" if series is None else f"{self.series(series)}/timeline"

    def glossary(self, sort: str = "english") -> str:
        """The library glossary, ordered by English name or by pinyin."""
        return "/glossary" if sort == "english" else f"/glossary?sort={quote(sort, safe='')}"

    def search(self) -> str:
        """The search results page (issue 5)."""
        return "/search"


class SiteUrls:
    """Relative links of a static site, seen from a page `depth` folders below its root."""

    def __init__(self, depth: int = 0) -> None:
        self.prefix = "../" * depth

    def home(self) -> str:
        """The home page, `index.html` (a file, so `file://` opens it)."""
        return f"{self.prefix}index.html"

    def series(self, key: str) -> str:
        """A series page."""
        return f"{self.prefix}series/{series_file(key)}"

    def feature(self, slug: str) -> str:
        """A feature page."""
        return f"{self.prefix}features/{slug}.html"

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
            return f"{self.prefix}timeline.html"
        return f"{self.prefix}timelines/{series_file(series)}"

    def glossary(self, sort: str = "english") -> str:
        """The glossary by English name (`glossary.html`) or by pinyin (`glossary-pinyin.html`):
        two files, so sorting works without a script and from `file://`."""
        return f"{self.prefix}glossary.html" if sort == "english" else f"{self.prefix}glossary-{sort}.html"

    def search(self) -> str:
        """The search page `search.html`, answered by a script from a prebuilt index (issue 5)."""
        return f"{self.prefix}search.html"


def series_file(key: str) -> str:
    """The file name of a series page; keys are data, so anything unsafe is quoted away."""
    return quote(key, safe="").replace("%", "_") + ".html"


def derivative_name(media_id: str, size: str) -> str:
    """The file name of one derivative, the same in the server's cache and in a static site."""
    return f"{media_id}-{size}.webp"
