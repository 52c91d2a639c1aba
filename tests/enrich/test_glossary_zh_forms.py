"""Names written 中文(English), and offices before names in either language (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from handscroll.config import Settings
from handscroll.enrich.places import find_places
from handscroll.enrich.term_forms import find_terms_in_text
from handscroll.ingest import read_path

FIXTURES = Path(__file__).parents[1] / "ingest" / "fixtures"

FORMS = [
    # (text, (english, chinese, note, the definition as it stands in the text))
    (
        "美國駐華大使赫爾利(Patrick J. Hurley)抵達延安。",
        ("Patrick J. Hurley", "赫爾利", "美國駐華大使", "赫爾利(Patrick J. Hurley)"),
    ),
    (
        "国民政府主席蒋介石(Chiang Kai-shek)发表演说。",
        ("Chiang Kai-shek", "蒋介石", "国民政府主席", "蒋介石(Chiang Kai-shek)"),
    ),
    ("中共代表周恩來（Zhou Enlai）出席。", ("Zhou Enlai", "周恩來", "中共代表", "周恩來（Zhou Enlai）")),
    ("馬歇爾抵達上海(Shanghai)。", ("Shanghai", "上海", None, "上海(Shanghai)")),
    # A pinyin gloss says where the name starts, past words no list holds (issue 12).
    ("中共則以延安(Yan'an)為中心。", ("Yan'an", "延安", None, "延安(Yan'an)")),
    ("到戰時首都重慶(Chongqing)談判。", ("Chongqing", "重慶", None, "重慶(Chongqing)")),
    ("還有周恩來(Zhou Enlai)同行。", ("Zhou Enlai", "周恩來", None, "周恩來(Zhou Enlai)")),
    ("國軍攻下四平(Siping)。", ("Siping", "四平", None, "四平(Siping)")),
    (
        "北平設立軍事調處執行部(Executive Headquarters)。",
        ("Executive Headquarters", "軍事調處執行部", None, "軍事調處執行部(Executive Headquarters)"),
    ),
    (
        "Then the CCP Chairman Mao Zedong (毛澤東) flew in.",
        ("Mao Zedong", "毛澤東", "CCP Chairman", "Mao Zedong (毛澤東)"),
    ),
    (
        "He met the American ambassador Patrick J. Hurley (赫爾利) there.",
        ("Patrick J. Hurley", "赫爾利", None, "Patrick J. Hurley (赫爾利)"),
    ),
    (
        "It was Premier Zhou Enlai (周恩來) who spoke.",
        ("Zhou Enlai", "周恩來", "Premier", "Zhou Enlai (周恩來)"),
    ),
    (
        "the Chinese Communist Party (CCP, 中國共產黨) grew",
        ("Chinese Communist Party", "中國共產黨", None, "Chinese Communist Party (CCP, 中國共產黨)"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), FORMS, ids=[f[1][0] for f in FORMS])
def test_term_and_office(text: str, expected: tuple[str, str, str | None, str]) -> None:
    found = [(m.english, m.chinese, m.note, text[m.start : m.end]) for m in find_terms_in_text(text)]
    assert found == [expected]


@pytest.mark.parametrize(
    ("fixture", "chinese"),
    [("zh_hant_marshall.txt", ["上海", "重慶", "北平", "長春", "四平"]), ("zh_hans_marshall.txt", ["上海"])],
)
def test_places_named_in_chinese_resolve(fixture: str, chinese: list[str]) -> None:
    feature = read_path(FIXTURES / fixture, Settings()).feature
    places = {p.modern_name: p for p in find_places(feature)}
    for name in ("Shanghai", "Chongqing", "Beijing", "Changchun", "Siping", "Northeast China"):
        assert name in places, name
    assert places["Beijing"].name == "Peiping"
    assert len(places["Chongqing"].mentions) == 2  # the definition and the bare 重慶 in a caption
    assert all(p.lat and p.lon for p in places.values())
    assert {places[n].chinese for n in ("Shanghai",)} <= set(chinese)
