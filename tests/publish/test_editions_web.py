"""The reader in three languages over the sample editions (issue 12, items 4-6): each work once,
in the reader's edition, a switcher that leads to the other editions, one timeline entry per event."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from handscroll.config import Settings
from handscroll.publish.web import create_app
from publish.builders import import_sample_editions

KEY = "handscroll_sample_civilwar:2"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder: Path = tmp_path_factory.mktemp("editions")
    url = f"sqlite:///{folder / 'library.db'}"
    import_sample_editions(url)
    app = create_app(url, Settings(db=url), cache_dir=folder / "cache")
    with TestClient(app) as test_client:
        yield test_client


def _editions(client: TestClient, slug: str) -> dict[str, dict[str, object]]:
    answer = client.get(f"/api/features/{slug}/editions")
    assert answer.status_code == 200
    return {e["language"]: e for e in answer.json()["editions"]}


def _slugs(html: str) -> list[str]:
    return re.findall(r'class="card-link" href="[^"]*/features/([^"]+)"', html)


def test_each_language_lists_each_work_once_in_its_own_edition(client: TestClient) -> None:
    english, traditional, simplified = (_slugs(client.get(p).text) for p in ("/", "/zh-hant/", "/zh-hans/"))
    assert len(english) == len(traditional) == len(simplified) == 2
    assert all(not s.endswith("-zh-hant") and not s.endswith("-zh-hans") for s in english)
    assert all(s.endswith("-zh-hant") for s in traditional)
    assert all(s.endswith("-zh-hans") for s in simplified)
    home = client.get("/zh-hant/").text
    assert '<html lang="zh-Hant">' in home and "<h1>圖書館</h1>" in home
    assert 'href="/zh-hant/features/' in home and 'href="/features/' not in home


def test_the_api_lists_a_works_editions_and_says_which_was_converted(client: TestClient) -> None:
    english = _slugs(client.get("/").text)[1]
    editions = _editions(client, english)
    assert set(editions) == {"en", "zh-Hant", "zh-Hans"}
    assert editions["zh-Hans"]["derived"] is True  # part 2 has no written Simplified edition
    assert editions["zh-Hans"]["note"] == "converted automatically from Traditional Chinese"
    assert editions["zh-Hant"]["derived"] is False and editions["zh-Hant"]["note"] is None
    assert editions["zh-Hans"]["html"] == f"/zh-hans/features/{editions['zh-Hans']['slug']}"
    assert client.get(f"/api/features/{english}/editions").json()["work"] == KEY
    first = _editions(client, _slugs(client.get("/").text)[0])
    assert first["zh-Hans"]["derived"] is False  # part 1's Simplified edition was imported


def test_a_feature_page_switches_to_the_works_other_editions(client: TestClient) -> None:
    english = _slugs(client.get("/").text)[1]
    editions = _editions(client, english)
    page = client.get(f"/features/{english}").text
    for language, href in (
        ("en", f"/features/{english}"),
        ("zh-Hant", f"/zh-hant/features/{editions['zh-Hant']['slug']}"),
        ("zh-Hans", f"/zh-hans/features/{editions['zh-Hans']['slug']}"),
    ):
        assert f'<link rel="alternate" hreflang="{language}" href="{href}">' in page
        assert client.get(href).status_code == 200
    derived = client.get(f"/zh-hans/features/{editions['zh-Hans']['slug']}").text
    assert "由繁体中文版自动转换" in derived and "data-derived" in derived
    assert '<html lang="zh-Hans">' in derived and '<article class="feature"' in derived
    written = client.get(f"/zh-hant/features/{editions['zh-Hant']['slug']}").text
    assert "data-derived" not in written and "想一想" in written and "顯示參考答案" in written
    assert "由對照版本推得" in written  # a term the English edition names, the Chinese only uses


def test_chinese_pages_write_dates_the_chinese_way(client: TestClient) -> None:
    timeline = client.get("/zh-hant/timeline").text
    assert re.search(r'<p class="event-date">19\d\d年\d{1,2}月\d{1,2}日</p>', timeline)
    assert re.search(r"<h1>(<span lang=\"zh-Hant\">)?時間線", timeline)


def test_the_timeline_lists_each_event_of_a_work_once_with_every_editions_sentence(
    client: TestClient,
) -> None:
    pages = {
        lang: client.get(path).text for lang, path in (("en", "/timeline"), ("zh-Hant", "/zh-hant/timeline"))
    }
    english_items = pages["en"].count('<li class="event-item">')
    assert english_items == pages["zh-Hant"].count('<li class="event-item">')
    # Every event told by all three editions carries the two other sentences, in their language.
    assert pages["en"].count('class="event-sentence event-edition" lang="zh-Hant"') > 0
    assert pages["zh-Hant"].count('<p class="event-sentence" lang="zh-Hant">') > 0
    assert 'class="event-sentence event-edition" lang="en"' in pages["zh-Hant"]


def test_every_page_kind_has_the_switcher_in_every_language(client: TestClient) -> None:
    for path in ("/", "/series/handscroll_sample_civilwar", "/timeline", "/glossary", "/search?q=chongqing"):
        for prefix, language in (("", "en"), ("/zh-hant", "zh-Hant"), ("/zh-hans", "zh-Hans")):
            answer = client.get(prefix + path if path != "/" else prefix + "/")
            assert answer.status_code == 200, (prefix, path)
            assert f'<html lang="{language}">' in answer.text
            assert answer.text.count('hreflang="') >= 6  # three alternates and three switcher links
    assert 'href="/zh-hans/search?q=chongqing"' in client.get("/search?q=chongqing").text


def test_a_missing_page_under_a_language_prefix_is_said_in_that_language(client: TestClient) -> None:
    answer = client.get("/zh-hans/features/nope")
    assert (
        answer.status_code == 404 and "找不到页面" in answer.text and '<html lang="zh-Hans">' in answer.text
    )
