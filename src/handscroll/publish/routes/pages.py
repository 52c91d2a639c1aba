"""The reader's HTML pages: home, series, feature, timelines and the glossary, in each interface
language (English unprefixed, the others under `/zh-hant/` and `/zh-hans/`, issue 12).

Pages come from the same contexts and templates as the static site, made on the page
lane and kept per library version (`ReaderState.answer`). The home and series pages are
paged by keyset cursors (`?after=` / `?before=`); a cursor that is not one of ours shows
the first page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from handscroll.publish import cursors
from handscroll.publish.cursors import BadCursor
from handscroll.publish.http_cache import HTML, Made
from handscroll.publish.i18n import LOCALES
from handscroll.publish.loaders import HomeAt, load_feature, load_home, load_series
from handscroll.publish.places_page import load_places
from handscroll.publish.redirects import or_redirect
from handscroll.publish.reference import GLOSSARY_SORTS, GlossarySort, load_glossary
from handscroll.publish.routes.state import ReaderState, path_param, request_key
from handscroll.publish.timeline_page import load_timeline
from handscroll.publish.urls import WebUrls

T = TypeVar("T")


def routes(reader: ReaderState) -> list[Route]:
    """`/`, `/series/{key}`, `/series/{key}/timeline`, `/timeline`, `/glossary`, `/features/{slug}`,
    and the same under `/zh-hant/` and `/zh-hans/` (issue 12)."""
    found: list[Route] = []
    for language in LOCALES:
        found.extend(_language_routes(reader, reader.urls.in_language(language)))
    return found


def _language_routes(reader: ReaderState, urls: WebUrls) -> list[Route]:
    """The pages of one interface language, under its prefix; each kept under its language."""
    store, media, language = reader.store, reader.media, urls.language

    async def home(request: Request) -> Response:
        after, before = _at(request, "after", _home_at), _at(request, "before", _home_at)
        if after is not None:
            before = None
        page = reader.html(lambda: load_home(store, media, urls, after=after, before=before))
        return await reader.answer(request, ("home", language, after, before), page)

    async def series(request: Request) -> Response:
        key = path_param(request, "key")
        after, before = _at(request, "after", cursors.read_part), _at(request, "before", cursors.read_part)
        if after is not None:
            before = None
        page = reader.html(lambda: load_series(store, key, media, urls, after=after, before=before))
        return await reader.answer(request, ("series", language, key, after, before), page)

    async def feature(request: Request) -> Response:
        slug = path_param(request, "slug")

        def page() -> Made:  # the page and its stamp from one read of the library
            view = store.feature_view(slug)
            html = reader.renderer.render_utf8(load_feature(store, slug, media, urls, reader.maps, view))
            return html, HTML, view.stamp

        answer = reader.answer_stamped(
            request, ("feature", language, slug), page, lambda: store.feature_stamp(slug)
        )
        return await or_redirect(slug, answer, store.redirect_for, urls.feature)  # renamed: 301

    async def timeline(request: Request) -> Response:
        asked = dict(request.query_params)  # filters and the slice shown (issue 14)
        page = reader.html(lambda: load_timeline(store, urls, None, asked))
        return await reader.answer(request, request_key(request), page)

    async def series_timeline(request: Request) -> Response:
        key, asked = path_param(request, "key"), dict(request.query_params)
        page = reader.html(lambda: load_timeline(store, urls, key, asked))
        return await reader.answer(request, request_key(request), page)

    async def places(request: Request) -> Response:
        asked = {k: request.query_params.get(k, "") for k in ("after", "before")}  # the slice (issue 11)
        page = reader.html(lambda: load_places(store, urls, reader.maps, asked))
        return await reader.answer(request, ("places", language, asked["after"], asked["before"]), page)

    async def glossary(request: Request) -> Response:
        asked = request.query_params.get("sort")
        sort: GlossarySort = next(
            (s for s in GLOSSARY_SORTS if s == asked), "english"
        )  # unknown: the default order
        asked_at = dict(request.query_params)  # a letter or a cursor: the page shown (issue 11)
        page = reader.html(lambda: load_glossary(store, urls, sort, asked_at))
        return await reader.answer(request, request_key(request), page)

    root = urls.home().rstrip("/")
    found = [
        Route(f"{root}/", home),
        Route(f"{root}/series/{{key}}", series),
        Route(f"{root}/series/{{key}}/timeline", series_timeline),
        Route(f"{root}/timeline", timeline),
        Route(f"{root}/glossary", glossary),
        Route(f"{root}/places", places),
        Route(f"{root}/features/{{slug}}", feature),
    ]
    if root:
        found.append(Route(root, home))  # /zh-hant as well as /zh-hant/
    return found


def _home_at(values: list[Any]) -> HomeAt:
    """A home cursor: after a series (`s`) or a feature in no series (`p`); raises BadCursor."""
    return cursors.read_series(values) if values[0] == "s" else cursors.read_part(values)


def _at(request: Request, name: str, read: Callable[[list[Any]], T]) -> T | None:
    """The position the cursor `name` gives, by `read`; None when absent or not one of ours."""
    token = request.query_params.get(name)
    if not token:
        return None
    try:
        return read(cursors.decode(token))
    except BadCursor:
        return None
