"""Search in a real browser (issue 5): from the home page to a highlighted figure; the static site from file://."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from handscroll.publish import search_index
from handscroll.publish.render import Renderer
from handscroll.publish.search_index import write_static_search
from handscroll.store import Library

from .conftest import SampleLibrary, Watch

Page = Any


def _static_search(static_site: Path, sample_library: SampleLibrary) -> Path:
    # build_site writes these too; writing them again here keeps the test about search alone.
    with Library.open(sample_library.url) as library:
        write_static_search(library, static_site, Renderer())
    return static_site / "search.html"


def test_static_site_search_from_file_url(
    watched: tuple[Page, Watch], static_site: Path, sample_library: SampleLibrary
) -> None:
    page, watch = watched
    page.goto(_static_search(static_site, sample_library).as_uri())
    assert page.url.startswith("file://")
    for query in ("瀋陽", "沈阳", "shenyang", "Mukden"):
        page.get_by_label("Search the library in English, Chinese or pinyin").fill(query)
        page.keyboard.press("Enter")
        page.wait_for_selector(".search-result")
        marks = page.locator(".search-result mark")
        assert marks.count() >= 1, query
        assert "features found" in page.locator("[data-search-status]").inner_text() or "1 feature found" in (
            page.locator("[data-search-status]").inner_text()
        )
    first = page.locator(".search-result h2 a").first
    href = first.get_attribute("href") or ""
    assert href.startswith("features/") and "#fig-" in href
    first.click()
    page.wait_for_load_state("load")
    anchor = href.split("#", 1)[1]
    assert page.url.startswith("file://") and page.url.endswith(f"#{anchor}")
    assert page.evaluate(f"() => document.getElementById('{anchor}').matches(':target')")
    assert watch.errors == []


def test_static_search_is_safe_with_hostile_queries(
    watched: tuple[Page, Watch], static_site: Path, sample_library: SampleLibrary
) -> None:
    page, watch = watched
    page.goto(_static_search(static_site, sample_library).as_uri())
    box = page.get_by_label("Search the library in English, Chinese or pinyin")
    for query in ['"', "NEAR(", "<img src=x onerror=alert(1)>", "x" * 10_000, "((( OR *", "withdr*"]:
        box.fill(query)
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => document.querySelector('[data-search-status]').textContent.trim() !== ''"
        )
    assert page.locator(".search-result").count() >= 1  # withdr*
    assert watch.errors == [] and watch.dialogs == []


def test_results_page_has_no_serious_accessibility_violations(browser: Any, live_url: str) -> None:
    from .axe_check import serious_violations

    # Playwright injects axe as a script; the CSP (rightly) forbids that, so it is bypassed here only.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(live_url + "/search?q=shenyang")
        page.wait_for_load_state("networkidle")
        assert page.locator(".search-result mark").count() >= 1
        bad = serious_violations(page)
        assert bad == [], "\n".join(bad)
    finally:
        context.close()


def test_static_search_reads_pinyin_through_the_glossary(
    watched: tuple[Page, Watch], static_site: Path, sample_library: SampleLibrary
) -> None:
    page, watch = watched
    page.goto(_static_search(static_site, sample_library).as_uri())
    box = page.get_by_label("Search the library in English, Chinese or pinyin")
    found: dict[str, list[str]] = {}
    for query in ("蔣介石", "蒋介石", "jiangjieshi", "jiang jie shi", "Jiǎng Jièshí"):
        box.fill(query)
        page.keyboard.press("Enter")
        page.wait_for_selector(".search-result")
        found[query] = page.locator(".search-result h2 a").evaluate_all("links => links.map(a => a.href)")
    assert found["蔣介石"], found
    assert all(links == found["蔣介石"] for links in found.values()), found
    assert watch.errors == []


def test_search_from_the_home_page_to_a_highlighted_figure(
    watched: tuple[Page, Watch], live_url: str, sample_library: SampleLibrary
) -> None:
    page, watch = watched
    page.goto(live_url + "/")
    box = page.get_by_role("search", name="Site search").get_by_label("Search the library")
    box.fill("Mukden")
    box.press("Enter")
    page.wait_for_url("**/search?q=Mukden")
    status = page.get_by_role("status")
    assert "found" in status.inner_text()
    result = page.locator(".search-result").first
    assert result.locator("mark").count() >= 1  # 瀋陽 / Shenyang marked for "Mukden"
    link = result.locator("h2 a")
    href = link.get_attribute("href") or ""
    assert "#fig-" in href
    link.focus()
    page.keyboard.press("Enter")  # keyboard only
    anchor = href.split("#", 1)[1]
    page.wait_for_url(f"**#{anchor}")
    page.wait_for_load_state("load")
    figure = page.locator(f"#{anchor}")
    assert figure.evaluate("el => el.matches(':target')")
    outline = figure.locator(".frame").evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"  # the gallery's :target highlight
    box_ = figure.bounding_box()
    assert box_ is not None and 0 <= box_["y"] < 800
    assert watch.errors == []


def test_static_search_loads_only_what_a_query_needs(
    watched: tuple[Page, Watch],
    static_site: Path,
    sample_library: SampleLibrary,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Issue 11: the index is in chunks, loaded per query (small chunks here, as a big library's
    # are many); issue 14: every match and older names shown.
    monkeypatch.setattr(search_index, "CHUNK_BYTES", 2_000)
    page, watch = watched
    search_page = _static_search(static_site, sample_library)
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(search_page.as_uri() + "?q=Mukden")
    done = "() => document.querySelector('[data-search-status]').textContent.includes('found')"
    page.wait_for_function(done)
    index = [url for url in loaded if "/search/" in url]
    chunks = list((static_site / "search" / "k").glob("*.js"))
    assert any(url.endswith("/search/meta.js") for url in index)
    assert sum("/search/k/" in url for url in index) < len(chunks) / 2
    assert sum("/search/d/" in url for url in index) == page.locator(".search-result").count()
    assert "is an older name of Shenyang." in page.locator(".search-result .search-name").first.inner_text()
    page.get_by_label("Search the library in English, Chinese or pinyin").fill("Chongqing")
    page.keyboard.press("Enter")
    page.wait_for_function(done)
    assert page.locator(".search-more summary").first.inner_text().endswith("more in this feature")
    assert watch.errors == []
