"""The reader in three languages in Chromium (issue 12): the switcher on every page leads to the
same page in the other language, the page says its language and stays axe-clean; the Chinese
TimelineJS export speaks its locale, and IIIF language maps load in the viewer."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from browser.axe_check import serious_violations
from browser.conftest import Watch, require_part, serving
from browser.test_export_clients import TIFY, TIMELINE_PAGE, TIMELINEJS, VIEWER_PAGE, _local_only
from browser.test_export_clients import serve_folder as serve_folder  # a fixture, shared
from browser.test_type import _fonts_of
from browser.test_type import fonts as fonts  # a fixture, shared
from handscroll.config import Settings
from handscroll.pipeline import import_paths
from handscroll.publish.exports import ExportRequest, run_export
from handscroll.samples import PHRASES, SERIES, edition_paths, sample_paths
from handscroll.samples.images import generate_sample_media
from handscroll.store import Library

pytestmark = pytest.mark.browser

NAMES = {"en": "English", "zh-Hant": "繁體中文", "zh-Hans": "简体中文"}


@dataclass(frozen=True)
class EditionsReader:
    """The samples' first two parts in three languages, served by the reader."""

    url: str
    settings: Settings
    base: str
    english: str  # the slug of part 2's English edition


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditionsReader]:
    from handscroll.publish.web import create_app

    folder = tmp_path_factory.mktemp("editions-browser")
    url = f"sqlite:///{folder / 'library.db'}"
    media = folder / "media"
    generate_sample_media(media)
    settings = Settings(db=url, media_dir=media, phrases=PHRASES)
    with Library.open(url) as library:
        paths = [str(p) for p in [*sample_paths()[:2], *edition_paths()]]
        assert not import_paths(paths, library, settings).failed
        english = next(s.slug for s in library.list_features() if s.part == 2 and s.language == "en")
    with serving(create_app(url, settings, cache_dir=folder / "cache")) as base:
        yield EditionsReader(url, settings, base, english)


PAGES = {
    "home": "/",
    "series": f"/series/{SERIES}",
    "feature": None,  # part 2, whose Simplified edition is derived
    "timeline": "/timeline",
    "glossary": "/glossary",
    "search": "/search?q=chongqing",
}


@pytest.mark.parametrize("kind", list(PAGES))
def test_the_reader_switches_language_on_every_page(
    editions: EditionsReader, watched: tuple[Any, Watch], kind: str
) -> None:
    page, watch = watched
    page.goto(editions.base + (PAGES[kind] or f"/features/{editions.english}"))
    for language in ("zh-Hant", "zh-Hans", "en"):
        switcher = page.locator(".language-switcher")
        switcher.get_by_role("link", name=NAMES[language]).click()
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.lang") == language, page.url
        current = switcher.locator("[aria-current]")
        assert current.inner_text() == NAMES[language] and current.get_attribute("hreflang") == language
        prefix = {"en": "", "zh-Hant": "/zh-hant", "zh-Hans": "/zh-hans"}[language]
        path = page.url.removeprefix(editions.base)
        assert path.startswith(prefix + "/") and (language != "en" or not path.startswith("/zh-"))
        alternates = page.eval_on_selector_all(
            'link[rel="alternate"][hreflang]', "ls => ls.map(l => l.hreflang)"
        )
        assert sorted(alternates) == ["en", "zh-Hans", "zh-Hant"]
        if kind == "feature":
            # The work's edition in that language: its text says so, a derived one is marked.
            article = page.locator("article.feature")
            assert article.get_attribute("lang") == language
            assert (page.locator("[data-derived]").count() == 1) == (language == "zh-Hans")
        assert serious_violations(page) == [], (language, page.url)
    assert not watch.errors, watch.errors


def test_a_chinese_timelinejs_export_loads_in_its_locale(
    editions: EditionsReader, serve_folder: tuple[Path, str], watched: tuple[Any, Watch]
) -> None:
    if not (TIMELINEJS / "js" / "timeline.js").is_file():
        require_part("TimelineJS is not installed: run `npm ci` at the repository root")
    root, base = serve_folder
    shutil.copytree(TIMELINEJS, root / "timelinejs")
    (root / "index.html").write_text(TIMELINE_PAGE.replace('lang="en"', 'lang="zh-Hant"'), encoding="utf-8")
    with Library.open(editions.url) as library:
        request = ExportRequest(series=SERIES, language="zh-Hant", media_dir=editions.settings.media_dir)
        run_export("timelinejs", library, request, root / "timeline.json")
    events = json.loads((root / "timeline.json").read_text(encoding="utf-8"))["events"]
    page, watch = watched
    refused: list[str] = []
    _local_only(page, base, refused)
    page.goto(base + "index.html")
    page.wait_for_function("window.timelineReady === true", timeout=30_000)
    assert page.evaluate("window.timeline._storyslider._slides.length") == len(events) + 1
    assert page.evaluate("window.timeline.options.language") == "zh-tw"
    page.evaluate("window.timeline.goTo(1)")
    page.wait_for_timeout(1000)
    labels = page.eval_on_selector_all("[aria-label]", "es => es.map(e => e.getAttribute('aria-label'))")
    assert "回到開頭" in labels  # TimelineJS's own words ("Return to Title"), from its zh-tw locale
    assert "年" in page.locator(".tl-slide-content .tl-headline").nth(1).inner_text()
    assert not refused, refused
    assert not watch.errors, watch.errors


def test_iiif_language_maps_load_in_the_viewer(
    editions: EditionsReader, serve_folder: tuple[Path, str], watched: tuple[Any, Watch]
) -> None:
    if not (TIFY / "tify.js").is_file():
        require_part("TIFY is not installed: run `npm ci` at the repository root")
    root, base = serve_folder
    shutil.copytree(TIFY, root / "tify")
    (root / "index.html").write_text(VIEWER_PAGE, encoding="utf-8")
    (root / "favicon.ico").write_bytes(b"")
    with Library.open(editions.url) as library:
        request = ExportRequest(series=SERIES, media_dir=editions.settings.media_dir, base_url=base)
        run_export("iiif", library, request, root / "iiif")
        feature = library.get_feature(editions.english)
    data = json.loads((root / "iiif" / editions.english / "manifest.json").read_text(encoding="utf-8"))
    assert set(data["label"]) == {"en", "zh-Hant", "zh-Hans"}
    page, watch = watched
    refused: list[str] = []
    _local_only(page, base, refused)
    page.goto(f"{base}index.html?manifest=iiif/{editions.english}/manifest.json")
    page.wait_for_function("window.tifyReady === true || window.tifyError !== undefined", timeout=30_000)
    assert page.evaluate("window.tifyError") is None
    title = page.locator(".tify-header-title").inner_text()
    assert " ".join(title.replace("\xa0", " ").split()) == feature.title  # the viewer's language: English
    assert page.locator(".tify-thumbnails-item").count() == len(feature.figures)
    assert not refused, refused
    assert not watch.errors, watch.errors


@pytest.fixture(scope="module")
def static_site(editions: EditionsReader, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same library built as a static site, once for the tests that read it from file://."""
    from handscroll.publish.site import build_site

    out = tmp_path_factory.mktemp("editions-site") / "site"
    with Library.open(editions.url) as library:
        build_site(library, out, editions.settings)
    return out


def test_the_static_site_switches_language_from_file_urls(
    editions: EditionsReader, static_site: Path, watched: tuple[Any, Watch]
) -> None:
    out = static_site
    page, watch = watched
    page.goto((out / "features" / f"{editions.english}.html").as_uri())
    for language, folder in (("zh-Hant", "zh-hant"), ("zh-Hans", "zh-hans"), ("en", "")):
        page.locator(".language-switcher").get_by_role("link", name=NAMES[language]).click()
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.lang") == language
        assert page.url.startswith(
            (out / folder / "features").as_uri() if folder else (out / "features").as_uri()
        )
        assert page.locator("article.feature").get_attribute("lang") == language
        page.locator(".site-name").click()  # home in that language, then back to the feature
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.lang") == language
        page.go_back()
    assert not watch.errors, watch.errors


def test_latin_in_a_chinese_page_is_drawn_with_the_latin_face(
    editions: EditionsReader, watched: tuple[Any, Watch], fonts: None
) -> None:
    page, _ = watched
    with Library.open(editions.url) as library:
        slug = next(s.slug for s in library.list_features() if s.part == 1 and s.language == "zh-Hant")
    page.goto(f"{editions.base}/zh-hant/features/{slug}")
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    # The first paragraph writes 蔣介石(Chiang Kai-shek): Han in a TC face, the Latin in Source Serif 4.
    used = _fonts_of(page, ".narrative p")
    assert any(name.startswith("Source Serif 4") for name in used), used
    assert any("CJK TC" in name or name.endswith(" TC") for name in used), used


def test_the_static_search_shows_a_work_once_in_the_page_s_language(
    editions: EditionsReader, static_site: Path, watched: tuple[Any, Watch]
) -> None:
    """As the reader's search does: the editions of a work are one result (issue 12)."""
    out = static_site
    with Library.open(editions.url) as library:
        summaries = library.list_features()
    works = {s.work for s in summaries if s.work}
    assert len(works) == 2 and len(summaries) > len(works)  # editions to fold
    page, watch = watched
    for folder, language in (("", "en"), ("zh-hant/", "zh-Hant")):
        page.goto((out / f"{folder}search.html").as_uri() + "?q=chongqing")
        page.locator(".search-result").first.wait_for()
        page.wait_for_function("document.querySelector('[data-search-status]').textContent.includes('2')")
        titles = [a.inner_text() for a in page.locator(".search-result h2 a").all()]
        expected = {s.title for s in summaries if s.language == language}
        assert len(titles) == 2 and set(titles) <= expected, (language, titles)
        status = page.locator("[data-search-status]").inner_text()
        places = page.locator(".search-where").all_inner_texts()
        if language == "en":
            assert status == "2 features found." and places[0].startswith(("Paragraph", "Figure"))
        else:  # the script's words come from the page's catalogue, as the server's page says them
            assert status == "找到 2 篇專題。" and places[0].startswith(("第", "圖")), (status, places)
    assert not watch.errors, watch.errors
