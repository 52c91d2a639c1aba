"""The Markdown reader: the authoring format of docs/authoring.md, its errors and warnings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handscroll.config import Settings
from handscroll.errors import ReadError
from handscroll.ingest.markdown import read_markdown
from handscroll.ingest.result import ReadResult
from handscroll.model import Credit, Figure, Note, Paragraph, Question, Unclassified

AUTHORING = Path(__file__).parents[2] / "docs" / "authoring.md"
FRONT = "---\ntitle: A Test\n---\n"


def read(text: str) -> ReadResult:
    return read_markdown(text, source="feature.md", settings=Settings())


def read_error(text: str) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read(text)
    return caught.value


def test_the_example_in_the_authoring_docs_reads_as_it_promises() -> None:
    examples = re.findall(r"^```markdown\n(.*?)^```$", AUTHORING.read_text(encoding="utf-8"), re.M | re.S)
    assert len(examples) == 1, "docs/authoring.md should hold one full ```markdown example"
    result = read(examples[0])
    assert result.warnings == ()
    feature = result.feature
    assert (feature.title, feature.part, feature.series, feature.language) == (
        "The Chongqing Negotiations",
        1,
        "handscroll_sample_chongqing",
        "en",
    )
    assert feature.hero == "handscroll_sample_chongqing01_1"
    assert feature.slug == "01-the-chongqing-negotiations"
    assert [type(b) for b in feature.blocks] == [
        Paragraph,
        Paragraph,
        Question,
        Figure,
        Note,
        Credit,
        Unclassified,
    ]
    first, _, question, figure, note, credit, kept = feature.blocks
    assert isinstance(first, Paragraph) and "\n" not in first.text
    assert first.text.startswith(
        "Two weeks after Japan announced its surrender, Mao Zedong (毛澤東) flew from Yan'an"
    )
    assert isinstance(question, Question) and question.prompt.endswith("prevent the civil war?")
    assert len(question.answer) == 2
    assert isinstance(figure, Figure) and len(figure.caption) == 1
    assert isinstance(note, Note) and note.kind == "ebook" and len(note.text) == 1
    assert credit == Credit(text="Source of pictures: handscroll sample collection.")
    assert kept == Unclassified(text="Please see the map in the printed edition", line=17)


def test_text_is_plain_only_escapes_are_undone() -> None:
    result = read(FRONT + "\n\\# *stays*  as &amp; `written` \\\\ C:\\path\nand   wraps\n")
    assert result.feature.blocks == (Paragraph(text="# *stays*  as &amp; `written` \\ C:\\path and   wraps"),)


def test_defaults_for_absent_front_matter_keys() -> None:
    feature = read(FRONT).feature
    assert (feature.part, feature.series, feature.language, feature.hero, feature.slug) == (
        None,
        None,
        "en",
        None,
        "a-test",
    )


def test_markdown_outside_the_format_is_kept_and_reported() -> None:
    body = [
        "# A Test",
        "- one\n- two",
        "```\ncode\n```",
        "<div>x</div>",
        "---",
        "| a | b |\n|---|---|\n| 1 | 2 |",
    ]
    text = FRONT + "\n" + "\n\n".join(body) + "\n"
    result = read(text)
    assert result.feature.blocks == (
        Unclassified(text="# A Test", line=5),
        Unclassified(text="- one\n- two", line=7),
        Unclassified(text="```\ncode\n```", line=10),
        Unclassified(text="<div>x</div>", line=14),
        Unclassified(text="---", line=16),
        Unclassified(text="| a | b |\n|---|---|\n| 1 | 2 |", line=18),
    )
    assert [w.location.line for w in result.warnings] == [5, 7, 10, 14, 16, 18]
    assert all(w.location.path == "feature.md" for w in result.warnings)
    assert "heading" in result.warnings[0].message and "table" in result.warnings[-1].message


def test_markdown_inside_a_container_is_kept_after_it() -> None:
    result = read(FRONT + "\n::: figure a_1\nCaption.\n\n- a list\n:::\n")
    assert result.feature.blocks == (
        Figure(media="a_1", caption=("Caption.",)),
        Unclassified(text="- a list", line=8),
    )
    assert [str(w.location) for w in result.warnings] == ["feature.md:8"]
    assert "inside '::: figure' (line 5)" in result.warnings[0].message


def test_a_link_definition_is_not_swallowed() -> None:
    assert read(FRONT + "\n[a]: /b\n").feature.blocks == (Paragraph(text="[a]: /b"),)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("title: A Test\n\nNo front matter.\n", 1, "starts with front matter"),
        ("---\ntitle: A Test\n\nNever closed.\n", 1, "never closed"),
        ("---\npart: 4\n---\n", 1, "no title"),
        ("---\ntitle: A Test\npart: four\n---\n", 3, "whole number"),
        ("---\ntitle: 1946\n---\n", 2, "put it in quotes"),
        ("---\ntitle: A Test\nhero: ../etc/passwd\n---\n", 3, "not a media ID"),
        ("---\ntitle: A Test\nslug: Not A Slug\n---\n", 3, "slug"),
        ("---\ntitle: A Test\nauthor: me\n---\n", 3, "unknown front matter key 'author'"),
        ("---\ntitle: [unclosed\nseries: s\n---\n", 3, "not valid YAML"),
        ("---\n- a list\n---\n", 1, "key: value"),
        (FRONT + "\nText.\n\n::: figure a_1\nCaption.\n", 7, "never closed"),
        (FRONT + "\n::: picture a_1\nCaption.\n:::\n", 5, "unknown container '::: picture'"),
        (FRONT + "\n::: figure\nCaption.\n:::\n", 5, "media ID is missing"),
        (FRONT + "\n::: figure not an id\nCaption.\n:::\n", 5, "'not an id' is not a media ID"),
        (FRONT + "\n::: question\nAn answer.\n:::\n", 5, "prompt"),
        (FRONT + "\n::: unclassified\nkept\n:::\n", 5, "source line"),
        (FRONT + "\n::: credit\nOne.\n\nTwo.\n:::\n", 8, "one paragraph"),
        (
            FRONT + "\n::: figure a_1\nCaption.\n\n::: note ebook\nNote.\n:::\n",
            8,
            "inside '::: figure' (line 5)",
        ),
        (FRONT + "\nText.\n\n:::\n", 7, "no container open"),
    ],
)
def test_errors_name_the_line(text: str, line: int, words: str) -> None:
    error = read_error(text)
    assert error.location.path == "feature.md"
    assert error.location.line == line, error.message
    assert words in error.message


def test_a_yaml_alias_bomb_is_refused_without_expanding_it() -> None:
    # Each level holds nine of the one before: 9**12 strings if anything expanded it.
    levels = ["&a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 13)]
    error = read_error(f"---\ntitle: [{', '.join(levels)}]\n---\n")
    assert error.location.line == 2
    assert "title must be text, not a list" in error.message


def test_source_hash_is_of_the_file_bytes(tmp_path: Path) -> None:
    import hashlib

    from handscroll.ingest import read_path

    path = tmp_path / "feature.md"
    path.write_bytes(b"\xef\xbb\xbf" + FRONT.encode())  # with a BOM: the bytes, not the text
    assert read_path(path, Settings()).source_hash == hashlib.sha256(path.read_bytes()).hexdigest()
