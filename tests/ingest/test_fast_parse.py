"""The parser's shortcuts (issue 11) answer exactly what the plain scans they replace answered.

Han characters counted in the non-ASCII rest of a text, Latin letters counted
only as far as a threshold needs, control characters found by bytes, and a
question looked up only when a line's first word may begin one: each is
compared with the whole-text reading on texts made to hit its edges.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from handscroll.errors import ReadError
from handscroll.ingest.chinese import question_key
from handscroll.ingest.decode import _DISALLOWED, _count, check_text
from handscroll.ingest.language import mixed_language_lines
from handscroll.ingest.legacy_text import _Asked, _asked_at
from handscroll.text.cjk import HAN
from handscroll.text.languages import _HAN, chinese_script, han_count, is_chinese, line_language

PIECES = st.sampled_from(
    [
        "Harbin",
        "a",
        " I ",
        "Chiang Kai-shek",
        "哈爾濱",
        "东北",
        "國",
        "𠀀",
        "豈",
        "\ud800",
        "\udc00",
        "é",
        "Ｑ",
        "\u3000",
        "\t",
        "  ",
        "\x00",
        "\x07",
        "\x0b",
        "\x1f",
        "\x7f",
        "?",
        "？",
        "The war ended in 1945 and the",
        "蘇軍撤走了。東北怎樣變化？",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join)
LINES = TEXTS.map(str.strip).filter(bool)
"""Lines as the reader sees them: stripped, never blank."""

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def han_as_before(text: str) -> int:
    return len(re.findall(f"[{HAN}]", text))


def letters_as_before(text: str) -> int:
    return sum(map(len, LATIN_WORD.findall(text)))


def line_language_as_before(text: str, minimum: int = 12) -> str | None:
    han, letters = han_as_before(text), letters_as_before(text)
    if han + letters // 2 < minimum:
        return None
    return chinese_script(text) if han > 0 and 2 * han > letters else "en"


@given(TEXTS)
def test_han_count_is_the_whole_scan(text: str) -> None:
    assert han_count(text) == han_as_before(text)
    assert _HAN.pattern == f"[{HAN}]"


@settings(deadline=None)  # the first Chinese line loads OpenCC's tables
@given(TEXTS, st.integers(min_value=0, max_value=30))
def test_line_language_is_the_whole_count(text: str, minimum: int) -> None:
    assert line_language(text, minimum=minimum) == line_language_as_before(text, minimum)


@given(TEXTS)
def test_is_chinese_is_the_whole_count(text: str) -> None:
    han = han_as_before(text)
    assert is_chinese(text) == (han > 0 and 2 * han > letters_as_before(text))


@settings(deadline=None)
@given(st.lists(LINES, max_size=6), st.sampled_from(["en", "zh-Hant", "zh-Hans"]))
def test_mixed_lines_skip_only_what_cannot_differ(lines: list[str], language: str) -> None:
    """An ASCII line of an English feature is never another language: skipping it changes nothing."""
    found = mixed_language_lines(list(enumerate(lines, start=1)), language, "f.txt")
    expected = [
        n for n, line in enumerate(lines, start=1) if line_language_as_before(line) not in (None, language)
    ]
    assert [w.location.line for w in found] == expected


@given(TEXTS)
def test_control_characters_counted_by_bytes(text: str) -> None:
    assert _count(text, bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])) == len(
        _DISALLOWED.findall(text)
    )
    found = _DISALLOWED.search(text)
    try:
        check_text(text, "f.txt")
    except ReadError as exc:  # it names the first control character
        assert found is not None and f"U+{ord(found.group()):04X}" in str(exc)
    else:
        assert found is None


@given(LINES, st.lists(LINES, max_size=4), st.booleans())
def test_a_question_is_found_as_by_its_whole_key(line: str, questions: list[str], asked: bool) -> None:
    prompts = {
        question_key(q): _Asked(n, q, "", q)
        for n, q in enumerate([*questions, line][: len(questions) + asked])
    }
    heads = {key.split(" ", 1)[0] for key in prompts}
    for text in (line, *questions):
        assert _asked_at(text, prompts, heads) is prompts.get(question_key(text))
