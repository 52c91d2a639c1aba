"""What a self-check item is: a prompt, its choices, the right answer and where it came from.

Items are plain frozen data so every publisher (reader, GIFT, H5P) renders
the same item the same way, and an item's id is a hash of its content: when
the text changes, the item changes, and an approval of the old one no longer
applies.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from handscroll.learn import wording
from handscroll.model import Span

ItemKind = Literal["order", "first", "date", "term", "place", "picture"]
"""Put events in order; which came first; date it (a year); the Chinese name of an English one;
which place a sentence names; which picture a caption describes."""


@dataclass(frozen=True)
class Source:
    """Where an item's fact was read: the span of the words and the sentence around them."""

    span: Span
    sentence: str
    term: str | None = None
    """For a glossary fact, the English name of the term (the reader links to its entry);
    None for a dated event (the reader links to the date's words)."""


@dataclass(frozen=True)
class QuizItem:
    """One self-check item: only what the text gives; `wording` puts the interface's words around it.

    `subject` is what the prompt asks about: the sentence with its date or
    place blanked (`date`, `place`), the English name (`term`), the caption
    (`picture`); empty for `order` and `first`, whose events are the choices.
    `choices` are shown in this order. For a choice item `answer` holds the one
    right index; for `order` it lists the choice indices in time order. A
    `date` item has no choices: the answer is `year`, within `tolerance` years.
    `events` are the words dating each event the feedback names, in time order
    (`order`, `first`, `date`); `pinyin` is a term's. A `place` item gives each
    choice's (latitude, longitude) in `points`, so it can be answered on a map;
    a `picture` item gives each choice's media ID in `media` (its choice text
    is the picture's alt text).
    """

    kind: ItemKind
    subject: str
    choices: tuple[str, ...]
    answer: tuple[int, ...]
    sources: tuple[Source, ...]
    events: tuple[str, ...] = ()
    pinyin: str = ""
    year: int | None = None
    tolerance: int = 0
    points: tuple[tuple[float, float], ...] = ()
    media: tuple[str, ...] = ()
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", item_id(self))

    @property
    def label(self) -> str:
        """The kind as readers see it, in English (`wording.kind_label` in another language)."""
        return wording.kind_label(self.kind)

    @property
    def prompt(self) -> str:
        """The question in English (`wording.prompt` in another language)."""
        return wording.prompt(self)

    @property
    def feedback(self) -> str:
        """The answer in words, in English (`wording.feedback` in another language)."""
        return wording.feedback(self)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (`handscroll quiz --format json`), with the English wording."""
        data = asdict(self) | {"label": self.label, "prompt": self.prompt, "feedback": self.feedback}
        data["sources"] = [
            {"block": s.span.ref.block, "field": s.span.ref.field, "index": s.span.ref.index,
             "start": s.span.start, "end": s.span.end, "sentence": s.sentence, "term": s.term}
            for s in self.sources
        ]  # fmt: skip
        return data


def item_id(item: QuizItem) -> str:
    """A short hash of what the reader sees (in English) and where it came from."""
    where = [(s.span.ref.block, s.span.ref.field, s.span.ref.index, s.span.start) for s in item.sources]
    content: list[object] = [
        item.kind,
        item.prompt,
        item.choices,
        item.answer,
        item.year,
        item.tolerance,
        where,
    ]
    if item.media:  # only the new kinds add to the content, so older ids stay as they were
        content.append(item.media)
    digest = hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()
    return f"{item.kind}-{digest[:8]}"


@dataclass(frozen=True)
class Rejection:
    """An item that was not made, and why (reported by `handscroll quiz` and the benchmark)."""

    kind: ItemKind
    reason: str
    detail: str


@dataclass(frozen=True)
class QuizSet:
    """A feature's proposed items, and the reasons the others were not generated."""

    slug: str
    items: tuple[QuizItem, ...]
    rejections: tuple[Rejection, ...]

    def approved(self, ids: frozenset[str] | set[str]) -> tuple[QuizItem, ...]:
        """The items an editor has approved, in generation order."""
        return tuple(item for item in self.items if item.id in ids)
