"""Every text of a feature in reading order, each with an address annotations can point back to.

Enrichers read texts through `feature_texts`, never straight from blocks, so
that every annotation's provenance (block, field, paragraph, character span)
is computed one way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from handscroll.model import Credit, Feature, Figure, Note, Paragraph, Question, Unclassified


@dataclass(frozen=True, order=True)
class TextRef:
    """Where a text sits in a feature.

    `block` is the block's index (None for the title); `field` names the block
    field (`text`, `caption`, `prompt`, `answer`, `title`); `index` is the
    paragraph within a list field (0 otherwise).
    """

    block: int | None
    field: str
    index: int = 0

    def __str__(self) -> str:
        where = "title" if self.block is None else f"block {self.block} {self.field}"
        return f"{where}[{self.index}]" if self.field in ("caption", "answer") or self.index else where


@dataclass(frozen=True)
class Span:
    """A character span in one text of a feature: the provenance of an annotation."""

    ref: TextRef
    start: int
    end: int


def feature_texts(feature: Feature) -> Iterator[tuple[TextRef, str]]:
    """Yield the title, then every block's texts, in reading order."""
    yield TextRef(None, "title"), feature.title
    for number, block in enumerate(feature.blocks):
        if isinstance(block, Paragraph | Credit | Unclassified):
            yield TextRef(number, "text"), block.text
        elif isinstance(block, Figure):
            for index, text in enumerate(block.caption):
                yield TextRef(number, "caption", index), text
        elif isinstance(block, Note):
            for index, text in enumerate(block.text):
                yield TextRef(number, "text", index), text
        elif isinstance(block, Question):
            yield TextRef(number, "prompt"), block.prompt
            for index, text in enumerate(block.answer):
                yield TextRef(number, "answer", index), text


def text_at(feature: Feature, ref: TextRef) -> str:
    """The text a reference points to; KeyError when the feature has no such text."""
    for candidate, text in feature_texts(feature):
        if candidate == ref:
            return text
    raise KeyError(str(ref))
