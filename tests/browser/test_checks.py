"""The reader's "Check yourself" section in Chromium (issue 15): keyboard, touch, no JavaScript, axe,
the static site from file://. Its own library, with every item of one feature approved."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from browser.axe_check import serious_violations
from browser.conftest import clean_screenshots, serving
from handscroll.config import Settings
from handscroll.learn.load import load_quiz
from handscroll.pipeline import import_paths
from handscroll.samples import sample_paths
from handscroll.store import Library
from learn.described import write_described

pytestmark = pytest.mark.browser

SLUG = "02-the-marshall-mission-and-the-ceasefire-of-january-1946"
UNAPPROVED = "01-the-chongqing-negotiations-and-the-double-tenth-agreement"


@dataclass(frozen=True)
class Checks:
    """The served reader, the static site, and the approved items as the library holds them."""

    url: str
    site: Path
    items: list[Any]


@pytest.fixture(scope="module")
def checks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Checks]:

    from handscroll.publish.site import build_site
    from handscroll.publish.web import create_app

    folder = tmp_path_factory.mktemp("checks")
    url = f"sqlite:///{folder / 'library.db'}"
    settings = Settings(db=url)
    with Library.open(url) as library:
        # The second part with alt text on its pictures, so it also gets "which picture" items.
        paths = [sample_paths()[0], write_described(folder / "described"), sample_paths()[2]]
        import_paths([str(p) for p in paths], library, settings)
        quiz, _ = load_quiz(library, SLUG)
        library.approve_quiz_items(SLUG, [item.id for item in quiz.items])
        build_site(library, folder / "site", settings)
    with serving(create_app(url, settings, cache_dir=folder / "derivatives")) as base:
        yield Checks(base, folder / "site", list(quiz.items))


def _item(page: Any, kind: str) -> Any:
    return page.locator(f"[data-kind='{kind}']").first


def _press(page: Any, locator: Any, key: str = "Enter") -> None:
    locator.focus()
    page.keyboard.press(key)


def test_every_kind_is_answered_by_keyboard_and_feedback_links_to_the_text(
    browser: Any, checks: Checks
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{checks.url}/features/{SLUG}")
        assert page.get_by_role("heading", name="Check yourself").is_visible()
        kinds = {item.kind for item in checks.items}
        assert kinds == {"order", "first", "date", "term", "place", "picture"}

        # A radio group: Space checks the focused radio, arrows move the choice (native pattern).
        term = _item(page, "term")
        right = int(term.get_attribute("data-answer"))
        _press(page, term.locator("input[type=radio]").first, " ")
        for _ in range(right):
            page.keyboard.press("ArrowDown")
        assert term.locator("input[type=radio]").nth(right).is_checked()
        _press(page, term.get_by_role("button", name="Check"))
        feedback = term.get_by_role("status")
        assert feedback.inner_text().startswith("Right.")
        assert term.locator("[data-due]").inner_text() == "Due again in 1 day."

        # Ordering by Move up / Move down buttons only, then check.
        order = _item(page, "order")
        wanted = order.get_attribute("data-answer").split()
        for position, index in enumerate(wanted):
            row = order.locator(f"[data-order] > li[data-index='{index}']")
            while order.locator("[data-order] > li").nth(position).get_attribute("data-index") != index:
                _press(page, row.get_by_role("button", name="Move up"))
        assert "Moved to position" in order.locator(".visually-hidden[role=status]").inner_text()
        _press(page, order.get_by_role("button", name="Check"))
        assert order.locator("[data-feedback]").inner_text().startswith("Right.")

        # A wrong year: the feedback names the right one and links to the words.
        date = _item(page, "date")
        year = date.get_attribute("data-answer")
        date.locator("input").fill("1066")
        _press(page, date.get_by_role("button", name="Check"))
        text = date.locator("[data-feedback]").inner_text()
        assert text.startswith("Not quite.") and year in text
        link = date.locator("[data-feedback] a").first
        target = str(link.get_attribute("href"))
        assert target.startswith("#ev-") and page.locator(target).count() == 1

        first = _item(page, "first")
        wrong = 1 - int(first.get_attribute("data-answer"))
        first.locator("input[type=radio]").nth(wrong).check()
        _press(page, first.get_by_role("button", name="Check"))
        assert first.locator("[data-feedback]").inner_text().startswith("Not quite.")

        # A place: a click on its lettered marker on the map chooses it; the radios work by keyboard.
        place = _item(page, "place")
        right = place.get_attribute("data-answer")
        place.locator(f".check-map [data-choose='{right}'] circle").click()
        assert place.locator(f"input[value='{right}']").is_checked()
        _press(page, place.get_by_role("button", name="Check"))
        assert place.locator("[data-feedback]").inner_text().startswith("Right.")

        # A picture: each choice is a radio named by the picture's alt text.
        picture = _item(page, "picture")
        right = int(picture.get_attribute("data-answer"))
        item = next(i for i in checks.items if i.id == picture.get_attribute("data-check"))
        radio = picture.get_by_role("radio", name=item.choices[right])
        _press(page, radio, " ")
        assert radio.is_checked()
        _press(page, picture.get_by_role("button", name="Check"))
        assert picture.locator("[data-feedback]").inner_text().startswith("Right.")

        # Progress stays in this browser: after a reload the answered item is due later.
        stored = page.evaluate("() => JSON.parse(localStorage.getItem('handscroll-checks'))")
        assert stored[term.get_attribute("data-check")]["box"] == 1
        page.reload()
        assert _item(page, "term").locator("[data-due]").inner_text() == "Due again in 1 day."
        assert "answered right" in page.locator("[data-checks-progress]").inner_text()

        # One at a time: only one item shows, and Next moves on.
        _press(page, page.get_by_role("button", name="One at a time"))
        assert page.locator("[data-check]:visible").count() == 1
        shown = page.locator("[data-check]:visible").get_attribute("data-check")
        _press(page, page.get_by_role("button", name="Next question"))
        assert page.locator("[data-check]:visible").get_attribute("data-check") != shown
        assert serious_violations(page) == []
        page.screenshot(path=str(clean_screenshots() / "checks-keyboard.png"), full_page=True)
        assert errors == []
    finally:
        context.close()


def test_touch_answers_an_item_on_a_phone(browser: Any, checks: Checks) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{checks.url}/features/{SLUG}")
        term = _item(page, "term")
        right = int(term.get_attribute("data-answer"))
        term.locator("label.check-choice").nth(right).tap()
        term.get_by_role("button", name="Check").tap()
        assert term.locator("[data-feedback]").inner_text().startswith("Right.")
        box = term.locator("label.check-choice").first.bounding_box()
        assert box is not None and box["height"] >= 44  # a target a finger can hit
    finally:
        context.close()


def test_without_javascript_answers_are_in_details(browser: Any, checks: Checks) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(f"{checks.url}/features/{SLUG}")
        section = page.locator("[data-checks]")
        assert section.get_by_role("button", name="Check").count() == 0  # hidden: they need the script
        term = _item(page, "term")
        term.locator("input[type=radio]").first.check()
        answer = term.locator("details")
        assert not answer.locator(".answer-body").is_visible()
        answer.locator("summary").click()
        assert answer.locator(".answer-body").is_visible()
        assert term.locator("input[type=radio]").first.is_checked()
        assert "is" in answer.locator(".answer-body p").first.inner_text()  # "Marshall is 馬歇爾 ..."
        assert answer.locator("a[href^='#term-']").count() == 1
    finally:
        context.close()


def test_unapproved_items_are_not_shown(browser: Any, checks: Checks) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{checks.url}/features/{UNAPPROVED}")
        assert page.locator("[data-checks]").count() == 0
    finally:
        context.close()


def test_the_static_site_has_the_same_section_from_file(browser: Any, checks: Checks) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((checks.site / "features" / f"{SLUG}.html").as_uri())
        date = _item(page, "date")
        date.locator("input").fill(str(date.get_attribute("data-answer")))
        date.get_by_role("button", name="Check").click()
        assert date.locator("[data-feedback]").inner_text().startswith("Right.")
        assert page.locator("[data-check]").count() == len(checks.items)
    finally:
        context.close()


def test_the_worksheet_link_gives_the_feature_as_a_pdf(browser: Any, checks: Checks) -> None:
    import urllib.error
    import urllib.request

    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{checks.url}/features/{SLUG}")
        href = page.get_by_role("link", name="Print worksheet").get_attribute("href")
        assert href == f"/features/{SLUG}/worksheet.pdf"
    finally:
        context.close()
    with urllib.request.urlopen(f"{checks.url}{href}", timeout=120) as response:
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.read().startswith(b"%PDF-")
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(f"{checks.url}/features/nope/worksheet.pdf", timeout=60)
    assert missing.value.code == 404
    missing.value.close()
    static = (checks.site / "features" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "Print worksheet" not in static  # a static site has no server to make it
