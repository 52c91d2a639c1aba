"""Picture derivatives are made on a bounded pool of their own, once each, never starving pages."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import httpx2 as httpx
import pytest
from PIL import Image

from factories import make_feature
from handscroll.config import Settings
from handscroll.model import Figure, Paragraph
from handscroll.publish.assets import FILE_QUEUE, FILE_THREADS
from handscroll.publish.derivatives import Busy, DerivativeQueue
from handscroll.publish.limits import Lane
from handscroll.publish.media import ImageInfo, MediaLibrary
from handscroll.publish.web import create_app
from publish.builders import fill_library
from publish.live import serve

T = TypeVar("T")


def _run(main: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine on a loop of its own thread (a browser test may own the main thread's loop)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, main).result()


def _big_picture(folder: Path, media_id: str, size: tuple[int, int] = (2400, 1600)) -> Path:
    """A photo-like picture (noise does not compress), costly to decode, resize and encode."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{media_id}.jpg"
    Image.effect_noise(size, 80).convert("RGB").save(path, format="JPEG", quality=90)
    return path


def _pictures(folder: Path, count: int) -> list[str]:
    """`count` distinct media IDs; all but the first are links to the first picture's file."""
    first = _big_picture(folder, "testsite_pool01_1")
    ids = ["testsite_pool01_1"]
    for n in range(2, count + 1):
        (folder / f"testsite_pool01_{n}.jpg").symlink_to(first.name)
        ids.append(f"testsite_pool01_{n}")
    return ids


class _Counting(MediaLibrary):
    """A media library that counts (and slows) the derivatives it makes."""

    def __init__(self, media_dir: Path, cache_dir: Path, delay: float) -> None:
        super().__init__(media_dir, cache_dir)
        self.delay = delay
        self.made: list[tuple[str, str]] = []
        self._count_lock = threading.Lock()

    def make_derivative(self, info: ImageInfo, size: str) -> Path | None:
        with self._count_lock:
            self.made.append((info.media_id, size))
        time.sleep(self.delay)
        return super().make_derivative(info, size)


def test_concurrent_requests_for_one_derivative_make_it_once(tmp_path: Path) -> None:
    _pictures(tmp_path / "media", 1)
    media = _Counting(tmp_path / "media", tmp_path / "cache", delay=0.3)
    queue = DerivativeQueue(media, Lane(FILE_THREADS, FILE_QUEUE), workers=2, limit=4)

    async def many() -> list[Path | None]:
        return await asyncio.gather(*(queue.get("testsite_pool01_1", "medium") for _ in range(25)))

    paths = _run(many())
    queue.close()
    assert media.made == [("testsite_pool01_1", "medium")]
    assert len(set(paths)) == 1 and paths[0] is not None and paths[0].is_file()
    assert queue.pending() == 0


def test_a_full_queue_says_busy_and_frees_up_again(tmp_path: Path) -> None:
    ids = _pictures(tmp_path / "media", 6)
    media = _Counting(tmp_path / "media", tmp_path / "cache", delay=0.3)
    queue = DerivativeQueue(media, Lane(FILE_THREADS, FILE_QUEUE), workers=1, limit=3)

    async def many() -> list[object]:
        return await asyncio.gather(*(queue.get(i, "thumb") for i in ids), return_exceptions=True)

    answers = _run(many())
    assert sum(isinstance(a, Busy) for a in answers) == 3
    assert sum(isinstance(a, Path) for a in answers) == 3
    assert queue.pending() == 0
    refused = [i for i, a in zip(ids, answers, strict=True) if isinstance(a, Busy)]
    assert isinstance(_run(queue.get(refused[0], "thumb")), Path)  # room again once done
    assert _run(queue.get("testsite_pool09_1", "thumb")) is None  # missing: no job at all
    queue.close()
    assert len(media.made) == 4


def test_first_time_pictures_do_not_block_a_page(tmp_path: Path, library_file: str) -> None:
    ids = _pictures(tmp_path / "media", 50)  # more than the server's 40 threads for pages
    feature = make_feature(
        title="A part",
        slug="a-part",
        series="testsite_pool",
        hero=ids[0],
        blocks=(Paragraph(text="A part of the story."), Figure(media=ids[0])),
    )
    fill_library(library_file, [feature])
    settings = Settings(db=library_file, media_dir=tmp_path / "media")
    app = create_app(library_file, settings, cache_dir=tmp_path / "cache")

    async def load(url: str) -> tuple[float, list[httpx.Response]]:
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=0)
        async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
            pictures = [asyncio.create_task(client.get(f"/media/{i}/large.webp")) for i in ids]
            await asyncio.sleep(0.5)  # the pictures are being made now
            started = time.monotonic()
            page = await client.get("/features/a-part")
            took = time.monotonic() - started
            assert page.status_code == 200 and "A part of the story." in page.text
            done, waiting = await asyncio.wait(pictures, timeout=1)
            for task in waiting:  # still being made: no need to wait for them all
                task.cancel()
            answered = [t.result() for t in done if t.exception() is None]
            return took, answered

    with serve(app, timeout_graceful_shutdown=1) as url:
        took, answers = _run(load(url))
    statuses = [a.status_code for a in answers]
    # Before issue 10 this page took 45-90 s on the 2 shared cores here; it now takes well under
    # a second when the machine is idle. The bound leaves room for other work on the machine.
    assert took < 10.0, f"a page took {took:.1f} s while pictures were being made"
    assert set(statuses) <= {200, 503}, statuses
    busy = [a for a in answers if a.status_code == 503]
    assert busy, "50 first-time pictures at once should fill the queue"
    assert all(a.headers["retry-after"].isdigit() for a in busy)
    assert all(a.headers["content-security-policy"] for a in busy)


@pytest.mark.parametrize("size", ["thumb", "large"])
def test_derivatives_of_a_jpeg_decoded_small_still_have_their_size(tmp_path: Path, size: str) -> None:
    _big_picture(tmp_path / "media", "testsite_pool01_1")
    media = MediaLibrary(tmp_path / "media", tmp_path / "cache")
    path = media.derivative("testsite_pool01_1", size)
    assert path is not None
    info = media.info("testsite_pool01_1")
    assert info is not None
    with Image.open(path) as made:
        rendition = info.rendition(size)
        assert made.size == (rendition.width, rendition.height)
