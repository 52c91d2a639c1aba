"""A table of bilingual and abbreviation forms, in our own sentences, and things that are not terms."""

from __future__ import annotations

import re

import pytest

from factories import make_feature
from handscroll.enrich.glossary import find_terms, find_terms_in_text
from handscroll.enrich.term_forms import expansion_start, is_picture_aside
from handscroll.model import Paragraph, text_at

# (sentence, [(english, chinese, abbreviation, note), ...])
FORMS: list[tuple[str, list[tuple[str, str | None, str | None, str | None]]]] = [
    ("Troops reached Harbin (哈爾濱) in August.", [("Harbin", "哈爾濱", None, None)]),
    ("Harbin（哈爾濱）was taken.", [("Harbin", "哈爾濱", None, None)]),
    ("Harbin (哈尔滨) in Simplified.", [("Harbin", "哈尔滨", None, None)]),
    (
        "He joined the Chinese Communist Party (CCP, 中國共產黨) early.",
        [("Chinese Communist Party", "中國共產黨", "CCP", None)],
    ),
    (
        "the Kuomintang (中國國民黨, KMT) ruled",
        [("Kuomintang", "中國國民黨", "KMT", None)],
    ),
    # An aside about the picture is no note (issue 14); a note about the person stays one.
    (
        "Sun Yat-sen (孫中山, seated in the middle) spoke.",
        [("Sun Yat-sen", "孫中山", None, None)],
    ),
    (
        "In 1946 Chiang Ching-kuo (蔣經國, in light colored coat in the front row) met the envoys.",
        [("Chiang Ching-kuo", "蔣經國", None, None)],
    ),
    (
        "Zhou Enlai (周恩來, left) and Zhang Qun (張群, second from the right) signed.",
        [("Zhou Enlai", "周恩來", None, None), ("Zhang Qun", "張群", None, None)],
    ),
    ("Zhou Enlai (周恩來, later Premier) flew in.", [("Zhou Enlai", "周恩來", None, "later Premier")]),
    ("周恩來 (Zhou Enlai, 左二) 抵達。", [("Zhou Enlai", "周恩來", None, None)]),
    ("周恩來 (Zhou Enlai, 戴眼鏡者) 抵達。", [("Zhou Enlai", "周恩來", None, None)]),
    ("Zhou Enlai (周恩來, 戴帽者) flew in.", [("Zhou Enlai", "周恩來", None, None)]),
    # 戴 opens an aside about what someone wears, and the surname of these two.
    ("Dai Li (戴笠) ran the secret police.", [("Dai Li", "戴笠", None, None)]),
    ("Charles de Gaulle (戴高樂, left) met him.", [("Charles de Gaulle", "戴高樂", None, None)]),
    # A particle opens a surname; "of" and "the" before a name stay in the sentence.
    ("He met de Gaulle (戴高樂) in Paris.", [("de Gaulle", "戴高樂", None, None)]),
    ("A letter from von Hindenburg (興登堡) came.", [("von Hindenburg", "興登堡", None, None)]),
    ("The army of the Republic of China (中華民國) held.", [("Republic of China", "中華民國", None, None)]),
    ("We met Chiang Kai-shek’s (蔣介石) envoy.", [("Chiang Kai-shek", "蔣介石", None, None)]),
    ("We met Chiang Kai-shek's (蔣介石) envoy.", [("Chiang Kai-shek", "蔣介石", None, None)]),
    ("In 1912 the Qing dynasty (清朝) fell.", [("Qing dynasty", "清朝", None, None)]),
    ("The Republic of China (中華民國) was founded.", [("Republic of China", "中華民國", None, None)]),
    (
        "The Nationalist Government of Chiang Kai-shek (蔣介石) held the cities.",
        [("Chiang Kai-shek", "蔣介石", None, None)],
    ),
    ("the Battle of Huaihai (淮海戰役) began", [("Battle of Huaihai", "淮海戰役", None, None)]),
    (
        "They proclaimed the People’s Republic of China (中華人民共和國).",
        [("People’s Republic of China", "中華人民共和國", None, None)],
    ),
    ("In January, Chiang Ching-kuo (蔣經國) flew north.", [("Chiang Ching-kuo", "蔣經國", None, None)]),
    ("Left: shops in Shenyang (瀋陽) closed.", [("Shenyang", "瀋陽", None, None)]),
    ("The Yellow River (黃河) flooded.", [("Yellow River", "黃河", None, None)]),
    (
        "the National Revolutionary Army (NRA) arrived",
        [("National Revolutionary Army", None, "NRA", None)],
    ),
    ("members of the Kuomintang (KMT) fled", [("Kuomintang", None, "KMT", None)]),
    (
        "the People's Liberation Army (PLA) and the Chinese Communist Party (CCP)",
        [("People's Liberation Army", None, "PLA", None), ("Chinese Communist Party", None, "CCP", None)],
    ),
    ("蘇軍進入哈爾濱 (Harbin) 。", [("Harbin", "哈爾濱", None, None)]),
    ("國民政府 (Nationalist Government) 成立。", [("Nationalist Government", "國民政府", None, None)]),
    ("他到了長春（Changchun）。", [("Changchun", "長春", None, None)]),
    (
        "Harbin (哈爾濱) and Dalian (大連) and Lushun (旅順)",
        [("Harbin", "哈爾濱", None, None), ("Dalian", "大連", None, None), ("Lushun", "旅順", None, None)],
    ),
]

NOT_TERMS = [
    "(4) Soviet Withdrawal",
    "as shown in the map (see below)",
    "the civil war (1945-1949) ended",
    "the CCP (CCP troops) entered",
    "the status of Outer Mongolia (the Mongolian People’s Republic) was kept",
    "the Soviet Union (USSR) promised",  # the letters do not spell the name
    "a treaty (signed in Moscow) was",
    "Page (A)",
    "the photo (蔣經國) shows",  # no capitalised name before the Chinese
    "Meanwhile (不久) the troops",
    "the troops (部隊) left",
    "Photo (圖片, 1946) by",
    "a figure (4) of (5)",
    "",
]


@pytest.mark.parametrize(("sentence", "expected"), FORMS)
def test_form(sentence: str, expected: list[tuple[str, str | None, str | None, str | None]]) -> None:
    found = find_terms_in_text(sentence)
    assert [(m.english, m.chinese, m.abbreviation, m.note) for m in found] == expected
    for match in found:
        assert sentence[match.english_start : match.english_end] == match.english
        # The definition runs to its closing parenthesis, whose last part is a form or an aside.
        inside = sentence[match.start : match.end].rstrip("）)")
        forms = tuple(p for p in (match.chinese, match.abbreviation, match.english, match.note) if p)
        last = re.split(r"[,，]\s*", inside)[-1]
        assert inside.endswith(forms) or is_picture_aside(last)


@pytest.mark.parametrize("sentence", NOT_TERMS)
def test_not_a_term(sentence: str) -> None:
    assert find_terms_in_text(sentence) == []


@pytest.mark.parametrize(
    ("candidate", "abbreviation", "expected"),
    [
        ("National Revolutionary Army", "NRA", "National Revolutionary Army"),
        ("Nationalist National Revolutionary Army", "NRA", "National Revolutionary Army"),
        ("Kuomintang", "KMT", "Kuomintang"),
        ("Soviet Union", "USSR", None),
        ("Government", "NRA", None),
    ],
)
def test_expansion_start(candidate: str, abbreviation: str, expected: str | None) -> None:
    start = expansion_start(candidate, abbreviation)
    assert (candidate[start:] if start is not None else None) == expected


def test_feature_merges_a_term_defined_twice_and_keeps_mentions_in_order() -> None:
    feature = make_feature(
        blocks=(
            Paragraph(text="The National Revolutionary Army (NRA) marched on Changchun."),
            Paragraph(text="Later the National Revolutionary Army (國民革命軍) and the NRA held 长春."),
            Paragraph(text="Changchun (長春) fell; the 國民革命軍 left 長春 and 长春."),
        )
    )
    terms = {t.english: t for t in find_terms(feature)}
    army = terms["National Revolutionary Army"]
    assert (army.abbreviation, army.chinese, army.simplified) == ("NRA", "國民革命軍", "国民革命军")
    texts = [text_at(feature, s.ref)[s.start : s.end] for s in army.mentions]
    assert texts == [
        "National Revolutionary Army (NRA)",
        "National Revolutionary Army (國民革命軍)",
        "NRA",
        "國民革命軍",
    ]
    changchun = terms["Changchun"]
    texts = [text_at(feature, s.ref)[s.start : s.end] for s in changchun.mentions]
    # mentions before the definition are not linked; both scripts are after it
    assert texts == ["Changchun (長春)", "長春", "长春"]
    assert changchun.pinyin == "cháng chūn"


def test_the_sample_feature_has_its_terms() -> None:
    terms = find_terms(make_feature())
    assert [t.english for t in terms] == ["Shenyang", "Nationalist Government", "Changchun", "Harbin"]
    for term in terms:
        for span in term.mentions:
            assert span.end > span.start
