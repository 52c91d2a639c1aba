"""Places from the glossary and the text, resolved to modern places and coordinates (issue 4).

Sentences are our own; the seed is read from ../shared when present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import make_feature
from handscroll.config import Settings
from handscroll.enrich.gazetteer import load_gazetteer
from handscroll.enrich.places import find_places
from handscroll.ingest import read_path
from handscroll.model import Feature, Paragraph, Place, text_at

SEED_TEXT = Path(__file__).parents[2].parent / "shared" / "seed" / "000_cc4507d8b73957ad.txt"


def _feature(*paragraphs: str) -> Feature:
    return make_feature(title="A test feature", blocks=tuple(Paragraph(text=p) for p in paragraphs))


def _places(*paragraphs: str) -> dict[str, Place]:
    return {place.name: place for place in find_places(_feature(*paragraphs))}


def _assert_spans(feature: Feature, places: list[Place]) -> None:
    for place in places:
        for span in place.mentions:
            mentioned = text_at(feature, span.ref)[span.start : span.end]
            assert mentioned, place
            assert span.end > span.start


@pytest.mark.parametrize(
    ("sentence", "name", "modern", "kind"),
    [
        ("Japanese troops held Mukden until 1945.", "Mukden", "Shenyang", "city"),
        ("The fleet sailed from Port Arthur at dawn.", "Port Arthur", "Lushun", "city"),
        ("Goods left Dairen by sea.", "Dairen", "Dalian", "city"),
        ("Goods left Dalny by sea.", "Dalny", "Dalian", "city"),
        ("Hsinking was the capital of the puppet state.", "Hsinking", "Changchun", "city"),
        ("Students marched in Peiping.", "Peiping", "Beijing", "city"),
        ("Traders in Canton protested.", "Canton", "Guangzhou", "city"),
        ("The wartime capital was Chungking.", "Chungking", "Chongqing", "city"),
        ("Nanking fell in December.", "Nanking", "Nanjing", "city"),
        ("Caravans reached Urga in summer.", "Urga", "Ulaanbaatar", "city"),
        ("Winter in Manchuria is long.", "Manchuria", "Northeast China", "region"),
        ("Troops entered the Northeast.", "Northeast", "Northeast China", "region"),
        ("A vote was held in Outer Mongolia.", "Outer Mongolia", "Mongolia", "region"),
        ("He retreated to Formosa.", "Formosa", "Taiwan", "region"),
        ("Delegates met in Tokyo.", "Tokyo", "Tokyo", "city"),
        ("Delegates met in Moscow.", "Moscow", "Moscow", "city"),
        ("Harbin’s railway workers struck.", "Harbin", "Harbin", "city"),
        ("Lüshun and Lushun are one port.", "Lüshun", "Lushun", "city"),
    ],
)
def test_historical_and_modern_names(sentence: str, name: str, modern: str, kind: str) -> None:
    places = _places(sentence)
    assert name in places, places
    place = places[name]
    assert (place.modern_name, place.kind) == (modern, kind)
    assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_curated_and_gazetteer_sources() -> None:
    places = _places("From Mukden to Tokyo.")
    assert places["Mukden"].source == "curated"
    assert places["Tokyo"].source == "gazetteer"
    assert places["Mukden"].geonameid == 2034937


def test_all_names_of_one_place_are_one_place() -> None:
    feature = _feature("Mukden (瀋陽) was renamed.", "Shenyang grew, and 沈阳 is its Simplified name.")
    places = find_places(feature)
    assert [p.name for p in places] == ["Mukden"]
    mentions = [text_at(feature, s.ref)[s.start : s.end] for s in places[0].mentions]
    assert mentions == ["Mukden (瀋陽)", "Shenyang", "沈阳"]
    assert places[0].chinese == "瀋陽"


def test_chinese_text_resolves() -> None:
    places = _places("蘇軍於一九四六年三月撤出瀋陽，旅順仍由蘇軍駐守。")
    assert {p.modern_name for p in places.values()} == {"Shenyang", "Lushun"}


def test_a_site_is_drawn_at_its_city() -> None:
    places = _places("They landed at Changchun Airport (長春機場).", "A train left Harbin Railway Station.")
    airport = places["Changchun Airport"]
    assert (airport.kind, airport.modern_name, airport.chinese) == ("site", "Changchun", "長春機場")
    changchun = load_gazetteer().lookup_english("Changchun")
    assert changchun is not None and (airport.lat, airport.lon) == (changchun.lat, changchun.lon)
    assert places["Harbin Railway Station"].kind == "site"
    chinese_site = _places("他們在長春機場降落。")
    assert [(p.name, p.kind) for p in chinese_site.values()] == [("長春機場", "site")]


def test_a_site_named_in_both_languages_is_one_site() -> None:
    feature = _feature("They landed at Changchun Airport (長春機場).", "长春机场 was busy; 長春 was cold.")
    places = find_places(feature)
    assert [(p.name, p.kind) for p in places] == [("Changchun Airport", "site"), ("Changchun", "city")]
    mentions = [text_at(feature, s.ref)[s.start : s.end] for s in places[0].mentions]
    assert mentions == ["Changchun Airport (長春機場)", "长春机场"]


def test_a_region_has_a_box() -> None:
    region = _places("The Northeast suffered.")["Northeast"]
    assert region.bbox is not None
    south, west, north, east = region.bbox
    assert south < region.lat < north and west < region.lon < east


@pytest.mark.parametrize(
    "sentence",
    [
        "Left: looted shops. Right: a portrait.",
        "The Army and the Party marched in March.",
        "Independence was the aim of the Alliance; Most agreed.",
        "Reading the Victoria papers, Batman and Mobile units of the Union won Friendship.",
        "Chiang Kai-shek and Soong Mei-ling met Joseph V. Stalin.",
        "The Chinese Communist Party (中國共產黨) grew.",
        "The Nationalist Government and the Soviet Army signed the Treaty.",
        "Source of most photos: Fotoe.",
        "Fighting in New Guinea and New Mexico.",
        "The Communist Party of China and the Bank of China.",
        "The Kwantung Army and the Japan Government.",
        "中國共產黨與國民黨談判。",
        "中国共产党与日本政府谈判。",
        "東北軍與中國銀行。",
        "中國青年黨與中國民主同盟。",
    ],
)
def test_no_silly_places(sentence: str) -> None:
    assert _places(sentence) == {}


def test_a_body_named_after_a_place_leaves_the_place_itself() -> None:
    places = _places("中國共產黨成立後，中國軍事局勢改變。", "The Japan Government fell; Japan surrendered.")
    assert {place.modern_name: len(place.mentions) for place in places.values()} == {"China": 1, "Japan": 1}


def test_the_sample_feature() -> None:
    feature = make_feature()
    places = find_places(feature)
    _assert_spans(feature, places)
    assert {p.modern_name for p in places} >= {"Shenyang", "Changchun", "Harbin", "Northeast China"}


@pytest.mark.skipif(not SEED_TEXT.exists(), reason="the seed (../shared/seed/) is not present")
def test_seed_places() -> None:
    feature = read_path(SEED_TEXT, Settings()).feature
    places = find_places(feature)
    _assert_spans(feature, places)
    by_modern = {(p.modern_name, p.kind) for p in places}
    assert by_modern >= {
        ("Harbin", "city"),
        ("Shenyang", "city"),
        ("Dalian", "city"),
        ("Lushun", "city"),
        ("Changchun", "site"),
        ("Ulaanbaatar", "city"),
        ("Taiwan", "region"),
        ("Northeast China", "region"),
        ("Mongolia", "region"),
        ("Mongolia", "country"),
        ("China", "country"),
    }
    names = {p.name for p in places}
    assert names == {
        "China",
        "Outer Mongolia",
        "Northeast China",
        "Yalta",
        "Mongolian People’s Republic",
        "Russia",
        "Taiwan",
        "Harbin",
        "Shenyang",
        "Changchun Airport",
        "Shenyang Airport",
        "Shenyang Railway Station",
        "Shenyang Central Square",
        "Dalian",
        "Lushun",
        "Ulaanbaatar",
    }
    northeast = next(p for p in places if p.name == "Northeast China")
    mentioned = {text_at(feature, s.ref)[s.start : s.end] for s in northeast.mentions}
    assert mentioned == {"Northeast China", "Northeast"}
    harbin = next(p for p in places if p.name == "Harbin")
    assert text_at(feature, harbin.mentions[0].ref)[harbin.mentions[0].start : harbin.mentions[0].end] == (
        "Harbin (哈爾濱)"
    )


def test_a_country_is_pinned_at_its_capital_not_a_namesake() -> None:
    # The United States has many cities called Washington; the capital is the largest.
    place = _places("Aid came from the United States.")["United States"]
    assert (round(place.lat), round(place.lon)) == (39, -77)
