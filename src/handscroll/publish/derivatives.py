"""Picture derivatives and deep-zoom tiles made on a few threads of their own, never on the
page-rendering pool.

Making a first-time derivative (decode, resize, encode WebP) costs far more than
rendering a page. Before issue 10 it ran on the thread pool the pages use, so 200
clients asking for new pictures left no thread for a page. Here at most `workers`
derivatives are made at once and at most `limit` wait; past that a request is told
to come back (`Busy`: 503 with Retry-After). Concurrent requests for one derivative
share one job (single flight), so it is made once; a picture's tile pyramid is one job too,
cut whole on its first view (issue 14). Checking whether a derivative is current (a few
`stat`s) runs on the lane given (issue 11: the picture files' own), never on the pool
pages or searches use.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from handscroll.publish.limits import Busy, Lane
from handscroll.publish.media import ImageInfo, MediaLibrary

WORKERS = max(1, (os.cpu_count() or 2) // 2)
"""Derivatives made at once: half the cores, so the other half is left for pages."""

QUEUE_LIMIT = 32
"""Derivatives that may be made or waiting at once; one more is `Busy`."""

__all__ = ["Busy", "DerivativeQueue"]


class DerivativeQueue:
    """Serves derivatives from the cache, making missing ones on a bounded pool of its own."""

    def __init__(
        self, media: MediaLibrary, checks: Lane, *, workers: int = WORKERS, limit: int = QUEUE_LIMIT
    ) -> None:
        self.media = media
        self.checks = checks
        self.limit = limit
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="handscroll-derivative")
        self._jobs: dict[tuple[str, str], Future[Path | None]] = {}
        self._lock = threading.Lock()

    async def get(self, media_id: str, size: str) -> Path | None:
        """The derivative's file, made now if needed; None for a missing picture; raises `Busy`."""
        state = await self.checks.run(lambda: self.media.cached_derivative(media_id, size))  # a stat or two
        if not isinstance(state, ImageInfo):
            return state
        job = self._job((state.media_id, size), lambda: self.media.make_derivative(state, size))
        # shield: a client that goes away must not cancel a job other clients wait for
        return await asyncio.shield(asyncio.wrap_future(job))

    async def tiles(self, media_id: str) -> Path | None:
        """The picture's deep-zoom tile folder, cut now if needed; None for a missing picture;
        raises `Busy`."""
        state = await self.checks.run(lambda: self.media.cached_tiles(media_id))
        if not isinstance(state, ImageInfo):
            return state
        job = self._job((media_id, "tiles"), lambda: self.media.make_tiles(state))
        return await asyncio.shield(asyncio.wrap_future(job))

    def pending(self) -> int:
        """Derivatives being made or waiting now."""
        with self._lock:
            return len(self._jobs)

    def close(self) -> None:
        """Stop taking jobs; jobs already waiting are dropped."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _job(self, key: tuple[str, str], work: Callable[[], Path | None]) -> Future[Path | None]:
        with self._lock:
            job = self._jobs.get(key)
            if job is not None:
                return job
            if len(self._jobs) >= self.limit:
                raise Busy(f"{len(self._jobs)} pictures are being prepared")
            job = self._pool.submit(work)
            self._jobs[key] = job

        def done(_: Future[Path | None]) -> None:
            with self._lock:
                self._jobs.pop(key, None)

        job.add_done_callback(done)
        return job
