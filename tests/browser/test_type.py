"""Type in a real browser (issue 14 item 1): English in the Latin face we serve (an apostrophe as
narrow as a Latin one), Traditional Chinese in a TC face and Simplified in an SC face."""

from __future__ import annotations

from typing import Any

import pytest

from browser.conftest import SampleLibrary, require_part

pytestmark = pytest.mark.browser

Page = Any


@pytest.fixture
def fonts() -> None:
    """Source Serif 4 from npm (`npm ci`); a missing part, like Chromium."""
    from handscroll.publish.vendor import installed, vendor_files

    if not installed(vendor_files(), "fonts"):
        require_part("@fontsource/source-serif-4 is not installed: run `npm ci` in the repository root")


def _fonts_of(page: Page, selector: str) -> list[str]:
    """The platform fonts Chromium drew the first element matching `selector` with (CDP)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"nothing matches {selector}"
    used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [str(f["familyName"]) for f in used]


def _width_of(page: Page, selector: str, text: str, char: str) -> float:
    """The rendered width of `char` in `text` written into the element `selector`."""
    return float(
        page.eval_on_selector(
            selector,
            """(e, [text, char]) => {
                const span = document.createElement('span');
                span.id = 'measured';
                span.textContent = text;
                e.appendChild(span);
                const range = document.createRange();
                const at = text.indexOf(char);
                range.setStart(span.firstChild, at);
                range.setEnd(span.firstChild, at + 1);
                return range.getBoundingClientRect().width;
            }""",
            [text, char],
        )
    )


def test_an_english_apostrophe_is_narrow_and_drawn_with_the_latin_face(
    browser: Any, live_url: str, sample_library: SampleLibrary, fonts: None
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_url}/features/{sample_library.slugs[0]}")
        page.evaluate("document.fonts.ready")
        curly = _width_of(page, ".narrative p", " Mongolia’s border", "’")
        straight = _width_of(page, ".narrative p", " it's", "'")
        # Issue 14 measured 19.0 px (a full-width CJK glyph) against 3.7 px for a Latin one.
        assert curly < 8, f"’ is {curly:.1f} px wide"
        assert curly < straight * 2.5
        assert _fonts_of(page, "#measured") == ["Source Serif 4"]
        assert _fonts_of(page, "h1")[0] == "Source Serif 4"
        zh = _fonts_of(page, ".narrative span[lang='zh-Hant']")
        assert zh and all("CJK TC" in name or name.endswith(" TC") for name in zh), zh
    finally:
        context.close()


def test_simplified_is_drawn_with_an_sc_face_and_traditional_with_a_tc_face(
    browser: Any, live_url: str, fonts: None
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_url}/glossary")
        page.evaluate("document.fonts.ready")
        simplified = _fonts_of(page, "dd[lang='zh-Hans']")
        traditional = _fonts_of(page, "dd[lang='zh-Hant']")
        if not any("CJK" in name for name in simplified + traditional):
            require_part("no Noto CJK faces on this machine: apt-get install fonts-noto-cjk")
        assert all(" SC" in name for name in simplified), simplified
        assert all(" TC" in name for name in traditional), traditional
        assert _fonts_of(page, "dd[lang='zh-Latn-pinyin']") == ["Source Serif 4"]
    finally:
        context.close()
