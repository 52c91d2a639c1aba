"""Pictures and IIIF: `/media/{media_id}/{size}.webp` derivatives and `/iiif/{slug}/manifest.json`.

Derivatives come from `derivatives.DerivativeQueue`, which makes new ones on a pool of
its own and answers 503 with Retry-After when too many are waiting (issue 10); their
files are read on the picture lane and kept in memory (`assets.FileCache`, issue 11),
never on the pages' threads.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from handscroll.publish.http_cache import etag_matches, json_bytes
from handscroll.publish.iiif import IIIF_MEDIA_TYPE, reader_manifest
from handscroll.publish.media import SIZES
from handscroll.publish.routes.state import ReaderState, path_param

PICTURE_CACHE_CONTROL = "public, max-age=86400"
"""Derivatives change only when their picture does: browsers keep them a day."""


def routes(reader: ReaderState) -> list[Route]:
    """The picture and manifest routes."""
    store, media = reader.store, reader.media

    async def picture(request: Request) -> Response:
        media_id, size = path_param(request, "media_id"), path_param(request, "size")
        if size not in SIZES:
            raise HTTPException(404)
        path = await reader.derivatives.get(media_id, size)  # limits.Busy: 503 with Retry-After
        if path is None:
            raise HTTPException(404)
        try:
            body, etag = await reader.files.read(path)
        except OSError:  # removed under our feet: made again on the next request
            raise HTTPException(404) from None
        headers = {"Cache-Control": PICTURE_CACHE_CONTROL, "ETag": etag}
        if etag_matches(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="image/webp", headers=headers)

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
        Route("/iiif/{slug}/manifest.json", iiif_manifest),
    ]
