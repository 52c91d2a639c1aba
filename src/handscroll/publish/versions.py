"""The library's version, read on every request without a thread (issue 11).

Rendered pages are kept per version (`http_cache`); the version row changes in the same
transaction as any write to the library, by whichever process (`store.version`). So each
request asks for it, and must be cheap:

- SQLite: a connection of the reader's own, read in the event loop: a primary-key lookup
  in a file in the page cache, 5-10 microseconds, no thread hop (which costs 15x that).
  It never waits on a lock (timeout 0); if SQLite is busy, the read moves to a thread.
- PostgreSQL: one asyncio connection (psycopg) per worker. Requests that arrive while a
  read is in flight share the next one, so 200 waiting requests cost one round trip,
  and each request still sees a version read after it arrived.
"""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import anyio
import psycopg
from sqlalchemy.engine import make_url

from handscroll.store import Library
from handscroll.store.version import VERSION_SQL

VERSION_SECONDS = 5.0
"""How long a request waits for the version before the library counts as not answering."""


class LibraryDown(Exception):
    """The library did not answer (the database is down or overloaded)."""


class VersionReader:
    """The current version of one library, for the reader's requests."""

    def __init__(self, library: Library, url: str) -> None:
        self.library = library
        parsed = make_url(url)
        self._backend = parsed.get_backend_name()
        self._path = parsed.database if self._backend == "sqlite" else None
        self._pg: dict[str, Any] = {}
        if self._backend == "postgresql":
            self._pg = {
                "host": parsed.host,
                "port": parsed.port,
                "user": parsed.username,
                "password": parsed.password,
                "dbname": parsed.database,
                "connect_timeout": 5,
                **{k: v for k, v in parsed.query.items() if isinstance(v, str)},
            }
        self._sqlite: sqlite3.Connection | None = None
        self._async: psycopg.AsyncConnection[Any] | None = None
        self._pending: asyncio.Future[int] | None = None
        self._reading: asyncio.Task[None] | None = None

    async def current(self) -> int:
        """The version now; raises LibraryDown when the library does not answer in time."""
        try:
            if self._path and self._path != ":memory:":
                return self._read_sqlite()
            if self._pg:
                return await asyncio.wait_for(self._read_coalesced(), VERSION_SECONDS)
            return await self._read_in_thread()
        except (TimeoutError, psycopg.Error, OSError) as exc:
            raise LibraryDown(str(exc) or type(exc).__name__) from None

    def _read_sqlite(self) -> int:
        if self._sqlite is None:
            self._sqlite = sqlite3.connect(
                self._path or "", timeout=0, isolation_level=None, check_same_thread=False
            )
        try:
            rows = self._sqlite.execute(VERSION_SQL).fetchall()  # fetchall ends the read at once
        except sqlite3.OperationalError:
            return self.library.version()  # busy or damaged: let the library say so, in this thread
        return int(rows[0][0]) if rows else 0

    async def _read_in_thread(self) -> int:
        return await anyio.to_thread.run_sync(self.library.version)

    async def _read_coalesced(self) -> int:
        """Join the next read: one that starts after this call, shared by all who ask meanwhile."""
        if self._pending is None:
            self._pending = asyncio.get_running_loop().create_future()
            self._pending.add_done_callback(_retrieved)
            if self._reading is None or self._reading.done():
                self._reading = asyncio.get_running_loop().create_task(self._read_rounds())
        return await asyncio.shield(self._pending)

    async def _read_rounds(self) -> None:
        """Read until nobody waits; the requests that came during one read share the next."""
        while self._pending is not None:
            waiting, self._pending = self._pending, None
            try:
                waiting.set_result(await self._read_postgres())
            except Exception as exc:  # every waiter hears of the failure; the next read reconnects
                waiting.set_exception(exc)
                await self._reset()

    async def _read_postgres(self) -> int:
        if self._async is None or self._async.closed:
            self._async = await psycopg.AsyncConnection.connect(autocommit=True, **self._pg)
        cursor = await self._async.execute(VERSION_SQL)
        row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def _reset(self) -> None:
        if self._async is not None:
            connection, self._async = self._async, None
            await connection.close()

    async def close(self) -> None:
        """Close the reader's own connections."""
        if self._sqlite is not None:
            self._sqlite.close()
            self._sqlite = None
        await self._reset()


def _retrieved(future: asyncio.Future[int]) -> None:
    """Mark a failure seen even when every waiter gave up before it came (no warning at exit)."""
    if not future.cancelled():
        future.exception()
