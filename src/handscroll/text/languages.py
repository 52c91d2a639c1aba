"""The language tags handscroll knows, and how it tells them apart in a text (issue 12).

A feature is English (`en`), Traditional Chinese (`zh-Hant`) or Simplified
Chinese (`zh-Hans`): the three editions a publisher runs. Other spellings of
the same tags (`zh-TW`, `zh_CN`, `EN-gb`) are accepted and made canonical; an
unknown tag is refused rather than stored, so that editions always pair up.
"""

from __future__ import annotations

import re

from handscroll.text.cjk import HAN

LANGUAGES: tuple[str, ...] = ("en", "zh-Hant", "zh-Hans")
"""The canonical tags, in the order the reader offers them."""

_ALIASES = {
    "en": "en",
    "zh-hant": "zh-Hant",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant-tw": "zh-Hant",
    "zh-hant-hk": "zh-Hant",
    "tc": "zh-Hant",
    "zh-hans": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-hans-cn": "zh-Hans",
    "sc": "zh-Hans",
}
_TAG_SHAPE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_HAN = re.compile(f"[{HAN}]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_ASCII = bytes(range(128))


class UnknownLanguageError(ValueError):
    """A language tag that is none of LANGUAGES nor one of their other spellings."""


def language_tag(value: str) -> str:
    """The canonical tag for `value` (`zh-TW` -> `zh-Hant`), or UnknownLanguageError saying what is known."""
    key = value.strip().replace("_", "-").casefold()
    if key in _ALIASES:
        return _ALIASES[key]
    if _TAG_SHAPE.match(value.strip()) and key.split("-")[0] == "en":
        return "en"  # en-GB, en-US: one English edition
    known = ", ".join(LANGUAGES)
    raise UnknownLanguageError(f"unknown language tag {value.strip()!r}; handscroll knows {known}")


def han_count(text: str) -> int:
    """How many Han characters a text holds."""
    if text.isascii():  # CPython knows this without looking at the characters
        return 0
    # Han characters are never ASCII: dropping the ASCII bytes first (in C) leaves the pattern a few
    # hundred characters of an English feature's 9,000 to scan, not every one (issue 11).
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ASCII).decode("utf-8", "surrogatepass")
    return len(_HAN.findall(rest))


def is_chinese(text: str) -> bool:
    """Say whether Han characters are the bulk of a text.

    English prose averages about five letters a word and Chinese one Han
    character a syllable; a Chinese line with a few English names in
    parentheses still has more Han characters than Latin words' letters / 2.
    """
    han = han_count(text)
    return han > 0 and _bulk_is_han(han, _latin_letters(text, enough=2 * han + 1))


def _bulk_is_han(han: int, latin: int) -> bool:
    return han > 0 and 2 * han > latin


def _latin_letters(text: str, *, enough: int) -> int:
    """Letters in Latin words of two letters or more, counted until there are `enough`.

    The questions asked of the count are thresholds: an English text passes
    them in its first few words, and need not be counted to its end.
    """
    count = 0
    for word in _LATIN_WORD.finditer(text):
        count += word.end() - word.start()
        if count >= enough:
            break
    return count


def chinese_script(text: str) -> str | None:
    """`zh-Hans` or `zh-Hant`, whichever script most of the text's Han characters are written in.

    A character counts for a script when OpenCC changes it converting to the
    other one; characters common to both (人, 中) do not count. None on a tie
    (a text of common characters only): nothing tells the scripts apart.
    """
    from handscroll.text.cjk import to_simplified, to_traditional

    han = "".join(_HAN.findall(text))
    simplified = to_simplified(han)
    traditional = to_traditional(han)
    trad_only = sum(1 for a, b in zip(han, simplified, strict=False) if a != b)
    simp_only = sum(1 for a, b in zip(han, traditional, strict=False) if a != b)
    if simp_only == trad_only:
        return None
    return "zh-Hans" if simp_only > trad_only else "zh-Hant"


def detect_language(text: str) -> str:
    """Guess a feature's tag from its text: `en`, `zh-Hant` or `zh-Hans`.

    A Chinese text that does not show its script is Traditional, the
    publisher's first edition.
    """
    return (chinese_script(text) or "zh-Hant") if is_chinese(text) else "en"


def line_language(text: str, *, minimum: int = 12) -> str | None:
    """The language of one line, or None when it is too short to tell (a name, a date)."""
    han = han_count(text)
    # Far enough to answer both questions below: a count at `enough` or over answers them as the whole would.
    letters = _latin_letters(text, enough=max(2 * (minimum - han), 2 * han + 1))
    if han + letters // 2 < minimum:
        return None
    # Counted once for both questions: this runs on every line of every file read (issue 11).
    return chinese_script(text) if _bulk_is_han(han, letters) else "en"
