"""Limits that keep the reader answering under load (issue 11): lanes, back-pressure, deadlines.

Before issue 11 every slow handler ran on anyio's one shared thread pool, with static
files; at 10-50 clients a few slow searches left no thread for anything, and every
endpoint went silent for 20 s. Now:

- A `Lane` is a few threads for one kind of work (pages and API answers have one) and a
  bounded queue: past it, the request is told to come back (`Busy`: 503, Retry-After)
  at once instead of waiting behind the others. Static files and pictures use no lane
  that pages use (`assets`).
- `Deadlines` gives every request a time limit: a handler that has not started its
  answer by then gets a clear 504 page, whatever it was waiting for. Work already on
  a thread finishes in the background (a render then still fills the page cache).
  It also caps how many searches run at once, since search has no lane of its own.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import TypeVar

import anyio
import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

T = TypeVar("T")

RETRY_AFTER_SECONDS = 2
"""What a 503 tells a client to wait before asking again."""

DEADLINE_SECONDS = 15.0
"""The longest any request may take before its answer starts: then 504."""

log = logging.getLogger("handscroll.serve")


class Busy(Exception):
    """Too much work is waiting: answer 503 with Retry-After."""


class Lane:
    """`threads` threads for one kind of work, and at most `queue` calls waiting for one."""

    def __init__(self, threads: int, queue: int) -> None:
        self.threads = threads
        self.queue = queue
        self._limiter: anyio.CapacityLimiter | None = None
        self._admitted = 0

    @property
    def admitted(self) -> int:
        """Calls running or waiting now."""
        return self._admitted

    async def run(self, work: Callable[[], T]) -> T:
        """Run `work` on one of the lane's threads; raises `Busy` when the queue is full."""
        if self._admitted >= self.threads + self.queue:
            raise Busy(f"{self._admitted} calls are running or waiting")
        if self._limiter is None:  # made in the event loop that uses it
            self._limiter = anyio.CapacityLimiter(self.threads)
        self._admitted += 1
        try:
            return await anyio.to_thread.run_sync(work, limiter=self._limiter)
        finally:
            self._admitted -= 1


Answer = Callable[[Request, int], Response]
"""Makes the answer for a request that failed a limit, given the status (503 or 504)."""


class Deadlines:
    """ASGI middleware: a time limit on every request, and caps on concurrent requests by path.

    `caps` maps a path prefix to how many such requests may run at once; one more is
    answered 503 at once. `answer` makes the 503 and 504 answers (an HTML page, or JSON
    under /api/).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        answer: Answer,
        seconds: float | None = None,
        caps: Mapping[str, int] | None = None,
    ) -> None:
        self.app = app
        self.answer = answer
        self.seconds = DEADLINE_SECONDS if seconds is None else seconds
        self.caps = dict(caps or {})
        self._running = dict.fromkeys(self.caps, 0)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = path_of(scope)
        capped = next((prefix for prefix in self.caps if path.startswith(prefix)), None)
        if capped is not None and self._running[capped] >= self.caps[capped]:
            await self.answer(Request(scope), 503)(scope, receive, send)
            return
        if capped is not None:
            self._running[capped] += 1
        try:
            await self._within_deadline(scope, receive, send)
        finally:
            if capped is not None:
                self._running[capped] -= 1

    async def _within_deadline(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = {"started": False, "abandoned": False}

        async def guarded(message: Message) -> None:
            if state["abandoned"]:
                return  # the client already has its 504
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded))
        try:
            done, _ = await asyncio.wait({task}, timeout=self.seconds)
        except asyncio.CancelledError:  # the server gave up on the request (client gone, shutdown)
            task.cancel()
            raise
        if done:
            task.result()  # re-raise what the app raised, as if called directly
            return
        if state["started"]:
            await task  # the answer is on its way: let it finish
            return
        state["abandoned"] = True
        task.cancel()  # a thread it waits on runs to its end; nothing more is sent
        task.add_done_callback(_log_failure)
        log.warning(
            "%s %s: no answer within %.0f s, sent 504", scope.get("method"), path_of(scope), self.seconds
        )
        await self.answer(Request(scope), 504)(scope, receive, send)


def path_of(scope: Scope) -> str:
    """The request's path, for a log line."""
    return str(scope.get("path", ""))


def _log_failure(task: asyncio.Task[None]) -> None:
    """An abandoned request that failed later is logged, not lost (nor a warning at exit)."""
    if not task.cancelled() and task.exception() is not None:
        log.error("an abandoned request failed", exc_info=task.exception())
