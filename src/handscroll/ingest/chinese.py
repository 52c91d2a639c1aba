"""Chinese conventions of the legacy text format: punctuation width, part numerals, questions.

A Chinese edition writes `（一）` or `(一)` for part 1, may use full-width or
ASCII punctuation for the same marker, and asks its thinking question as the
last sentence of a paragraph-like line (issue 12). These helpers let the
reader compare lines with the width folded while the content keeps the
punctuation as written.
"""

from __future__ import annotations

import re

from handscroll.text.cjk import HAN

# One character for one character, so offsets into the folded text are
# offsets into the original: full-width ASCII (U+FF01..FF5E) becomes ASCII,
# the ideographic space a space and the ideographic full stop a full stop.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x3002: 0x2E}
_WIDE = re.compile("[\uff01-\uff5e\u3000\u3002]")

_NUMERALS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"兩": 2, "两": 2}

PART_TITLE = re.compile(r"^\(\s*([0-9]{1,4}|[〇一二三四五六七八九十兩两]{1,3})\s*\)\s*(.+)$")
"""A title opening with a part number in (width-folded) parentheses: `(4) Title`, `(十二)標題`."""

# A sentence ends at a Chinese stop, or at an ASCII one that follows Han text
# (punctuation folded to ASCII); English abbreviations ("Mr.") never split.
_SENTENCE_END = re.compile(f"[。！？]|(?<=[{HAN}」』）)])[.!?]")
_BRACKETS = "「」『』“”\"'"


def fold_width(text: str) -> str:
    """Full-width punctuation and letters as ASCII, the same length as `text`."""
    # translate() with a dict looks up every character: ten times slower than
    # the search that shows most lines have nothing to fold (issue 11).
    # isascii() is a flag CPython keeps on every string: most lines never reach the search.
    return text if text.isascii() or not _WIDE.search(text) else text.translate(_WIDTH)


def fold_marker(text: str) -> str:
    """A short line as markers are compared: width folded, quote brackets around it dropped."""
    return fold_width(text).strip().strip(_BRACKETS).strip()


def chinese_numeral(text: str) -> int | None:
    """The number a Chinese numeral from 一 to 九十九 names (十二 -> 12), or None."""
    if not text or any(ch not in _NUMERALS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _NUMERALS[text] if len(text) == 1 else None
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return None
    value = (_NUMERALS[tens] if tens else 1) * 10 + (_NUMERALS[units] if units else 0)
    return value if 0 < value < 100 else None


def read_part(title: str) -> tuple[int, str] | None:
    """The part number and the title after it, as written, when the title opens with one."""
    match = PART_TITLE.match(fold_width(title))
    if not match:
        return None
    raw = match.group(1)
    number = int(raw) if raw.isascii() else chinese_numeral(raw)
    if number is None:
        return None
    return number, title[match.start(2) :].strip()


def split_question(line: str) -> tuple[str, str]:
    """Split a question line into the narrative before it and its last sentences, the question.

    `蘇軍撤走了。東北怎樣變化？` gives (`蘇軍撤走了。`, `東北怎樣變化？`); a line
    that is one sentence gives ("", line). Only Chinese sentence ends split,
    so an English question line stays whole.
    """
    body = line.rstrip()
    # The question is the run of question sentences at the end ("目的是甚麼？為甚麼失敗？").
    ends = [m.end() for m in _SENTENCE_END.finditer(body) if m.end() < len(body) and m.group() not in "?？"]
    if not ends:
        return "", line
    cut = ends[-1]
    while cut < len(body) and body[cut] in "」』）) ":
        cut += 1  # a closing bracket or space after the stop belongs to the sentence before
    before, question = body[:cut].rstrip(), body[cut:].strip()
    if not before or not question:
        return "", line
    return before, question


def question_key(text: str) -> str:
    """How a question is recognised when asked again: width folded, spacing collapsed."""
    return " ".join(fold_width(text).split())
