"""The live reader: a Starlette app serving pages, pictures, static files and the JSON API.

`create_app` only assembles: the route modules in `publish/routes/` (pages, API, media,
search), their error handlers, the static files (`assets`), the health check and the
middleware. Caching is `http_cache`, the limits that keep it answering under load
`limits`, security headers `security`.
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
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp

from handscroll.config import Settings
from handscroll.publish.assets import Assets, folder_files
from handscroll.publish.editor import PUBLISH_EVERY
from handscroll.publish.editor.app import make_editor
from handscroll.publish.enriched import LEAFLET_FILES, find_leaflet, map_setup
from handscroll.publish.i18n import LOCALES
from handscroll.publish.limits import Deadlines
from handscroll.publish.media import MediaLibrary
from handscroll.publish.render import STATIC_DIR, Renderer
from handscroll.publish.routes import api, media, pages, search, worksheet
from handscroll.publish.routes.errors import (
    SERVER_ERROR_PAGE,
    RejectNul,
    exception_handlers,
    limit_answer,
)
from handscroll.publish.routes.state import ReaderState
from handscroll.publish.security import (
    CONTENT_SECURITY_POLICY,
    SecurityHeadersMiddleware,
    content_security_policy,
    tile_source,
)
from handscroll.publish.urls import WebUrls
from handscroll.publish.vendor import vendor_files
from handscroll.publish.versions import LibraryDown, VersionReader
from handscroll.store import Library

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "SERVER_ERROR_PAGE",
    "content_security_policy",
    "create_app",
    "default_cache_dir",
    "tile_source",
]

SEARCHES_AT_ONCE = 16
"""Searches one worker runs at once; one more is told to come back (503). Search has no
answer cache and runs on anyio's shared pool, so this bounds what it can take from it."""

SEARCH_PATHS = ("/api/search", *(WebUrls().in_language(language).search() for language in LOCALES))
"""The search page in each interface language, and the search API."""


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
    library_url: str,
    settings: Settings,
    *,
    cache_dir: Path | None = None,
    publish_every: float = PUBLISH_EVERY,
) -> Starlette:
    """The reader app over the library at `library_url`, with pictures from `settings.media_dir`.

    Derivatives are cached in `cache_dir` (default: `default_cache_dir`). The library is
    opened now and closed when the app shuts down; pages follow it at once (`versions`).
    The editors' workspace is at /edit/, and scheduled editions are published every
    `publish_every` seconds (issue 13).
    """
    urls = WebUrls()
    leaflet = find_leaflet(settings)
    store = Library.open(library_url)
    reader = ReaderState(
        store=store,
        media=MediaLibrary(settings.media_dir, cache_dir or default_cache_dir(settings.media_dir)),
        renderer=Renderer(),
        versions=VersionReader(store, library_url),
        maps=map_setup(settings, urls, leaflet is not None),
        urls=urls,
    )

    policy = content_security_policy(settings)
    editor = make_editor(reader, settings, policy, publish_every)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await editor.start()
        yield
        await editor.stop()
        await reader.close()

    # Leaflet and the other npm packages are served from our own host, never committed (issue 14).
    own = folder_files(STATIC_DIR)
    if leaflet is not None:
        own.update({f"vendor/leaflet/{name}": leaflet / name for name in LEAFLET_FILES})
        own.update(folder_files(leaflet / "images", "vendor/leaflet/images/"))
    routes: list[BaseRoute] = [
        *pages.routes(reader),
        *media.routes(reader),
        *api.routes(reader),
        *search.routes(reader),
        editor.mount(),
        *worksheet.routes(reader),  # issue 15
        Route("/healthz", _health(reader)),
        Assets(own, vendor_files()).route(),
    ]
    handlers = exception_handlers(reader)
    return ReaderApp(
        policy=policy,
        debug=False,
        routes=routes,
        middleware=[
            Middleware(
                Deadlines,
                answer=limit_answer,
                caps={"/search": SEARCHES_AT_ONCE, "/api/search": SEARCHES_AT_ONCE},
            ),
            Middleware(GZipMiddleware, minimum_size=500),
            Middleware(RejectNul, not_found=handlers[404]),
        ],
        exception_handlers=handlers,
        lifespan=lifespan,
    )


def _health(reader: ReaderState) -> Any:
    """`/healthz`: 200 when the library answers (its version, read as every page reads it), else 503.

    For a load balancer or a process manager; never cached."""

    async def health(request: Request) -> Response:
        headers = {"Cache-Control": "no-store"}
        try:
            version = await reader.versions.current()
        except LibraryDown:
            return JSONResponse({"status": "unavailable"}, status_code=503, headers=headers)
        return JSONResponse({"status": "ok", "version": version}, headers=headers)

    return health
