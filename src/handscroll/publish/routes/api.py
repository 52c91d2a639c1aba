"""The JSON API under `/api/`: series, features, one feature, its enrichment and editions, the
timeline, the glossary and the OpenAPI description.

Lists come a page at a time: `limit` items after `cursor`, a keyset position the previous
page's `next` link carries, so any page costs what the first does (issue 11). Every
answer is kept per library version and has an ETag (`ReaderState.answer`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from handscroll.publish import cursors
from handscroll.publish.api import editions_json, enrichment_json, glossary_json, timeline_json
from handscroll.publish.cursors import BadCursor
from handscroll.publish.http_cache import JSON, json_bytes
from handscroll.publish.openapi import LIST_LIMITS, api_index, openapi_document
from handscroll.publish.redirects import or_redirect
from handscroll.publish.routes.state import Make, ReaderState, path_param
from handscroll.store import FeatureSummary
from handscroll.store.glossary import GlossaryKey
from handscroll.store.listing import TermKey

K = TypeVar("K")

API_TERM_LINKS = 20
"""Features a term of /api/glossary lists; `more_features` says when more use it (issue 11)."""


def routes(reader: ReaderState) -> list[Route]:
    """The `/api/` routes except search (see `routes.search`)."""
    store, urls = reader.store, reader.urls

    def _stamp(slug: str) -> Callable[[], object]:
        """The feature's stamp: its answers are kept across writes that leave it as it was."""
        return lambda: store.feature_stamp(slug)

    async def api_series(request: Request) -> Response:
        limit, after = _limit(request, "/api/series"), _cursor(request, cursors.read_series)

        def work() -> bytes:
            found = store.series_page(after=after, limit=limit + 1)
            items = [
                {"key": s.key, "title": s.title, "features": s.features, "url": urls.series(s.key)}
                for s in found[:limit]
            ]
            token = cursors.series_token(found[limit - 1]) if len(found) > limit else None
            return json_bytes({"series": items, "next": _next_url(request, limit, token)})

        return await reader.answer(request, ("api-series", limit, after), _json(work))

    async def api_features(request: Request) -> Response:
        limit, after = _limit(request, "/api/features"), _cursor(request, cursors.read_feature)
        series_key = request.query_params.get("series") or None

        def work() -> bytes:
            found = store.features_page(series=series_key, after=after, limit=limit + 1)
            token = cursors.feature_token(found[limit - 1]) if len(found) > limit else None
            return json_bytes(
                {
                    "limit": limit,
                    "next": _next_url(request, limit, token),
                    "items": [summary_json(s) for s in found[:limit]],
                }
            )

        return await reader.answer(request, ("api-features", series_key, limit, after), _json(work))

    async def api_feature(request: Request) -> Response:
        slug = path_param(request, "slug")

        def work() -> bytes:
            return store.get_feature(slug).to_json(indent=None).encode()

        # A slug a re-import renamed answers 301 to the feature's new address (issue 10).
        answer = reader.answer(request, ("api-feature", slug), _json(work), _stamp(slug))
        return await or_redirect(slug, answer, store.redirect_for, lambda new: f"/api/features/{new}")

    async def api_enrichment(request: Request) -> Response:
        slug = path_param(request, "slug")

        def work() -> bytes:
            return json_bytes(enrichment_json(store.get_feature(slug), store.get_enrichment(slug), urls))

        return await reader.answer(request, ("api-enrichment", slug), _json(work), _stamp(slug))

    async def api_editions(request: Request) -> Response:
        slug = path_param(request, "slug")

        def work() -> bytes:
            return json_bytes(editions_json(store, slug))

        # Kept per library version, without a stamp: it shows the other editions' titles.
        return await reader.answer(request, ("api-editions", slug), _json(work))

    async def api_timeline(request: Request) -> Response:
        limit, after = _limit(request, "/api/timeline"), _cursor(request, cursors.read_event)
        series_key = request.query_params.get("series") or None

        def work() -> bytes:
            found = store.timeline_page(series=series_key, after=after, limit=limit + 1)
            token = cursors.event_token(found[limit - 1][1]) if len(found) > limit else None
            answer = timeline_json([entry for entry, _ in found[:limit]], urls)
            return json_bytes({**answer, "next": _next_url(request, limit, token)})

        return await reader.answer(request, ("api-timeline", series_key, limit, after), _json(work))

    async def api_glossary(request: Request) -> Response:
        limit, after = _limit(request, "/api/glossary"), _cursor(request, cursors.read_term)
        series_key = request.query_params.get("series") or None

        def work() -> bytes:
            if series_key is None:  # the whole library: a loose index scan, a few features a term
                at = None if after is None else GlossaryKey(None, after.english, after.traditional)
                part = store.glossary_slice(order="english", after=at, limit=limit, links=API_TERM_LINKS)
                found, later = list(part.entries), part.later
            else:  # one series: its own terms, every feature named
                found = store.glossary_page(series=series_key, after=after, limit=limit + 1)
                found, later = found[:limit], len(found) > limit
            token = cursors.term_token(TermKey.of(found[-1])) if later else None
            return json_bytes({**glossary_json(found), "next": _next_url(request, limit, token)})

        return await reader.answer(request, ("api-glossary", series_key, limit, after), _json(work))

    async def api_root(request: Request) -> Response:
        return await reader.answer(request, "api-root", _json(lambda: json_bytes(api_index())))

    async def api_openapi(request: Request) -> Response:
        return await reader.answer(request, "api-openapi", _json(lambda: json_bytes(openapi_document())))

    return [
        Route("/api/", api_root),
        Route("/api/series", api_series),
        Route("/api/features", api_features),
        Route("/api/features/{slug}", api_feature),
        Route("/api/features/{slug}/enrichment", api_enrichment),
        Route("/api/features/{slug}/editions", api_editions),  # issue 12
        Route("/api/timeline", api_timeline),
        Route("/api/glossary", api_glossary),
        Route("/api/openapi.json", api_openapi),
    ]


def _json(work: Callable[[], bytes]) -> Make:
    """An answer maker for JSON bytes."""
    return lambda: (work(), JSON)


def int_param(request: Request, name: str, default: int, *, minimum: int, maximum: int | None = None) -> int:
    """A whole-number query parameter in range; HTTPException(400) says what is wrong."""
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


def _limit(request: Request, path: str) -> int:
    """The `limit` of a list endpoint, within what its description allows."""
    default, maximum = LIST_LIMITS[path]
    return int_param(request, "limit", default, minimum=1, maximum=maximum)


def _cursor(request: Request, read: Callable[[list[Any]], K]) -> K | None:
    """The position `cursor` names (None: from the start); 400 when it is not one of ours."""
    token = request.query_params.get("cursor")
    if not token:
        return None
    try:
        return read(cursors.decode(token))
    except BadCursor as exc:
        raise HTTPException(400, str(exc)) from None


def _next_url(request: Request, limit: int, token: str | None) -> str | None:
    """The next page's URL: this path with its series, `limit` and `cursor` (None: no next page).

    Built from the parameters read, not the request's query, so a cached answer is the same
    whoever asked first."""
    if token is None:
        return None
    series = request.query_params.get("series")
    params = {"series": series} if series else {}
    return f"{request.url.path}?{urlencode({**params, 'limit': limit, 'cursor': token})}"


def summary_json(summary: FeatureSummary) -> dict[str, object]:
    """One feature in the features list."""
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
        "work": summary.work.removeprefix("key:") if summary.work else None,  # issue 12
        "derived": summary.derived,
    }
