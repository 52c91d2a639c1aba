"""Pinyin as words with proper-name capitals (issue 14 item 9): Hanyu Pinyin orthography for names."""

from __future__ import annotations

import pytest

from handscroll.text.pinyin_words import pinyin_words

NAMES = [
    ("中國共產黨", "Chinese Communist Party", "Zhōngguó Gòngchǎndǎng"),
    ("國民政府", "Nationalist Government", "Guómín Zhèngfǔ"),
    ("政治協商會議", "Political Consultative Conference", "Zhèngzhì Xiéshāng Huìyì"),
    ("九龍坡機場", "Jiulongpo Airport", "Jiǔlóngpō Jīchǎng"),
    ("中華人民共和國", "People’s Republic of China", "Zhōnghuá Rénmín Gònghéguó"),
    ("中华民国", "Republic of China", "Zhōnghuá Mínguó"),
    ("蔣介石", "Chiang Kai-shek", "Jiǎng Jièshí"),
    ("周恩來", "Zhou Enlai", "Zhōu Ēnlái"),
    ("毛澤東", "Mao Zedong", "Máo Zédōng"),
    ("哈爾濱", "Harbin", "Hā'ěrbīn"),
    ("瀋陽", "Mukden", "Shěnyáng"),
    ("西安", "Xi’an", "Xī'ān"),
    ("蘇聯", "Soviet Union", "Sūlián"),
]


@pytest.mark.parametrize(("chinese", "english", "expected"), NAMES)
def test_names_are_written_as_capitalised_words(chinese: str, english: str, expected: str) -> None:
    assert pinyin_words(chinese, english) == expected


def test_the_words_keep_every_syllable_of_the_glossary() -> None:
    from handscroll.text.cjk import pinyin_with_tones, strip_tones

    for chinese, english, _ in NAMES:
        words = pinyin_words(chinese, english)
        assert strip_tones(words.replace("'", "").replace(" ", "").lower()) == strip_tones(
            pinyin_with_tones(chinese).replace(" ", "")
        )
