"""The reader keeps answering while slow requests run (issue 11), over real HTTP on loopback.

Issue 11 measured the failure: at 10-50 clients, after a few slow search and home
requests, every endpoint, static files included, answered nothing for 20 s. Here slow
pages and searches are held on a gate (no sleeping, no timing) and the test asserts that
meanwhile static files, pictures, the health check and kept pages are all answered, that
what cannot be taken is refused at once (503 with Retry-After) and that what waits too
long gets a clear 504, never a hang. Each request has a generous client timeout: a
server that stops answering fails the test instead of stalling it.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx2 as httpx
import pytest

from factories import make_feature
from handscroll.config import Settings
from handscroll.model import Figure, Paragraph
from handscroll.publish import limits
from handscroll.publish.routes import pages, search, state
from handscroll.publish.web import SEARCHES_AT_ONCE, create_app
from publish.builders import fill_library, write_picture
from publish.live import run_coroutine, serve

T = TypeVar("T")
CLIENT_SECONDS = 60.0
"""Each request's client timeout: far beyond any answer, so only a stalled server reaches it."""


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    """Slow work waits on this; it is opened at the end of each test whatever happens."""
    event = threading.Event()
    yield event
    event.set()


def _held(gate: threading.Event, work: Callable[..., T], slow: Callable[..., bool]) -> Callable[..., T]:
    def held(*args: Any, **kwargs: Any) -> T:
        if slow(*args, **kwargs):
            gate.wait(CLIENT_SECONDS)
        return work(*args, **kwargs)

    return held


def test_the_server_answers_while_slow_requestsrun_coroutine(
    tmp_path: Path, library_file: str, monkeypatch: pytest.MonkeyPatch, gate: threading.Event
) -> None:
    quick = make_feature(
        title="A quick part",
        slug="01-quick",
        part=1,
        hero="testsite_load01_1",
        blocks=(Paragraph(text="Read at once."), Figure(media="testsite_load01_1")),
    )
    slow = [
        make_feature(title=f"A slow part {n}", slug=f"1{n}-slow", part=10 + n, hero=None, blocks=())
        for n in range(6)
    ]
    fill_library(library_file, [quick, *slow])
    write_picture(tmp_path / "media", "testsite_load01_1")
    # Two page threads and two waiting: the six slow pages overflow the lane.
    monkeypatch.setattr(state, "PAGE_THREADS", 2)
    monkeypatch.setattr(state, "PAGE_QUEUE", 2)
    monkeypatch.setattr(limits, "DEADLINE_SECONDS", 3.0)
    held_pages = _held(gate, pages.load_feature, lambda _store, slug, *rest: "slow" in slug)
    monkeypatch.setattr(pages, "load_feature", held_pages)
    monkeypatch.setattr(search, "load_search_page", _held(gate, search.load_search_page, lambda *a: True))
    settings = Settings(db=library_file, media_dir=tmp_path / "media")
    app = create_app(library_file, settings, cache_dir=tmp_path / "cache")

    async def load(url: str) -> dict[str, list[httpx.Response]]:
        limits_ = httpx.Limits(max_connections=100, max_keepalive_connections=20)
        async with httpx.AsyncClient(base_url=url, timeout=CLIENT_SECONDS, limits=limits_) as client:
            kept = (
                "/",
                "/features/01-quick",
                "/api/features/01-quick",
                "/media/testsite_load01_1/thumb.webp",
            )
            for path in kept:  # made and kept before the slow requests come
                assert (await client.get(path)).status_code == 200, path
            slow_pages = [asyncio.create_task(client.get(f"/features/{f.slug}")) for f in slow]
            searches = [
                asyncio.create_task(client.get("/search", params={"q": f"part {n}"}))
                for n in range(SEARCHES_AT_ONCE + 32)  # more than anyio's 40 shared threads
            ]
            await asyncio.sleep(0)  # let them start
            quick_paths = [*kept, "/static/handscroll.css", "/healthz"] * 5
            answered = await asyncio.gather(*(client.get(p) for p in quick_paths))  # the gate is shut
            held = await asyncio.gather(*slow_pages, *searches)  # 503 at once, or 504 at the deadline
            gate.set()
            return {"quick": list(answered), "held": list(held)}

    with serve(app, timeout_graceful_shutdown=2) as url:
        answers = run_coroutine(load(url))
        after = httpx.get(f"{url}/features/{slow[0].slug}", timeout=CLIENT_SECONDS)

    quick_statuses = [(a.url.path, a.status_code) for a in answers["quick"]]
    assert all(status == 200 for _, status in quick_statuses), quick_statuses
    statuses = [a.status_code for a in answers["held"]]
    assert set(statuses) <= {503, 504}, statuses
    busy = [a for a in answers["held"] if a.status_code == 503]
    late = [a for a in answers["held"] if a.status_code == 504]
    assert busy and late, statuses  # refused at once beyond the lane and the search cap; timed out within
    assert all(a.headers["retry-after"].isdigit() for a in busy)
    assert all("Too slow" in a.text and a.headers["cache-control"] == "no-store" for a in late)
    assert all(a.headers["content-security-policy"] for a in busy + late)
    assert after.status_code == 200 and "A slow part 0" in after.text  # the held render finished and was kept


def test_one_render_for_many_requests_of_one_page(
    tmp_path: Path, library_file: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Single flight: twenty requests at once for a page not yet made render it once."""
    fill_library(library_file, [make_feature(slug="01-one", title="Only once", part=1, blocks=())])
    app = create_app(library_file, Settings(db=library_file), cache_dir=tmp_path / "cache")
    calls: list[str] = []
    original = pages.load_feature

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(pages, "load_feature", counted)

    async def many(url: str) -> list[int]:
        async with httpx.AsyncClient(base_url=url, timeout=CLIENT_SECONDS) as http:
            answers = await asyncio.gather(*(http.get("/features/01-one") for _ in range(20)))
            return [a.status_code for a in answers]

    with serve(app) as url:
        assert run_coroutine(many(url)) == [200] * 20
    assert calls == ["01-one"]
