"""The gallery as a museum would ship it (issue 14 item 3), in Chromium at 1366x900 and 390x844:
one stage height for pictures of every shape, captions in view, no jumps; a counter that follows
dragging, tabbing and scrolling and counts notes as steps; End reaches the last item; the address
names the item shown."""

from __future__ import annotations

from typing import Any

import pytest

from browser.conftest import clean_screenshots
from browser.reader_site import ReaderSite

pytestmark = pytest.mark.browser

Page = Any
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


def _open(browser: Any, site: ReaderSite, size: str, fragment: str = "") -> tuple[Any, Page]:
    width, height = SIZES[size]
    phone = size == "phone"
    viewport = {"width": width, "height": height}
    context = browser.new_context(viewport=viewport, has_touch=phone, is_mobile=phone)
    page = context.new_page()
    page.goto(f"{site.url}/features/{site.stage}{fragment}")
    page.wait_for_load_state("load")
    page.evaluate("() => document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
    page.wait_for_function("() => [...document.images].every(i => i.complete && i.naturalWidth > 0)")
    return context, page


def _counter(page: Page) -> str:
    return " ".join(str(page.locator(".gallery-counter").inner_text()).split())


def _wait_shown(page: Page, anchor: str, counter: str) -> None:
    """Wait until `anchor` rests at the start of the strip, the counter says `counter` and the
    address names `anchor`."""
    page.wait_for_function(
        """([id, text]) => {
            const track = document.querySelector('.gallery-track');
            const item = document.getElementById(id);
            const pad = track.firstElementChild.offsetLeft;
            const offset = item.getBoundingClientRect().left - track.getBoundingClientRect().left - pad;
            const shown = document.querySelector('.gallery-counter').innerText.split(/\\s+/).join(' ');
            return Math.abs(offset) < 3 && shown === text && location.hash === '#' + id;
        }""",
        arg=[anchor, counter],
        timeout=5000,
    )


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_picture_stands_on_one_stage_with_its_caption_in_view(
    browser: Any, reader_site: ReaderSite, size: str
) -> None:
    context, page = _open(browser, reader_site, size, "#fig-2")  # the 1600x2200 portrait
    try:
        viewport_height = SIZES[size][1]
        boxes = page.eval_on_selector_all(
            ".gallery-item[data-figure] img",
            "imgs => imgs.map(i => { const r = i.getBoundingClientRect(); return [r.width, r.height]; })",
        )
        heights = {round(h) for _, h in boxes}
        assert len(heights) == 1, f"pictures are drawn at different heights: {heights}"
        stage = heights.pop()
        assert stage <= 0.62 * viewport_height  # a portrait no longer overflows the window
        widths = [w for w, _ in boxes]
        assert widths[1] < widths[0]  # fitted by height: the portrait is narrower, not taller
        page.wait_for_function("() => document.querySelector('#fig-2').getBoundingClientRect().top >= -1")
        caption = page.locator("#fig-2 figcaption p").nth(1).bounding_box()
        assert caption is not None and caption["y"] + caption["height"] <= viewport_height
        assert page.eval_on_selector("#fig-2 img", "i => getComputedStyle(i).objectFit") == "contain"
        # No vertical jumps: the strip keeps its height as it unrolls.
        page.locator(".gallery-track").focus()
        height = page.eval_on_selector(".gallery-track", "t => t.offsetHeight")
        top = page.eval_on_selector(".gallery-track", "t => t.getBoundingClientRect().top")
        for _ in range(4):
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(250)
            assert page.eval_on_selector(".gallery-track", "t => t.offsetHeight") == height
            assert page.eval_on_selector(".gallery-track", "t => t.getBoundingClientRect().top") == top
        if size == "desktop":
            page.keyboard.press("Home")
            _wait_shown(page, "fig-1", "Photograph 1 / 7")
            page.locator(".gallery").scroll_into_view_if_needed()
            page.screenshot(path=str(clean_screenshots() / "gallery-stage-desktop.png"))
        else:
            page.screenshot(path=str(clean_screenshots() / "gallery-stage-phone.png"))
    finally:
        context.close()


def test_notes_are_steps_and_end_reaches_the_last_item(browser: Any, reader_site: ReaderSite) -> None:
    context, page = _open(browser, reader_site, "desktop")
    try:
        page.locator(".gallery-track").focus()
        # Every press moves one step, and the strip comes to rest there before the next press
        # (waited for, not slept: under load a step takes longer); a note shows its own number
        # instead of repeating a photograph's.
        steps = [
            ("fig-2", "Photograph 2 / 7"),
            ("note-1", "Note 1"),
            ("fig-3", "Photograph 3 / 7"),
            ("fig-4", "Photograph 4 / 7"),
            ("fig-5", "Photograph 5 / 7"),
            ("note-2", "Note 2"),
            ("fig-6", "Photograph 6 / 7"),
            ("fig-7", "Photograph 7 / 7"),
        ]
        assert _counter(page) == "Photograph 1 / 7"
        assert len(steps) == reader_site.figures + reader_site.notes - 1
        for anchor, counter in steps:
            page.keyboard.press("ArrowRight")
            _wait_shown(page, anchor, counter)
        page.keyboard.press("Home")
        _wait_shown(page, "fig-1", "Photograph 1 / 7")
        page.keyboard.press("End")
        _wait_shown(page, "fig-7", "Photograph 7 / 7")
        assert page.get_by_role("button", name="Next in the gallery").is_disabled()
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("ArrowLeft")
        _wait_shown(page, "note-2", "Note 2")
    finally:
        context.close()


def test_the_counter_and_the_address_follow_tabbing_dragging_and_scrolling(
    browser: Any, reader_site: ReaderSite
) -> None:
    context, page = _open(browser, reader_site, "desktop")
    try:
        assert "#" not in page.url  # nothing moved yet: the address stays as it was
        # Tabbing into figure 6's "View larger" link brings figure 6 to the start (issue 14:
        # the counter used to stay on 1 / 10).
        page.locator("#fig-5 .viewer-open").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('li').id") == "fig-6"
        _wait_shown(page, "fig-6", "Photograph 6 / 7")
        # Dragging with the mouse.
        page.keyboard.press("Home")
        _wait_shown(page, "fig-1", "Photograph 1 / 7")
        page.locator(".gallery-track").scroll_into_view_if_needed()
        box = page.locator(".gallery-track").bounding_box()
        assert box is not None
        x, y = box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.4
        page.mouse.move(x, y)
        page.mouse.down()
        for step in range(1, 11):
            page.mouse.move(x - 400 * step / 10, y)
        page.mouse.up()
        _wait_shown(page, "fig-2", "Photograph 2 / 7")
        # Scrolling sideways (a trackpad), without any click.
        page.mouse.move(x, y)
        left = page.eval_on_selector("#note-1", "n => n.offsetLeft - n.parentNode.children[0].offsetLeft")
        page.mouse.wheel(left - page.eval_on_selector(".gallery-track", "t => t.scrollLeft"), 0)
        _wait_shown(page, "note-1", "Note 1")
        # The address opens what it names.
        page.goto(page.url)
        _wait_shown(page, "note-1", "Note 1")
    finally:
        context.close()
