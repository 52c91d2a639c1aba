"""Paged pages list each work once, in the page's language (issues 11 and 12).

The samples hold three works, the first two in English, Traditional and Simplified Chinese.
With one work to a series page, walking the pages forward and back shows each work once,
in the edition the page's language prefers; a page never splits a work's editions; a
feature page's previous and next parts are the nearest other works, in that edition too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from factories import make_feature
from handscroll.config import Settings
from handscroll.pipeline import import_paths
from handscroll.publish import loaders
from handscroll.publish.web import create_app
from handscroll.samples import SERIES, edition_paths, sample_paths
from handscroll.store import ImportItem, Library

EN = ["01-the-chongqing", "02-the-marshall", "03-the-three-great"]
HANT = ["01-chongqing-tan-pan-yu-shuang-shi-xie-ding-zh-hant", "02-ma-xie-er-tiaochu", "03-the-three-great"]


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    with Library.open(url) as library:
        import_paths([str(p) for p in [*sample_paths(), *edition_paths()]], library, Settings(db=url))
        loose = [make_feature(slug=f"loose-{n}", title=f"Loose {n}", series=None, part=None) for n in (1, 2)]
        library.import_features([ImportItem(f, f"{f.slug}.txt", f"{n:064d}") for n, f in enumerate(loose)])
    monkeypatch.setattr(loaders, "SERIES_PAGE_PARTS", 1)
    monkeypatch.setattr(loaders, "HOME_SERIES_SHOWN", 1)
    with TestClient(create_app(url, Settings(db=url), cache_dir=tmp_path / "cache")) as test_client:
        yield test_client


def _walk(client: TestClient, first: str, rel: str = "next") -> list[list[str]]:
    """The feature links of the cards of each page, following `rel` links from `first`."""
    pages, url = [], first
    while url:
        html = client.get(url).text
        cards = re.findall(r'class="card-link" href="[^"]*/features/([^"]+)"', html)
        pages.append(cards)
        found = re.search(rf'class="pager".*?<a rel="{rel}" href="([^"]+)"', html, re.S)
        url = found.group(1).replace("&amp;", "&") if found else ""
        assert len(pages) < 10, "the pages do not end"
    return pages


@pytest.mark.parametrize(("prefix", "expected"), [("", EN), ("/zh-hant", HANT)])
def test_series_pages_show_each_work_once_in_the_pages_language(
    client: TestClient, prefix: str, expected: list[str]
) -> None:
    pages = _walk(client, f"{prefix}/series/{SERIES}")
    assert len(pages) == 3 and all(len(cards) == 1 for cards in pages)
    assert all(cards[0].startswith(slug) for cards, slug in zip(pages, expected, strict=True)), pages
    html = client.get(f"{prefix}/series/{SERIES}").text
    assert re.search(r'class="lede">\D*3\D', html)  # three works, not seven features
    assert _walk(client, _last(client, f"{prefix}/series/{SERIES}"), "prev") == pages[::-1]


def _last(client: TestClient, first: str) -> str:
    """The address of the last page, following "next" from `first`."""
    url = first
    while found := re.search(r'class="pager".*?<a rel="next" href="([^"]+)"', client.get(url).text, re.S):
        url = found.group(1).replace("&amp;", "&")
    return url


def test_the_home_pages_walk_forward_and_back(client: TestClient) -> None:
    forward = _walk(client, "/")
    assert len(forward) == 3  # the series (with its first parts), then each loose feature
    assert forward[1] == ["loose-1"] and forward[2] == ["loose-2"]
    assert _walk(client, _last(client, "/"), "prev") == forward[::-1]


@pytest.mark.parametrize(
    ("page", "previous", "following"),
    [
        ("/features/02-the-marshall-mission-and-the-ceasefire-of-january-1946", "01-the-chongqing", "03-the"),
        (
            "/zh-hant/features/02-ma-xie-er-tiaochu-yu-1946-nian-1-yue-de-ting-zhan-zh-hant",
            "01-chongqing",
            "03-the",
        ),
        (
            "/zh-hans/features/03-the-three-great-campaigns-and-the-founding-of-the-peoples-republic",
            "02-ma-xie-er-tiaochu-yu-1946-nian-1-yue-de-ting-zhan-zh-hans",
            None,
        ),
    ],
)
def test_a_feature_links_to_the_nearest_other_works_in_its_language(
    client: TestClient, page: str, previous: str, following: str | None
) -> None:
    html = client.get(page).text
    back = re.search(r'class="part-link part-prev" rel="prev" href="[^"]*/features/([^"]+)"', html)
    on = re.search(r'class="part-link part-next" rel="next" href="[^"]*/features/([^"]+)"', html)
    assert back is not None and back.group(1).startswith(previous)
    assert on.group(1).startswith(following) if following else on is None, on and on.group(1)
