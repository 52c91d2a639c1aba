"""`/features/{slug}/worksheet.pdf`: the printable worksheet the reader links to (issue 15).

The same document as `handscroll export pdf --feature SLUG`: the text with its
pictures, the thinking questions with room to write, the approved self-checks
and the answers at the back. Laying a PDF out takes seconds, so each is made
once per version of the feature and of its approvals and kept in a small
cache; a worksheet is made in the thread pool, never on the event loop.
"""

from __future__ import annotations

from collections import OrderedDict
from threading import Lock

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from handscroll.publish.exports import ExportRequest, select_features
from handscroll.publish.routes.state import ReaderState, path_param

KEEP = 16
"""Worksheets kept in memory (a few hundred kilobytes each)."""


def routes(reader: ReaderState) -> list[Route]:
    """The worksheet of each feature, as a PDF download."""
    made: OrderedDict[tuple[str, str, frozenset[str], str], bytes] = OrderedDict()
    lock = Lock()

    def make(slug: str, base_url: str) -> bytes:
        from handscroll.publish.pack import build_pack, pack_html, pack_pdf  # WeasyPrint loads slowly

        library = reader.store
        feature = library.get_feature(slug)  # NotFoundError: the reader's 404 page
        key = (slug, feature.content_hash(), library.approved_quiz_items(slug), base_url)
        with lock:
            if key in made:
                made.move_to_end(key)
                return made[key]
        selection = select_features(library, ExportRequest(slug=slug, base_url=base_url))
        pack, _ = build_pack(library, selection, reader.media, base_url=base_url, kind="worksheet")
        pdf = pack_pdf(pack_html(pack))
        with lock:
            made[key] = pdf
            while len(made) > KEEP:
                made.popitem(last=False)
        return pdf

    async def worksheet(request: Request) -> Response:
        slug = path_param(request, "slug")
        pdf = await run_in_threadpool(make, slug, str(request.base_url))
        headers = {"Content-Disposition": f'inline; filename="{slug}-worksheet.pdf"'}
        return Response(pdf, media_type="application/pdf", headers=headers)

    return [Route("/features/{slug}/worksheet.pdf", worksheet)]
