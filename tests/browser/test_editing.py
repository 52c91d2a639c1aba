"""The editors' workspace in Chromium, the whole story of issue 13's "Done means": a contributor
fixes a caption and adds alt text, previews and submits; an editor requests a change; the
contributor makes it; a publisher schedules it; the server publishes it on time; a second,
logged-out browser never sees the draft; a restore brings the old caption back. Every editor
page is checked with axe, and screenshots for docs/editing.md are saved at desktop and phone
sizes (test-output/screenshots/editing/)."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from browser.axe_check import serious_violations
from browser.conftest import clean_screenshots, require_part
from handscroll.config import Settings
from handscroll.publish.editor import CODEMIRROR
from handscroll.publish.vendor import node_modules
from handscroll.publish.web import create_app
from handscroll.store import Library
from handscroll.workspace.accounts import add_account
from handscroll.workspace.media import MediaFolders, store_upload
from handscroll.workspace.publishing import publish
from handscroll.workspace.revisions import save_revision
from handscroll.workspace.roles import Role
from publish.builders import write_picture
from publish.live import serve

pytestmark = pytest.mark.browser

Page = Any
PASSWORD = "a long enough password"
SLUG = "01-the-river-port"
TYPO, FIXED, DATED = "Boats at teh quay.", "Boats at the quay.", "Boats at the quay, 1935."
CRANE_ALT = "A steam crane lifting sacks from a junk"
FIRST_TEXT = f"""---
title: The river port
part: 1
series: handscroll_sample_port
language: en
slug: {SLUG}
---

The port grew with the river trade, and the quay was rebuilt twice.

::: figure handscroll_sample_port01_1
alt: Boats moored three deep under a cliff

{TYPO}
:::

A second paragraph, between the photos.

::: figure handscroll_sample_port01_2
The crane that unloaded the junks.
:::
"""
"""Cora's feature as first published: a typo in a caption, and a figure whose alt text is only
its picture's default."""


def shots() -> Path:
    folder = clean_screenshots() / "editing"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def editor_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = node_modules()
    if root is None or not (root / CODEMIRROR).is_file():
        require_part("CodeMirror is not bundled: run `npm ci && npm run build`")
    folder = tmp_path_factory.mktemp("editing")
    url = f"sqlite:///{folder / 'library.db'}"
    media = folder / "media"
    write_picture(media, "handscroll_sample_port01_1", (900, 600))
    crane = io.BytesIO()
    Image.new("RGB", (900, 600), (120, 90, 60)).save(crane, "JPEG")
    with Library.open(url) as library:
        cora = add_account(library, "cora", Role.CONTRIBUTOR, PASSWORD)
        add_account(library, "eddie", Role.EDITOR, PASSWORD)
        pia = add_account(library, "pia", Role.PUBLISHER, PASSWORD)
        store_upload(
            library,
            MediaFolders(media),
            cora,
            "handscroll_sample_port01_2",
            crane.getvalue(),
            default_alt="A crane",
        )
        save_revision(library, None, FIRST_TEXT, cora, "first version")
        publish(library, SLUG, pia, media=MediaFolders(media))
    app = create_app(url, Settings(db=url, media_dir=media), cache_dir=folder / "cache", publish_every=0.5)
    with serve(app) as base:
        yield base


def open_page(browser: Any, size: tuple[int, int] = (1280, 900)) -> tuple[Any, Page, list[str]]:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, timezone_id="UTC")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    return context, page, errors


def log_in(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/edit/")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/edit/")


def log_out(page: Page, base: str) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{base}/edit/login")


def find_in_editor(page: Page, text: str) -> None:
    """Select `text` in CodeMirror with its own search panel, from the keyboard."""
    page.locator(".cm-content").click()
    page.keyboard.press("Control+Home")
    page.keyboard.press("Control+f")
    search = page.locator(".cm-search input[name=search]")
    search.press_sequentially(text)  # the panel reads its query on key events
    search.press("Enter")
    page.keyboard.press("Escape")  # closes the panel; the match stays selected


def wait_kept(page: Page) -> None:
    page.wait_for_function(
        "() => document.getElementById('autosave-status').textContent.startsWith('Kept as your')",
        timeout=10_000,
    )


def accessible(page: Page, where: str) -> None:
    assert serious_violations(page) == [], where


def test_the_whole_story_from_draft_to_scheduled_publishing_and_back(browser: Any, editor_url: str) -> None:
    base = editor_url
    outside_context, outside, outside_errors = open_page(browser)
    seen_outside: list[str] = []

    def look_outside() -> str:
        """The logged-out reader's view: the public page and its JSON."""
        outside.goto(f"{base}/features/{SLUG}")
        html = str(outside.content())
        seen_outside.append(html + outside.request.get(f"{base}/api/features/{SLUG}").text())
        return html

    assert TYPO in look_outside()

    # The contributor fixes the caption, adds alt text, previews and submits.
    context, page, errors = open_page(browser)
    page.goto(f"{base}/edit/login")
    accessible(page, "login")
    page.screenshot(path=str(shots() / "login.png"))
    log_in(page, base, "cora")
    accessible(page, "list")
    page.screenshot(path=str(shots() / "list.png"), full_page=True)
    page.get_by_role("link", name="The river port").click()
    page.wait_for_selector(".cm-editor")
    find_in_editor(page, "teh")
    page.keyboard.type("the")
    find_in_editor(page, "::: figure handscroll_sample_port01_2")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type(f"alt: {CRANE_ALT}")
    wait_kept(page)
    assert page.locator("#ed-structure").get_by_text(f"Alt text: {CRANE_ALT}").count() == 1
    preview = page.frame_locator("#ed-preview-frame")
    preview.get_by_text(FIXED).wait_for(timeout=10_000)
    assert preview.get_by_text("Preview, not published").count() == 1
    assert preview.locator(f'img[alt="{CRANE_ALT}"]').count() == 1
    accessible(page, "edit")
    page.screenshot(path=str(shots() / "edit.png"), full_page=True)
    page.get_by_label("What changed (optional)").fill("Fixed a typo; alt text for the crane")
    page.get_by_role("button", name="Save revision").click()
    page.get_by_text("Saved as revision").wait_for()
    page.get_by_label("Note to the reviewers").fill("Caption typo and alt text.")
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("Done: submitted").wait_for()
    assert FIXED not in look_outside()  # the public page still has the published text
    log_out(page, base)

    # An editor asks for a change.
    log_in(page, base, "eddie")
    page.get_by_role("link", name="Review queue").click()
    accessible(page, "queue")
    page.get_by_role("link", name="The river port").click()
    page.get_by_label("What should change").fill("Please date the photo: 1935.")
    page.get_by_role("button", name="Request changes").click()
    page.get_by_text("Done: changes requested").wait_for()
    log_out(page, base)

    # The contributor makes it and submits again.
    log_in(page, base, "cora")
    page.get_by_role("link", name="The river port").click()
    assert page.get_by_text("Please date the photo: 1935.").count() == 1
    find_in_editor(page, FIXED)
    page.keyboard.type(DATED)
    wait_kept(page)
    page.get_by_role("button", name="Save revision").click()
    page.get_by_text("Saved as revision").wait_for()
    page.get_by_label("Note to the reviewers").fill("Dated.")
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("Done: submitted").wait_for()
    log_out(page, base)

    # A publisher schedules it a few seconds ahead; the server publishes it by itself.
    log_in(page, base, "pia")
    page.get_by_role("link", name="The river port").click()
    at = datetime.now(UTC) + timedelta(seconds=6)
    page.get_by_label("Publish at").fill(at.strftime("%Y-%m-%dT%H:%M:%S"))
    page.get_by_role("button", name="Schedule").click()
    page.get_by_text("Done: scheduled").wait_for()
    page.screenshot(path=str(shots() / "scheduled.png"), full_page=True)
    assert DATED not in look_outside()
    deadline = time.monotonic() + 60
    while DATED not in look_outside():
        assert time.monotonic() < deadline, "the scheduled edition was not published"
        outside.wait_for_timeout(500)
    assert datetime.now(UTC) >= at - timedelta(seconds=1)  # not before its time
    assert outside.locator(f'img[alt="{CRANE_ALT}"]').count() == 1
    first = next(n for n, html in enumerate(seen_outside) if DATED in html)
    before = seen_outside[:first]
    assert len(before) >= 3 and all(TYPO in html for html in before)  # the published text, till then
    assert not any(FIXED in html or CRANE_ALT in html for html in before)  # never a draft
    outside.goto(f"{base}/edit/f/{SLUG}/preview")
    assert outside.url.startswith(f"{base}/edit/login")

    # History, side by side, and a restore that brings the old caption back.
    page.goto(f"{base}/edit/f/{SLUG}/history")
    accessible(page, "history")
    page.get_by_role("link", name="Compare with").first.click()
    assert page.locator("ins").filter(has_text="1935").count() >= 1
    accessible(page, "compare")
    page.screenshot(path=str(shots() / "compare.png"), full_page=True)
    page.goto(f"{base}/edit/f/{SLUG}/history")
    page.get_by_role("button", name="Restore revision 1").click()
    page.get_by_text("Saved as revision").wait_for()
    assert TYPO in page.locator(".cm-content").inner_text()
    page.get_by_role("button", name="Publish now").click()
    page.get_by_text("Done: published").wait_for()
    assert TYPO in look_outside()
    for path in ("/edit/editions", "/edit/media"):
        page.goto(base + path)
        accessible(page, path)
    page.goto(f"{base}/edit/media/handscroll_sample_port01_2")
    accessible(page, "picture")
    assert page.get_by_role("link", name="The river port").count() == 1  # where it is used
    assert errors == [] and outside_errors == []
    context.close()
    outside_context.close()


def test_editor_pages_at_phone_size_work_and_pass_axe(browser: Any, editor_url: str) -> None:
    context, page, errors = open_page(browser, (390, 844))
    log_in(page, editor_url, "pia")
    page.screenshot(path=str(shots() / "list-phone.png"), full_page=True)
    page.get_by_role("link", name="The river port").click()
    page.wait_for_selector(".cm-editor")
    accessible(page, "edit at phone size")
    page.screenshot(path=str(shots() / "edit-phone.png"), full_page=True)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the page scrolls sideways at phone size ({width}px)"
    assert errors == []
    context.close()


def test_the_editor_works_without_javascript(browser: Any, editor_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, editor_url, "eddie")
    page.get_by_role("link", name="The river port").click()
    area = page.locator("textarea#markdown")
    assert area.is_visible()
    area.fill(str(area.input_value()).replace("The port grew", "The port slowly grew"))
    page.get_by_role("button", name="Save revision").click()
    assert page.get_by_text("Saved as revision").count() == 1
    assert "The port slowly grew" in str(page.locator("textarea#markdown").input_value())
    context.close()
