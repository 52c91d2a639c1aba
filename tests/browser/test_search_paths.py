"""Every search path agrees (issue 9): server search on SQLite and on PostgreSQL, and the
static site's search.js in Chromium, run the same queries over the same library and
must find the same features.

The queries cover what the one stemmer and the one Han definition decide: English
inflections (some the library never writes), Traditional, Simplified, pinyin with and
without tones, place names and a character of CJK Extension B.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

import handscroll.publish as publish
from factories import make_feature
from handscroll.enrich import enrich_feature
from handscroll.model import Feature, Figure, Paragraph
from handscroll.publish.render import Renderer
from handscroll.publish.search_index import write_static_search
from handscroll.publish.vendor import vendor_files
from handscroll.store import ImportItem, Library

from .conftest import Watch

EXTENSION_B = "\U000282e2"
"""𨋢, the Cantonese character for a lift (U+282E2, CJK Unified Ideographs Extension B)."""

QUERIES = (
    # English, with inflections the library does and does not write
    "withdrawal",
    "withdrawing",
    "withdraws",
    "factory",
    "factories",
    "railways",
    "guarded",
    "lifts",
    "withdr*",
    '"soviet forces"',
    # Traditional and Simplified Chinese
    "瀋陽",
    "沈阳",
    "哈爾濱",
    "哈尔滨",
    "國民政府",
    "国民政府",
    "電車",
    # pinyin, with and without tones, and historical names
    "shenyang",
    "Shěnyáng",
    "shěn yáng",
    "guomin zhengfu",
    "guó mín zhèng fǔ",
    "Mukden",
    # CJK Extension B
    EXTENSION_B,
    f"{EXTENSION_B}門",
)


def _features() -> list[Feature]:
    return [
        make_feature(),
        make_feature(
            slug="zh-winter",
            title="東北的冬天",
            part=1,
            series="testsite_other",
            language="zh-Hant",
            hero=None,
            blocks=(
                Paragraph(text="一九四七年冬天，哈爾濱下了大雪，街上很少有人。"),
                Figure(media="testsite_other01_1", caption=("長春街頭的電車",)),
            ),
        ),
        make_feature(
            slug="railway-guards",
            title="Guards on the Railway",
            part=2,
            series="testsite_other",
            hero=None,
            blocks=(
                Paragraph(text="The railway through Mukden was guarded day and night after the withdrawal."),
                Paragraph(text="Old factories by the line were left empty."),
            ),
        ),
        make_feature(
            slug="hong-kong-lift",
            title="Words of a Harbour City",
            part=3,
            series="testsite_third",
            hero=None,
            blocks=(
                Paragraph(text=f"In Cantonese a lift is {EXTENSION_B} (lip1), and its door {EXTENSION_B}門."),
            ),
        ),
        make_feature(
            slug="zh-capital",
            title="遷都",
            part=1,
            series="testsite_third",
            language="zh-Hant",
            hero=None,
            blocks=(Paragraph(text="國民政府還都南京。"),),
        ),
    ]


def _fill(url: str) -> None:
    with Library.open(url) as library:
        items = [
            ImportItem(
                feature,
                f"{feature.slug}.txt",
                (feature.slug or "x").ljust(64, "0")[:64],
                enrich_feature(feature),
            )
            for feature in _features()
        ]
        library.import_features(items)


def _server(url: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    with Library.open(url) as library:
        for query in QUERIES:
            results = library.search(query, limit=100)
            # A corrected query is the suggestion's results; the static search does not correct.
            found[query] = set() if results.corrected else {result.slug for result in results.results}
    return found


@pytest.fixture
def urls(tmp_path: Path, postgres_url: str) -> tuple[str, str]:
    engine = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    sqlite = f"sqlite:///{tmp_path / 'library.db'}"
    _fill(sqlite)
    _fill(postgres_url)
    return sqlite, postgres_url


def _static(page: Any, site: Path) -> dict[str, set[str]]:
    page.goto((site / "search.html").as_uri())
    assert page.evaluate("() => typeof window.handscrollPorter2.stem") == "function"
    box = page.get_by_label("Search the library in English, Chinese or pinyin")
    found: dict[str, set[str]] = {}
    for query in QUERIES:
        box.fill(query)
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => document.querySelector('[data-search-status]').textContent.includes('found')"
        )
        links = page.locator(".search-result h2 a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        found[query] = {re.sub(r"^features/(.+)\.html(#.*)?$", r"\1", link) for link in links}
    return found


def test_server_on_both_databases_and_static_search_find_the_same(
    urls: tuple[str, str], watched: tuple[Any, Watch], tmp_path: Path
) -> None:
    sqlite, postgres = urls
    on_sqlite, on_postgres = _server(sqlite), _server(postgres)
    site = tmp_path / "site"
    shutil.copytree(Path(publish.__file__).parent / "static", site / "static")
    for name, source in vendor_files().items():  # the fonts the stylesheet names (issue 14)
        (site / "static" / "vendor" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, site / "static" / "vendor" / name)
    with Library.open(sqlite) as library:
        write_static_search(library, site, Renderer())
    page, watch = watched
    static = _static(page, site)
    rows = {query: (on_sqlite[query], on_postgres[query], static[query]) for query in QUERIES}
    disagree = {query: row for query, row in rows.items() if not row[0] == row[1] == row[2]}
    assert disagree == {}
    assert all(on_sqlite[query] for query in QUERIES), {q: s for q, s in on_sqlite.items() if not s}
    # The stems decide: inflections the library never writes still find it.
    assert on_sqlite["withdraws"] == on_sqlite["withdrawal"] >= {"railway-guards"}
    assert on_sqlite[EXTENSION_B] == {"hong-kong-lift"}
    assert on_sqlite["Shěnyáng"] == on_sqlite["瀋陽"] == on_sqlite["沈阳"]
    assert watch.errors == []
