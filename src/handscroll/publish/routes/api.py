"""The JSON API under `/api/`: series, features (paged), one feature, its enrichment, the timeline,
the glossary and the OpenAPI description. Every answer has an ETag (`http_cache.conditional`)."""

from __future__ import annotations

import math

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from handscroll.publish.api import editions_json, enrichment_json, glossary_json, timeline_json
from handscroll.publish.http_cache import conditional, json_bytes
from handscroll.publish.openapi import api_index, openapi_document
from handscroll.publish.redirects import or_redirect
from handscroll.publish.routes.state import ReaderState, path_param
from handscroll.store import FeatureSummary

MAX_PER_PAGE = 100
"""The largest `per_page` the features API accepts."""
MAX_PAGE = 1_000_000
"""The highest page number the API accepts."""

JSON = "application/json"


def routes(reader: ReaderState) -> list[Route]:
    """The `/api/` routes except search (see `routes.search`)."""
    store, urls = reader.store, reader.urls

    async def api_series(request: Request) -> Response:
        def work() -> bytes:
            return json_bytes(
                {
                    "series": [
                        {"key": s.key, "title": s.title, "features": s.features, "url": urls.series(s.key)}
                        for s in store.list_series()
                    ]
                }
            )

        return conditional(request, await run_in_threadpool(work), JSON)

    async def api_features(request: Request) -> Response:
        # Bounded so the row offset fits a 64-bit integer (page=10**23 was a 500; issue 10).
        page_number = int_param(request, "page", 1, minimum=1, maximum=MAX_PAGE)
        per_page = int_param(request, "per_page", 20, minimum=1, maximum=MAX_PER_PAGE)
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
                    "items": [summary_json(s) for s in items],
                }
            )

        return conditional(request, await run_in_threadpool(work), JSON)

    async def api_feature(request: Request) -> Response:
        slug = path_param(request, "slug")

        async def answer() -> Response:
            feature = await run_in_threadpool(store.get_feature, slug)
            return conditional(request, feature.to_json(indent=None).encode(), JSON)

        # A slug a re-import renamed answers 301 to the feature's new address (issue 10).
        return await or_redirect(slug, answer(), store.redirect_for, lambda new: f"/api/features/{new}")

    async def api_enrichment(request: Request) -> Response:
        slug = path_param(request, "slug")

        def work() -> bytes:
            return json_bytes(enrichment_json(store.get_feature(slug), store.get_enrichment(slug), urls))

        return conditional(request, await run_in_threadpool(work), JSON)

    async def api_editions(request: Request) -> Response:
        slug = path_param(request, "slug")

        def work() -> bytes:
            return json_bytes(editions_json(store, slug))

        return conditional(request, await run_in_threadpool(work), JSON)

    async def api_timeline(request: Request) -> Response:
        series_key = request.query_params.get("series") or None

        def work() -> bytes:
            return json_bytes(timeline_json(store.timeline(series=series_key), urls))

        return conditional(request, await run_in_threadpool(work), JSON)

    async def api_glossary(request: Request) -> Response:
        series_key = request.query_params.get("series") or None

        def work() -> bytes:
            return json_bytes(glossary_json(store.glossary(series=series_key)))

        return conditional(request, await run_in_threadpool(work), JSON)

    async def api_root(request: Request) -> Response:
        return conditional(request, json_bytes(api_index()), JSON)

    async def api_openapi(request: Request) -> Response:
        return conditional(request, json_bytes(openapi_document()), JSON)

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


def _page_url(request: Request, page: int, per_page: int) -> str:
    url = request.url.include_query_params(page=page, per_page=per_page)
    return f"{url.path}?{url.query}"


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
