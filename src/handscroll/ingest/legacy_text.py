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

from handscroll.config import ANSWER_MARKER, DEFAULT_ANSWER_MARKERS, MAX_CHROME_LENGTH, Settings
from handscroll.errors import Location, ReadError
from handscroll.ingest.chinese import fold_marker, fold_width, question_key, read_part, split_question
from handscroll.ingest.decode import clean_lines
from handscroll.ingest.language import mixed_language_lines
from handscroll.ingest.result import LineKind, ReadResult, ReadWarning
from handscroll.model import Feature, is_media_id, series_of_media
from handscroll.text.languages import detect_language

_CREDIT = re.compile(r"^(?:source of\b|(?:圖片|图片|照片|相片)(?:來源|来源|出處|出处))", re.IGNORECASE)
_NOTE_MARKERS = {"ebook": "ebook"}


def _fold(text: str) -> str:
    """Compare chrome and markers without case, spacing or punctuation-width differences.

    Chrome and markers are short (settings cap them at MAX_CHROME_LENGTH), so
    long prose lines skip the normalisation: it is the reader's hot path.
    """
    if len(text) > MAX_CHROME_LENGTH:
        return text
    return " ".join(fold_marker(text).split()).casefold()


class _Line(NamedTuple):
    """A non-blank source line: its 1-based number, its text, its folded form, whether it is a media ID."""

    number: int
    text: str
    folded: str
    media: bool


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
    marker: str  # the answer marker of the feature's language, as messages name it
    blocks: list[dict[str, object]] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    hero: str | None = None
    container: _Container | None = None
    in_gallery: bool = False
    after_credit: bool = False
    last_media: str | None = None  # media ID on the previous non-blank line
    first_seen: dict[str, int] = field(default_factory=dict)  # text -> first line
    question_at: dict[str, int] = field(default_factory=dict)  # prompt -> block index
    block_lines: list[int] = field(default_factory=list)  # the line each block starts on

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

    def add(self, block: dict[str, object], line: int) -> None:
        """Append a block, remembering the line it starts on (editions are aligned by it)."""
        self.blocks.append(block)
        self.block_lines.append(line)

    def open(self, kind: str, line: int, block: dict[str, object] | None) -> None:
        self.close()
        if block is not None:
            self.add(block, line)
        index = len(self.blocks) - 1 if block is not None else -1
        self.container = _Container(kind, index, line)


def read_legacy_text(text: str, *, source: str, settings: Settings) -> ReadResult:
    """Read one legacy feature page; raise ReadError when no feature can be made of it."""
    lines = clean_lines(text)
    chrome = {_fold(c) for c in settings.chrome_lines}
    markers = {_fold(m) for m in settings.answer_markers}
    language = settings.language or detect_language(text)
    walk = _Walk(path=source, kinds=[LineKind.BLANK] * len(lines), marker=_marker_name(language))

    # Each non-blank line with its folded form, computed once: folding is the
    # reader's hot path.
    numbered = [_Line(n, t, _fold(t), is_media_id(t)) for n, t in enumerate(lines, start=1) if t]
    # Chrome carries no content, so it may stand between a question and its
    # marker (or an ID and its repeat) without changing what they mean.
    prompts = _asked_questions(
        [ln for ln in numbered if ln.folded in markers or ln.folded not in chrome], markers
    )
    heads = {key.split(" ", 1)[0] for key in prompts}
    title, part, body = _read_title(numbered, chrome, walk)

    previous_text: str | None = None
    for number, line, folded, media in body:
        if folded in markers:
            walk.kinds[number - 1] = LineKind.CHROME
            if previous_text is None or question_key(previous_text) not in prompts:
                walk.warn(number, f"'{line}' follows no question")
        elif folded in chrome:
            walk.kinds[number - 1] = LineKind.CHROME
            continue  # transparent: leaves last_media and previous_text as they were
        elif media:
            _take_media(walk, number, line)
        elif folded in _NOTE_MARKERS:
            walk.kinds[number - 1] = LineKind.MARKER
            walk.open("note", number, {"type": "note", "kind": _NOTE_MARKERS[folded], "text": []})
        elif _CREDIT.match(fold_width(line)):
            walk.kinds[number - 1] = LineKind.CONTENT
            walk.close()
            walk.add({"type": "credit", "text": line}, number)
            walk.in_gallery = walk.after_credit = True
        else:
            _take_text(walk, number, line, _asked_at(line, prompts, heads))
        if not media:
            walk.last_media = None
        previous_text = line
    walk.close()

    for key, index in walk.question_at.items():
        if not walk.blocks[index]["answer"]:
            walk.warn(prompts[key].number, "this question is asked but never answered")

    narrative = [(n, t) for n, t, _, _ in body if walk.kinds[n - 1] in (LineKind.CONTENT, LineKind.TITLE)]
    mixed = mixed_language_lines([(numbered[0].number, title), *narrative], language, source)
    feature = Feature.model_validate(
        {
            "title": title,
            "part": part,
            "series": _series(walk),
            "language": language,
            "hero": walk.hero,
            "blocks": walk.blocks,
        }
    )
    return ReadResult(
        feature=feature,
        source=source,
        warnings=tuple(sorted([*walk.warnings, *mixed], key=lambda w: w.location.line)),
        lines=tuple(walk.kinds),
        block_lines=tuple(walk.block_lines),
    )


@dataclass(frozen=True)
class _Asked:
    """A question where it is asked: its line, and the narrative before it on that line."""

    number: int
    line: str
    lead: str  # sentences before the question on the same line ("" when the line is the question)
    prompt: str


def _asked_questions(numbered: list[_Line], markers: set[str]) -> dict[str, _Asked]:
    """Find questions where they are asked: a text line followed by an answer marker.

    Keyed by `question_key` of the whole line and of the question sentence,
    since a Chinese edition asks the question at the end of a paragraph and
    may repeat either before the answer.
    """
    asked: dict[str, _Asked] = {}
    for line, following in itertools.pairwise(numbered):
        if following.folded in markers and line.folded not in markers and not line.media:
            lead, prompt = ("", line.text)
            if fold_width(line.text).rstrip().endswith("?"):
                lead, prompt = split_question(line.text)
            found = _Asked(line.number, line.text, lead, prompt)
            asked.setdefault(question_key(line.text), found)
            asked.setdefault(question_key(prompt), found)
    return asked


def _read_title(numbered: list[_Line], chrome: set[str], walk: _Walk) -> tuple[str, int | None, list[_Line]]:
    """Take the first content line as the title ("(4) Title" or "（四）標題" give part 4)."""
    for position, (number, line, folded, media) in enumerate(numbered):
        if folded in chrome:
            walk.kinds[number - 1] = LineKind.CHROME
            continue
        if media or folded in _NOTE_MARKERS or _CREDIT.match(fold_width(line)):
            raise ReadError(
                f"the title is missing: the first content line is {line!r}, not a title",
                Location(walk.path, number),
            )
        walk.kinds[number - 1] = LineKind.TITLE
        found = read_part(line)
        if found:
            return found[1], found[0], numbered[position + 1 :]
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


def _asked_at(line: str, prompts: dict[str, _Asked], heads: set[str]) -> _Asked | None:
    """The question a text line asks or repeats, if any.

    `heads` are the first words of the questions' keys: most lines' first word
    rules them out before the whole line is folded into a key (issue 11).
    """
    words = fold_width(line).split(None, 1)
    return prompts.get(question_key(line)) if words and words[0] in heads else None


def _take_text(walk: _Walk, number: int, line: str, asked: _Asked | None) -> None:
    """A text line: a question asked or answered (`asked`), a caption, note or answer line, or narrative."""
    first = walk.first_seen.setdefault(line, number)
    if asked is not None:
        key = question_key(asked.line)
        if asked.number == number:
            walk.kinds[number - 1] = LineKind.CONTENT
            walk.close()
            if asked.lead:
                walk.add({"type": "paragraph", "text": asked.lead}, number)
            walk.question_at[key] = len(walk.blocks)
            walk.add({"type": "question", "prompt": asked.prompt, "answer": []}, number)
            return
        if key in walk.question_at and not walk.blocks[walk.question_at[key]]["answer"]:
            walk.kinds[number - 1] = LineKind.REPEATED_PROMPT
            walk.open("answer", number, None)
            walk.container.index = walk.question_at[key]  # type: ignore[union-attr]
            return
    if first != number and fold_width(line).endswith("?") and walk.container is not None:
        walk.open("orphan", number, None)
        _keep_unclassified(
            walk,
            number,
            line,
            f"repeats line {first} like the answer to a question that was never asked "
            f"(no '{walk.marker}' after line {first})",
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
        walk.add({"type": "paragraph", "text": line}, number)


def _keep_unclassified(walk: _Walk, number: int, line: str, why: str) -> None:
    """Keep a line that fits nowhere, with its line number, and report it."""
    walk.kinds[number - 1] = LineKind.UNCLASSIFIED
    walk.add({"type": "unclassified", "text": line, "line": number}, number)
    walk.warn(number, f"{why}; kept as unclassified")


def _series(walk: _Walk) -> str | None:
    media = walk.hero or next((b["media"] for b in walk.blocks if b["type"] == "figure"), None)
    return series_of_media(str(media)) if media else None


def _marker_name(language: str) -> str:
    """The answer marker messages name: the one a file in `language` would carry."""
    return DEFAULT_ANSWER_MARKERS.get(language, (ANSWER_MARKER,))[0]
