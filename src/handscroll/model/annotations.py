"""What the text says, as data: spans, dated events, glossary terms, places, key figures.

These are the enrichers' output and every later stage's input. They live in
the model layer, beside the feature, so the store and the publishers read
them without loading the enrichers (their gazetteer, date rules and fuzzy
matching). Every annotation points back to the text it came from by a `Span`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter

from handscroll.model.feature import Credit, Feature, Figure, Note, Paragraph, Question, Unclassified
from handscroll.model.timevalues import sort_key, year_of

ENRICHMENT_VERSION = 3
"""Bumped when the enrichers change what they find, so stored enrichments are redone
(2: a caption's aside about the picture is no glossary note, issue 14; 3: a name whose
Chinese begins 戴, 穿 or 手持 is a glossary term, not an aside about what someone wears)."""


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
    """Yield the title, then every block's texts, in reading order.

    Enrichers read texts through this, never straight from blocks, so every
    annotation's provenance is computed one way.
    """
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


@dataclass(frozen=True)
class Event:
    """A dated expression in context: what the timeline shows and links back from."""

    value: str
    text: str
    sentence: str
    span: Span
    mod: str | None = None

    @property
    def year(self) -> int | None:
        """The (start) year for grouping, or None when the value has no year (a decade, a century)."""
        return year_of(self.value)


def in_time_order(events: Iterable[Event]) -> list[Event]:
    """Events in time order; equal dates keep their reading order."""
    return sorted(events, key=lambda e: sort_key(e.value, e.mod))


@dataclass(frozen=True)
class Term:
    """One glossary entry: an English name with its Chinese forms, abbreviation and note.

    `chinese` is the form the text gave; `traditional` and `simplified` are both
    scripts of it. `pinyin` has tone marks and a space between syllables
    ("hā ěr bīn"); `pinyin_plain` is the same without tones, for search.
    `mentions` starts with the span of the definition ("Harbin (哈爾濱)"), then
    every later use of the English, the abbreviation or either Chinese form.
    """

    english: str
    chinese: str | None
    abbreviation: str | None
    note: str | None
    traditional: str | None
    simplified: str | None
    pinyin: str | None
    pinyin_plain: str | None
    mentions: tuple[Span, ...]
    # Left out of the stored JSON when None, so enrichments without aligned terms keep their bytes.
    aligned_from: Annotated[str | None, Field(exclude_if=lambda value: value is None)] = None
    """The language of the edition that named the term, when this edition only uses it and got
    it from its aligned edition (issue 12); None for a term the text defines itself."""

    @property
    def definition(self) -> Span:
        """Where the feature first defines the term."""
        return self.mentions[0]


PlaceKind = Literal["city", "region", "country", "site"]
"""What a place is: a region is drawn by its box, a site at its city."""

PlaceSource = Literal["gazetteer", "curated"]
"""Where a place's coordinates came from: GeoNames, or the curated list of historical names."""


@dataclass(frozen=True)
class Place:
    """A place the feature names, where it is today, and every span that names it.

    `name` is how the feature first names it in English ("Mukden", "Changchun
    Airport"); `modern_name` is the place today (for a site, its city). A
    region's `lat`/`lon` is a centroid and `bbox` (south, west, north, east)
    its extent; a country without a curated centroid is drawn at its capital.
    """

    name: str
    modern_name: str
    kind: PlaceKind
    lat: float
    lon: float
    chinese: str | None
    mentions: tuple[Span, ...]
    source: PlaceSource
    bbox: tuple[float, float, float, float] | None = None
    geonameid: int | None = None
    aligned_from: Annotated[str | None, Field(exclude_if=lambda value: value is None)] = None
    """The language of the edition that named the place, when this edition's Chinese name for
    it was resolved through its aligned edition (issue 12); None when the gazetteer knew it."""


@dataclass(frozen=True)
class FactFigure:
    """A key figure: its value, unit and what it counts, and the span of the whole phrase.

    `value` is the amount itself (1.5 million is 1500000); `unit` is a currency
    code, "%", "km" and the like, or None for a count; `counted` is the noun
    phrase the amount counts ("Soviet troops") or its context ("in industry
    alone"). `amount` is the number as written ("USD 2 billion") and `text`
    the whole phrase, which `span` points at.
    """

    value: int | float
    unit: str | None
    counted: str | None
    amount: str
    text: str
    span: Span


@dataclass(frozen=True)
class Enrichment:
    """Dated events, glossary terms, places and key figures of one feature, each with its span.

    It records the content hash of the feature it was made from, so the store
    can tell a current enrichment from a stale one and re-running is idempotent.
    """

    feature_hash: str
    events: tuple[Event, ...] = ()
    terms: tuple[Term, ...] = ()
    places: tuple[Place, ...] = ()
    figures: tuple[FactFigure, ...] = ()
    version: int = ENRICHMENT_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, for a JSON database column."""
        data: dict[str, Any] = _ADAPTER.dump_python(self, mode="json")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Enrichment:
        """Read `to_dict` data back."""
        return _ADAPTER.validate_python(data)

    def to_json(self) -> bytes:
        """Serialise for storage."""
        return _ADAPTER.dump_json(self)

    @classmethod
    def from_json(cls, data: str | bytes) -> Enrichment:
        """Read a stored enrichment back."""
        return _ADAPTER.validate_json(data)


_ADAPTER = TypeAdapter(Enrichment)
