"""The Markdown writer: a Feature in the authoring format of docs/authoring.md.

`read_markdown(write_markdown(feature))` gives the same feature back. Text in
the model is plain text, so the writer escapes only what Markdown would read
as structure: a backslash before ASCII punctuation (the reader undoes such
escapes) and a leading character that would start a heading, list, quote,
code fence, thematic break, HTML block or `:::` container.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

import yaml

from handscroll.model import Credit, Feature, Figure, Note, Paragraph, Question, Unclassified

_BACKSLASH_BEFORE_PUNCTUATION = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ORDERED_LIST = re.compile(r"^([0-9]+)([.)])")
_ALT_START = re.compile(r"^([ \t]*alt):")
_BLOCK_STARTERS = frozenset("#>+-*_=`~<:[")
"""First characters that can open a block (or, for `[`, a link definition elsewhere)."""

_NO_WRAP = 1_000_000  # keep each front matter value on its own single line
_YAML_LINE_BREAKS = ("\x85", "\u2028", "\u2029")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff\ud800-\udfff]")
"""What libyaml's emitter writes as `\\U` escapes where PyYAML's own writes the character."""


class _FrontMatterDumper(yaml.SafeDumper):
    """YAML's safe dumper, double-quoting text that holds a YAML-only line break.

    Plain and single-quoted scalars would write NEL or U+2028 as a line break,
    which the loader folds into a space; double quotes escape it.
    """


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if any(mark in text for mark in _YAML_LINE_BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_FrontMatterDumper.add_representer(str, _represent_text)


class _FastFrontMatterDumper(getattr(yaml, "CSafeDumper", _FrontMatterDumper)):  # type: ignore[misc]
    """The same with libyaml's emitter, where PyYAML was built with it: a tenth of the time.

    Its output is byte for byte PyYAML's for text within the Basic Multilingual
    Plane (tests/test_markdown_front_matter.py compares them); text beyond it
    (Han Extension B and up, emoji) goes through `_FrontMatterDumper`.
    """


_FastFrontMatterDumper.add_representer(str, _represent_text)


def write_markdown(feature: Feature, quiz: Collection[str] | None = None) -> str:
    """Write a feature as Markdown an editor can read, change and import again.

    A paragraph is one line, so line breaks inside a text become spaces and
    edge whitespace goes, as the reader would do; a paragraph (or caption,
    answer, note line) that is blank carries nothing and is not written.
    Raises ValueError for a question without a prompt, which the format
    cannot hold. `quiz`, the ids of the approved self-check items, is written
    as a `::: quiz` container that pins them when the file is imported again.
    """
    parts = [_front_matter(feature)]
    for block in feature.blocks:
        if isinstance(block, Paragraph):
            if _one_line(block.text):
                parts.append(escape_text(block.text))
        elif isinstance(block, Figure):
            parts.append(_figure(block))
        elif isinstance(block, Note):
            parts.append(_container(f"note {escape_text(block.kind)}".rstrip(), block.text))
        elif isinstance(block, Question):
            if not _one_line(block.prompt):
                raise ValueError("a question without a prompt cannot be written as Markdown")
            parts.append(_container(f"question {escape_text(block.prompt)}", block.answer))
        elif isinstance(block, Credit):
            parts.append(_container("credit", [block.text]))
        elif isinstance(block, Unclassified):
            # One paragraph per line: the reader joins them back with line breaks.
            parts.append(_container(f"unclassified {block.line}", _LINE_BREAK.split(block.text)))
    if quiz is not None:
        parts.append(f"::: quiz\n{chr(10).join(sorted(quiz))}\n:::" if quiz else "::: quiz\n:::")
    return "\n\n".join(parts) + "\n"


def escape_text(text: str) -> str:
    """Write one text as a single Markdown line that reads back as exactly this text."""
    line = _BACKSLASH_BEFORE_PUNCTUATION.sub(r"\\\\", _one_line(text))
    if line[:1] in _BLOCK_STARTERS:
        return "\\" + line
    # "1945. The war ends" would be an ordered list item.
    return _ORDERED_LIST.sub(r"\1\\\2", line, count=1)


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in _LINE_BREAK.split(text) if part.strip())


def _front_matter(feature: Feature) -> str:
    fields: dict[str, object] = {"title": feature.title}
    if feature.part is not None:
        fields["part"] = feature.part
    if feature.series is not None:
        fields["series"] = feature.series
    fields["language"] = feature.language
    if feature.hero is not None:
        fields["hero"] = feature.hero
    if feature.date is not None:
        fields["date"] = feature.date
    if feature.slug:
        fields["slug"] = feature.slug
    beyond = any(isinstance(v, str) and _BEYOND_BMP.search(v) for v in fields.values())
    dumper = _FrontMatterDumper if beyond else _FastFrontMatterDumper
    body = yaml.dump(fields, Dumper=dumper, allow_unicode=True, sort_keys=False, width=_NO_WRAP)
    return f"---\n{body}---"


def _figure(figure: Figure) -> str:
    """`::: figure ID`, its `alt:` line (issue 13), then its caption; a caption line that would
    read as an alt line gets its colon escaped."""
    caption = [_ALT_START.sub(r"\1\\:", escape_text(text)) for text in figure.caption if _one_line(text)]
    lines = [f"alt: {escape_text(figure.alt)}"] if _one_line(figure.alt) else []
    body = "\n\n".join(lines + caption)
    return f"::: figure {figure.media}\n{body}\n:::" if body else f"::: figure {figure.media}\n:::"


def _container(head: str, texts: Iterable[str]) -> str:
    body = "\n\n".join(escape_text(text) for text in texts if _one_line(text))
    return f"::: {head}\n{body}\n:::" if body else f"::: {head}\n:::"
