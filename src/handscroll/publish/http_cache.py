"""HTTP caching of the live reader: answers kept per library version, rendered once, ETags and 304s.

Every page and API answer is kept under a key (the page and its parameters) with the
library version it was made at (`versions`). A request whose key is cached at the
current version costs a dictionary lookup; otherwise one render starts (on the pages'
lane, `limits.Lane`) and every request for that key waits for it, or, when an earlier
version is at hand and a render is already under way, gets that at once (single flight:
one render per page per change, issue 11). Nothing goes stale by time: a write to the
library changes the version, and the next request renders again, unless the answer has
a stamp (a brief of what it shows, read for a fraction of a render: a feature page's) and
the stamp is unchanged, when the kept answer is simply carried to the new version.

Answers are gzipped once, when made, and kept only gzipped (a fifth of the memory, so five
times the pages): sent as they are to clients that accept gzip, unpacked for the others.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, replace

from starlette.requests import Request
from starlette.responses import Response

from handscroll.publish.limits import Lane

PAGE_CACHE_CONTROL = "no-cache"
"""Pages and API answers may be stored but must be revalidated (cheaply, by ETag)."""

CACHE_BYTES = 256 * 1024 * 1024
"""How many bytes of answers the server keeps in memory (gzipped: about 25,000 feature pages)."""

GZIP_LEVEL = 3
"""A page is gzipped once, as it is made: at level 3 a 55 KB feature page takes 0.4 ms and packs to 12.6 KB;
level 6 took 1.0 ms for 11.2 KB, a tenth of a first render for a tenth fewer bytes (issue 11)."""

GZIP_MINIMUM = 500
"""Smaller answers are sent as they are."""

HTML = "text/html; charset=utf-8"
JSON = "application/json"

Made = tuple[bytes, str, object]
"""An answer as made on the lane: its bytes, its media type and its stamp (None: none)."""


def etag_of(body: bytes) -> str:
    """A strong ETag: the hash of the bytes sent."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def etag_matches(header: str | None, etag: str) -> bool:
    """Whether an If-None-Match header names this ETag (weak or strong, or `*`)."""
    if not header:
        return False
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


def json_bytes(value: object) -> bytes:
    """Compact UTF-8 JSON, Chinese unescaped."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True)
class Rendered:
    """An answer: its bytes (gzipped when `gzipped`, which all but small answers are), the ETag of
    its plain bytes, and its media type."""

    data: bytes
    etag: str
    media_type: str
    gzipped: bool = False
    version: int = 0
    state: str = "miss"
    """How it was found, sent as `X-Cache`: miss (made for this request), hit, stale (the previous
    version, while the new one is made) or revalidated (kept: its stamp had not changed)."""
    stamp: object = None
    """What it showed, in brief, when it was made (None: no stamp, made again at each version)."""

    @classmethod
    def make(cls, body: bytes, media_type: str, version: int = 0, stamp: object = None) -> Rendered:
        """An answer from its bytes: hashed and, when worth it, gzipped."""
        if len(body) < GZIP_MINIMUM:
            return cls(body, etag_of(body), media_type, False, version, stamp=stamp)
        packed = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
        return cls(packed, etag_of(body), media_type, True, version, stamp=stamp)

    @property
    def body(self) -> bytes:
        """The plain bytes (unpacked on each call when kept gzipped)."""
        return gzip.decompress(self.data) if self.gzipped else self.data

    @property
    def size(self) -> int:
        """Bytes held in memory."""
        return len(self.data)


def conditional(request: Request, answer: Rendered) -> Response:
    """A 200 with ETag and Cache-Control, or an empty 304 when the client already has these bytes."""
    headers = {"ETag": answer.etag, "Cache-Control": PAGE_CACHE_CONTROL, "X-Cache": answer.state}
    if etag_matches(request.headers.get("if-none-match"), answer.etag):
        return Response(status_code=304, headers=headers)
    if not answer.gzipped:
        return Response(answer.data, media_type=answer.media_type, headers=headers)
    headers["Vary"] = "Accept-Encoding"
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(answer.data, media_type=answer.media_type, headers=headers)
    return Response(answer.body, media_type=answer.media_type, headers=headers)


@dataclass
class _Flight:
    """A render under way, for one key at one version."""

    version: int
    future: asyncio.Future[Rendered]
    task: asyncio.Task[None] | None = None
    """The render itself, held so it is not collected while it runs."""


class PageCache:
    """Answers by key and version, least recently used dropped first, one render per key at once."""

    def __init__(self, lane: Lane, max_bytes: int = CACHE_BYTES) -> None:
        self.lane = lane
        self.max_bytes = max_bytes
        self._answers: OrderedDict[Hashable, Rendered] = OrderedDict()
        self._bytes = 0
        self._flights: dict[Hashable, _Flight] = {}

    async def get(
        self,
        key: Hashable,
        version: int,
        make: Callable[[], Made],
        stamp: Callable[[], object] | None = None,
    ) -> Rendered:
        """The answer for `key` at `version`, made by `make` (on the lane) when it is not cached, or
        carried over when `stamp` says a held one shows the same; raises what `make` raises, or
        `limits.Busy`."""
        held = self._answers.get(key)
        if held is not None and held.version == version:
            self._answers.move_to_end(key)
            return _as(held, "hit")
        flight = self._flights.get(key)
        if flight is not None and flight.version >= version:
            if held is not None:
                return _as(held, "stale")  # the new one is being made: the previous one now
            return await asyncio.shield(flight.future)
        flight = _Flight(version, asyncio.get_running_loop().create_future())
        self._flights[key] = flight
        work = self._work(flight.version, make, stamp, held)
        flight.task = asyncio.get_running_loop().create_task(self._render(key, flight, work))
        return await asyncio.shield(flight.future)

    @staticmethod
    def _work(
        version: int,
        make: Callable[[], Made],
        stamp: Callable[[], object] | None,
        held: Rendered | None,
    ) -> Callable[[], Rendered]:
        """What the lane runs: with an answer held from before, its stamp checked, then the answer
        made only if the stamp changed. A first answer is made at once: `make` gives its stamp."""

        def work() -> Rendered:
            kept = held is not None and held.stamp is not None
            if held is not None and kept and stamp is not None and stamp() == held.stamp:
                return replace(held, version=version, state="revalidated")
            body, media_type, brief = make()
            return Rendered.make(body, media_type, version, stamp=brief)

        return work

    async def _render(self, key: Hashable, flight: _Flight, work: Callable[[], Rendered]) -> None:
        """Make the answer on the lane and hand it to every waiter (or the failure)."""

        try:
            answer = await self.lane.run(work)
        except Exception as exc:
            flight.future.set_exception(exc)
            flight.future.add_done_callback(_retrieved)
        else:
            self._keep(key, answer)
            flight.future.set_result(answer)
        finally:
            if self._flights.get(key) is flight:
                del self._flights[key]

    def _keep(self, key: Hashable, answer: Rendered) -> None:
        held = self._answers.pop(key, None)
        if held is not None:
            self._bytes -= held.size
            if held.version > answer.version:  # a newer one came first: keep it
                answer = held
        self._answers[key] = answer
        self._bytes += answer.size
        while self._bytes > self.max_bytes and len(self._answers) > 1:
            _, dropped = self._answers.popitem(last=False)
            self._bytes -= dropped.size

    def __len__(self) -> int:
        return len(self._answers)


def _as(answer: Rendered, state: str) -> Rendered:
    return replace(answer, state=state)


def _retrieved(future: asyncio.Future[Rendered]) -> None:
    """Mark a failure seen even when nobody waited for it (no warning at exit)."""
    if not future.cancelled():
        future.exception()
