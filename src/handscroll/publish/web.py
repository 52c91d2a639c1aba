"""The live reader: a Starlette app serving pages, pictures, static files and the JSON API.

`create_app` only assembles: the route modules in `publish/routes/` (pages, API, media,
search), their error handlers, static files and the middleware. Caching is
`http_cache`, security headers `security`.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from handscroll.config import Settings
from handscroll.publish.enriched import find_leaflet, map_setup
from handscroll.publish.http_cache import FRESHNESS, PageCache
from handscroll.publish.media import MediaLibrary
from handscroll.publish.render import STATIC_DIR, Renderer
from handscroll.publish.routes import api, media, pages, search, worksheet
from handscroll.publish.routes.errors import SERVER_ERROR_PAGE, RejectNul, exception_handlers
from handscroll.publish.routes.state import ReaderState
from handscroll.publish.security import (
    CONTENT_SECURITY_POLICY,
    SecurityHeadersMiddleware,
    content_security_policy,
    tile_source,
)
from handscroll.publish.urls import WebUrls
from handscroll.publish.vendor import vendor_files, vendor_route
from handscroll.store import Library

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "SERVER_ERROR_PAGE",
    "content_security_policy",
    "create_app",
    "default_cache_dir",
    "tile_source",
]


def default_cache_dir(media_dir: Path | None) -> Path:
    """Where derivatives of one media folder are cached: `~/.cache/handscroll/derivatives/<hash>`."""
    key = hashlib.sha256(str(media_dir.resolve() if media_dir else "").encode()).hexdigest()[:16]
    return Path.home() / ".cache" / "handscroll" / "derivatives" / key


class ReaderApp(Starlette):
    """Starlette with the security headers outside even its error middleware (issue 10).

    Starlette sends the 500 page from `ServerErrorMiddleware`, which sits outside every
    middleware given to it; wrapping the whole stack gives that page the same headers.
    """

    def __init__(self, *, policy: str, **options: Any) -> None:
        self.policy = policy
        super().__init__(**options)

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeadersMiddleware(super().build_middleware_stack(), policy=self.policy)


def create_app(
    library_url: str, settings: Settings, *, cache_dir: Path | None = None, freshness: float = FRESHNESS
) -> Starlette:
    """The reader app over the library at `library_url`, with pictures from `settings.media_dir`.

    Derivatives are cached in `cache_dir` (default: `default_cache_dir`).
    Pages may be up to `freshness` seconds behind the library (0: never).
    The library is opened now and closed when the app shuts down.
    """
    urls = WebUrls()
    leaflet = find_leaflet(settings)
    reader = ReaderState(
        store=Library.open(library_url),
        media=MediaLibrary(settings.media_dir, cache_dir or default_cache_dir(settings.media_dir)),
        pages=PageCache(Renderer(), freshness=freshness),
        maps=map_setup(settings, urls, leaflet is not None),
        urls=urls,
    )

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        reader.close()

    routes: list[BaseRoute] = [
        *pages.routes(reader),
        *media.routes(reader),
        *api.routes(reader),
        *search.routes(reader),
        *worksheet.routes(reader),  # issue 15
    ]
    if leaflet is not None:
        # Leaflet comes from npm (package.json), is served from our own host and never committed.
        routes.append(Mount("/static/vendor/leaflet", StaticFiles(directory=leaflet), name="leaflet"))
    routes.append(vendor_route(vendor_files()))  # fonts, viewer, base map (issue 14)
    routes.append(Mount("/static", StaticFiles(directory=STATIC_DIR), name="static"))
    handlers = exception_handlers(reader)
    return ReaderApp(
        policy=content_security_policy(settings),
        debug=False,
        routes=routes,
        middleware=[
            Middleware(GZipMiddleware, minimum_size=500),
            Middleware(RejectNul, not_found=handlers[404]),
        ],
        exception_handlers=handlers,
        lifespan=lifespan,
    )
