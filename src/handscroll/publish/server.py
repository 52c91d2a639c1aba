"""How `handscroll serve` runs the reader: uvicorn with limits for slow and idle clients (issue 10),
in one process or in several worker processes on one library (issue 11).

uvicorn closes idle keep-alive connections (`timeout_keep_alive`) and caps the size
of a request head (h11's `max_incomplete_event_size`), but it has no deadline for a
client that sends its request head slowly, byte by byte (slowloris): such a
connection would stay open for ever. `HeadTimeoutProtocol` adds that deadline.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

KEEP_ALIVE_SECONDS = 5
"""An idle keep-alive connection is closed after this long."""

HEAD_TIMEOUT_SECONDS = 10.0
"""A request head (request line and headers) must arrive whole within this long."""

MAX_HEAD_BYTES = 16 * 1024
"""The largest request head accepted; a larger one gets 400."""

MAX_CONNECTIONS = 1000
"""More connections or requests than this at once get 503 from uvicorn."""

GRACEFUL_SHUTDOWN_SECONDS = 10
"""On Ctrl+C, requests in flight get this long to finish."""


class HeadTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request head."""

    head_timeout: float = HEAD_TIMEOUT_SECONDS
    _head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_head_timer()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:  # the head is in: the app has the request
            self._cancel_head_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._arm_head_timer()  # the next request's head has the same deadline

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def _arm_head_timer(self) -> None:
        self._cancel_head_timer()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_timed_out)

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


APP_FACTORY = "handscroll.publish.server:app_from_environment"
"""What each worker process imports to make its app (uvicorn's `factory=True`)."""


def app_from_environment() -> Any:
    """The reader app of one worker process, from `HANDSCROLL_*` variables (`Settings.from_env`),
    which `handscroll serve --workers N` sets from its options before starting the workers."""
    from handscroll.config import Settings
    from handscroll.publish.web import create_app

    settings = Settings.from_env()
    return create_app(settings.db, settings)


def run_workers(db: str, media: str | None, host: str, port: int, workers: int) -> None:
    """Serve the library at `db` from `workers` processes sharing the port (uvicorn restarts one
    that dies); each makes its own app (`app_from_environment`) and shares nothing but the
    library, so a page cache is per process and follows the library's version (issue 11)."""
    os.environ["HANDSCROLL_DB"] = db  # the workers read their settings from the environment
    if media is not None:
        os.environ["HANDSCROLL_MEDIA"] = media
    uvicorn.run(APP_FACTORY, factory=True, workers=workers, **server_options(host, port))


def server_options(host: str, port: int, *, log_level: str = "warning") -> dict[str, Any]:
    """uvicorn's settings for the reader (`uvicorn.run(app, **server_options(...))`), limits included."""
    return {
        "host": host,
        "port": port,
        "log_level": log_level,
        "http": HeadTimeoutProtocol,
        "timeout_keep_alive": KEEP_ALIVE_SECONDS,
        "h11_max_incomplete_event_size": MAX_HEAD_BYTES,
        "limit_concurrency": MAX_CONNECTIONS,
        "timeout_graceful_shutdown": GRACEFUL_SHUTDOWN_SECONDS,
    }


def server_config(app: Any, host: str, port: int, *, log_level: str = "warning") -> uvicorn.Config:
    """The same settings as a `uvicorn.Config`, for a server run in a thread (the tests)."""
    return uvicorn.Config(app, **server_options(host, port, log_level=log_level))
