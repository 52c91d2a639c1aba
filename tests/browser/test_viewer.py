"""View larger, deep zoom (issue 14 item 4): each picture opens in OpenSeadragon, served from our own
host, fed by IIIF level-0 tiles the server cuts once per picture; opened and closed by keyboard,
zoomed with + and the buttons, and usable on a phone; without a script the link opens the picture."""

from __future__ import annotations

import re
from typing import Any

import pytest

from browser.conftest import clean_screenshots, require_part
from browser.reader_site import ReaderSite

pytestmark = pytest.mark.browser

Page = Any
TILE = re.compile(r"/iiif/image/stagesite_shapes01_1/(full|\d+,\d+,\d+,\d+)/(max|\d+,\d+)/0/default\.jpg$")


@pytest.fixture
def openseadragon() -> None:
    """OpenSeadragon from npm (`npm ci`); a missing part, like Chromium."""
    from handscroll.publish.vendor import installed, vendor_files

    if not installed(vendor_files(), "openseadragon"):
        require_part("openseadragon is not installed: run `npm ci` in the repository root")


def _watch(page: Page) -> tuple[list[str], list[str]]:
    """Console errors, and the address of every request the page makes."""
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    return errors, requests


def test_the_viewer_opens_zooms_and_closes_by_keyboard(
    browser: Any, reader_site: ReaderSite, openseadragon: None
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        errors, requests = _watch(page)
        page.goto(f"{reader_site.url}/features/{reader_site.stage}")
        link = page.locator("#fig-1 .viewer-open")
        link.focus()
        page.keyboard.press("Enter")
        dialog = page.locator("dialog[data-viewer]")
        page.wait_for_selector("dialog[data-viewer-ready]", timeout=15000)
        assert dialog.is_visible() and page.evaluate("document.querySelector('dialog').open")
        assert page.locator("#viewer-title").inner_text().strip().lower() == "figure 1"
        assert "Photograph 1, 2400 by 1600." in page.locator("[data-viewer-caption]").inner_text()
        assert page.evaluate("document.activeElement.classList.contains('openseadragon-canvas')")
        for _ in range(4):
            page.keyboard.press("+")
        page.wait_for_function("() => Number(document.querySelector('dialog').dataset.zoom) > 3")
        page.wait_for_selector("dialog[data-viewer-drawn='true']", timeout=15000)  # full-size tiles in
        page.screenshot(path=str(clean_screenshots() / "viewer-desktop-zoomed.png"))
        tiles = [url for url in requests if TILE.search(url)]
        assert any(re.search(r"/\d+,\d+,512,512/512,512/", url) for url in tiles)  # full-size tiles
        # Every tile the viewer asked for was cut (OpenSeadragon's image loads are not reported as
        # responses, so each is asked for again here).
        assert tiles and all(context.request.get(url).status == 200 for url in set(tiles))
        assert all(url.startswith(reader_site.url) for url in requests)  # nothing leaves the host
        page.get_by_role("button", name="Whole picture").click()
        page.wait_for_function("() => Number(document.querySelector('dialog').dataset.zoom) < 1.05")
        page.wait_for_selector("dialog[data-viewer-drawn='true']", timeout=15000)
        page.screenshot(path=str(clean_screenshots() / "viewer-desktop.png"))
        page.keyboard.press("Escape")
        page.wait_for_function("() => !document.querySelector('dialog').open")
        assert page.evaluate("document.activeElement === document.querySelector('#fig-1 .viewer-open')")
        assert errors == []
    finally:
        context.close()


def test_the_viewer_fills_a_phone_and_closes_with_its_button(
    browser: Any, reader_site: ReaderSite, openseadragon: None
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        errors, _ = _watch(page)
        page.goto(f"{reader_site.url}/features/{reader_site.stage}")
        page.locator("#fig-2 .viewer-open").tap()
        page.wait_for_selector("dialog[data-viewer-ready]", timeout=15000)
        box = page.locator("[data-viewer-canvas]").bounding_box()
        assert box is not None and box["width"] == 390 and box["height"] > 844 * 0.5
        page.get_by_role("button", name="Zoom in").tap()
        page.wait_for_function("() => Number(document.querySelector('dialog').dataset.zoom) > 1.2")
        page.wait_for_selector("dialog[data-viewer-drawn='true']", timeout=15000)
        page.screenshot(path=str(clean_screenshots() / "viewer-phone.png"))
        page.get_by_role("button", name="Close").tap()
        page.wait_for_function("() => !document.querySelector('dialog').open")
        assert errors == []
    finally:
        context.close()


def test_without_a_script_view_larger_opens_the_largest_picture(
    browser: Any, reader_site: ReaderSite
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{reader_site.url}/features/{reader_site.stage}")
        with page.expect_navigation():
            page.locator("#fig-1 .viewer-open").click()
        assert page.url.endswith("/media/stagesite_shapes01_1/large.webp")
    finally:
        context.close()
