"""Pictures and IIIF: `/media/{media_id}/{size}.webp` derivatives, `/iiif/{slug}/manifest.json`, and
each picture's level-0 image service `/iiif/image/{media_id}/` (deep-zoom tiles, issue 14).

Derivatives and tiles come from `derivatives.DerivativeQueue`, which makes new ones on a
pool of its own and answers 503 with Retry-After when too many are waiting (issue 10);
their files are read on the picture lane and kept in memory (`assets.FileCache`, issue 11),
never on the pages' threads.
"""

from __future__ import annotations

import re
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from handscroll.publish.http_cache import Rendered, conditional, etag_matches, json_bytes
from handscroll.publish.iiif import IIIF_IMAGE_MEDIA_TYPE, IIIF_MEDIA_TYPE, reader_manifest
from handscroll.publish.media import SIZES
from handscroll.publish.routes.state import ReaderState, path_param

PICTURE_CACHE_CONTROL = "public, max-age=86400"
"""Derivatives and tiles change only when their picture does: browsers keep them a day."""

_TILE = re.compile(r"^(full|[0-9]{1,6}(,[0-9]{1,6}){3})/(max|[0-9]{1,5},[0-9]{1,5})/0/default\.jpg$")
"""The only tile paths a level-0 service has: canonical region and size, no rotation, default quality."""


def routes(reader: ReaderState) -> list[Route]:
    """The picture and manifest routes."""
    store, media = reader.store, reader.media

    async def send(request: Request, path: Path, media_type: str, headers: dict[str, str]) -> Response:
        """A picture file from the in-memory file cache, with its ETag (a 304 when it matches)."""
        try:
            body, etag = await reader.files.read(path)
        except OSError:  # removed under our feet: made again on the next request
            raise HTTPException(404) from None
        headers = {"Cache-Control": PICTURE_CACHE_CONTROL, "ETag": etag, **headers}
        if etag_matches(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type=media_type, headers=headers)

    async def picture(request: Request) -> Response:
        media_id, size = path_param(request, "media_id"), path_param(request, "size")
        if size not in SIZES:
            raise HTTPException(404)
        path = await reader.derivatives.get(media_id, size)  # limits.Busy: 503 with Retry-After
        if path is None:
            raise HTTPException(404)
        return await send(request, path, "image/webp", {})

    async def image_info(request: Request) -> Response:
        media_id = path_param(request, "media_id")
        info = await reader.file_lane.run(lambda: media.info(media_id))
        if info is None:
            raise HTTPException(404)
        service = f"{str(request.base_url).rstrip('/')}{reader.urls.tiles(media_id)}"
        response = conditional(
            request, Rendered.make(json_bytes(info.pyramid.info(service)), IIIF_IMAGE_MEDIA_TYPE)
        )
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response

    async def tile(request: Request) -> Response:
        media_id, path = path_param(request, "media_id"), path_param(request, "tile")
        if _TILE.match(path) is None:
            raise HTTPException(404)
        folder = await reader.derivatives.tiles(media_id)  # cut once, on first view; Busy: 503
        if folder is None:
            raise HTTPException(404)
        return await send(request, folder / path, "image/jpeg", {"Access-Control-Allow-Origin": "*"})

    async def iiif_manifest(request: Request) -> Response:
        slug = path_param(request, "slug")
        base = str(request.base_url)

        def work() -> tuple[bytes, str]:
            return json_bytes(reader_manifest(store, slug, media, base)), IIIF_MEDIA_TYPE

        response = await reader.answer(request, ("iiif", slug, base), work)
        response.headers["Access-Control-Allow-Origin"] = "*"  # viewers on other sites load manifests
        return response

    return [
        Route("/media/{media_id}/{size}.webp", picture),
        Route("/iiif/image/{media_id}/info.json", image_info),
        Route("/iiif/image/{media_id}/{tile:path}", tile),
        Route("/iiif/{slug}/manifest.json", iiif_manifest),
    ]
