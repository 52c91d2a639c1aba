"""Pictures and IIIF: `/media/{media_id}/{size}.webp` derivatives and `/iiif/{slug}/manifest.json`.

Derivatives come from `derivatives.DerivativeQueue`, which makes new ones on a pool of
its own and answers 503 with Retry-After when too many are waiting (issue 10).
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from handscroll.publish.derivatives import RETRY_AFTER_SECONDS, Busy
from handscroll.publish.http_cache import conditional, json_bytes
from handscroll.publish.iiif import IIIF_MEDIA_TYPE, reader_manifest
from handscroll.publish.media import SIZES
from handscroll.publish.routes.state import ReaderState, path_param


def routes(reader: ReaderState) -> list[Route]:
    """The picture and manifest routes."""
    store, media = reader.store, reader.media

    async def picture(request: Request) -> Response:
        media_id, size = path_param(request, "media_id"), path_param(request, "size")
        if size not in SIZES:
            raise HTTPException(404)
        try:
            path = await reader.derivatives.get(media_id, size)
        except Busy:
            return Response(
                "Pictures are being prepared; please try again shortly.",
                status_code=503,
                media_type="text/plain",
                headers={"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"},
            )
        if path is None:
            raise HTTPException(404)
        return FileResponse(path, media_type="image/webp", headers={"Cache-Control": "public, max-age=86400"})

    async def iiif_manifest(request: Request) -> Response:
        slug = path_param(request, "slug")

        def work() -> bytes:
            return json_bytes(reader_manifest(store, slug, media, str(request.base_url)))

        response = conditional(request, await run_in_threadpool(work), IIIF_MEDIA_TYPE)
        response.headers["Access-Control-Allow-Origin"] = "*"  # viewers on other sites load manifests
        return response

    return [
        Route("/media/{media_id}/{size}.webp", picture),
        Route("/iiif/{slug}/manifest.json", iiif_manifest),
    ]
