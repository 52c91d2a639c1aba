"""Text with annotations -> safe HTML: every piece of the text escaped, only our own tags added.

Annotations are character spans into a text exactly as `feature_texts` gives
it (issue 4: provenance). The text between and inside the spans is escaped
(and its Chinese runs tagged with `lang`), so text holding `<script>` stays
text; the only markup added is the handful of tags built here from ids that
pass through `escape` too.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal

from markupsafe import Markup, escape

from handscroll.text.cjk import CHINESE_RUN

__all__ = ["Mark", "anchor_ids", "annotate", "han_lang", "keep_apart", "mark_chinese", "stress"]

_HAN_RUN = CHINESE_RUN
"""A run of Han characters, with CJK punctuation inside it (not at its ends): text/cjk.py decides."""


def han_lang(language: str) -> str:
    """The `lang` of Chinese runs in a text of `language`: its own script in a Chinese edition,
    Traditional in English (where names are written `Harbin (哈爾濱)`)."""
    return language if language.startswith("zh") else "zh-Hant"


def mark_chinese(text: object, lang: str = "zh-Hant") -> Markup:
    """Escape text, then wrap each run of Han characters in `<span lang="zh-Hant">`.

    Escaping comes first, so the spans are the only markup in the result;
    screen readers and font fallback then treat the Chinese as Chinese.
    """
    return Markup(_tagged(text, lang))


def _tagged(text: object, lang: str) -> str:
    """`mark_chinese` as a plain string, for the pieces of a larger Markup."""
    escaped = str(escape(text))  # a plain str: `re` would join the pieces of a Markup as Markup
    return _HAN_RUN.sub(_span(lang), escaped) if escaped else ""


@cache
def _span(lang: str) -> Callable[[re.Match[str]], str]:
    """What wraps a Han run in `lang`, made once per language."""
    opening = f'<span lang="{lang}">'
    return lambda run: opening + run.group(0) + "</span>"


MarkKind = Literal["event", "term", "strong", "point"]


@dataclass(frozen=True)
class Mark:
    """One span to mark: an event (`<span id>`, a link target), a term mention (a link to
    the glossary entry `target`), words to stress, or a point (an empty `<span id>` before the
    character at `start`, a link target that overlaps nothing: a place's mention, issue 14)."""

    start: int
    end: int
    kind: MarkKind
    target: str = ""


def keep_apart(marks: Iterable[Mark], length: int) -> list[Mark]:
    """The marks that fit in a text of `length`, without overlaps, in text order.

    Marks are taken in the order given (so a caller ranks events before terms);
    within that order a mark that overlaps one already kept is dropped, and
    among marks of one kind at the same place the first and longest wins.
    """
    kept: list[Mark] = []
    marks = [m for m in marks if m.kind != "point"]
    ranked = sorted(
        enumerate(marks),
        key=lambda pair: (_RANK[pair[1].kind], pair[1].start, -(pair[1].end - pair[1].start)),
    )
    for _, mark in ranked:
        if not 0 <= mark.start < mark.end <= length:
            continue
        if any(mark.start < other.end and other.start < mark.end for other in kept):
            continue
        kept.append(mark)
    return sorted(kept, key=lambda m: m.start)


_RANK = {"event": 0, "strong": 0, "term": 1, "point": 2}


def annotate(text: str, marks: Sequence[Mark] = (), lang: str = "zh-Hant") -> Markup:
    """The text as HTML with its marks: escaped pieces, Chinese tagged (`lang`), our tags around the spans."""
    if not marks:
        return mark_chinese(text, lang)
    points = sorted({(m.start, m.target) for m in marks if m.kind == "point" and 0 <= m.start < len(text)})
    starts = [where for where, _ in points]

    def plain(start: int, end: int) -> str:
        """Text from `start` to `end`, escaped and tagged, with the points inside it."""
        out: list[str] = []
        at = start
        for where, target in points[bisect_left(starts, start) : bisect_left(starts, end)]:
            out.append(_tagged(text[at:where], lang))
            out.append(f'<span class="mention" id="{escape(target)}"></span>')
            at = where
        out.append(_tagged(text[at:end], lang))
        return "".join(out)

    pieces: list[str] = []
    at = 0
    for mark in keep_apart(marks, len(text)):
        pieces.append(plain(at, mark.start))
        inner = plain(mark.start, mark.end)
        target = escape(mark.target)
        if mark.kind == "event":
            pieces.append(f'<span class="event" id="{target}">{inner}</span>')
        elif mark.kind == "term":
            pieces.append(f'<a class="term" href="#{target}" data-term="{target}">{inner}</a>')
        else:
            pieces.append(f"<strong>{inner}</strong>")
        at = mark.end
    pieces.append(plain(at, len(text)))
    return Markup("".join(pieces))


def stress(text: str, words: str, lang: str = "zh-Hant") -> Markup:
    """The text with the first occurrence of `words` in `<strong>` (a date in its sentence)."""
    found = text.find(words) if words else -1
    if found < 0:
        return mark_chinese(text, lang)
    # What `annotate` makes of one strong mark, without its general machinery: a static build
    # stresses every sentence of every timeline (issue 11).
    end = found + len(words)
    inner = _tagged(text[found:end], lang)
    return Markup(f"{_tagged(text[:found], lang)}<strong>{inner}</strong>{_tagged(text[end:], lang)}")


_NOT_ID = re.compile(r"[^a-z0-9]+")


def anchor_ids(names: Sequence[str], prefix: str) -> list[str]:
    """Stable, unique, ASCII element ids for a list of names (`term-chinese-communist-party`)."""
    seen: dict[str, int] = {}
    ids = []
    for name in names:
        base = _NOT_ID.sub("-", name.lower()).strip("-") or "item"
        count = seen.get(base, 0) + 1
        seen[base] = count
        ids.append(f"{prefix}-{base}" if count == 1 else f"{prefix}-{base}-{count}")
    return ids
