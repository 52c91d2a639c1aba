"""What every route reads: the library and its version, the pictures, the answer cache, the lanes
pages and pictures are made on, the URLs and the map setup."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import Response

from handscroll.publish.assets import FILE_QUEUE, FILE_THREADS, FileCache
from handscroll.publish.derivatives import DerivativeQueue
from handscroll.publish.enriched import MapSetup
from handscroll.publish.http_cache import HTML, Made, PageCache, conditional
from handscroll.publish.limits import Lane
from handscroll.publish.media import MediaLibrary
from handscroll.publish.reference import ReaderPage
from handscroll.publish.render import Renderer
from handscroll.publish.urls import WebUrls
from handscroll.publish.versions import VersionReader
from handscroll.store import Library

PAGE_THREADS = 4
"""Threads that make pages and API answers (the library's reads wait on I/O, so more than cores)."""

PAGE_QUEUE = 256
"""Pages or answers that may wait for a thread; one more is told to come back (503)."""

Make = Callable[[], tuple[bytes, str]]
"""Makes an answer on a page thread: its bytes and media type."""


@dataclass
class ReaderState:
    """The shared parts of one reader app, closed when the app shuts down."""

    store: Library
    media: MediaLibrary
    renderer: Renderer
    versions: VersionReader
    maps: MapSetup
    urls: WebUrls = field(default_factory=WebUrls)
    lane: Lane = field(default_factory=lambda: Lane(PAGE_THREADS, PAGE_QUEUE))
    """Where pages and API answers are made."""
    file_lane: Lane = field(default_factory=lambda: Lane(FILE_THREADS, FILE_QUEUE))
    """Where picture files are checked and read: never the pages' threads."""
    pages: PageCache = field(init=False)
    files: FileCache = field(init=False)
    derivatives: DerivativeQueue = field(init=False)

    def __post_init__(self) -> None:
        self.pages = PageCache(self.lane)
        self.files = FileCache(self.file_lane)
        self.derivatives = DerivativeQueue(self.media, self.file_lane)

    async def answer(
        self, request: Request, key: Hashable, make: Make, stamp: Callable[[], object] | None = None
    ) -> Response:
        """The answer named `key` at the library's current version: from the cache, or made once on
        the page lane while other requests for it wait, or kept when its `stamp` is unchanged
        (issue 11)."""

        def made() -> Made:
            brief = stamp() if stamp is not None else None  # read first: no newer than the answer
            return (*make(), brief)

        return await self.answer_stamped(request, key, made, stamp)

    async def answer_stamped(
        self, request: Request, key: Hashable, make: Callable[[], Made], stamp: Callable[[], object] | None
    ) -> Response:
        """As `answer`, for an answer whose making also says its stamp (read with it, not before)."""
        version = await self.versions.current()
        return conditional(request, await self.pages.get(key, version, make, stamp))

    def html(self, build: Callable[[], ReaderPage]) -> Make:
        """Make an HTML page from the context `build` reads."""
        return lambda: (self.renderer.render_utf8(build()), HTML)

    async def close(self) -> None:
        """Release the library and the derivative threads."""
        self.derivatives.close()
        await self.versions.close()
        self.store.close()


def path_param(request: Request, name: str) -> str:
    """A path parameter as a string."""
    return str(request.path_params[name])


def request_key(request: Request) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A cache key for a page whose parameters this module does not read: its path and query."""
    return request.url.path, tuple(sorted(request.query_params.multi_items()))
