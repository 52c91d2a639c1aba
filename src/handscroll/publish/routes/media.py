"""Pictures and IIIF: `/media/{media_id}/{size}.webp` derivatives, `/iiif/{slug}/manifest.json`, and
each picture's level-0 image service `/iiif/image/{media_id}/` (deep-zoom tiles, issue 14).

Derivatives and tiles come from `derivatives.DerivativeQueue`, which makes new ones on a
pool of its own and answers 503 with Retry-After when too many are waiting (issue 10).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from handscroll.publish.derivatives import RETRY_AFTER_SECONDS, Busy
from handscroll.publish.http_cache import conditional, json_bytes
from handscroll.publish.iiif import IIIF_IMAGE_MEDIA_TYPE, IIIF_MEDIA_TYPE, reader_manifest
from handscroll.publish.media import SIZES
from handscroll.publish.routes.state import ReaderState, path_param

_TILE = re.compile(r"^(full|[0-9]{1,6}(,[0-9]{1,6}){3})/(max|[0-9]{1,5},[0-9]{1,5})/0/default\.jpg$")
"""The only tile paths a level-0 service has: canonical region and size, no rotation, default quality."""

_BUSY = "Pictures are being prepared; please try again shortly."


def _busy() -> Response:
    return Response(
        _BUSY,
        status_code=503,
        media_type="text/plain",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"},
    )


async def _prepared(make: Callable[[], Awaitable[Path | None]]) -> Path | Response:
    """The file or folder `make` gives, 404 when there is none, 503 when too much is being made."""
    try:
        path = await make()
    except Busy:
        return _busy()
    if path is None:
        raise HTTPException(404)
    return path


def routes(reader: ReaderState) -> list[Route]:
    """The picture and manifest routes."""
    store, media = reader.store, reader.media

    async def picture(request: Request) -> Response:
        media_id, size = path_param(request, "media_id"), path_param(request, "size")
        if size not in SIZES:
            raise HTTPException(404)
        path = await _prepared(lambda: reader.derivatives.get(media_id, size))
        if isinstance(path, Response):
            return path
        return FileResponse(path, media_type="image/webp", headers={"Cache-Control": "public, max-age=86400"})

    async def image_info(request: Request) -> Response:
        media_id = path_param(request, "media_id")
        info = await run_in_threadpool(media.info, media_id)
        if info is None:
            raise HTTPException(404)
        service = f"{str(request.base_url).rstrip('/')}{reader.urls.tiles(media_id)}"
        response = conditional(request, json_bytes(info.pyramid.info(service)), IIIF_IMAGE_MEDIA_TYPE)
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    async def tile(request: Request) -> Response:
        media_id, path = path_param(request, "media_id"), path_param(request, "tile")
        if _TILE.match(path) is None:
            raise HTTPException(404)
        folder = await _prepared(lambda: reader.derivatives.tiles(media_id))  # cut once, on first view
        if isinstance(folder, Response):
            return folder
        target = folder / path
        if not target.is_file():
            raise HTTPException(404)
        headers = {"Cache-Control": "public, max-age=86400", "Access-Control-Allow-Origin": "*"}
        return FileResponse(target, media_type="image/jpeg", headers=headers)

    async def iiif_manifest(request: Request) -> Response:
        slug = path_param(request, "slug")

        def work() -> bytes:
            return json_bytes(reader_manifest(store, slug, media, str(request.base_url)))

        response = conditional(request, await run_in_threadpool(work), IIIF_MEDIA_TYPE)
        response.headers["Access-Control-Allow-Origin"] = "*"  # viewers on other sites load manifests
        return response

    return [
        Route("/media/{media_id}/{size}.webp", picture),
        Route("/iiif/image/{media_id}/info.json", image_info),
        Route("/iiif/image/{media_id}/{tile:path}", tile),
        Route("/iiif/{slug}/manifest.json", iiif_manifest),
    ]
