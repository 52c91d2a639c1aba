"""Slugs: accents and tone marks fold, Chinese reads as pinyin words, NFC and NFD agree (issues 9, 10)."""

from __future__ import annotations

import unicodedata

import pytest

from handscroll.model import Feature, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Zhōu Ēnlái and the Café", "zhou-enlai-and-the-cafe"),
        ("Huáihǎi", "huaihai"),
        ("重慶", "chongqing"),  # phrase-aware: 重 is chóng in 重慶, not zhòng
        ("哈爾濱", "haerbin"),
        ("The Bombing of 重慶", "the-bombing-of-chongqing"),
        ("Mao’s Long March", "maos-long-march"),
        ("Łódź & Kraków", "lodz-krakow"),
    ],
)
def test_titles_give_readable_ascii_slugs(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_the_same_title_in_nfc_and_nfd_gives_one_slug() -> None:
    nfc = "Café Society"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    assert slugify(nfc) == slugify(nfd) == "cafe-society"


def test_long_titles_are_cut_at_a_word_and_keep_the_part() -> None:
    slug = slugify("Negotiations " * 20, part=7)
    assert slug.startswith("07-negotiations-")
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert slugify("???", part=3) == "03"


def test_a_feature_gets_its_slug_from_the_library() -> None:
    assert Feature(title="Zhōu Ēnlái and the Café", part=2).slug == "02-zhou-enlai-and-the-cafe"
