"""The editors' workspace in the browser, at /edit/ (issue 13).

The one part of `publish` that changes the library, and only through
`handscroll.workspace`, which decides; these modules read forms, check who
asks (`guard`) and show pages. The editor's templates and assets live here,
apart from the reader's, so a static build never ships them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from handscroll.publish.editor import views_edit, views_history, views_home, views_media, views_review
from handscroll.publish.editor.guard import EditorRoute, endpoint
from handscroll.publish.editor.state import STATIC, EditorState
from handscroll.publish.vendor import node_modules
from handscroll.workspace.accounts import any_account
from handscroll.workspace.listing import adopt_library
from handscroll.workspace.publishing import publish_due

PUBLISH_EVERY = 30.0
"""Seconds between the server's looks for scheduled editions that are due."""

CODEMIRROR = Path(".cache") / "handscroll" / "codemirror.js"
"""Where `npm run build` (package.json) bundles CodeMirror 6 with esbuild, under node_modules."""

log = logging.getLogger("handscroll.editor")


def editor_routes() -> list[EditorRoute]:
    """Every editor route, with the action each needs (the permission tests walk this list)."""
    return [
        *views_home.routes(),
        *views_edit.routes(),
        *views_review.routes(),
        *views_history.routes(),
        *views_media.routes(),
    ]


class Editor:
    """The editor mounted in the reader app: its routes, and the scheduler the app's lifespan runs."""

    def __init__(self, state: EditorState, publish_every: float = PUBLISH_EVERY) -> None:
        self.state = state
        self.publish_every = publish_every
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    def mount(self) -> Mount:
        """`/edit/...`: the editor's pages, its static files and the CodeMirror bundle."""
        routes: list[BaseRoute] = [
            Route(r.path, endpoint(r, self.state), methods=[r.method]) for r in editor_routes()
        ]
        routes.append(Route("/static/codemirror.js", _codemirror))
        routes.append(Mount("/static", StaticFiles(directory=STATIC), name="editor-static"))
        return Mount("/edit", routes=routes)

    async def start(self) -> None:
        """Read the signing key, and start publishing due editions in the background (every worker
        may: claims are locked)."""
        await run_in_threadpool(lambda: self.state.secret)
        self._stopping = asyncio.Event()
        self._task = asyncio.create_task(self._publish_due_until_stopped())

    async def stop(self) -> None:
        """Let a run in progress finish (never cut a publish, or a connection in use, short), then stop."""
        if self._task is not None:
            self._stopping.set()
            await self._task

    async def _publish_due_until_stopped(self) -> None:
        try:
            # Only where editors can log in: a library served to readers alone is never written.
            if await run_in_threadpool(any_account, self.state.library):
                await run_in_threadpool(adopt_library, self.state.library)
        except Exception:  # a library that cannot be written now is retried at the next start
            log.exception("features imported before the workspace could not be adopted")
        while not self._stopping.is_set():
            try:
                report = await run_in_threadpool(
                    publish_due, self.state.library, media=self.state.folders, settings=self.state.settings
                )
                for slug in report.published:
                    log.info("published %s on schedule", slug)
                for slug, why in report.failed:
                    log.warning("could not publish %s on schedule: %s", slug, why)
            except Exception:
                log.exception("the scheduled publishing run failed; trying again later")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.publish_every)


async def _codemirror(request: Request) -> Response:
    root = node_modules()
    path = root / CODEMIRROR if root is not None else None
    if path is None or not path.is_file():
        raise HTTPException(404)  # not bundled (no `npm run build`): the editor is a plain text area
    return FileResponse(path, media_type="text/javascript", headers={"cache-control": "public, max-age=3600"})
