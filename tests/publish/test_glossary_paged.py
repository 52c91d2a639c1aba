"""The library glossary a page at a time (issue 11): entries by loose index scan in either order,
a few features a term, pages and letters that do not grow with the library, on both databases.

A library of 10,000 features timed out on /glossary (every term with every feature, 193,333
links); these pin what makes it hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from starlette.testclient import TestClient

from handscroll.config import Settings
from handscroll.publish import reference
from handscroll.publish.reference import load_glossary
from handscroll.publish.urls import WebUrls
from handscroll.publish.web import create_app
from handscroll.store import Library
from handscroll.store.glossary import GlossaryKey, Order
from handscroll.text.order import name_order
from publish.builders import fill_enriched_library, naming_features


@pytest.fixture
def library(library_url: str) -> Iterator[Library]:
    fill_enriched_library(library_url, naming_features(12))
    with Library.open(library_url) as opened:
        yield opened


def _walk(library: Library, order: Order, limit: int) -> list[tuple[str, str | None]]:
    """Every entry, a page of `limit` at a time, forward."""
    seen: list[tuple[str, str | None]] = []
    after = None
    while True:
        part = library.glossary_slice(order=order, after=after, limit=limit, links=3)
        seen += [(e.english, e.traditional) for e in part.entries]
        if not part.later:
            return seen
        after = GlossaryKey.of(part.entries[-1], order)


@pytest.mark.parametrize("order", ["english", "pinyin"])
def test_paging_lists_every_entry_once_in_the_librarys_order(library: Library, order: Order) -> None:
    whole = library.glossary()
    if order == "pinyin":
        pinyin = {e.english: (e.pinyin_plain is None, e.pinyin_plain or "") for e in whole}
        expected = sorted(whole, key=lambda e: (*pinyin[e.english], name_order(e.english)))
    else:
        expected = sorted(whole, key=lambda e: (name_order(e.english), e.english, e.traditional or ""))
    names = [(e.english, e.traditional) for e in expected]
    assert len(names) >= 10
    assert _walk(library, order, 3) == names
    assert _walk(library, order, 100) == names
    # Back from the end, a page at a time, gives the same entries.
    back: list[tuple[str, str | None]] = []
    before = GlossaryKey.of(expected[-1], order)
    back.append(names[-1])
    while True:
        part = library.glossary_slice(order=order, before=before, limit=4, links=3)
        back = [(e.english, e.traditional) for e in part.entries] + back
        if not part.earlier:
            break
        before = GlossaryKey.of(part.entries[0], order)
    assert back == names


def test_a_term_lists_a_few_features_and_says_more_use_it(library: Library) -> None:
    first = library.glossary_slice(order="english", limit=20, links=3).entries
    chiang = next(e for e in first if e.english == "Chiang Kai-shek")
    assert chiang.slugs == ("part-001", "part-002", "part-003")  # the first by id
    assert chiang.more
    harbin = next(e for e in first if e.english == "Harbin")
    assert len(harbin.slugs) == 3 and not harbin.more  # parts 2, 6 and 10 name it


def test_letters_are_the_initials_present(library: Library) -> None:
    assert library.glossary_letters("english") == ("C", "H", "M", "N", "Y", "Z")
    # cháng chūn, jiǎng jiè shí, máo, nán jīng, ..., zhōu
    assert library.glossary_letters("pinyin") == ("C", "G", "H", "J", "M", "N", "S", "Y", "Z")


def test_a_page_reads_the_same_whatever_the_size_of_the_library(tmp_path: Path) -> None:
    statements = []
    for count in (4, 40):
        url = f"sqlite:///{tmp_path / f'{count}.db'}"
        fill_enriched_library(url, naming_features(count))
        with Library.open(url) as library:
            run: list[str] = []
            event.listen(library.engine, "before_cursor_execute", lambda *a, run=run: run.append(a[2]))
            page = load_glossary(library, WebUrls(), "english", {})
            statements.append(len(run))
            chiang = next(i for i in page.items if i.term.english == "Chiang Kai-shek")
            assert len(chiang.features) == (4 if count == 4 else reference.TERM_LINKS)
            assert bool(chiang.more_url) == (count > reference.TERM_LINKS)
    assert statements[0] == statements[1]


@pytest.fixture
def reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setattr(reference, "GLOSSARY_PAGE", 4)
    url = f"sqlite:///{tmp_path / 'library.db'}"
    fill_enriched_library(url, naming_features(12))
    with TestClient(create_app(url, Settings(db=url), cache_dir=tmp_path / "cache")) as client:
        yield client


def test_the_page_has_pages_letters_and_a_search_for_the_rest(reader: TestClient) -> None:
    page = reader.get("/glossary").text
    assert re.findall(r'<li class="term-card" id="term-([a-z-]+)"', page) == [
        "changchun",
        "chiang-kai-shek",
        "chinese-communist-party",
        "chongqing",
    ]
    entry = page[page.index('id="term-chiang-kai-shek"') :]
    entry = entry[: entry.index("</li>")]
    assert len(re.findall(r'<a href="/features/part-', entry)) == reference.TERM_LINKS
    assert '<a class="term-more" href="/search?q=Chiang+Kai-shek">and more</a>' in entry
    assert 'rel="prev"' not in page
    following = re.search(r'<a rel="next" href="([^"]+)">', page)
    assert following
    second = reader.get(following.group(1).replace("&amp;", "&")).text
    assert re.findall(r'<li class="term-card" id="term-([a-z-]+)"', second)[0] == "harbin"
    previous = re.search(r'<a rel="prev" href="([^"]+)">', second)
    assert previous
    assert reader.get(previous.group(1).replace("&amp;", "&")).text.count('class="term-card"') == 4
    letters = re.findall(r'<a href="/glossary\?from=([A-Z])">', page)
    assert letters == ["C", "H", "M", "N", "Y", "Z"]
    assert 'id="term-yan-an"' in reader.get("/glossary?from=Y").text
    # A cursor that is not ours is the first page, not an error.
    assert reader.get("/glossary?after=nonsense").text.count('class="term-card"') == 4


def test_the_api_lists_a_few_features_a_term(reader: TestClient) -> None:
    terms = reader.get("/api/glossary?limit=50").json()["terms"]
    chiang = next(t for t in terms if t["english"] == "Chiang Kai-shek")
    assert len(chiang["features"]) == 12 and not chiang["more_features"]  # under the API's 20
    assert {t["english"] for t in terms} >= {"Harbin", "Zhou Enlai", "Yan'an"}
