"""Property tests of the legacy text reader: it reads what was written, and never loses a line.

(a) Generated documents: a random Feature is written out in the legacy format,
    with the variations real exports show (line endings, BOMs, UTF-16, NBSP,
    stray spaces, single or repeated media IDs, chrome), and must read back
    as exactly that Feature.
(b) Mutated documents: lines of such a document are deleted, duplicated,
    swapped or inserted. The reader may refuse the file (ReadError, nothing
    else), but when it returns, every non-blank line must be accounted for in
    `ReadResult.lines` and in the feature (DESIGN.md: "Nothing is ever dropped
    silently").
(c) Chrome inserted anywhere changes nothing: it carries no content.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from handscroll.config import ANSWER_MARKER, DEFAULT_CHROME_LINES, Settings
from handscroll.errors import ReadError
from handscroll.ingest import LineKind, ReadResult, read_path
from handscroll.ingest.normal_form import to_nfc
from handscroll.model import (
    Credit,
    Feature,
    Figure,
    Note,
    Paragraph,
    Question,
    Unclassified,
    is_media_id,
)

SETTINGS = Settings()
PROPERTY = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
DRAG = DEFAULT_CHROME_LINES[0]


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def clean(line: str) -> str:
    """A line as DESIGN.md says the reader sees it: NBSPs are spaces, edges are not content."""
    for odd in ("\u00a0", "\u202f", "\u2007"):
        line = line.replace(odd, " ")
    return line.replace("\ufeff", "").strip()


def split_lines(text: str) -> list[str]:
    """Lines as editors number them: CRLF, CR and LF all end a line."""
    return re.split(r"\r\n|\r|\n", text)


CHROME = {fold(c) for c in SETTINGS.chrome_lines}
SPECIAL = CHROME | {fold(ANSWER_MARKER), "ebook"}
CREDIT_START = re.compile(r"^source of\b", re.IGNORECASE)
PART_TITLE = re.compile(r"^\(\d{1,4}\)")

# ---------------------------------------------------------------- strategies

WORD_CHARS = st.one_of(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
    st.sampled_from("國共內戰重慶毛澤東蔣介石北平南京長江瀋陽淮海"),
    st.sampled_from("(),.;:'’“”-–—!?？、，。「」"),
    st.characters(categories=["L", "N", "P", "S"], exclude_characters="\ufeff"),
)
WORD = st.text(WORD_CHARS, min_size=1, max_size=8)


@st.composite
def texts(draw: st.DrawFn, min_words: int = 2, max_words: int = 8) -> str:
    """A clean line of prose: several words, so never a media ID, never a marker."""
    words = draw(st.lists(WORD, min_size=min_words, max_size=max_words))
    text = " ".join(words)
    assume(fold(text) not in SPECIAL and not CREDIT_START.match(text))
    return text


@st.composite
def series_keys(draw: st.DrawFn) -> str:
    """A series key whose last segment ends in a letter, as `series_of_media` expects."""
    head = draw(st.from_regex(r"[a-z][a-z0-9]{0,6}(_[a-z0-9]{1,5}){0,2}", fullmatch=True))
    tail = draw(st.from_regex(r"[a-z]{1,8}", fullmatch=True))
    return f"{head}_{tail}"


@dataclass
class Doc:
    """A generated document: the lines as written, and the Feature they mean."""

    lines: list[str]
    feature: Feature
    prompts: list[str] = field(default_factory=list)


def _decorate(draw: st.DrawFn, text: str) -> str:
    """Write a clean line the way exports do: stray edge spaces, NBSP for some spaces."""
    if draw(st.booleans()):
        nbsp = draw(st.sampled_from(["\u00a0", "\u202f", "\u2007"]))
        text = "".join(nbsp if ch == " " and draw(st.booleans()) else ch for ch in text)
    left = draw(st.sampled_from(["", "", " ", "\u00a0\u00a0\u00a0", "\t", "\u3000"]))
    right = draw(st.sampled_from(["", "", " ", "  ", "\u00a0", "\t"]))
    return f"{left}{text}{right}"


def _variant(draw: st.DrawFn, text: str) -> str:
    """A marker or chrome line as exports vary it: case and spacing."""
    return draw(st.sampled_from([text, text.upper(), text.lower(), text.replace(" ", "  ")]))


@st.composite
def documents(draw: st.DrawFn) -> Doc:
    """A random valid legacy document and the Feature it must read as."""
    series = draw(series_keys())
    part = draw(st.none() | st.integers(0, 9999))
    stem = f"{series}{part if part is not None else draw(st.integers(0, 99)):02d}"
    media_pool = [f"{stem}_{n}" for n in range(1, 16)]

    title = draw(texts(1, 6))
    assume(not PART_TITLE.match(title) and not is_media_id(title))
    hero = draw(st.none() | st.sampled_from(media_pool))
    paragraphs = draw(st.lists(texts(), max_size=3))
    question = draw(st.none() | texts())
    answer = draw(st.lists(texts(), min_size=1, max_size=2))
    question_at = draw(st.integers(0, len(paragraphs)))
    gallery = draw(
        st.lists(
            st.one_of(
                st.tuples(
                    st.just("figure"), st.sampled_from(media_pool), st.lists(texts(), min_size=1, max_size=2)
                ),
                st.tuples(st.just("note"), st.just(""), st.lists(texts(), max_size=2)),
            ),
            max_size=8,
        )
    )
    credit_by = draw(st.none() | texts(1, 6))
    credit_head = draw(st.sampled_from(["Source of", "SOURCE OF", "source of"]))
    credit = None if credit_by is None else f"{credit_head} {credit_by}"

    every_text = [title, *paragraphs, *(t for item in gallery for t in item[2])]
    if question is not None:
        every_text += [question, *answer]
    if credit is not None:
        every_text.append(credit)
    # Texts are unique, as in real features: a repeated line means a question.
    assume(len(set(every_text)) == len(every_text))

    # Units are groups of lines that must stay together; chrome and blank
    # lines may fall between units but not inside them.
    units: list[list[str]] = []
    blocks: list[object] = []
    if draw(st.booleans()):
        units.append([_variant(draw, DRAG)])
    if part is None:
        units.append([_decorate(draw, title)])
    else:
        number = draw(st.sampled_from([str(part), f"{part:02d}", f"{part:04d}"]))
        gap = draw(st.sampled_from(["", " ", "  ", "\u00a0"]))
        units.append([_decorate(draw, f"({number}){gap}{title}")])

    def media_lines(media: str) -> list[str]:
        return [_decorate(draw, media) for _ in range(draw(st.sampled_from([1, 2, 2, 2, 3])))]

    if hero is not None:
        units.append(media_lines(hero))
    narrative: list[tuple[list[str], object]] = [
        ([_decorate(draw, p)], Paragraph(text=p)) for p in paragraphs
    ]
    if question is not None:
        asked = [_decorate(draw, question), _decorate(draw, _variant(draw, ANSWER_MARKER))]
        narrative.insert(question_at, (asked, Question(prompt=question, answer=tuple(answer))))
    for lines, block in narrative:
        units.append(lines)
        blocks.append(block)
    previous_media = hero if not narrative else None
    for kind, media, lines in gallery:
        if kind == "figure":
            # Two consecutive mentions of one ID are one mention, so a figure
            # right after the hero must be another picture.
            assume(media != previous_media)
            units.append([*media_lines(media), *(_decorate(draw, t) for t in lines)])
            blocks.append(Figure(media=media, caption=tuple(lines)))
        else:
            units.append([_decorate(draw, _variant(draw, "ebook")), *(_decorate(draw, t) for t in lines)])
            blocks.append(Note(kind="ebook", text=tuple(lines)))
        previous_media = None
    # A media ID before any block is the hero: without a hero, a feature must
    # not start with a figure.
    if hero is None:
        assume(not blocks or not isinstance(blocks[0], Figure))
    if question is not None:
        units.append([_decorate(draw, question), *(_decorate(draw, t) for t in answer)])
    if credit is not None:
        units.append([_decorate(draw, credit)])
        blocks.append(Credit(text=credit))

    lines: list[str] = []
    for unit in units:
        for line in unit:
            lines.append(line)
            lines.extend(draw(st.lists(st.sampled_from(["", "", " ", "\u00a0", "\t"]), max_size=2)))
        if draw(st.integers(0, 9)) == 0:
            lines.append(_variant(draw, DRAG))

    media = [hero] if hero else []
    media += [m for kind, m, _ in gallery if kind == "figure"]
    feature = Feature(
        title=title,
        part=part,
        series=series if media else None,
        hero=hero,
        blocks=tuple(blocks),  # type: ignore[arg-type]
    )
    return Doc(lines=lines, feature=feature, prompts=[question] if question else [])


ENCODINGS = ["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"]


def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-8":
        return text.encode("utf-8")
    if encoding == "utf-8-bom":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if encoding == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return codecs.BOM_UTF16_BE + text.encode("utf-16-be")


@st.composite
def files(draw: st.DrawFn, lines: list[str]) -> bytes:
    """Join lines with a random line ending and encoding."""
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    return encode(text, draw(st.sampled_from(ENCODINGS)))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("legacy")


def as_read(feature: Feature) -> dict[str, object]:
    """What reading gives for a feature: its text in NFC (issue 10), the language left aside."""
    return Feature.model_validate_json(to_nfc(feature.to_json())).model_dump(exclude={"language"})


def read_bytes_as_file(workdir: Path, data: bytes) -> ReadResult:
    path = workdir / "feature.txt"
    path.write_bytes(data)
    return read_path(path, SETTINGS)


# ---------------------------------------------------------------- (a) round trip


@PROPERTY
@given(data=st.data())
def test_generated_documents_read_back_as_written(workdir: Path, data: st.DataObject) -> None:
    doc = data.draw(documents())
    result = read_bytes_as_file(workdir, data.draw(files(doc.lines)))

    assert result.warnings == ()
    assert result.feature.model_dump(exclude={"language"}) == as_read(doc.feature)
    # Extension B counts as Han since issue 9 (text/cjk.py), so generated text may read as Simplified.
    assert result.feature.language in {"en", "zh-Hant", "zh-Hans"}
    assert LineKind.UNCLASSIFIED not in result.lines


# ---------------------------------------------------------------- (b) mutations

GARBAGE = st.one_of(
    texts(),
    WORD,
    st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"), max_size=30),
    st.sampled_from(
        [
            "ebook",
            "EBOOK",
            ANSWER_MARKER,
            DRAG,
            "?",
            "Why?",
            "Source of photos: somebody",
            "(7) Another title",
            "(12)",
            "x_1",
            "a" * 201 + "_1",
            "",
            "   ",
            "\u00a0",
        ]
    ),
)


@st.composite
def mutated_lines(draw: st.DrawFn, doc: Doc) -> list[str]:
    lines = list(doc.lines)
    pool = st.one_of(
        GARBAGE,
        st.sampled_from(lines) if lines else GARBAGE,
        st.sampled_from(doc.prompts) if doc.prompts else GARBAGE,
        st.from_regex(r"[a-z]{1,6}_[a-z0-9]{1,6}_[0-9]{1,3}", fullmatch=True),
    )
    for _ in range(draw(st.integers(1, 8))):
        operation = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "insert"]))
        if operation == "insert" or not lines:
            lines.insert(draw(st.integers(0, len(lines))), draw(pool))
            continue
        i = draw(st.integers(0, len(lines) - 1))
        if operation == "delete":
            del lines[i]
        elif operation == "duplicate":
            lines.insert(i, lines[i])
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
    return lines


def feature_texts(feature: Feature) -> Counter[str]:
    """Every text line a feature holds, as the source lines that made it."""
    found: Counter[str] = Counter()
    for block in feature.blocks:
        if isinstance(block, Paragraph | Credit):
            found[block.text] += 1
        elif isinstance(block, Figure):
            found.update(block.caption)
        elif isinstance(block, Note):
            found.update(block.text)
        elif isinstance(block, Question):
            found[block.prompt] += 1
            found.update(block.answer)
    return found


def check_every_line_accounted_for(raw_lines: list[str], result: ReadResult) -> None:
    feature = result.feature
    assert len(result.lines) == len(raw_lines)
    cleaned = [clean(line) for line in raw_lines]
    previous: str | None = None
    content: Counter[str] = Counter()
    media: Counter[str] = Counter()
    unclassified: list[tuple[int, str]] = []
    prompts = {b.prompt for b in feature.blocks if isinstance(b, Question)}
    for number, (kind, text) in enumerate(zip(result.lines, cleaned, strict=True), start=1):
        where = f"line {number} {text!r} is {kind}"
        if not text:
            assert kind is LineKind.BLANK, where
            continue
        assert kind is not LineKind.BLANK, where
        if kind is LineKind.TITLE:
            match = re.match(r"^\(\d{1,4}\)\s*(.+)$", text)
            assert text == feature.title or (match and match.group(1).strip() == feature.title), where
        elif kind is LineKind.CONTENT:
            content[text] += 1
        elif kind is LineKind.UNCLASSIFIED:
            unclassified.append((number, text))
        elif kind is LineKind.MEDIA:
            assert is_media_id(text), where
            media[text] += 1
        elif kind is LineKind.REPEATED_MEDIA:
            # The previous non-blank, non-chrome line.
            assert text == previous and is_media_id(text), where
        elif kind is LineKind.CHROME:
            assert fold(text) in CHROME, where
        elif kind is LineKind.MARKER:
            assert fold(text) == "ebook", where
        elif kind is LineKind.REPEATED_PROMPT:
            assert text in prompts, where
        if kind is not LineKind.CHROME:
            previous = text  # chrome is transparent: an ID's repeat may stand beyond it

    assert list(result.lines).count(LineKind.TITLE) == 1
    # Both ways: each content line is in the feature once, and the feature
    # holds no text that no line gave it.
    assert content == feature_texts(feature)
    assert unclassified == [(b.line, b.text) for b in feature.blocks if isinstance(b, Unclassified)]
    expected_media = Counter(f.media for f in feature.figures)
    if feature.hero:
        expected_media[feature.hero] += 1
    assert media == expected_media
    assert list(result.lines).count(LineKind.MARKER) == sum(isinstance(b, Note) for b in feature.blocks)


@PROPERTY
@given(data=st.data())
def test_mutated_documents_lose_no_line(workdir: Path, data: st.DataObject) -> None:
    doc = data.draw(documents())
    lines = data.draw(mutated_lines(doc))
    raw = data.draw(files(lines))
    try:
        result = read_bytes_as_file(workdir, raw)
    except ReadError as exc:
        assert exc.location.path.endswith("feature.txt")
        return
    text = (
        raw.decode("utf-16")
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        else raw.decode("utf-8-sig")
    )
    check_every_line_accounted_for(split_lines(to_nfc(text)), result)  # read in NFC (issue 10)


# ---------------------------------------------------------------- (c) chrome is transparent


@PROPERTY
@given(data=st.data())
def test_chrome_anywhere_changes_nothing(workdir: Path, data: st.DataObject) -> None:
    # "Site chrome lines carry no content" (DESIGN.md): one standing between an
    # ID and its repeat, or between a question and its marker, must not change
    # how those are read. Found by this property: it used to split the pair.
    doc = data.draw(documents())
    lines = list(doc.lines)
    for _ in range(data.draw(st.integers(1, 3))):
        lines.insert(data.draw(st.integers(0, len(lines))), _variant(data.draw, DRAG))
    result = read_bytes_as_file(workdir, data.draw(files(lines)))

    assert result.warnings == ()
    assert result.feature.model_dump(exclude={"language"}) == as_read(doc.feature)


def test_chrome_between_an_id_and_its_repeat(workdir: Path) -> None:
    lines = ["Title", "", "demo_a01_1", DRAG, "demo_a01_1", "", "Narrative.", "", "Why?", DRAG, ANSWER_MARKER]
    lines += ["demo_a01_2", DRAG, "demo_a01_2", "Caption.", "Why?", "Because."]
    result = read_bytes_as_file(workdir, "\n".join(lines).encode())
    assert result.warnings == ()
    assert result.feature.hero == "demo_a01_1"
    assert result.feature.blocks == (
        Paragraph(text="Narrative."),
        Question(prompt="Why?", answer=("Because.",)),
        Figure(media="demo_a01_2", caption=("Caption.",)),
    )
    assert result.lines[4] is result.lines[13] is LineKind.REPEATED_MEDIA
