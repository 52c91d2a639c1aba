"""The reader's HTML pages: home, series, feature, timelines and the glossary.

Pages come from the same contexts and templates as the static site, rendered in
the thread pool and cached by context (`http_cache.PageCache`).
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from handscroll.publish.contexts import load_feature, load_home, load_series
from handscroll.publish.http_cache import Rendered, conditional
from handscroll.publish.i18n import LOCALES
from handscroll.publish.redirects import or_redirect
from handscroll.publish.reference import (
    GLOSSARY_SORTS,
    GlossarySort,
    ReaderPage,
    load_glossary,
    load_timeline,
)
from handscroll.publish.routes.state import ReaderState, path_param
from handscroll.publish.urls import WebUrls


def routes(reader: ReaderState) -> list[Route]:
    """`/`, `/series/{key}`, `/series/{key}/timeline`, `/timeline`, `/glossary`, `/features/{slug}`,
    and the same under `/zh-hant/` and `/zh-hans/` (issue 12)."""
    found: list[Route] = []
    for language in LOCALES:
        found.extend(_language_routes(reader, reader.urls.in_language(language)))
    return found


def _language_routes(reader: ReaderState, urls: WebUrls) -> list[Route]:
    """The pages of one interface language, under its prefix."""
    library, media, pages = reader.library, reader.media, reader.pages

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
        key = path_param(request, "key")
        return await html(request, lambda: load_series(library, key, media, urls))

    async def feature(request: Request) -> Response:
        slug = path_param(request, "slug")
        page = html(request, lambda: load_feature(library, slug, media, urls, reader.maps))
        return await or_redirect(slug, page, reader.store.redirect_for, urls.feature)  # renamed: 301

    async def timeline(request: Request) -> Response:
        return await html(request, lambda: load_timeline(library, urls))

    async def series_timeline(request: Request) -> Response:
        key = path_param(request, "key")
        return await html(request, lambda: load_timeline(library, urls, key))

    async def glossary(request: Request) -> Response:
        asked = request.query_params.get("sort")
        sort: GlossarySort = next(
            (s for s in GLOSSARY_SORTS if s == asked), "english"
        )  # unknown: the default order
        return await html(request, lambda: load_glossary(library, urls, sort))

    root = urls.home().rstrip("/")
    found = [
        Route(f"{root}/", home),
        Route(f"{root}/series/{{key}}", series),
        Route(f"{root}/series/{{key}}/timeline", series_timeline),
        Route(f"{root}/timeline", timeline),
        Route(f"{root}/glossary", glossary),
        Route(f"{root}/features/{{slug}}", feature),
    ]
    if root:
        found.append(Route(root, home))  # /zh-hant as well as /zh-hant/
    return found
