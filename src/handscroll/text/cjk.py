"""Chinese text helpers shared by the glossary and the places: script forms and pinyin.

Terms are searchable across English, Traditional and Simplified Chinese and
pinyin, so every Chinese form the enrichers keep goes through
these few functions, and they decide the forms one way.

OpenCC converters and the pinyin tables are costly to load, so they are made
once, on first use, and never at import time.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""The ranges of Han characters (CJK Unified Ideographs, Extension A, Compatibility)."""

HAN_RUN = re.compile(f"[{HAN}][{HAN}·・]*")
"""A run of Han characters, with the middle dot that joins parts of transliterated names."""

_HAN_CHAR = re.compile(f"[{HAN}]")


def has_han(text: str) -> bool:
    """Say whether a text holds any Han character."""
    return _HAN_CHAR.search(text) is not None


def is_han_only(text: str) -> bool:
    """Say whether a text, stripped, is Han characters only (a Chinese name or term)."""
    return HAN_RUN.fullmatch(text.strip()) is not None


@cache
def _converter(config: str) -> Any:
    import opencc  # lazy: the dictionaries are loaded on construction

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Simplified Chinese for a text in either script (OpenCC `t2s`)."""
    return str(_converter("t2s").convert(text))


def to_traditional(text: str) -> str:
    """Traditional Chinese for a text in either script (OpenCC `s2t`)."""
    return str(_converter("s2t").convert(text))


def script_forms(chinese: str) -> tuple[str, str]:
    """The (traditional, simplified) pair for a Chinese term as the text gave it.

    The text's own form is kept as is: converting a Traditional term through
    `s2t` again could pick a different variant (台灣 would become 臺灣), so
    only the missing script is derived.
    """
    simplified = to_simplified(chinese)
    if simplified != chinese:
        return chinese, simplified
    return to_traditional(chinese), chinese


def pinyin_syllables(chinese: str) -> list[str]:
    """Hanyu Pinyin syllables with tone marks, one per Han character, lowercase.

    Pinyin is read from the Simplified form: pypinyin's phrase tables are keyed
    on it, and reading 長春 character by character would give zhǎng, not cháng.
    Characters that are not Han are skipped.
    """
    from pypinyin import Style, pinyin  # lazy: the tables are large

    simplified = to_simplified("".join(HAN_RUN.findall(chinese)))
    return [choices[0] for choices in pinyin(simplified, style=Style.TONE, errors="ignore")]


def pinyin_with_tones(chinese: str) -> str:
    """Tone-marked pinyin of a term, syllables separated by spaces ("hā ěr bīn").

    Syllables are not joined into words: word segmentation of names is
    unreliable (pypinyin splits 蒋介石 into three), and a syllable per character
    is what dictionaries show and what `pinyin_plain` mirrors for search.
    """
    return " ".join(pinyin_syllables(chinese))


def strip_tones(pinyin_text: str) -> str:
    """Pinyin without tone marks, ü kept as u, for accent-free search ("lǚ shùn" -> "lu shun")."""
    decomposed = unicodedata.normalize("NFD", pinyin_text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def pinyin_plain(chinese: str) -> str:
    """Toneless, lowercase pinyin of a term, syllables separated by spaces ("ha er bin")."""
    return strip_tones(pinyin_with_tones(chinese))
