"""The reader's error answers: a helpful 404 page (JSON under /api/), a JSON 400, a plain 500, and
the 503 and 504 pages of the limits (issue 11).

No traceback or detail of a failure ever reaches a client.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from handscroll.errors import NotFoundError
from handscroll.publish.contexts import NOT_FOUND_SERIES, not_found_page
from handscroll.publish.i18n import language_of_prefix
from handscroll.publish.limits import RETRY_AFTER_SECONDS, Busy
from handscroll.publish.routes.state import ReaderState
from handscroll.publish.versions import LibraryDown

SERVER_ERROR_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Something went wrong</title></head>'
    "<body><main><h1>Something went wrong</h1><p>The page could not be shown. Please try again later, "
    'or go to <a href="/">the front page</a>.</p></main></body></html>'
)
"""The 500 page: plain, static, and free of any detail of the failure."""

LIMIT_PAGES = {
    503: ("Busy", "The library is busy or not answering just now. Please try again in a moment."),
    504: ("Too slow", "The page took too long to prepare. Please try again in a moment."),
}
"""Title and sentence of the 503 (too much waiting, or the database is down) and 504 (deadline) pages."""

Handler = Callable[[Request, Exception], Any]


def limit_answer(request: Request, status: int) -> Response:
    """The 503 or 504 answer: a small static page, or JSON under /api/; never cached."""
    title, sentence = LIMIT_PAGES[status]
    headers = {"Cache-Control": "no-store"}
    if status == 503:
        headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": sentence}, status_code=status, headers=headers)
    page = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body><main><h1>{title}</h1><p>{sentence}</p><p><a href="/">The front page</a></p></main>'
        "</body></html>"
    )
    return HTMLResponse(page, status_code=status, headers=headers)


def exception_handlers(reader: ReaderState) -> dict[Any, Handler]:
    """Starlette's `exception_handlers` for the reader."""

    async def not_found(request: Request, exc: Exception) -> Response:
        if request.url.path.startswith("/api/"):
            message = str(exc) if isinstance(exc, NotFoundError) else "not found"
            return JSONResponse({"error": message}, status_code=404)

        # Said in the language the address names (/zh-hant/...), English otherwise (issue 12).
        language = language_of_prefix(request.url.path.strip("/").split("/", 1)[0]) or "en"
        urls = reader.urls.in_language(language)

        def work() -> bytes:
            series = reader.store.series_page(limit=NOT_FOUND_SERIES)
            return reader.renderer.render(not_found_page(request.url.path, series, urls)).encode()

        try:
            body = await reader.lane.run(work)
        except Busy:
            body = reader.renderer.render(not_found_page(request.url.path, [], urls)).encode()
        return HTMLResponse(body, status_code=404)

    async def bad_request(request: Request, exc: Exception) -> Response:
        detail = exc.detail if isinstance(exc, HTTPException) else "bad request"
        return JSONResponse({"error": detail}, status_code=400)

    async def unavailable(request: Request, exc: Exception) -> Response:
        return limit_answer(request, 503)

    async def server_error(request: Request, exc: Exception) -> Response:
        return HTMLResponse(SERVER_ERROR_PAGE, status_code=500)

    return {
        404: not_found,
        NotFoundError: not_found,
        400: bad_request,
        Busy: unavailable,
        LibraryDown: unavailable,
        500: server_error,
        Exception: server_error,
    }


class RejectNul:
    """Keeps NUL out of the library: a NUL in the path is a 404, one in the query a U+FFFD.

    No slug, key or media ID contains NUL, and PostgreSQL refuses NUL in any text
    parameter (a 500 before issue 10). In the query a NUL becomes the replacement
    character, which names no series and is no number, so both databases answer
    as SQLite always did: no results, or a 400 for a number; any text is still a query.
    """

    def __init__(self, app: ASGIApp, not_found: Handler) -> None:
        self.app = app
        self.not_found = not_found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if "\x00" in str(scope.get("path", "")):
                response: Response = await self.not_found(Request(scope), HTTPException(404))
                await response(scope, receive, send)
                return
            query = bytes(scope.get("query_string", b""))
            if b"%00" in query or b"\x00" in query:
                query = query.replace(b"%00", REPLACEMENT).replace(b"\x00", REPLACEMENT)
                scope = {**scope, "query_string": query}
        await self.app(scope, receive, send)


REPLACEMENT = b"%EF%BF%BD"
"""U+FFFD, percent-encoded as UTF-8."""
