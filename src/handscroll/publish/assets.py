"""Static files and pictures served apart from the pages (issue 11).

Before issue 11 the stylesheet, scripts, fonts and pictures were read on the thread pool
slow pages and searches filled, so under load even `/static/handscroll.css` stopped
answering. Now:

- `Assets`: the reader's own static files and the npm files it ships (`vendor`), read
  into memory once when the app starts (about 1.5 MB), gzipped once where that helps,
  and answered from memory, with ETags and 304s: no thread, no disk.
- `FileCache`: picture derivatives, read from the derivative cache on a lane of their
  own (`FILE_THREADS`) and kept in memory, least recently used dropped first; a `stat`
  in the event loop checks a kept copy is still current.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from handscroll.publish.http_cache import etag_matches
from handscroll.publish.limits import Lane
from handscroll.publish.vendor import WRAPPED, wrapped_file

FILE_THREADS = 32
"""Threads that check derivatives (a first look at a picture decodes it: 100-250 ms) and read
picture files; as many as anyio's shared pool had, but apart from the pages' threads."""

FILE_QUEUE = 256
"""Picture reads that may wait for a thread; one more is 503."""

FILE_CACHE_BYTES = 64 * 1024 * 1024
"""How many bytes of pictures are kept in memory."""

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")
"""Media types worth gzipping (fonts and images are compressed already)."""

VENDOR_CACHE_CONTROL = "public, max-age=86400"
"""npm files change only with a new version of handscroll: a day."""

OWN_CACHE_CONTROL = "no-cache"
"""The reader's own stylesheet and scripts: revalidated (a 304) on each page, so an upgrade shows."""

mimetypes.add_type("font/woff2", ".woff2")
mimetypes.add_type("text/javascript", ".js")


@dataclass(frozen=True)
class Asset:
    """A file held in memory: its bytes, gzipped copy (None when not worth it), ETag and headers."""

    body: bytes
    gzipped: bytes | None
    etag: str
    media_type: str
    cache_control: str

    @classmethod
    def read(cls, path: Path, cache_control: str) -> Asset:
        """Read and prepare one file."""
        return cls.of(path.read_bytes(), path.name, cache_control)

    @classmethod
    def of(cls, body: bytes, name: str, cache_control: str) -> Asset:
        """Prepare the bytes of a file called `name`."""
        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        packed = None
        if media_type.startswith(COMPRESSIBLE) and len(body) >= 500:
            packed = gzip.compress(body, compresslevel=9, mtime=0)
        return cls(body, packed, _etag(body), media_type, cache_control)

    def answer(self, request: Request) -> Response:
        """This file for this request: 304, gzipped or plain."""
        headers = {"ETag": self.etag, "Cache-Control": self.cache_control}
        if etag_matches(request.headers.get("if-none-match"), self.etag):
            return Response(status_code=304, headers=headers)
        if self.gzipped is not None:
            headers["Vary"] = "Accept-Encoding"
            if "gzip" in request.headers.get("accept-encoding", ""):
                headers["Content-Encoding"] = "gzip"
                return Response(self.gzipped, media_type=self.media_type, headers=headers)
        return Response(self.body, media_type=self.media_type, headers=headers)


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


class Assets:
    """Files by their path under `/static/`, in memory; `route()` serves them."""

    def __init__(self, own: Mapping[str, Path], vendor: Mapping[str, Path]) -> None:
        self.files = {name: Asset.read(path, OWN_CACHE_CONTROL) for name, path in own.items()}
        self.files.update(
            (f"vendor/{name}", Asset.read(path, VENDOR_CACHE_CONTROL)) for name, path in vendor.items()
        )
        for name in WRAPPED:  # JSON as a script, for the static site's file:// pages too
            body = wrapped_file(dict(vendor), name)
            if body is not None:
                self.files[f"vendor/{name}"] = Asset.of(body, name, VENDOR_CACHE_CONTROL)

    def route(self) -> Route:
        """`/static/{path}`: exactly the files given, a 404 for anything else."""

        async def serve(request: Request) -> Response:
            asset = self.files.get(str(request.path_params["path"]))
            if asset is None:
                raise HTTPException(404)
            return asset.answer(request)

        return Route("/static/{path:path}", serve, name="static")


def folder_files(folder: Path, prefix: str = "") -> dict[str, Path]:
    """Every file under `folder` by its relative path (with `prefix`), for `Assets`."""
    return {
        prefix + path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


class FileCache:
    """Picture files in memory, read on a lane of their own, least recently used dropped first."""

    def __init__(self, lane: Lane, max_bytes: int = FILE_CACHE_BYTES) -> None:
        self.lane = lane
        self.max_bytes = max_bytes
        self._files: OrderedDict[Path, tuple[tuple[int, int], bytes]] = OrderedDict()
        self._bytes = 0

    async def read(self, path: Path) -> tuple[bytes, str]:
        """The file's bytes and an ETag; raises OSError when it cannot be read, `Busy` when the
        lane is full."""
        stat = os.stat(path)  # microseconds, in the loop: says whether a kept copy is current
        stamp = (stat.st_mtime_ns, stat.st_size)
        held = self._files.get(path)
        if held is not None and held[0] == stamp:
            self._files.move_to_end(path)
            return held[1], _stamp_etag(stamp)
        body = await self.lane.run(path.read_bytes)
        self._keep(path, stamp, body)
        return body, _stamp_etag(stamp)

    def _keep(self, path: Path, stamp: tuple[int, int], body: bytes) -> None:
        held = self._files.pop(path, None)
        if held is not None:
            self._bytes -= len(held[1])
        if len(body) > self.max_bytes // 4:
            return  # a huge file is sent, not kept
        self._files[path] = (stamp, body)
        self._bytes += len(body)
        while self._bytes > self.max_bytes:
            _, (_, dropped) = self._files.popitem(last=False)
            self._bytes -= len(dropped)


def _stamp_etag(stamp: tuple[int, int]) -> str:
    return f'"{stamp[0]:x}-{stamp[1]:x}"'
