"""Enrichment in a real browser (issue 4): timeline links land on the words, term cards open from
the keyboard, the map draws a marker per place with Leaflet from our own server, the glossary sorts
by pinyin, the timeline groups by year; accessible and free of console errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from browser.conftest import SampleLibrary, Watch, clean_screenshots, require_part
from handscroll.store import Library

pytestmark = pytest.mark.browser

Page = Any

HIGHLIGHT = "rgb(246, 223, 164)"
"""The background of a targeted event (`.event:target` in handscroll.css)."""


@pytest.fixture
def leaflet() -> None:
    """Leaflet from npm (`npm ci` at the repository root); a missing part, like Chromium."""
    from handscroll.config import Settings
    from handscroll.publish.enriched import find_leaflet

    if find_leaflet(Settings()) is None:
        require_part("Leaflet is not installed: run `npm ci` in the repository root")


def _feature(live_url: str, sample_library: SampleLibrary, index: int = 0) -> str:
    return f"{live_url}/features/{sample_library.slugs[index]}"


def _in_viewport(page: Page, selector: str) -> bool:
    return bool(
        page.eval_on_selector(
            selector,
            "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }",
        )
    )


def test_compact_timeline_link_scrolls_to_and_highlights_its_words(
    watched: tuple[Page, Watch], live_url: str, sample_library: SampleLibrary
) -> None:
    page, watch = watched
    page.goto(_feature(live_url, sample_library))
    links = page.locator(".mini-timeline .what a")  # each sentence of a happening links to its words
    assert links.count() >= 5
    link = links.nth(2)
    href = str(link.get_attribute("href"))
    assert re.fullmatch(r"#ev-(t|\d+)-\w+-\d+-\d+", href)
    label = str(link.evaluate("a => a.closest('.mini-timeline > li').querySelector('.when').textContent"))
    link.click()
    page.wait_for_function("id => location.hash === id", arg=href)
    target = f"[id='{href[1:]}']"
    page.wait_for_function(
        "([sel, bg]) => getComputedStyle(document.querySelector(sel)).backgroundColor === bg",
        arg=[target, HIGHLIGHT],
    )
    assert _in_viewport(page, target)
    words = str(page.locator(target).inner_text())
    assert words and words[-4:] in label  # the marked words carry the date the label names
    assert page.eval_on_selector(target, "e => e.matches(':target')")
    page.screenshot(path=str(clean_screenshots() / "feature-timeline-target.png"))
    assert watch.errors == []


def test_term_card_opens_with_tab_and_enter_and_shows_chinese_and_pinyin(
    watched: tuple[Page, Watch], live_url: str, sample_library: SampleLibrary
) -> None:
    page, watch = watched
    page.goto(_feature(live_url, sample_library))
    page.wait_for_selector(".term[role='button']")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches(\".term[role='button']\")"):
            break
    else:
        pytest.fail("Tab never reached a glossary mention")
    button = page.locator(".term[role='button']:focus")
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    popup = page.locator("#term-popup")
    popup.wait_for(state="visible")
    assert button.get_attribute("aria-expanded") == "true"
    chinese = str(popup.locator("dd[lang='zh-Hant']").inner_text())
    pinyin = str(popup.locator("dd[lang='zh-Latn-pinyin']").inner_text())
    assert re.search(r"[\u4e00-\u9fff]", chinese)
    assert re.search(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", pinyin)
    term = str(button.get_attribute("data-term"))
    entry = page.locator(f"[id='{term}']")
    assert chinese in str(entry.inner_text()) and pinyin in str(entry.inner_text())
    page.screenshot(path=str(clean_screenshots() / "feature-term-popup.png"))
    page.keyboard.press("Escape")
    popup.wait_for(state="hidden")
    assert page.evaluate("() => document.activeElement.matches(\".term[role='button']\")")
    page.keyboard.press(" ")  # Space opens it too, as on any button
    popup.wait_for(state="visible")
    assert watch.errors == []


def test_term_card_opens_with_a_tap(browser: Any, live_url: str, sample_library: SampleLibrary) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(_feature(live_url, sample_library))
        button = page.locator(".term[role='button']").first
        button.scroll_into_view_if_needed()
        button.tap()
        page.locator("#term-popup").wait_for(state="visible")
        box = page.locator("#term-popup").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        page.screenshot(path=str(clean_screenshots() / "feature-term-popup-phone.png"))
    finally:
        context.close()


def test_map_has_a_marker_per_place_with_leaflet_from_our_own_server(
    watched: tuple[Page, Watch], browser: Any, live_url: str, sample_library: SampleLibrary, leaflet: None
) -> None:
    page, watch = watched
    page.goto(_feature(live_url, sample_library, 2))
    page.locator("[data-places]").scroll_into_view_if_needed()  # Leaflet loads when the map is near
    page.wait_for_selector("[data-map][data-drawn='true']")
    places = page.locator(".places .place")
    assert places.count() >= 3
    towns = places.filter(has_not=page.locator("xpath=self::*[@data-kind='country' or @data-kind='region']"))
    assert int(page.get_attribute("[data-map]", "data-markers") or 0) == towns.count()
    assert places.first.is_visible()  # the list stays beside the map
    assert page.locator("[data-map-note]").is_hidden()
    scripts = page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => e.name).filter(n => /leaflet/.test(n))"
    )
    assert scripts and all(s.startswith(live_url + "/static/vendor/") for s in scripts)  # our own host
    tiles = page.evaluate(
        "() => performance.getEntriesByType('resource').filter(e => /tile/.test(e.name)).length"
    )
    assert tiles == 0  # no tiles by default: the base map is shipped with the reader (issue 14)
    page.locator(".map").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=str(clean_screenshots() / "feature-places.png"))
    assert watch.errors == []


def test_without_javascript_the_places_list_shows_and_terms_are_links(
    browser: Any, live_url: str, sample_library: SampleLibrary
) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(_feature(live_url, sample_library, 2))
        assert page.locator(".places .place").first.is_visible()
        assert page.locator("[data-map-note]").is_visible()
        link = page.locator("a.term").first
        target = str(link.get_attribute("href"))
        link.click()
        page.wait_for_function("id => location.hash === id", arg=target)
        assert page.locator(f"[id='{target[1:]}']").is_visible()
    finally:
        context.close()


def test_glossary_sorts_by_pinyin(
    watched: tuple[Page, Watch], live_url: str, sample_library: SampleLibrary
) -> None:
    page, watch = watched
    with Library.open(sample_library.url) as library:
        terms = library.glossary()
    page.goto(live_url + "/glossary")
    english = [str(t) for t in page.locator(".term-english").all_inner_texts()]
    assert english == [t.english for t in sorted(terms, key=lambda t: (t.english, t.traditional or ""))]
    page.get_by_role("link", name="Pinyin").click()
    page.wait_for_url("**/glossary?sort=pinyin")
    # By syllables, as a dictionary orders pinyin ("gu ling" before "gui yuan"), Gǔlǐng before
    # Guìyuán though the words run together; terms without pinyin last (issue 11's indexed order).
    by_syllable = sorted(terms, key=lambda t: (t.pinyin_plain is None, t.pinyin_plain or "", t.english))
    shown = [str(t) for t in page.locator(".term-english").all_inner_texts()]
    assert len(shown) >= 10
    assert shown == [t.english for t in by_syllable][: len(shown)]
    assert page.get_by_role("link", name="Pinyin").get_attribute("aria-current") == "page"
    page.screenshot(path=str(clean_screenshots() / "glossary-pinyin.png"))
    assert watch.errors == []


def test_timeline_groups_by_year_and_links_to_the_words(
    watched: tuple[Page, Watch], live_url: str, sample_library: SampleLibrary
) -> None:
    page, watch = watched
    page.goto(live_url + "/timeline")
    groups = page.locator("[data-year-group]")
    assert groups.count() >= 4
    years = []
    for i in range(groups.count()):
        group = groups.nth(i)
        heading = str(group.locator("h2").inner_text())
        if re.fullmatch(r"\d{4}", heading):
            years.append(int(heading))
            for date in group.locator(".event-date").all_inner_texts():
                assert heading in date or re.search(r"\d{4}–", date), (heading, date)
    assert years == sorted(years) and len(set(years)) == len(years) and len(years) >= 3
    page.screenshot(path=str(clean_screenshots() / "timeline.png"))
    link = page.locator(".event-source a:not(.event-only)").nth(3)
    href = str(link.get_attribute("href"))
    link.click()
    fragment = href.split("#", 1)[1]
    page.wait_for_function("id => location.hash === '#' + id", arg=fragment)
    target = f"[id='{fragment}']"
    page.wait_for_function(
        "([sel, bg]) => getComputedStyle(document.querySelector(sel)).backgroundColor === bg",
        arg=[target, HIGHLIGHT],
    )
    assert _in_viewport(page, target)
    page.goto(f"{live_url}/series/{sample_library.series}")
    page.get_by_role("link", name="Timeline of this series").click()
    page.wait_for_url(f"**/series/{sample_library.series}/timeline")
    assert page.locator("[data-year-group]").count() >= 3
    assert watch.errors == []


@pytest.mark.parametrize("where", ["timeline", "glossary", "feature-with-map", "feature-term-open"])
def test_axe_finds_no_serious_or_critical_violations_on_enriched_pages(
    browser: Any, live_url: str, sample_library: SampleLibrary, where: str, leaflet: None
) -> None:
    from .axe_check import serious_violations

    path = {
        "timeline": "/timeline",
        "glossary": "/glossary?sort=pinyin",
        "feature-with-map": f"/features/{sample_library.slugs[2]}",
        "feature-term-open": f"/features/{sample_library.slugs[0]}",
    }[where]
    # Playwright injects axe as a script; the CSP (rightly) forbids that, so it is bypassed here only.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(live_url + path)
        page.wait_for_load_state("networkidle")
        if where == "feature-with-map":
            page.locator("[data-places]").scroll_into_view_if_needed()
            page.wait_for_selector("[data-map][data-drawn='true']")
        if where == "feature-term-open":
            page.locator(".term[role='button']").first.click()
            page.locator("#term-popup").wait_for(state="visible")
        bad = serious_violations(page)
        assert bad == [], "\n".join(bad)
    finally:
        context.close()


def test_static_site_timeline_and_map_work_from_file_url(
    watched: tuple[Page, Watch], static_site: Path, sample_library: SampleLibrary, leaflet: None
) -> None:
    page, watch = watched
    page.goto((static_site / "timeline.html").as_uri())
    link = page.locator(".event-source a").first
    href = str(link.get_attribute("href"))
    assert href.startswith("features/") and "#ev-" in href
    link.click()
    page.wait_for_load_state("load")
    assert page.url.startswith("file://") and page.url.endswith(href.split("/", 1)[1])
    page.goto((static_site / "features" / f"{sample_library.slugs[2]}.html").as_uri())
    page.locator("[data-places]").scroll_into_view_if_needed()
    page.wait_for_selector("[data-map][data-drawn='true']")
    # From file:// too the base map is drawn: it ships as a script (issue 14).
    assert page.locator("[data-map] .leaflet-overlay-pane path").count() > 100
    page.goto((static_site / "glossary.html").as_uri())
    page.get_by_role("link", name="Pinyin").click()
    page.wait_for_url("**/glossary-pinyin.html")
    assert watch.errors == []


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1280, 800), ("phone", 390, 844)])
def test_screenshots_of_the_enriched_parts(
    browser: Any,
    live_url: str,
    sample_library: SampleLibrary,
    name: str,
    width: int,
    height: int,
    leaflet: None,
) -> None:
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(_feature(live_url, sample_library, 2))
        page.locator("[data-places]").scroll_into_view_if_needed()
        page.wait_for_selector("[data-map][data-drawn='true']")
        extras = page.locator(".extras")
        extras.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        folder = clean_screenshots()
        extras.screenshot(path=str(folder / f"feature-extras-{name}.png"))
        page.goto(live_url + "/timeline")
        page.screenshot(path=str(folder / f"timeline-{name}.png"))
        assert (folder / f"feature-extras-{name}.png").stat().st_size > 10_000
    finally:
        context.close()


def test_without_leaflet_the_places_list_shows_with_a_note_and_no_errors(
    watched: tuple[Page, Watch], sample_library: SampleLibrary, tmp_path: Path
) -> None:
    from handscroll.publish.site import build_site
    from handscroll.store import Library

    empty = tmp_path / "no-leaflet"
    empty.mkdir()
    out = tmp_path / "site"
    with Library.open(sample_library.url) as library:
        build_site(library, out, sample_library.settings.model_copy(update={"leaflet_dir": empty}))
    assert not (out / "static" / "vendor" / "leaflet").exists()  # (vendor/ may hold the search stemmer)
    page, watch = watched
    page.goto((out / "features" / f"{sample_library.slugs[2]}.html").as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("() => typeof window.L") == "undefined"
    assert page.locator(".places .place").first.is_visible()
    assert "not installed" in str(page.locator("[data-map-note]").inner_text())
    assert page.locator(".map").is_hidden()
    assert watch.errors == []
