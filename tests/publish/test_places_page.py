"""The library's places page (issues 11, 14): a page of places at a time, live and static, each place
with its first few features and the count of the others, in every interface language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from handscroll.config import Settings
from handscroll.publish.places_page import PAGE_PLACES
from handscroll.publish.site import build_site
from handscroll.publish.web import create_app
from handscroll.store import Library, places
from handscroll.store.places import LINKS
from store.test_places import item, place

NAMING_CHINA = 8


@pytest.fixture(scope="module")
def library_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One feature naming more places than a page shows, and China named by several features."""
    url = f"sqlite:///{tmp_path_factory.mktemp('places') / 'library.db'}"
    towns = [place(f"Town {n:03d}", n / 10) for n in range(PAGE_PLACES + 5)]
    china = place("China", 35.9, kind="country")
    with Library.open(url) as library:
        library.import_features(
            [item("atlas", *towns), *(item(f"china-{n}", china) for n in range(NAMING_CHINA))]
        )
    return url


@pytest.fixture(scope="module")
def client(library_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    cache = tmp_path_factory.mktemp("cache")
    with TestClient(create_app(library_url, Settings(db=library_url), cache_dir=cache)) as test_client:
        yield test_client


def _names(page: str) -> list[str]:
    return re.findall(r'<li class="place"[^>]* data-modern="([^"]+)"', page)


def _link(page: str, rel: str) -> str | None:
    found = re.search(rf'<a rel="{rel}" href="([^"]+)"', page)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_live_page_lists_a_page_of_places_and_pages_through_the_rest(client: TestClient) -> None:
    first = client.get("/places").text
    assert len(_names(first)) == PAGE_PLACES and _link(first, "prev") is None
    china = first[first.index('data-modern="China"') :].split("</li>")[0]
    assert china.count('<a href="/features/china-') == LINKS
    assert f"and {NAMING_CHINA - LINKS} more" in china
    following = _link(first, "next")
    assert following is not None and following.startswith("/places?after=")
    second = client.get(following).text
    assert _link(second, "next") is None
    listed = _names(first) + _names(second)
    assert len(listed) == len(set(listed)) == PAGE_PLACES + 6  # every place, once
    back = _link(second, "prev")
    assert back is not None and _names(client.get(back).text) == _names(first)
    assert _names(client.get("/places?after=not-ours").text) == _names(first)


def test_the_page_speaks_each_interface_language(client: TestClient) -> None:
    page = client.get("/zh-hant/places").text
    assert f"及另外 {NAMING_CHINA - LINKS} 篇專題" in page
    assert (_link(page, "next") or "").startswith("/zh-hant/places?after=") and ">下一頁</a>" in page
    assert f"及另外 {NAMING_CHINA - LINKS} 篇专题" in client.get("/zh-hans/places").text


def test_a_place_named_past_the_count_says_at_least_how_many_more(
    library_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(places, "COUNTED", 2)  # China is named by 8: its count stops at 5 + 2 + 1
    app = create_app(library_url, Settings(db=library_url), cache_dir=tmp_path)
    with TestClient(app) as reader:
        china = reader.get("/places").text
        china = china[china.index('data-modern="China"') :].split("</li>")[0]
        assert "and over 2 more" in china and f"and {NAMING_CHINA - LINKS} more" not in china
        assert "及另外逾 2 篇專題" in reader.get("/zh-hant/places").text
        assert "及另外逾 2 篇专题" in reader.get("/zh-hans/places").text


def test_the_static_site_writes_the_same_pages_as_files(library_url: str, tmp_path: Path) -> None:
    with Library.open(library_url) as library:
        build_site(library, tmp_path, Settings(db=library_url), languages=("en",))
    first = (tmp_path / "places.html").read_text(encoding="utf-8")
    second = (tmp_path / "places-page-2.html").read_text(encoding="utf-8")
    assert _link(first, "next") == "places-page-2.html" and _link(second, "prev") == "places.html"
    assert len(_names(first)) == PAGE_PLACES and len(_names(first) + _names(second)) == PAGE_PLACES + 6
    assert f"and {NAMING_CHINA - LINKS} more" in first
    assert 'href="features/china-0.html#pl-0-text-0-0"' in first
