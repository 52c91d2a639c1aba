"""Search in the reader: the `/search` results page and `GET /api/search` (issue 5).

What a search means and how its page looks is `publish.search_page`; this module only
answers the two requests.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from handscroll.publish.i18n import LOCALES
from handscroll.publish.routes.state import ReaderState
from handscroll.publish.search_page import (
    SearchPage,
    blank_page,
    load_search_page,
    read_params,
    render_search_page,
    run_search,
    search_json,
)


def routes(reader: ReaderState) -> list[Route]:
    """`/search` and `/api/search`."""
    store, urls, renderer = reader.store, reader.urls, reader.renderer

    def render(search_page: SearchPage) -> str:
        return render_search_page(renderer, search_page)

    def page_in(language: str) -> Callable[[Request], Awaitable[Response]]:
        """The results page with the interface in `language` (issue 12)."""
        local = urls.in_language(language)

        async def page(request: Request) -> Response:
            try:
                params = read_params(request.query_params, reader_language=language)
            except HTTPException as exc:
                return HTMLResponse(render(blank_page(local, str(exc.detail))), status_code=400)
            html = await run_in_threadpool(lambda: render(load_search_page(store, params, local)))
            return HTMLResponse(html, headers={"Cache-Control": "no-cache"})

        return page

    async def api(request: Request) -> Response:
        params = read_params(request.query_params)  # 400 through the app's handler
        results = await run_in_threadpool(run_search, store, params)
        return JSONResponse(search_json(results, params, urls))

    found = [Route("/api/search", api)]
    for language in LOCALES:  # the results page in each interface language (issue 12)
        found.append(Route(urls.in_language(language).search(), page_in(language)))
    return found
