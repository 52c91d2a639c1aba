"""Chinese text helpers shared by the glossary and the places: script forms and pinyin.

Terms are searchable across English, Traditional and Simplified Chinese and
pinyin, so every Chinese form the enrichers keep goes through
these few functions, and they decide the forms one way.

OpenCC converters and the pinyin tables are costly to load, so they are made
once, on first use, and never at import time. A term's forms and pinyin are
cached: one library names the same few thousand terms over and over, and
pypinyin is slow per call (issue 11).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

HAN_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xF900, 0xFAFF, "CJK Compatibility Ideographs"),
    (0x20000, 0x2A6DF, "CJK Unified Ideographs Extension B"),
    (0x2A700, 0x2B73F, "CJK Unified Ideographs Extension C"),
    (0x2B740, 0x2B81F, "CJK Unified Ideographs Extension D"),
    (0x2B820, 0x2CEAF, "CJK Unified Ideographs Extension E"),
    (0x2CEB0, 0x2EBEF, "CJK Unified Ideographs Extension F"),
    (0x2F800, 0x2FA1F, "CJK Compatibility Ideographs Supplement"),
    (0x30000, 0x3134F, "CJK Unified Ideographs Extension G"),
)
"""Every block of Han characters (first and last code point, Unicode block name): the one
definition of "is this a Chinese character" (issue 9), also generated into the static search."""

CJK_PUNCTUATION_RANGES: tuple[tuple[int, int], ...] = ((0x3000, 0x303F), (0xFF00, 0xFFEF), (0x00B7, 0x00B7))
"""CJK symbols and punctuation, full-width forms and the middle dot: punctuation of Chinese text."""


def _char_class(ranges: Iterable[tuple[int, int]]) -> str:
    return "".join(chr(lo) if lo == hi else f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges)


HAN = _char_class((lo, hi) for lo, hi, _ in HAN_RANGES)
"""The Han ranges as the inside of a regex character class (`f"[{HAN}]"`)."""

CJK_PUNCTUATION = _char_class(CJK_PUNCTUATION_RANGES)
"""CJK punctuation as the inside of a regex character class."""

HAN_RUN = re.compile(f"[{HAN}][{HAN}·・]*")
"""A run of Han characters, with the middle dot that joins parts of transliterated names."""

CHINESE_RUN = re.compile(f"[{HAN}](?:[{HAN}{CJK_PUNCTUATION}]*[{HAN}])?")
"""Chinese text to mark with `lang`: Han characters, with punctuation inside the run, not at its ends."""

_HAN_CHAR = re.compile(f"[{HAN}]")


def is_han(ch: str) -> bool:
    """Say whether one character is a Han character (any block of HAN_RANGES)."""
    code = ord(ch)
    return any(lo <= code <= hi for lo, hi, _ in HAN_RANGES)


def han_js_class() -> str:
    """The Han ranges as the inside of a JavaScript regex class for the `u` flag (`\\u{20000}-...`)."""
    return "".join(f"\\u{{{lo:X}}}-\\u{{{hi:X}}}" for lo, hi, _ in HAN_RANGES)


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


TERM_CACHE = 65_536
"""Terms whose script forms and pinyin are kept (short strings: a few MB at most)."""


@lru_cache(maxsize=TERM_CACHE)
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


@lru_cache(maxsize=TERM_CACHE)
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


@lru_cache(maxsize=TERM_CACHE)
def pinyin_plain(chinese: str) -> str:
    """Toneless, lowercase pinyin of a term, syllables separated by spaces ("ha er bin")."""
    return strip_tones(pinyin_with_tones(chinese))


_NOT_LETTER = re.compile(r"[^a-z]")


def romanized_tail(chinese: str, romanized: str) -> str | None:
    """The end of a Han run that `romanized` spells in pinyin, or None.

    `還有周恩來(Zhou Enlai)` glosses 周恩來, `則以延安(Yan'an)` 延安 (issue 12): the
    English of a name in pinyin says where the name starts, where no list of
    words can. Every reading of a character counts (重 is zhong and chong);
    other romanizations (Chiang Kai-shek) spell nothing and give None.
    """
    from pypinyin import Style, pinyin  # lazy: the tables are large

    wanted = _NOT_LETTER.sub("", strip_tones(romanized).casefold())
    if not wanted or not is_han_only(chinese):
        return None
    readings = pinyin(to_simplified(chinese), style=Style.NORMAL, heteronym=True, errors="ignore")
    if len(readings) != len(chinese):
        return None
    for start in range(len(chinese) - 1, -1, -1):
        if _spells(wanted, readings[start:]):
            return chinese[start:]
    return None


def _spells(wanted: str, readings: list[list[str]]) -> bool:
    """Whether one reading per character, in order, spells `wanted` exactly."""
    if not readings:
        return not wanted
    return any(
        wanted.startswith(syllable) and _spells(wanted[len(syllable) :], readings[1:])
        for syllable in {r.replace("ü", "v").replace("v", "u") for r in readings[0]}
    )
