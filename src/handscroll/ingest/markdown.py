"""The Markdown reader: the authoring format editors write by hand (docs/authoring.md).

A feature is YAML front matter (title, part, series, language, hero, slug, date)
followed by paragraphs and `:::` containers, one container name per block type
(`question`, `figure`, `note`, `credit`, `unclassified`), and at most one
`::: quiz` listing the approved self-check items it pins. Text stays plain
text: the reader keeps each paragraph's source, joins wrapped lines with one
space and undoes only backslash escapes of ASCII punctuation; it never renders
emphasis or decodes entities. Markdown that is not part of the format
(headings, lists, code, HTML...) is kept as an unclassified block and reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from pydantic import ValidationError

from handscroll.config import Settings
from handscroll.errors import Location, ReadError
from handscroll.ingest.result import ReadResult, ReadWarning
from handscroll.model import (
    ALT_MAX_LENGTH,
    Credit,
    Feature,
    Figure,
    Note,
    Paragraph,
    Question,
    Unclassified,
    is_media_id,
)
from handscroll.text.languages import UnknownLanguageError, detect_language, language_tag

CONTAINER_NAMES: tuple[str, ...] = ("question", "figure", "note", "credit", "unclassified")
"""The `::: name` containers of the format, one per block type besides the paragraph."""

QUIZ = "quiz"
"""The container that pins a feature's approved self-check items, by id (docs/quizzes.md)."""

_ITEM_ID = re.compile(r"^(?:order|first|date|term|place|picture)-[0-9a-f]{8}$")

FRONT_MATTER_KEYS: tuple[str, ...] = (
    "title",
    "part",
    "series",
    "series_title",
    "language",
    "hero",
    "slug",
    "work",
    "date",
)
"""The keys the front matter may hold; `title` is required."""

_AnyBlock = Paragraph | Figure | Note | Question | Credit | Unclassified

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CLOSING_FENCE = re.compile(r"^ {0,3}:{3,}[ \t]*$")
_KEY_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:")
_ALT_LINE = re.compile(r"^[ \t]*alt:(.*)$")
"""A figure's alt text: the first line inside `::: figure ID`, written `alt: ...` (issue 13)."""
_CONTAINER = "block"  # the one container plugin instance; its info string names our container
_KINDS = {
    "heading_open": "a heading (the title belongs in the front matter)",
    "lheading_open": "a heading (the title belongs in the front matter)",
    "bullet_list_open": "a bulleted list",
    "ordered_list_open": "a numbered list",
    "blockquote_open": "a block quote",
    "fence": "a fenced code block",
    "code_block": "an indented code block (4 spaces in front of a line)",
    "html_block": "an HTML block",
    "hr": "a horizontal rule",
    "table_open": "a table",
}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # CommonMark plus tables (so a pasted table is reported, not read as text);
    # link reference definitions are switched off because markdown-it drops
    # them from the token stream, and nothing may vanish silently.
    md = MarkdownIt("commonmark").use(front_matter_plugin).enable("table").disable("reference")
    # One container rule that accepts any name, so an unknown name is an error
    # with a line instead of text that happens to start with colons.
    md.use(container_plugin, _CONTAINER, validate=lambda params, markup: True)
    return md


def unescape(text: str) -> str:
    """Undo backslash escapes of ASCII punctuation (`\\*` -> `*`), the only markup text carries."""
    return _ESCAPE.sub(r"\1", text)


@dataclass
class _Walk:
    """State of one pass over the top-level tokens; frozen into a Feature at the end."""

    path: str
    lines: list[str]
    blocks: list[_AnyBlock] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    quiz: tuple[str, ...] | None = None
    quiz_line: int = 0

    def fail(self, message: str, line: int) -> ReadError:
        return ReadError(message, Location(self.path, line))

    def keep_unclassified(self, token: Token, where: str = "") -> None:
        """Keep a Markdown block the format has no place for, with its source and line, and report it."""
        first, last = token.map or (0, 1)
        text = "\n".join(line.strip() for line in self.lines[first:last] if line.strip())
        kind = _KINDS.get(token.type, f"a Markdown {token.type.removesuffix('_open')} block")
        self.blocks.append(Unclassified(text=text, line=first + 1))
        self.warnings.append(
            ReadWarning(
                Location(self.path, first + 1),
                f"{kind}{where} is not part of the authoring format; kept as unclassified",
            )
        )


def read_markdown(text: str, *, source: str, settings: Settings) -> ReadResult:
    """Read one feature in the Markdown authoring format; raise ReadError naming the line at fault."""
    normalised = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    walk = _Walk(path=source, lines=normalised.split("\n"))
    tokens = _parser().parse(normalised)
    if not tokens or tokens[0].type != "front_matter":
        if walk.lines[0].strip() == "---":
            raise walk.fail("the front matter opened here is never closed with a '---' line", 1)
        raise walk.fail(
            "a feature starts with front matter: a '---' line, 'title: ...', and another '---' line", 1
        )
    front = _read_front_matter(tokens[0], walk)
    for token, inner in _blocks_of(tokens, 1):
        if token.type == "paragraph_open":
            # Only Unicode spaces (U+3000, NBSP...): a blank line to a reader, as
            # in the legacy format, not an empty paragraph (issue 10 item 10).
            if text := _plain(inner[0]):
                walk.blocks.append(Paragraph(text=text))
        elif token.type == f"container_{_CONTAINER}_open":
            _take_container(walk, token, inner)
        else:
            walk.keep_unclassified(token)
    # `work:` is the key aligning editions of one work, not part of any edition (issue 12).
    work = front.pop("work", None)
    # `series_title:` names the series, not the feature (issue 14).
    series_title = front.pop("series_title", None)
    if series_title is not None and not front.get("series"):
        raise walk.fail(
            "front matter series_title needs the series it names: add 'series: ...'",
            _key_line(tokens[0], "series_title"),
        )
    # Front matter names the edition; else --language; else the text tells (issue 12).
    front.setdefault("language", settings.language or detect_language(normalised))
    try:
        feature = Feature.model_validate({**front, "blocks": walk.blocks})
    except ValidationError as exc:
        error = exc.errors()[0]
        key = str(error["loc"][0]) if error["loc"] else "title"
        raise walk.fail(f"front matter {key}: {error['msg']}", _key_line(tokens[0], key)) from None
    return ReadResult(
        feature=feature,
        source=source,
        warnings=tuple(walk.warnings),
        work=str(work) if work else None,
        quiz=walk.quiz,
        quiz_line=walk.quiz_line,
        series_title=str(series_title).strip() if series_title else None,
    )


def _blocks_of(tokens: Sequence[Token], start: int) -> Iterator[tuple[Token, list[Token]]]:
    """Yield each block at one nesting level: its opening token and the tokens inside it."""
    index = start
    while index < len(tokens):
        token = tokens[index]
        if token.nesting != 1:
            yield token, []
            index += 1
            continue
        depth, end = 1, index + 1
        while depth:
            depth += tokens[end].nesting
            end += 1
        yield token, list(tokens[index + 1 : end - 1])
        index = end


def _plain(inline: Token) -> str:
    """A paragraph's plain text: its source lines joined by one space, escapes undone."""
    return unescape(" ".join(line.strip() for line in inline.content.split("\n")))


def _key_line(front: Token, key: str) -> int:
    """The 1-based line of a front matter key, or of the opening '---' when it is absent."""
    for offset, line in enumerate(front.content.split("\n")):
        match = _KEY_LINE.match(line)
        if match and match.group(1) == key:
            return offset + 2  # the content starts on the line after '---'
    return 1


def _read_front_matter(token: Token, walk: _Walk) -> dict[str, object]:
    """Parse and check the YAML front matter; the Feature model does the final validation."""
    try:
        data = yaml.safe_load(token.content)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise walk.fail(f"the front matter is not valid YAML: {problem}", line) from None
    if not isinstance(data, dict):
        raise walk.fail("the front matter must be 'key: value' lines, starting with 'title: ...'", 1)
    for key in data:
        if key not in FRONT_MATTER_KEYS:
            raise walk.fail(
                f"unknown front matter key {_shown(key)}; the keys are {', '.join(FRONT_MATTER_KEYS)}",
                _key_line(token, str(key)),
            )
    title = data.get("title")
    if title is None or (isinstance(title, str) and not title.strip()):
        raise walk.fail("the front matter has no title; add a line 'title: ...'", _key_line(token, "title"))
    for key in ("title", "series", "series_title", "language", "hero", "slug", "work"):
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            raise walk.fail(
                f"front matter {key} must be text, not {_shown(value)}; put it in quotes",
                _key_line(token, key),
            )
    part = data.get("part")
    if part is not None and (isinstance(part, bool) or not isinstance(part, int) or part < 0):
        raise walk.fail(
            f"front matter part must be a whole number like 4, not {_shown(part)}", _key_line(token, "part")
        )
    language = data.get("language")
    if isinstance(language, str) and language.strip():
        try:
            data["language"] = language_tag(language)
        except UnknownLanguageError as exc:
            raise walk.fail(f"front matter language: {exc}", _key_line(token, "language")) from None
    written = data.get("date")
    if isinstance(written, dt.date) and not isinstance(written, dt.datetime):
        data["date"] = written.isoformat()  # YAML reads 2013-03-22 as a date
    elif written is not None and not isinstance(written, str):
        problem = f"front matter date must be a day like 2013-03-22, not {_shown(written)}"
        raise walk.fail(problem, _key_line(token, "date"))
    hero = data.get("hero")
    if hero is not None and not is_media_id(str(hero)):
        raise walk.fail(
            f"front matter hero {_shown(hero)} is not a media ID like mainsite_psd_neizhanyi04_9",
            _key_line(token, "hero"),
        )
    # Absent or empty optional keys take the model's defaults (language "en", a slug from the title).
    return {key: value for key, value in data.items() if value is not None and value != ""}


def _shown(value: object) -> str:
    """Show a YAML value in a message; never the whole of a list or mapping (aliases can make it huge)."""
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "a mapping"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _take_container(walk: _Walk, token: Token, inner: list[Token]) -> None:
    """Turn one `::: name ...` container into its block, checking its name, argument and body."""
    first, last = token.map or (0, 0)
    line = first + 1
    name, argument = ([*token.info.split(None, 1), "", ""])[:2]
    argument = argument.strip()
    if not name:
        raise walk.fail(
            "a ':::' line with no container open; close each container once, and name it when "
            f"opening (::: {' | '.join(CONTAINER_NAMES)})",
            line,
        )
    if name == QUIZ:
        _take_quiz(walk, token, inner, line)
        return
    if name not in CONTAINER_NAMES:
        raise walk.fail(f"unknown container '::: {name}'; use one of {', '.join(CONTAINER_NAMES)}", line)
    if last >= len(walk.lines) or not _CLOSING_FENCE.match(walk.lines[last]):
        raise walk.fail(f"'::: {name}' is never closed; end it with a ':::' line", line)
    paragraphs: list[str] = []
    paragraph_lines: list[int] = []
    strays: list[Token] = []
    alt: str | None = None
    for child, content in _blocks_of(inner, 0):
        if child.type == "paragraph_open":
            if name == "figure" and not paragraphs and alt is None:
                alt, content[0].content = _split_alt(content[0].content)
            if text := _plain(content[0]):
                paragraphs.append(text)
                paragraph_lines.append((child.map or (first, 0))[0] + 1)
        elif child.type == f"container_{_CONTAINER}_open":
            raise walk.fail(
                f"a container opens inside '::: {name}' (line {line}); close that one with ':::' first",
                (child.map or (first, 0))[0] + 1,
            )
        else:
            strays.append(child)
    block = _make_block(walk, name, argument, paragraphs, paragraph_lines, line)
    if alt:
        if len(alt) > ALT_MAX_LENGTH:
            raise walk.fail(
                f"alt text is short (at most {ALT_MAX_LENGTH} characters; this one has {len(alt)}): "
                "say what the photo shows and leave the rest to the caption",
                line + 1,
            )
        block = block.model_copy(update={"alt": alt})
    walk.blocks.append(block)
    for stray in strays:
        walk.keep_unclassified(stray, f" inside '::: {name}' (line {line})")


def _take_quiz(walk: _Walk, token: Token, inner: list[Token], line: int) -> None:
    """`::: quiz` then item ids (one a line, or separated by spaces): the approved set it pins."""
    if walk.quiz is not None:
        first = walk.quiz_line
        raise walk.fail(f"a second '::: quiz' (the first is on line {first}); list every id in one", line)
    if token.info.split(None, 1)[1:]:
        raise walk.fail("'::: quiz' takes no argument; put the item ids on the lines below it", line)
    ids: list[str] = []
    for child, content in _blocks_of(inner, 0):
        where = (child.map or (line - 1, 0))[0] + 1
        if child.type != "paragraph_open":
            raise walk.fail("'::: quiz' holds item ids only, like order-6ed0e967", where)
        for word in content[0].content.replace(",", " ").split():
            if not _ITEM_ID.match(word):
                raise walk.fail(
                    f"{_shown(word)} is not a self-check item id like order-6ed0e967 "
                    "(see `handscroll quiz SLUG`)",
                    where,
                )
            if word not in ids:
                ids.append(word)
    walk.quiz, walk.quiz_line = tuple(ids), line


def _split_alt(content: str) -> tuple[str | None, str]:
    """Take an `alt: ...` first line off a figure's first paragraph: (alt text or None, the rest)."""
    first, _, rest = content.partition("\n")
    match = _ALT_LINE.match(first)
    if match is None:
        return None, content
    return unescape(match.group(1).strip()), rest


def _make_block(
    walk: _Walk, name: str, argument: str, paragraphs: list[str], paragraph_lines: list[int], line: int
) -> _AnyBlock:
    """Build the block a container names, or raise ReadError at its opening line."""
    body = tuple(paragraphs)
    if name == "question":
        prompt = unescape(argument)
        if not prompt:
            raise walk.fail("'::: question' needs its prompt on the same line: '::: question Why ...?'", line)
        return Question(prompt=prompt, answer=body)
    if name == "figure":
        if not is_media_id(argument):
            shown = f"{_shown(argument)} is not a media ID" if argument else "the media ID is missing"
            raise walk.fail(f"'::: figure' needs one media ID like mainsite_psd_neizhanyi04_1; {shown}", line)
        return Figure(media=argument, caption=body)
    if name == "note":
        return Note(kind=unescape(argument) or "ebook", text=body)
    if name == "unclassified":
        if not argument.isascii() or not argument.isdigit() or int(argument) < 1:
            raise walk.fail(
                "'::: unclassified' needs the source line it came from, like '::: unclassified 42'; "
                f"got {_shown(argument)}",
                line,
            )
        # One paragraph per source line, so a kept list or table keeps its lines.
        return Unclassified(text="\n".join(paragraphs), line=int(argument))
    if len(paragraphs) > 1:
        raise walk.fail("'::: credit' holds one paragraph; a second one starts here", paragraph_lines[1])
    if argument:
        raise walk.fail("'::: credit' takes no argument; put the credit text on the next line", line)
    return Credit(text=paragraphs[0] if paragraphs else "")
