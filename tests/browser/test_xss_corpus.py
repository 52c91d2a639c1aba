"""The XSS corpus in every rendered field, loaded in Chromium live and static: nothing executes.

Two counts per page: calls of the `xss()` marker (and dialogs), and elements
carrying an `on*` handler attribute or a `javascript:` URL, which would show an
escaping failure even where the Content-Security-Policy stopped it running.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handscroll.config import Settings
from handscroll.enrich import enrich_feature
from handscroll.publish.site import build_site
from handscroll.publish.web import create_app
from handscroll.store import Library
from publish.builders import fill_library, write_picture
from publish.live import serve
from robustness.xss import xss_features, xss_vectors

MARKER = "window.__xss = 0; window.xss = () => { window.__xss += 1; };"
INJECTED = """() => [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a =>
    a.name.startsWith('on') || /^\\s*(javascript|data):/i.test(a.value))).length"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Settings, Path]:
    folder = tmp_path_factory.mktemp("xss")
    url = f"sqlite:///{folder / 'library.db'}"
    features = xss_features()
    fill_library(url, features)
    with Library.open(url) as library:
        library.save_enrichments([(f.slug, enrich_feature(f)) for f in features])
    for feature in features:
        write_picture(folder / "media", feature.media_ids[0], size=(400, 300))
    settings = Settings(db=url, media_dir=folder / "media")
    out = folder / "site"
    with Library.open(url) as library:
        build_site(library, out, settings)
    return url, settings, out


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    context = browser.new_context()
    context.add_init_script(MARKER)
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield tab, dialogs
    context.close()


def _visit(tab: Any, url: str) -> tuple[int, int]:
    tab.goto(url, wait_until="load")
    tab.wait_for_timeout(50)  # let autofocus and load handlers have their chance
    return tab.evaluate("window.__xss"), tab.evaluate(INJECTED)


def test_the_corpus_is_big_and_the_marker_counts(page: tuple[Any, list[str]]) -> None:
    tab, _ = page
    assert len(xss_vectors()) >= 100
    tab.set_content("<img src=x onerror=xss()><img src=y onerror=xss()>")
    tab.wait_for_timeout(100)
    assert tab.evaluate("window.__xss") == 2  # an unescaped vector would be seen
    assert tab.evaluate(INJECTED) == 2


def test_nothing_executes_in_the_live_reader(
    corpus: tuple[str, Settings, Path], page: Any, tmp_path: Path
) -> None:
    url, settings, _ = corpus
    tab, dialogs = page
    features = xss_features()
    paths = ["/", "/series/xsssite_corpus", "/series/xsssite_corpus/timeline", "/timeline", "/glossary"]
    paths += [f"/features/{f.slug}" for f in features]
    paths += ["/search?q=script", "/search?q=xss", "/search?q=%3Cimg"]
    app = create_app(url, settings, cache_dir=tmp_path / "cache")
    found = {}
    with serve(app) as base:
        for path in paths:
            found[path] = _visit(tab, base + path)
        text = tab.goto(f"{base}/features/{features[0].slug}") and tab.inner_text("main")
    assert {p: c for p, c in found.items() if c != (0, 0)} == {}
    assert dialogs == []
    assert xss_vectors()[0] in text  # the vectors show, as text


def test_nothing_executes_in_the_static_site(corpus: tuple[str, Settings, Path], page: Any) -> None:
    _, _, out = corpus
    tab, dialogs = page
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= len(xss_features()) + 4
    found = {p.relative_to(out).as_posix(): _visit(tab, p.as_uri()) for p in pages}
    assert {p: c for p, c in found.items() if c != (0, 0)} == {}
    assert dialogs == []
