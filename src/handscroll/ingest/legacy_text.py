"""The legacy text reader: a site's plain-text export of a feature page (docs/legacy-text.md).

The format has no markup, only conventions: a title line, media IDs on lines
of their own (repeated), captions after IDs, `ebook` notes, a question asked
before the gallery and answered after it, a credit line. The reader walks the
lines once with a small state machine and accounts for every line, so nothing
is ever dropped silently.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from handscroll.config import ANSWER_MARKER, MAX_CHROME_LENGTH, Settings
from handscroll.errors import Location, ReadError
from handscroll.ingest.decode import clean_lines
from handscroll.ingest.result import LineKind, ReadResult, ReadWarning
from handscroll.model import Feature, is_media_id, series_of_media
from handscroll.text.cjk import HAN

_PART_TITLE = re.compile(r"^\((\d{1,4})\)\s*(.+)$")
_CREDIT = re.compile(r"^source of\b", re.IGNORECASE)
_NOTE_MARKERS = {"ebook": "ebook"}
_HAN = re.compile(f"[{HAN}]")


def _fold(text: str) -> str:
    """Compare chrome and markers without case or spacing differences.

    Chrome and markers are short (settings cap them at MAX_CHROME_LENGTH), so
    long prose lines skip the normalisation: it is the reader's hot path.
    """
    if len(text) > MAX_CHROME_LENGTH:
        return text
    return " ".join(text.split()).casefold()


class _Line(NamedTuple):
    """A non-blank source line: its 1-based number, its text and its folded form."""

    number: int
    text: str
    folded: str


@dataclass
class _Container:
    """The open block that following text lines are added to."""

    kind: str  # "figure", "note", "answer", "orphan"
    index: int  # position in the block list (-1 for orphan text)
    line: int
    lines: list[str] = field(default_factory=list)


@dataclass
class _Walk:
    """Mutable state of one pass over the lines; frozen into a Feature at the end."""

    path: str
    kinds: list[LineKind]
    blocks: list[dict[str, object]] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    hero: str | None = None
    container: _Container | None = None
    in_gallery: bool = False
    after_credit: bool = False
    last_media: str | None = None  # media ID on the previous non-blank line
    first_seen: dict[str, int] = field(default_factory=dict)  # text -> first line
    question_at: dict[str, int] = field(default_factory=dict)  # prompt -> block index

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ReadWarning(Location(self.path, line), message))

    def close(self) -> None:
        """Close the open container, giving its lines to its block."""
        c = self.container
        self.container = None
        if c is None or c.kind == "orphan":
            return
        block = self.blocks[c.index]
        key = {"figure": "caption", "note": "text", "answer": "answer"}[c.kind]
        block[key] = [*block[key], *c.lines]  # type: ignore[misc]
        if c.kind == "figure" and not c.lines:
            self.warn(c.line, f"media ID {block['media']} has no caption")

    def open(self, kind: str, line: int, block: dict[str, object] | None) -> None:
        self.close()
        if block is not None:
            self.blocks.append(block)
        index = len(self.blocks) - 1 if block is not None else -1
        self.container = _Container(kind, index, line)


def read_legacy_text(text: str, *, source: str, settings: Settings) -> ReadResult:
    """Read one legacy feature page; raise ReadError when no feature can be made of it."""
    lines = clean_lines(text)
    chrome = {_fold(c) for c in settings.chrome_lines}
    marker = _fold(ANSWER_MARKER)
    walk = _Walk(path=source, kinds=[LineKind.BLANK] * len(lines))

    # Each non-blank line with its folded form, computed once: folding is the
    # reader's hot path.
    numbered = [_Line(n, t, _fold(t)) for n, t in enumerate(lines, start=1) if t]
    # Chrome carries no content, so it may stand between a question and its
    # marker (or an ID and its repeat) without changing what they mean.
    prompts = _asked_questions(
        [ln for ln in numbered if ln.folded == marker or ln.folded not in chrome], marker
    )
    title, part, body = _read_title(numbered, chrome, walk)

    previous_text: str | None = None
    for number, line, folded in body:
        if folded == marker:
            walk.kinds[number - 1] = LineKind.CHROME
            if previous_text not in prompts:
                walk.warn(number, f"'{ANSWER_MARKER}' follows no question")
        elif folded in chrome:
            walk.kinds[number - 1] = LineKind.CHROME
            continue  # transparent: leaves last_media and previous_text as they were
        elif is_media_id(line):
            _take_media(walk, number, line)
        elif folded in _NOTE_MARKERS:
            walk.kinds[number - 1] = LineKind.MARKER
            walk.open("note", number, {"type": "note", "kind": _NOTE_MARKERS[folded], "text": []})
        elif _CREDIT.match(line):
            walk.kinds[number - 1] = LineKind.CONTENT
            walk.close()
            walk.blocks.append({"type": "credit", "text": line})
            walk.in_gallery = walk.after_credit = True
        else:
            _take_text(walk, number, line, prompts)
        if not is_media_id(line):
            walk.last_media = None
        previous_text = line
    walk.close()

    for prompt, index in walk.question_at.items():
        if not walk.blocks[index]["answer"]:
            walk.warn(prompts[prompt], "this question is asked but never answered")

    feature = Feature.model_validate(
        {
            "title": title,
            "part": part,
            "series": _series(walk),
            "language": _language(text),
            "hero": walk.hero,
            "blocks": walk.blocks,
        }
    )
    return ReadResult(
        feature=feature,
        source=source,
        warnings=tuple(walk.warnings),
        lines=tuple(walk.kinds),
    )


def _asked_questions(numbered: list[_Line], marker: str) -> dict[str, int]:
    """Find questions where they are asked: a text line followed by the answer marker."""
    asked: dict[str, int] = {}
    for line, following in itertools.pairwise(numbered):
        if following.folded == marker and line.folded != marker and not is_media_id(line.text):
            asked.setdefault(line.text, line.number)
    return asked


def _read_title(numbered: list[_Line], chrome: set[str], walk: _Walk) -> tuple[str, int | None, list[_Line]]:
    """Take the first content line as the title ("(4) Title" gives part 4)."""
    for position, (number, line, folded) in enumerate(numbered):
        if folded in chrome:
            walk.kinds[number - 1] = LineKind.CHROME
            continue
        if is_media_id(line) or folded in _NOTE_MARKERS or _CREDIT.match(line):
            raise ReadError(
                f"the title is missing: the first content line is {line!r}, not a title",
                Location(walk.path, number),
            )
        walk.kinds[number - 1] = LineKind.TITLE
        match = _PART_TITLE.match(line)
        if match:
            return match.group(2).strip(), int(match.group(1)), numbered[position + 1 :]
        return line, None, numbered[position + 1 :]
    raise ReadError("the file has no content, only site chrome and blank lines", Location(walk.path))


def _take_media(walk: _Walk, number: int, media: str) -> None:
    """A media ID: a repeat of the line before, the hero, or a new gallery figure."""
    if walk.last_media == media:
        walk.kinds[number - 1] = LineKind.REPEATED_MEDIA
        return
    walk.kinds[number - 1] = LineKind.MEDIA
    walk.last_media = media
    if not walk.in_gallery and walk.hero is None and not walk.blocks:
        walk.close()
        walk.hero = media
        return
    walk.in_gallery = True
    walk.open("figure", number, {"type": "figure", "media": media, "caption": []})


def _take_text(walk: _Walk, number: int, line: str, prompts: dict[str, int]) -> None:
    """A text line: a question asked or answered, a caption, note or answer line, or narrative."""
    first = walk.first_seen.setdefault(line, number)
    if line in prompts:
        if prompts[line] == number:
            walk.kinds[number - 1] = LineKind.CONTENT
            walk.close()
            walk.question_at[line] = len(walk.blocks)
            walk.blocks.append({"type": "question", "prompt": line, "answer": []})
            return
        if line in walk.question_at and not walk.blocks[walk.question_at[line]]["answer"]:
            walk.kinds[number - 1] = LineKind.REPEATED_PROMPT
            walk.open("answer", number, None)
            walk.container.index = walk.question_at[line]  # type: ignore[union-attr]
            return
    if first != number and line.endswith(("?", "？")) and walk.container is not None:
        walk.open("orphan", number, None)
        _keep_unclassified(
            walk,
            number,
            line,
            f"repeats line {first} like the answer to a question that was never asked "
            f"(no '{ANSWER_MARKER}' after line {first})",
        )
        return
    container = walk.container
    if container is not None and container.kind == "orphan":
        _keep_unclassified(
            walk, number, line, f"follows the unasked question's answer at line {container.line}"
        )
    elif container is not None:
        walk.kinds[number - 1] = LineKind.CONTENT
        container.lines.append(line)
    elif walk.after_credit:
        _keep_unclassified(walk, number, line, "text after the credit belongs to no block")
    else:
        walk.kinds[number - 1] = LineKind.CONTENT
        walk.blocks.append({"type": "paragraph", "text": line})


def _keep_unclassified(walk: _Walk, number: int, line: str, why: str) -> None:
    """Keep a line that fits nowhere, with its line number, and report it."""
    walk.kinds[number - 1] = LineKind.UNCLASSIFIED
    walk.blocks.append({"type": "unclassified", "text": line, "line": number})
    walk.warn(number, f"{why}; kept as unclassified")


def _series(walk: _Walk) -> str | None:
    media = walk.hero or next((b["media"] for b in walk.blocks if b["type"] == "figure"), None)
    return series_of_media(str(media)) if media else None


def _language(text: str) -> str:
    """Guess the language tag: Chinese when Han characters are the bulk of the text.

    English prose averages about two ASCII characters per letter of content
    and Chinese one Han character per syllable, hence the factor of two.
    """
    if not _HAN.search(text):
        return "en"
    ascii_chars = len(text.encode("ascii", "ignore"))
    return "zh-Hant" if 2 * len(_HAN.findall(text)) > ascii_chars else "en"
