"""What the editor shows beside the text: its structure and its problems, each with a line
(issue 13 item 3).

The text is read by the same Markdown reader `handscroll import` uses, so a
problem here is exactly what an import would report; the blocks are listed
with the line their container opens on. Figures lacking alt text are problems
that block publishing.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from handscroll.errors import ReadError
from handscroll.model import Figure, Note, Question
from handscroll.workspace.publishing import missing_alt
from handscroll.workspace.revisions import read_revision

_CONTAINER = re.compile(r"^ {0,3}:{3,}[ \t]*(figure|note|question|credit|unclassified)\b", re.MULTILINE)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the text, at a line (0: the whole text); `blocking` stops publishing."""

    line: int
    message: str
    blocking: bool = False


@dataclass(frozen=True)
class Part:
    """One figure, note or question of the text, for the structure panel."""

    kind: str
    line: int
    label: str
    media: str = ""
    alt: str = ""
    default_alt: str = ""
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """The structure and problems of one text; `readable` is False when it does not read at all."""

    readable: bool
    title: str = ""
    language: str = ""
    parts: tuple[Part, ...] = ()
    problems: tuple[Problem, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def read_text(markdown: str, defaults: dict[str, str] | None = None) -> Reading:
    """Read an editor's text: its parts with their lines, and every problem with its line."""
    try:
        result = read_revision(markdown)
    except ReadError as exc:
        return Reading(False, problems=(Problem(exc.location.line, exc.message, True),))
    feature = result.feature
    lines: dict[str, list[int]] = {}
    for match in _CONTAINER.finditer(markdown):
        lines.setdefault(match.group(1), []).append(markdown.count("\n", 0, match.start()) + 1)
    seen: dict[str, int] = {}
    parts = []
    for block in feature.blocks:
        if not isinstance(block, Figure | Note | Question):
            continue
        n = seen[block.type] = seen.get(block.type, 0) + 1
        found = lines.get(block.type, [])
        line = found[n - 1] if n <= len(found) else 0
        if isinstance(block, Figure):
            parts.append(
                Part(
                    "figure",
                    line,
                    f"Figure {n}",
                    media=block.media,
                    alt=block.alt,
                    default_alt=(defaults or {}).get(block.media, ""),
                    texts=block.caption,
                )
            )
        elif isinstance(block, Note):
            parts.append(Part("note", line, f"Note ({block.kind})", texts=block.text))
        else:
            parts.append(Part("question", line, block.prompt, texts=block.answer))
    problems = [Problem(w.location.line, w.message) for w in result.warnings]
    for text in missing_alt(markdown, feature, defaults or {}):
        number, _, rest = text.removeprefix("line ").partition(": ")
        problems.append(Problem(int(number) if number.isdigit() else 0, rest, True))
    return Reading(True, feature.title, feature.language, tuple(parts), tuple(problems))
