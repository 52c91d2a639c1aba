"""What enrichment adds to the reader (issue 4): dates and terms marked in the text, the compact
timeline, places and key figures on the feature page, the timeline and glossary pages, the API."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from handscroll.config import Settings
from handscroll.enrich import enrich_feature
from handscroll.model import (
    Credit,
    Enrichment,
    Event,
    Feature,
    Figure,
    Paragraph,
    Span,
    Term,
    TextRef,
    text_at,
)
from handscroll.publish.enriched import PlaceItem, event_anchor
from handscroll.publish.web import create_app
from publish.builders import XSS_PAYLOADS, fill_enriched_library, save_enrichment

SLUG = "01-part"
SERIES = "testsite_civilwar"


def _feature(slug: str = SLUG, part: int = 1, series: str = SERIES) -> Feature:
    return Feature(
        title="Withdrawal from the Northeast",
        part=part,
        series=series,
        slug=slug,
        blocks=(
            Paragraph(
                text="On 14 August 1945 the Soviet Union signed a treaty with the Nationalist Government "
                "(國民政府). About 1.5 million Soviet troops had entered Manchuria. The Chinese Communist "
                "Party (中國共產黨, CCP) moved north."
            ),
            Figure(media="testsite_civilwar01_1", caption=("Soviet tanks in Mukden (瀋陽) in early 1946.",)),
            Paragraph(
                text="In March 1946 the CCP took Changchun (長春) after the Soviet withdrawal. "
                "The Harbin (哈爾濱) rail works ran until spring 1949."
            ),
            Credit(text="Source of pictures: our own drawings."),
        ),
    )


Client = Callable[..., TestClient]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[Client]:
    """A reader over an enriched library; `settings` overrides (map tiles, Leaflet folder) apply."""
    made: list[TestClient] = []

    def make(features: tuple[Feature, ...] = (_feature(),), **overrides: object) -> TestClient:
        url = f"sqlite:///{tmp_path / 'library.db'}"
        fill_enriched_library(url, features)
        settings = Settings(db=url, **overrides)  # type: ignore[arg-type]
        test_client = TestClient(create_app(url, settings, cache_dir=tmp_path / "cache"))
        test_client.__enter__()
        made.append(test_client)
        return test_client

    yield make
    for test_client in made:
        test_client.__exit__(None, None, None)


def _marked(page: str, anchor: str) -> str:
    """The text inside the element with id `anchor`, tags removed."""
    found = re.search(rf'<span class="event" id="{re.escape(anchor)}">(.*?)</span>(?!</span>)', page)
    assert found, f"no event {anchor}"
    return html_lib.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def test_every_event_links_from_the_compact_timeline_to_its_own_words(client: Client) -> None:
    page = client().get(f"/features/{SLUG}").text
    feature = _feature()
    events = enrich_feature(feature).events
    assert [e.text for e in events] == ["14 August 1945", "early 1946", "March 1946", "spring 1949"]
    timeline = page[page.index('class="mini-timeline"') :]
    for event in events:
        anchor = event_anchor(event.span.ref, event.span.start)
        assert f'href="#{anchor}"' in timeline
        # Provenance: the highlighted words are the event's words, read at its span.
        assert _marked(page, anchor) == event.text
        assert text_at(feature, event.span.ref)[event.span.start : event.span.end] == event.text
    labels = re.findall(r'<span class="when">([^<]*)</span>', timeline)
    assert labels == ["14 August 1945", "early 1946", "March 1946", "spring 1949"]


def test_term_mentions_link_to_the_pages_own_glossary(client: Client) -> None:
    page = client().get(f"/features/{SLUG}").text
    anchor = "term-chinese-communist-party"
    assert f'<a class="term" href="#{anchor}" data-term="{anchor}">CCP</a>' in page
    entry = page[page.index(f'id="{anchor}"') :]
    entry = entry[: entry.index("</li>")]
    # Pinyin as words with capitals, as names are written (issue 14).
    for shown in ("Chinese Communist Party", "中國共產黨", "中国共产党", "Zhōngguó Gòngchǎndǎng", "CCP"):
        assert shown in entry
    assert '<dd lang="zh-Hans">中国共产党</dd>' in entry


def test_places_are_listed_and_mapped_and_figures_are_cards(client: Client) -> None:
    page = client().get(f"/features/{SLUG}").text
    places = page[page.index('class="places"') :]
    assert 'data-name="Mukden"' in places and "today Shenyang" in places
    assert '<span class="place-chinese" lang="zh-Hant">哈爾濱</span>' in places
    assert 'data-tiles=""' in page  # no tiles by default: the shipped base map (issue 14)
    assert 'data-world-js="/static/vendor/world-atlas/countries-50m.js"' in page
    assert 'data-bbox="' in places and 'href="#pl-' in places  # a region's extent, links to mentions
    assert '<span class="fact-amount">1.5 million</span>' in page
    assert '<span class="fact-counted">Soviet troops</span>' in page


def test_a_chinese_interface_labels_the_map_in_chinese_in_its_own_script(client: Client) -> None:
    reader = client()
    for prefix, harbin, lang in (("/zh-hant", "哈爾濱", "zh-Hant"), ("/zh-hans", "哈尔滨", "zh-Hans")):
        places = reader.get(f"{prefix}/features/{SLUG}").text
        places = places[places.index('class="places"') :]
        assert f'data-name="{harbin}"' in places and 'data-name="Harbin"' not in places
        assert f'<span class="place-chinese" lang="{lang}">{harbin}</span>' in places
        assert 'data-modern="Shenyang"' in places  # the country outlines are found by the English name
        # Mukden is labelled by its Chinese name, which is today's (瀋陽): no "today Shenyang" in English.
        assert "Shenyang</span>" not in places and "Northeast China</span>" not in places


def test_today_s_name_is_said_in_the_interface_s_language_unless_it_is_the_name_shown() -> None:
    mukden = PlaceItem("Mukden", "Shenyang", "奉天", "city", 41.8, 123.4)
    assert [mukden.today(language) for language in ("en", "zh-Hant", "zh-Hans")] == [
        "Shenyang",
        "瀋陽",
        "沈阳",
    ]
    named_as_today = PlaceItem("Mukden", "Shenyang", "瀋陽", "city", 41.8, 123.4)
    assert named_as_today.today("zh-Hans") is None and named_as_today.today("en") == "Shenyang"
    assert PlaceItem("Harbin", "Harbin", "哈爾濱", "city", 45.8, 126.7).today("en") is None


def test_leaflet_is_served_from_our_own_host(client: Client, tmp_path: Path) -> None:
    leaflet = tmp_path / "leaflet"
    leaflet.mkdir()
    (leaflet / "leaflet.js").write_text("window.L = {};", encoding="utf-8")
    (leaflet / "leaflet.css").write_text(".leaflet-container {}", encoding="utf-8")
    reader = client(leaflet_dir=leaflet)
    page = reader.get(f"/features/{SLUG}").text
    # Leaflet loads only when the map comes into view (issue 14): its address is on the map.
    assert 'data-leaflet-js="/static/vendor/leaflet/leaflet.js"' in page and 'leaflet.js" defer' not in page
    assert '<script src="/static/places.js" defer></script>' in page
    assert "unpkg" not in page and "cdn" not in page.lower()
    assert reader.get("/static/vendor/leaflet/leaflet.js").text == "window.L = {};"
    assert reader.get("/static/places.js").status_code == 200


def test_without_leaflet_the_places_list_stands_alone_with_a_note(client: Client, tmp_path: Path) -> None:
    empty = tmp_path / "no-leaflet"
    empty.mkdir()
    reader = client(leaflet_dir=empty)
    page = reader.get(f"/features/{SLUG}").text
    assert "leaflet.js" not in page and "places.js" not in page
    assert "Leaflet) is not installed" in page and 'data-name="Harbin"' in page
    assert reader.get("/static/vendor/leaflet/leaflet.js").status_code == 404


def test_the_csp_allows_the_configured_tile_host_for_images_only(client: Client) -> None:
    reader = client(map_tiles="https://{s}.tiles.example.org/osm/{z}/{x}/{y}.png")
    csp = reader.get("/").headers["content-security-policy"]
    assert "img-src 'self' data: https://*.tiles.example.org;" in csp
    assert "script-src 'self';" in csp and "connect-src 'self';" in csp


def test_map_tiles_must_be_https() -> None:
    from handscroll.errors import ConfigError

    with pytest.raises(ConfigError, match="map_tiles"):
        Settings.from_env({"HANDSCROLL_MAP_TILES": "javascript:alert(1)//{z}"})


def test_hostile_terms_and_sentences_show_as_text(client: Client, tmp_path: Path) -> None:
    script, img, js = XSS_PAYLOADS
    text = f"In 1946 {script} came {img}."
    feature = Feature(title="Hostile", part=1, series=SERIES, slug=SLUG, blocks=(Paragraph(text=text),))
    reader = client((feature,))
    ref = TextRef(0, "text")
    start = text.index(script)
    hostile = Enrichment(
        feature_hash=feature.content_hash(),
        events=(Event("1946", f"{script}", f"{script} {img}", Span(ref, start, start + len(script))),),
        terms=(
            Term(
                english=f"{img} term",
                chinese=script,
                abbreviation=js,
                note=script,
                traditional=script,
                simplified=img,
                pinyin=script,
                pinyin_plain=script,
                mentions=(Span(ref, 3, 7), Span(ref, start, start + 8)),
            ),
        ),
    )
    url = f"sqlite:///{tmp_path / 'library.db'}"
    save_enrichment(url, SLUG, hostile)
    for path in (
        f"/features/{SLUG}",
        "/timeline",
        "/glossary",
        "/glossary?sort=pinyin",
        f"/series/{SERIES}/timeline",
    ):
        page = reader.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page, path
        assert "&lt;script&gt;" in page, path
    # The marked event's words are still exactly the span's words, escaped.
    page = reader.get(f"/features/{SLUG}").text
    assert _marked(page, event_anchor(ref, start)) == script
    for path in (f"/api/features/{SLUG}/enrichment", "/api/glossary", "/api/timeline"):
        assert script in reader.get(path).json().__repr__()


def test_timeline_page_groups_by_year_and_links_to_the_words(client: Client) -> None:
    reader = client((_feature(), _feature("02-part", 2)))
    page = reader.get("/timeline").text
    assert re.findall(r'<h2 class="year-label" id="(y\d+)">', page) == ["y1945", "y1946", "y1949"]
    # Two parts telling the same thing on the same date: one happening each, with both sentences.
    assert [m for m in re.findall(r'<p class="event-date">([^<]*)</p>', page)] == [
        "14 August 1945",
        "early 1946",
        "March 1946",
        "spring 1949",
    ]
    assert page.count('<li class="event-telling">') == 8
    assert f'href="/features/{SLUG}#ev-0-text-0-3"' in page
    assert "<strong>14 August 1945</strong>" in page
    series = reader.get(f"/series/{SERIES}/timeline")
    # The series has no title: it is called by its first part's (issue 14).
    assert series.status_code == 200 and "Timeline: Withdrawal from the Northeast" in series.text
    assert reader.get("/series/nosuch/timeline").status_code == 404
    assert 'href="/timeline"' in reader.get("/").text
    assert f'href="/series/{SERIES}/timeline"' in reader.get(f"/series/{SERIES}").text


def test_glossary_page_sorts_by_english_and_by_pinyin_without_script(client: Client) -> None:
    reader = client()
    english = reader.get("/glossary").text
    pinyin = reader.get("/glossary?sort=pinyin").text
    order = re.compile(r'<li class="term-card" id="term-([a-z-]+)"')
    assert order.findall(english) == [
        "changchun",
        "chinese-communist-party",
        "harbin",
        "mukden",
        "nationalist-government",
    ]
    # cháng chūn, guó mín zhèng fǔ, hā ěr bīn, shěn yáng, zhōng guó gòng chǎn dǎng
    assert order.findall(pinyin) == [
        "changchun",
        "nationalist-government",
        "harbin",
        "mukden",
        "chinese-communist-party",
    ]
    assert '<a href="/glossary?sort=pinyin" aria-current="page">Pinyin</a>' in pinyin
    # "Used in" leads to the passage where the term is first used, not just the feature (issue 14).
    assert f'<a href="/features/{SLUG}#use-harbin">Withdrawal from the Northeast</a>' in english
    assert 'id="use-harbin"' in reader.get(f"/features/{SLUG}").text
    # The letters lead to pages that start there (the glossary is paged, issue 11).
    assert re.findall(r'<a href="/glossary\?from=([A-Z])">', english) == ["C", "H", "M", "N"]
    assert 'id="term-harbin"' in reader.get("/glossary?from=H").text
    assert 'id="term-changchun"' not in reader.get("/glossary?from=H").text
    assert reader.get("/glossary?sort=nonsense").text == english


def test_the_timeline_series_filter_stays_small_in_a_large_library(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from handscroll.publish import series_choices

    features = tuple(_feature(f"part-{n}", series=f"testsite_s{n}") for n in range(3))
    reader = client(features)
    monkeypatch.setattr(series_choices, "SERIES_SHOWN", 2)
    options = re.compile(r'<option value="(testsite_s\d)"')
    # Past SERIES_SHOWN series: the one chosen and those of the events shown (issue 11).
    assert options.findall(reader.get("/timeline?feature=part-1").text) == ["testsite_s1"]
    assert options.findall(reader.get("/timeline?series=testsite_s2").text) == ["testsite_s2"]
    monkeypatch.setattr(series_choices, "SERIES_SHOWN", 200)
    every = reader.get("/timeline?feature=part-1&from=1900").text  # another page: not from the cache
    assert options.findall(every) == [f"testsite_s{n}" for n in range(3)]


def test_enrichment_timeline_and_glossary_api(client: Client) -> None:
    reader = client()
    data = reader.get(f"/api/features/{SLUG}/enrichment").json()
    assert data["enriched"] is True
    assert [e["value"] for e in data["events"]] == ["1945-08-14", "1946", "1946-03", "1949-SP"]
    assert data["events"][0]["span"] == {"block": 0, "field": "text", "paragraph": 0, "start": 3, "end": 17}
    assert data["events"][0]["url"] == f"/features/{SLUG}#ev-0-text-0-3"
    assert {t["english"] for t in data["terms"]} >= {"Chinese Communist Party", "Harbin"}
    assert data["places"]["type"] == "FeatureCollection"
    assert data["figures"][0]["amount"] == "1.5 million"
    assert reader.get("/api/features/nosuch/enrichment").status_code == 404
    timeline = reader.get("/api/timeline", params={"series": SERIES}).json()["events"]
    assert [e["label"] for e in timeline][:2] == ["14 August 1945", "early 1946"]
    assert reader.get("/api/timeline", params={"series": "nosuch"}).json() == {"events": [], "next": None}
    terms = reader.get("/api/glossary").json()["terms"]
    assert terms[0]["english"] == "Changchun" and terms[0]["features"] == [SLUG]
    paths = reader.get("/api/openapi.json").json()["paths"]
    assert {"/api/features/{slug}/enrichment", "/api/timeline", "/api/glossary"} <= set(paths)


def test_a_feature_never_enriched_still_renders(tmp_path: Path) -> None:
    from publish.builders import fill_library

    url = f"sqlite:///{tmp_path / 'library.db'}"
    fill_library(url, [_feature()])
    with TestClient(create_app(url, Settings(db=url), cache_dir=tmp_path / "c")) as reader:
        page = reader.get(f"/features/{SLUG}")
        assert page.status_code == 200 and 'class="extras' not in page.text
        assert reader.get(f"/api/features/{SLUG}/enrichment").json()["enriched"] is False
        assert "No dated events yet" in reader.get("/timeline").text


def test_static_site_writes_reference_pages_with_relative_links(tmp_path: Path) -> None:
    from handscroll.publish.site import build_site
    from handscroll.store import Library

    url = f"sqlite:///{tmp_path / 'library.db'}"
    fill_enriched_library(url, [_feature(), _feature("02-part", 2)])
    leaflet = tmp_path / "leaflet"
    (leaflet / "images").mkdir(parents=True)
    for name in ("leaflet.js", "leaflet.css", "images/marker-icon.png"):
        (leaflet / name).write_text("/* leaflet */", encoding="utf-8")
    out = tmp_path / "site"
    with Library.open(url) as library:
        report = build_site(library, out, Settings(db=url, leaflet_dir=leaflet))
    assert {"timeline.html", f"timelines/{SERIES}.html", "glossary.html", "glossary-pinyin.html"} <= set(
        report.written
    )
    assert (out / "static/vendor/leaflet/leaflet.js").is_file()
    assert (out / "static/vendor/leaflet/images/marker-icon.png").is_file()
    pages = {p: p.read_text(encoding="utf-8") for p in out.rglob("*.html")}
    for page, text in pages.items():
        for link in re.findall(r'(?:href|src)="([^"]*)"', text):
            if link.startswith("#"):
                target, fragment = page, link[1:]
            else:
                assert not link.startswith(("/", "http:", "https:", "//")), f"{page}: {link}"
                path, _, fragment = link.partition("#")
                target = (page.parent / path).resolve()
                assert target.is_file(), f"{page.relative_to(out)} links to missing {link}"
            if fragment and target.suffix == ".html":
                assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), f"{page}: {link}"
    assert f'href="../features/{SLUG}.html#ev-0-text-0-3"' in pages[out / "timelines" / f"{SERIES}.html"]
    assert f'href="features/{SLUG}.html#ev-0-text-0-3"' in pages[out / "timeline.html"]
    feature = pages[out / "features" / f"{SLUG}.html"]
    assert 'data-leaflet-js="../static/vendor/leaflet/leaflet.js"' in feature
    assert 'href="../glossary.html"' in feature and 'href="../timeline.html"' in feature
    assert (
        '<a href="glossary-pinyin.html" aria-current="page">Pinyin</a>' in pages[out / "glossary-pinyin.html"]
    )
    with Library.open(url) as library:
        again = build_site(library, out, Settings(db=url, leaflet_dir=leaflet))
    assert again.written == ()
