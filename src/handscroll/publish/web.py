"""The live reader: a Starlette app serving pages, pictures, static files and the JSON API.

Pages are rendered from the same contexts and templates as the static site.
Rendered pages are cached keyed by their (hashable) context, so a repeat
request costs the library reads and a dictionary lookup, not a template
render. Every page and API answer carries an ETag; a matching If-None-Match
gets an empty 304. No traceback ever reaches a client.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from handscroll.config import Settings
from handscroll.errors import NotFoundError
from handscroll.model import Enrichment, Feature
from handscroll.publish.api import enrichment_json, glossary_json, timeline_json
from handscroll.publish.contexts import load_feature, load_home, load_series, not_found_page
from handscroll.publish.enriched import find_leaflet, map_setup
from handscroll.publish.iiif import IIIF_MEDIA_TYPE, reader_manifest
from handscroll.publish.media import SIZES, MediaLibrary
from handscroll.publish.openapi import openapi_document
from handscroll.publish.reference import (
    GLOSSARY_SORTS,
    GlossarySort,
    ReaderPage,
    load_glossary,
    load_timeline,
)
from handscroll.publish.render import STATIC_DIR, Renderer
from handscroll.publish.search_page import search_routes
from handscroll.publish.urls import WebUrls
from handscroll.store import FeatureSummary, GlossaryEntry, Library, SeriesSummary, TimelineEntry

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
"""No inline scripts or styles at all: templates carry neither (issue 3). Pictures may also come
from the map's tile host (see `content_security_policy`)."""


def tile_source(tiles: str) -> str:
    """The CSP source of a tile URL template: its scheme and host, `{s}` subdomains as `*`."""
    parts = urlsplit(tiles.replace("{s}", "a"))
    host = parts.hostname or ""
    if "{s}" in tiles.split("//", 1)[-1].split("/", 1)[0]:
        host = "*." + host.split(".", 1)[1] if "." in host else host
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


def content_security_policy(settings: Settings) -> str:
    """The reader's CSP: `CONTENT_SECURITY_POLICY`, with the map's tile host allowed for images."""
    return CONTENT_SECURITY_POLICY.replace(
        "img-src 'self' data:", f"img-src 'self' data: {tile_source(settings.map_tiles)}"
    )


SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
"""Sent with every response, with the Content-Security-Policy."""

PAGE_CACHE_CONTROL = "no-cache"
"""Pages and API answers may be stored but must be revalidated (cheaply, by ETag)."""

PAGE_CACHE_SIZE = 2048
"""How many rendered pages the server keeps in memory."""

FRESHNESS = 1.0
"""Seconds a page may be served from memory without asking the library again (micro-caching).

Within this window a change in the library is not yet visible; after it, the
page is rebuilt from the library and re-rendered only if its content changed.
"""

MAX_PER_PAGE = 100
"""The largest `per_page` the features API accepts."""

SERVER_ERROR_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Something went wrong</title></head>'
    "<body><main><h1>Something went wrong</h1><p>The page could not be shown. Please try again later, "
    'or go to <a href="/">the front page</a>.</p></main></body></html>'
)
"""The 500 page: plain, static, and free of any detail of the failure."""


def default_cache_dir(media_dir: Path | None) -> Path:
    """Where derivatives of one media folder are cached: `~/.cache/handscroll/derivatives/<hash>`."""
    key = hashlib.sha256(str(media_dir.resolve() if media_dir else "").encode()).hexdigest()[:16]
    return Path.home() / ".cache" / "handscroll" / "derivatives" / key


def etag_of(body: bytes) -> str:
    """A strong ETag: the hash of the bytes sent."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(header: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names this ETag (weak or strong, or `*`)."""
    if not header:
        return False
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


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


class _Reader:
    """The library as the pages read it: features fresh on every request, series via the memo."""

    def __init__(self, library: Library, series: SeriesMemo) -> None:
        self.library = library
        self.series = series

    def list_features(
        self, *, series: str | None = None, offset: int = 0, limit: int | None = None
    ) -> list[FeatureSummary]:
        return self.library.list_features(series=series, offset=offset, limit=limit)

    def get_feature(self, slug: str) -> Feature:
        return self.library.get_feature(slug)

    def list_series(self) -> list[SeriesSummary]:
        return self.series.list_series()

    def get_enrichment(self, slug: str) -> Enrichment | None:
        return self.library.get_enrichment(slug)

    def approved_quiz_items(self, slug: str) -> frozenset[str]:
        return self.library.approved_quiz_items(slug)

    def timeline(self, *, series: str | None = None, slug: str | None = None) -> list[TimelineEntry]:
        return self.library.timeline(series=series, slug=slug)

    def glossary(self, *, series: str | None = None) -> list[GlossaryEntry]:
        return self.library.glossary(series=series)


class SecurityHeadersMiddleware:
    """Adds the security headers to every response, and a cache lifetime to static files."""

    def __init__(self, app: ASGIApp, policy: str = CONTENT_SECURITY_POLICY) -> None:
        self.app = app
        self.headers = ((b"content-security-policy", policy.encode()), *SECURITY_HEADERS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.extend(self.headers)
                if static:
                    headers.append((b"cache-control", b"public, max-age=3600"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


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


def create_app(
    library_url: str, settings: Settings, *, cache_dir: Path | None = None, freshness: float = FRESHNESS
) -> Starlette:
    """The reader app over the library at `library_url`, with pictures from `settings.media_dir`.

    Derivatives are cached in `cache_dir` (default: `default_cache_dir`).
    Pages may be up to `freshness` seconds behind the library (0: never).
    The library is opened now and closed when the app shuts down.
    """
    store = Library.open(library_url)
    library = _Reader(store, SeriesMemo(store, freshness))
    media = MediaLibrary(settings.media_dir, cache_dir or default_cache_dir(settings.media_dir))
    pages = PageCache(Renderer(), freshness=freshness)
    urls = WebUrls()
    leaflet = find_leaflet(settings)
    maps = map_setup(settings, urls, leaflet is not None)

    async def html(request: Request, build: Callable[[], ReaderPage]) -> Response:
        def work() -> Rendered:
            return pages.render(build())

        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        rendered = pages.recent(path)
        if rendered is None:
            rendered = await run_in_threadpool(work)
            pages.remember(path, rendered)
        return conditional(request, rendered.body, "text/html; charset=utf-8", rendered.etag)

    async def home(request: Request) -> Response:
        return await html(request, lambda: load_home(library, media, urls))

    async def series(request: Request) -> Response:
        key = request.path_params["key"]
        return await html(request, lambda: load_series(library, key, media, urls))

    async def feature(request: Request) -> Response:
        slug = request.path_params["slug"]
        return await html(request, lambda: load_feature(library, slug, media, urls, maps))

    async def timeline(request: Request) -> Response:
        return await html(request, lambda: load_timeline(library, urls))

    async def series_timeline(request: Request) -> Response:
        key = request.path_params["key"]
        return await html(request, lambda: load_timeline(library, urls, key))

    async def glossary(request: Request) -> Response:
        asked = request.query_params.get("sort")
        sort: GlossarySort = next(
            (s for s in GLOSSARY_SORTS if s == asked), "english"
        )  # unknown: the default order
        return await html(request, lambda: load_glossary(library, urls, sort))

    async def picture(request: Request) -> Response:
        media_id, size = request.path_params["media_id"], request.path_params["size"]
        if size not in SIZES:
            raise HTTPException(404)
        path = await run_in_threadpool(media.derivative, media_id, size)
        if path is None:
            raise HTTPException(404)
        return FileResponse(path, media_type="image/webp", headers={"Cache-Control": "public, max-age=86400"})

    async def iiif_manifest(request: Request) -> Response:
        slug = request.path_params["slug"]

        def work() -> bytes:
            return json_bytes(reader_manifest(store, slug, media, str(request.base_url)))

        response = conditional(request, await run_in_threadpool(work), IIIF_MEDIA_TYPE)
        response.headers["Access-Control-Allow-Origin"] = "*"  # viewers on other sites load manifests
        return response

    async def api_series(request: Request) -> Response:
        def work() -> bytes:
            return json_bytes(
                {
                    "series": [
                        {
                            "key": s.key,
                            "title": s.title,
                            "features": s.features,
                            "url": urls.series(s.key),
                        }
                        for s in store.list_series()
                    ]
                }
            )

        return conditional(request, await run_in_threadpool(work), "application/json")

    async def api_features(request: Request) -> Response:
        page_number = _int_param(request, "page", 1, minimum=1)
        per_page = _int_param(request, "per_page", 20, minimum=1, maximum=MAX_PER_PAGE)
        series_key = request.query_params.get("series") or None

        def work() -> bytes:
            total = store.count_features(series=series_key)
            items = store.list_features(
                series=series_key, offset=(page_number - 1) * per_page, limit=per_page
            )
            pages_total = max(1, math.ceil(total / per_page))
            return json_bytes(
                {
                    "page": page_number,
                    "per_page": per_page,
                    "total": total,
                    "pages": pages_total,
                    "previous": _page_url(request, page_number - 1, per_page) if page_number > 1 else None,
                    "next": _page_url(request, page_number + 1, per_page)
                    if page_number < pages_total
                    else None,
                    "items": [_summary_json(s) for s in items],
                }
            )

        return conditional(request, await run_in_threadpool(work), "application/json")

    async def api_feature(request: Request) -> Response:
        slug = request.path_params["slug"]
        feature_ = await run_in_threadpool(store.get_feature, slug)
        return conditional(request, feature_.to_json(indent=None).encode(), "application/json")

    async def api_enrichment(request: Request) -> Response:
        slug = request.path_params["slug"]

        def work() -> bytes:
            return json_bytes(enrichment_json(store.get_feature(slug), store.get_enrichment(slug), urls))

        return conditional(request, await run_in_threadpool(work), "application/json")

    async def api_timeline(request: Request) -> Response:
        series_key = request.query_params.get("series") or None

        def work() -> bytes:
            return json_bytes(timeline_json(store.timeline(series=series_key), urls))

        return conditional(request, await run_in_threadpool(work), "application/json")

    async def api_glossary(request: Request) -> Response:
        series_key = request.query_params.get("series") or None

        def work() -> bytes:
            return json_bytes(glossary_json(store.glossary(series=series_key)))

        return conditional(request, await run_in_threadpool(work), "application/json")

    async def api_openapi(request: Request) -> Response:
        return conditional(request, json_bytes(openapi_document()), "application/json")

    async def not_found(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            message = str(exc) if isinstance(exc, NotFoundError) else "not found"
            return JSONResponse({"error": message}, status_code=404)

        def work() -> bytes:
            return pages.renderer.render(
                not_found_page(request.url.path, library.list_series(), urls)
            ).encode()

        return HTMLResponse(await run_in_threadpool(work), status_code=404)

    async def bad_request(request: Request, exc: Exception) -> Response:
        detail = exc.detail if isinstance(exc, HTTPException) else "bad request"
        return JSONResponse({"error": detail}, status_code=400)

    async def server_error(request: Request, exc: Exception) -> Response:
        return HTMLResponse(SERVER_ERROR_PAGE, status_code=500)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()

    routes: list[Route | Mount] = [
        Route("/", home),
        Route("/series/{key}", series),
        Route("/series/{key}/timeline", series_timeline),
        Route("/timeline", timeline),
        Route("/glossary", glossary),
        Route("/features/{slug}", feature),
        Route("/media/{media_id}/{size}.webp", picture),
        Route("/iiif/{slug}/manifest.json", iiif_manifest),
        Route("/api/series", api_series),
        Route("/api/features", api_features),
        Route("/api/features/{slug}", api_feature),
        Route("/api/features/{slug}/enrichment", api_enrichment),
        Route("/api/timeline", api_timeline),
        Route("/api/glossary", api_glossary),
        Route("/api/openapi.json", api_openapi),
        *search_routes(store, pages.renderer, urls),  # /search and /api/search (issue 5)
    ]
    if leaflet is not None:
        # Leaflet comes from npm (package.json), is served from our own host and never committed.
        routes.append(Mount("/static/vendor/leaflet", StaticFiles(directory=leaflet), name="leaflet"))
    routes.append(Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"))
    handlers: dict[Any, Callable[[Request, Exception], Any]] = {
        404: not_found,
        NotFoundError: not_found,
        400: bad_request,
        500: server_error,
        Exception: server_error,
    }
    return Starlette(
        debug=False,
        routes=routes,
        middleware=[
            Middleware(SecurityHeadersMiddleware, policy=content_security_policy(settings)),
            Middleware(GZipMiddleware, minimum_size=500),
        ],
        exception_handlers=handlers,
        lifespan=lifespan,
    )


def _int_param(request: Request, name: str, default: int, *, minimum: int, maximum: int | None = None) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise HTTPException(400, f"{name} must be a whole number") from None
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
        raise HTTPException(400, f"{name} must be {bound}")
    return value


def _page_url(request: Request, page: int, per_page: int) -> str:
    url = request.url.include_query_params(page=page, per_page=per_page)
    return f"{url.path}?{url.query}"


def _summary_json(summary: FeatureSummary) -> dict[str, object]:
    return {
        "slug": summary.slug,
        "title": summary.title,
        "part": summary.part,
        "series": summary.series,
        "language": summary.language,
        "hero": summary.hero,
        "figures": summary.figures,
        "updated_at": summary.updated_at.isoformat(),
        "url": f"/api/features/{summary.slug}",
        "html": f"/features/{summary.slug}",
    }
