"""`handscroll serve --workers 2` on one PostgreSQL library, under load, while another process
writes (issue 11).

The real command in a process of its own, on loopback: two uvicorn workers share the port
and the library, as on a site (docs/deploying.md). Under concurrent load every request is
answered; after a write from outside the server every answer, from whichever worker,
shows it at once (the library's version, not a time window). Bounded in count and time.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from factories import make_feature
from handscroll.model import Paragraph
from handscroll.store import ImportItem, Library
from publish.builders import fill_library
from publish.live import free_port, run_coroutine

CLIENTS = 16
REQUESTS_EACH = 12
PATHS = (
    "/",
    "/series/testsite_workers",
    "/features/01-part",
    "/features/02-part",
    "/api/features",
    "/api/features/02-part",
    "/static/handscroll.css",
    "/healthz",
)


def _part(number: int, title: str) -> object:
    return make_feature(
        title=title,
        part=number,
        series="testsite_workers",
        slug=f"{number:02d}-part",
        hero=None,
        blocks=(Paragraph(text=f"The story of part {number}."),),
    )


@pytest.fixture
def served(library_url: str, tmp_path: Path) -> Iterator[str]:
    """`handscroll serve --workers 2` over a library of three parts; yields its base URL."""
    fill_library(library_url, [_part(n, f"Part {n}") for n in (1, 2, 3)])  # type: ignore[misc]
    port = free_port()
    command = [
        str(Path(sys.executable).parent / "handscroll"),
        "serve",
        "--workers",
        "2",
        "--port",
        str(port),
    ]
    env = {**os.environ, "HOME": str(tmp_path / "home"), "HANDSCROLL_DB": library_url}
    env.pop("HANDSCROLL_MEDIA", None)
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the workers did not start: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield url
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


@pytest.mark.postgres
@pytest.mark.parametrize("library_url", ["postgresql"], indirect=True)
def test_workers_answer_under_load_and_follow_a_write(served: str, library_url: str) -> None:
    async def load() -> list[tuple[str, int]]:
        limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
        async with httpx.AsyncClient(base_url=served, timeout=60, limits=limits) as client:

            async def one_client(offset: int) -> list[tuple[str, int]]:
                paths = [PATHS[(offset + n) % len(PATHS)] for n in range(REQUESTS_EACH)]
                return [(path, (await client.get(path)).status_code) for path in paths]

            answers = await asyncio.gather(*(one_client(n) for n in range(CLIENTS)))
            return [answer for one in answers for answer in one]

    answers = run_coroutine(load())
    assert len(answers) == CLIENTS * REQUESTS_EACH
    assert {status for _, status in answers} == {200}, [a for a in answers if a[1] != 200][:5]

    with Library.open(library_url) as library:  # another process writes
        changed = _part(1, "Part 1, revised")
        library.import_features([ImportItem(changed, "elsewhere.txt", "f" * 64)])  # type: ignore[arg-type]

    # One after the other, each on a new connection (either worker): a request that overlaps the
    # first render after a write may be given the page as it was; one that follows it never is.
    fresh = httpx.Limits(max_keepalive_connections=0)
    with httpx.Client(base_url=served, timeout=60, limits=fresh) as client:
        texts = [client.get(path).text for path in ("/features/01-part", "/features/02-part") * 8]
    assert all("Part 1, revised" in text for text in texts)
