"""Browser fixtures: Debian's Chromium driven by Playwright, the reader served by uvicorn on loopback.

A missing part (Chromium, Playwright) skips these tests with a clear reason,
except when HANDSCROLL_REQUIRE_ALL_PARTS=1 (CI sets it): then it fails them,
so a broken CI machine cannot pass by skipping.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest

from handscroll.config import Settings
from handscroll.model import Credit, Feature, Figure, Note, Paragraph, Question
from handscroll.pipeline import import_paths
from handscroll.samples import sample_paths
from handscroll.samples.images import generate_sample_media
from handscroll.store import Library
from publish.builders import XSS_PAYLOADS, fill_library

CHROMIUM = Path(os.environ.get("HANDSCROLL_CHROMIUM", "/usr/bin/chromium"))
"""Debian's Chromium (`apt-get install -y chromium`); never a downloaded browser."""

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

SCREENSHOTS = Path(__file__).parents[2] / "test-output" / "screenshots"
"""Where screenshots go for a person to look at (gitignored)."""

HOSTILE_SLUG = "01-hostile"


def require_part(reason: str) -> NoReturn:
    """Skip for a missing part, or fail when HANDSCROLL_REQUIRE_ALL_PARTS=1 says every part must be there."""
    if os.environ.get("HANDSCROLL_REQUIRE_ALL_PARTS") == "1":
        pytest.fail(f"{reason} (HANDSCROLL_REQUIRE_ALL_PARTS=1: a missing part fails)", pytrace=False)
    pytest.skip(reason)


TILE_REQUESTS = "https://tile.openstreetmap.org/**"
"""The map's default tiles: never fetched in tests (they run offline), answered with a blank tile."""

BLANK_TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360606060000000050001a5f645400000000049454e44ae426082"
)
"""A 1x1 transparent PNG."""


class OfflineBrowser:
    """The browser, whose every new context answers map tile requests itself (counted in
    `tiles`), so pages with a map load offline and without console errors."""

    def __init__(self, browser: Any) -> None:
        self._browser = browser
        self.tiles: list[str] = []

    def new_context(self, **options: Any) -> Any:
        context = self._browser.new_context(**options)

        def answer(route: Any) -> None:
            self.tiles.append(route.request.url)
            route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)

        context.route(TILE_REQUESTS, answer)
        return context

    def __getattr__(self, name: str) -> Any:
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session (map tiles answered locally, see `OfflineBrowser`)."""
    if not CHROMIUM.is_file():
        require_part(f"Chromium is not installed at {CHROMIUM}: run `apt-get install -y chromium`")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_part("Playwright for Python is missing: pip install -e '.[test]'")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield OfflineBrowser(chromium)
        chromium.close()


def _hostile_feature() -> Feature:
    script, img, js = XSS_PAYLOADS
    return Feature(
        title=f"Hostile {script} {img}",
        part=1,
        series="hostilesite_xss",
        slug=HOSTILE_SLUG,
        hero="hostilesite_xss01_1",
        blocks=(
            Paragraph(text=f"Narrative {script} {img} {js}"),
            Figure(media="hostilesite_xss01_1", caption=(f"Caption {script}", f"{img}")),
            Note(text=(f"Note {js}",)),
            Figure(media="hostilesite_xss01_2", caption=(f'<a href="{js}">link</a>',)),
            Question(prompt=f"Prompt {img}", answer=(f"Answer {script}",)),
            Credit(text=f"Credit {script}"),
        ),
    )


@dataclass(frozen=True)
class SampleLibrary:
    """The library the browser tests read: the samples plus a feature full of XSS payloads."""

    url: str
    settings: Settings
    slugs: tuple[str, ...]
    series: str


@pytest.fixture(scope="session")
def sample_library(tmp_path_factory: pytest.TempPathFactory) -> SampleLibrary:
    folder = tmp_path_factory.mktemp("browser-library")
    url = f"sqlite:///{folder / 'library.db'}"
    media = folder / "media"
    generate_sample_media(media)
    settings = Settings(db=url, media_dir=media)
    with Library.open(url) as library:
        summary = import_paths([str(p) for p in sample_paths()], library, settings)
        assert not summary.failed
        slugs = tuple(f.slug for f in library.list_features() if f.series != "hostilesite_xss")
        series = library.list_features()[0].series
    fill_library(url, [_hostile_feature()])
    assert series is not None
    return SampleLibrary(url, settings, slugs, series)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """An ASGI app served by uvicorn in a background thread on a free loopback port: its base URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the reader did not start within 15 s")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_url(sample_library: SampleLibrary, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The reader served by uvicorn in a background thread on a free loopback port."""
    from handscroll.publish.web import create_app

    app = create_app(
        sample_library.url, sample_library.settings, cache_dir=tmp_path_factory.mktemp("derivatives")
    )
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def static_site(sample_library: SampleLibrary, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same library built as a static site."""
    from handscroll.publish.site import build_site

    out = tmp_path_factory.mktemp("static-site")
    with Library.open(sample_library.url) as library:
        build_site(library, out, sample_library.settings)
    return out


@dataclass
class Watch:
    """What a page did that it should not: console errors, uncaught exceptions, dialogs."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def watched(browser: Any) -> Iterator[tuple[Any, Watch]]:
    """A fresh desktop-sized page whose console errors, exceptions and dialogs are recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    watch = Watch()
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(str(e)))

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page, watch
    context.close()


def clean_screenshots() -> Path:
    """The screenshot folder, created if missing."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


from browser.reader_site import reader_site as reader_site  # noqa: E402  (issue 14: its own library)
