"""The static glossary in pages (issue 11): a small library, several pages forced by a small page
size; every term once, in the library's order, pages linked both ways, the A-Z index to the page
where each letter starts, and "and more" to the static search, all by relative links."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import html

from handscroll.config import Settings
from handscroll.publish import site_reference
from handscroll.publish.reference import TERM_LINKS
from handscroll.publish.site import build_site
from handscroll.store import Library
from handscroll.store.glossary import Order
from publish.builders import fill_enriched_library, naming_features

PAGE = 3
"""Terms a page in these tests: a dozen terms make several pages."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Order, list[str]]]:
    """A site built in English and Traditional Chinese with `PAGE` terms a glossary page, and each
    order's terms as the library lists them."""
    folder = tmp_path_factory.mktemp("glossary")
    url = f"sqlite:///{folder / 'library.db'}"
    fill_enriched_library(url, naming_features(10))
    with pytest.MonkeyPatch.context() as patch, Library.open(url) as library:
        patch.setattr(site_reference, "GLOSSARY_PAGE", PAGE)
        build_site(library, folder / "site", Settings(db=url), languages=["en", "zh-Hant"])
        orders: dict[Order, list[str]] = {}
        for order in ("english", "pinyin"):
            found = library.glossary_slice(order=order, limit=1000, links=1)
            orders[order] = [entry.english for entry in found.entries]
    return folder / "site", orders


def _target(page: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link leads to, as a browser on `file://` resolves it."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc and not href.startswith("/"), href
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    return target, parts.fragment


def _chain(first: Path) -> list[Path]:
    """The pages from `first` on, by their "Next page" links, checking each "Previous page" leads back."""
    pages = [first]
    while True:
        tree = html.parse(str(pages[-1]))
        following = tree.xpath("//a[@rel='next']/@href")
        previous = tree.xpath("//a[@rel='prev']/@href")
        assert (_target(pages[-1], previous[0])[0] if previous else None) == (
            pages[-2] if len(pages) > 1 else None
        )
        if not following:
            return pages
        pages.append(_target(pages[-1], following[0])[0])
        assert pages[-1].is_file() and len(pages) < 50


def _name(card: html.HtmlElement) -> str:
    """A term card's English name."""
    return str(card.xpath(".//*[@class='term-english']")[0].text_content()).strip()


def _names(page: Path) -> list[str]:
    """The English names of a glossary page's terms, in order."""
    return [_name(card) for card in html.parse(str(page)).xpath("//li[@class='term-card']")]


@pytest.mark.parametrize("order", ["english", "pinyin"])
@pytest.mark.parametrize("folder", ["", "zh-hant/"])
def test_glossary_pages_list_every_term_once_in_order(
    site: tuple[Path, dict[Order, list[str]]], order: Order, folder: str
) -> None:
    out, orders = site
    first = out / folder / ("glossary.html" if order == "english" else "glossary-pinyin.html")
    pages = _chain(first)
    terms = orders[order]
    assert len(terms) > 2 * PAGE  # enough for three pages at least
    assert len(pages) == -(-len(terms) // PAGE)
    stem = first.stem
    assert [p.name for p in pages[1:]] == [f"{stem}-page-{n}.html" for n in range(2, len(pages) + 1)]
    assert [name for page in pages for name in _names(page)] == terms


def test_letter_index_leads_to_the_page_where_each_letter_starts(
    site: tuple[Path, dict[Order, list[str]]],
) -> None:
    out, orders = site
    pages = _chain(out / "glossary.html")
    firsts = {name[0].upper(): name for name in reversed(orders["english"])}
    for page in pages:
        links = html.parse(str(page)).xpath("//nav[@class='letter-index']//a")
        assert [a.text for a in links] == sorted(firsts)  # the same index on every page
        for link in links:
            target, fragment = _target(page, link.get("href"))
            heading = html.parse(str(target)).xpath(f"//li[@id='{fragment}']")
            assert heading, (page.name, link.get("href"))
            card = heading[0].getnext()  # the first term under the letter, on the page it starts
            assert _name(card) == firsts[link.text]


def test_a_term_in_many_features_links_its_first_and_searches_for_the_rest(
    site: tuple[Path, dict[Order, list[str]]],
) -> None:
    out, _ = site
    for page in _chain(out / "zh-hant" / "glossary.html"):
        for card in html.parse(str(page)).xpath("//li[@class='term-card']"):
            if _name(card) != "Chiang Kai-shek":
                continue
            used = card.xpath(".//p[@class='term-features']/a[not(@class)]/@href")
            assert len(used) == TERM_LINKS  # used in all ten features, five shown
            for href in used:
                target, fragment = _target(page, href)
                assert target.parent.name == "features" and target.is_file() and fragment
            more = card.xpath(".//a[@class='term-more']/@href")[0]
            target, _ = _target(page, more)
            assert target == (out / "zh-hant" / "search.html").resolve() and target.is_file()
            assert urlsplit(more).query == "q=Chiang+Kai-shek"
            return
    pytest.fail("Chiang Kai-shek is in no glossary page")
