"""HTTP caching of the live reader: ETags, 304s, rendered pages kept in memory, the series memo.

A repeat request costs the library reads and a dictionary lookup, not a template
render; a matching If-None-Match gets an empty 304.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from handscroll.publish.reference import ReaderPage
from handscroll.publish.render import Renderer
from handscroll.store import Library, SeriesSummary

PAGE_CACHE_CONTROL = "no-cache"
"""Pages and API answers may be stored but must be revalidated (cheaply, by ETag)."""

PAGE_CACHE_SIZE = 2048
"""How many rendered pages the server keeps in memory."""

FRESHNESS = 1.0
"""Seconds a page may be served from memory without asking the library again (micro-caching).

Within this window a change in the library is not yet visible; after it, the
page is rebuilt from the library and re-rendered only if its content changed.
"""


def etag_of(body: bytes) -> str:
    """A strong ETag: the hash of the bytes sent."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(header: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names this ETag (weak or strong, or `*`)."""
    if not header:
        return False
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


def conditional(request: Request, body: bytes, media_type: str, etag: str | None = None) -> Response:
    """A 200 with ETag and Cache-Control, or an empty 304 when the client already has these bytes."""
    tag = etag or etag_of(body)
    headers = {"ETag": tag, "Cache-Control": PAGE_CACHE_CONTROL}
    if etag_matches(request.headers.get("if-none-match"), tag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


def json_bytes(value: object) -> bytes:
    """Compact UTF-8 JSON, Chinese unescaped."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Rendered:
    """A rendered page and its ETag."""

    body: bytes
    etag: str


class PageCache:
    """Rendered pages keyed by their context, least recently used dropped first.

    `recent` and `remember` add a second, short-lived layer keyed by URL path:
    a page served less than `freshness` seconds ago is served again without
    reading the library at all.
    """

    def __init__(self, renderer: Renderer, size: int = PAGE_CACHE_SIZE, freshness: float = FRESHNESS) -> None:
        self.renderer = renderer
        self.size = size
        self.freshness = freshness
        self._pages: OrderedDict[ReaderPage, Rendered] = OrderedDict()
        self._paths: OrderedDict[str, tuple[float, Rendered]] = OrderedDict()
        self._lock = threading.Lock()

    def recent(self, path: str) -> Rendered | None:
        """The page served at `path` within the last `freshness` seconds, if any."""
        if self.freshness <= 0:
            return None
        hit = self._paths.get(path)
        if hit is None or time.monotonic() - hit[0] > self.freshness:
            return None
        return hit[1]

    def remember(self, path: str, rendered: Rendered) -> None:
        """Note that `path` was just served as `rendered`."""
        if self.freshness <= 0:
            return
        with self._lock:
            self._paths[path] = (time.monotonic(), rendered)
            self._paths.move_to_end(path)
            while len(self._paths) > self.size:
                self._paths.popitem(last=False)

    def render(self, page: ReaderPage) -> Rendered:
        """The page's HTML, rendered once per distinct context."""
        with self._lock:
            hit = self._pages.get(page)
            if hit is not None:
                self._pages.move_to_end(page)
                return hit
        body = self.renderer.render(page).encode()
        rendered = Rendered(body, etag_of(body))
        with self._lock:
            self._pages[page] = rendered
            while len(self._pages) > self.size:
                self._pages.popitem(last=False)
        return rendered


class SeriesMemo:
    """The library's series list, remembered for `ttl` seconds.

    Every feature page needs its series' title, and listing all series costs
    more than the rest of the page together (issue 3's benchmark).
    """

    def __init__(self, library: Library, ttl: float) -> None:
        self.library = library
        self.ttl = ttl
        self._value: tuple[float, list[SeriesSummary]] | None = None

    def list_series(self) -> list[SeriesSummary]:
        """The series, read again when the remembered list is older than `ttl`."""
        now = time.monotonic()
        if self._value is None or now - self._value[0] > self.ttl:
            self._value = (now, self.library.list_series())
        return self._value[1]
