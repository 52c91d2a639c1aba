"""The glossary that helps (issue 14 item 9) in Chromium: pinyin as capitalised words, a filter box
that finds a term by English, Chinese or toneless pinyin, an A-Z index, and "used in" links that land
on the passage."""

from __future__ import annotations

from typing import Any

import pytest

from browser.conftest import clean_screenshots

pytestmark = pytest.mark.browser


def test_filter_index_and_used_in_links(browser: Any, live_url: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_url}/glossary")
        pinyin = page.locator("#term-chinese-communist-party dd[lang='zh-Latn-pinyin']").inner_text()
        assert pinyin == "Zhōngguó Gòngchǎndǎng"
        total = page.locator(".term-card").count()
        box = page.get_by_label("Find a term")
        for query in ("zhongguo gongchan", "中國共產黨", "中国共产党", "communist"):
            box.fill(query)
            visible = page.locator(".term-card:visible")
            assert 0 < visible.count() < total, query
            assert all("Communist" in t or "共產" in t for t in visible.all_inner_texts()), query
        box.fill("")
        assert page.locator(".term-card:visible").count() == total
        page.locator(".letter-index a", has_text="C").click()  # a page from C on (issue 11)
        page.wait_for_load_state("load")
        assert page.url.endswith("/glossary?from=C")
        assert page.locator(".term-card").first.get_attribute("id") == "term-changchun"
        link = page.locator("#term-chiang-kai-shek .term-features a").first
        href = str(link.get_attribute("href"))
        assert "#use-chiang-kai-shek" in href
        page.screenshot(path=str(clean_screenshots() / "glossary-desktop.png"))
        link.click()
        page.wait_for_load_state("load")
        assert page.locator("#use-chiang-kai-shek").count() == 1
        top = page.eval_on_selector("#use-chiang-kai-shek", "e => e.getBoundingClientRect().top")
        assert 0 <= top <= 900  # the passage is in view
    finally:
        context.close()
