"""The feature model: the interchange shape of docs/model.md as frozen pydantic models.

Every stage speaks this shape: readers produce it, the store saves and loads it,
publishers render it. `Feature.to_json()` prints exactly the docs/model.md JSON and
`Feature.from_json()` takes it back, so the JSON reader is a one-liner.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from handscroll.model.slugs import slugify as slugify
from handscroll.text.languages import language_tag

MEDIA_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9-]*(?:_[A-Za-z0-9-]+)*_[0-9]+$"
"""A media ID is a stem and a number joined by an underscore (`mainsite_psd_neizhanyi04_9`).

The pattern admits no dots, slashes or spaces, so an ID can never name a path
outside the media folder.
"""

_MEDIA_ID = re.compile(MEDIA_ID_PATTERN)
_TRAILING_DIGITS = re.compile(r"[0-9]+$")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

MediaId = Annotated[str, Field(pattern=MEDIA_ID_PATTERN, max_length=200)]


def is_media_id(text: str) -> bool:
    """Say whether a stripped line is a media ID rather than prose."""
    return len(text) <= 200 and _MEDIA_ID.match(text) is not None


def series_of_media(media: str) -> str:
    """Name the series a media ID belongs to: its stem without trailing digits.

    `mainsite_psd_neizhanyi04_9` has the stem `mainsite_psd_neizhanyi04`, and
    the series `mainsite_psd_neizhanyi` (the `04` is the part number).
    """
    stem = media.rsplit("_", 1)[0]
    return _TRAILING_DIGITS.sub("", stem).rstrip("_-") or stem


class _Block(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Paragraph(_Block):
    """A paragraph of the narrative."""

    type: Literal["paragraph"] = "paragraph"
    text: str


ALT_MAX_LENGTH = 300
"""Alt text is short: what the photo shows for someone who cannot see it, not its caption (issue 13)."""


class Figure(_Block):
    """A gallery photo, its alt text and its caption paragraphs, in reading order.

    `alt` is its own short field, distinct from the caption; "" means not yet
    written (publishing from the workspace is refused until it is). JSON
    leaves an empty alt out, so features without one keep their content hash.
    """

    type: Literal["figure"] = "figure"
    media: MediaId
    alt: str = Field(default="", max_length=ALT_MAX_LENGTH, exclude_if=lambda alt: not alt)
    caption: tuple[str, ...] = ()

    @field_validator("alt")
    @classmethod
    def _alt_is_one_line(cls, value: str) -> str:
        if "\n" in value or "\r" in value:
            raise ValueError("alt text is a single line")
        return value


class Note(_Block):
    """An extended-reading box ("ebook") that stands between gallery photos."""

    type: Literal["note"] = "note"
    kind: str = "ebook"
    text: tuple[str, ...] = ()


HIDDEN_FIELDS = ("answer",)
"""Text fields a reader sees only on asking (a question's model answer): no timeline, map, glossary
link, snippet or self-check may give them away (issues 14, 15)."""


class Question(_Block):
    """A thinking question; its model answer stays hidden until the reader asks."""

    type: Literal["question"] = "question"
    prompt: str
    answer: tuple[str, ...] = ()


class Credit(_Block):
    """The photo credit line."""

    type: Literal["credit"] = "credit"
    text: str


class Unclassified(_Block):
    """A source line the reader could not place; kept with its line so nothing is lost."""

    type: Literal["unclassified"] = "unclassified"
    text: str
    line: int = Field(ge=1)


Block = Annotated[
    Paragraph | Figure | Note | Question | Credit | Unclassified,
    Field(discriminator="type"),
]
"""One block of a feature's body, told apart by its `type`."""

BLOCK_TYPES: tuple[type[_Block], ...] = (Paragraph, Figure, Note, Question, Credit, Unclassified)


class Feature(BaseModel):
    """One illustrated history feature: a numbered part of a series.

    The first six fields are the interchange shape of docs/model.md; `slug` names the feature in
    the library and in URLs. `date` is the document's own date, for a source that is a dated
    document (a letter, a report): its "today", "Friday" and "last year" count from it (issue 16).
    JSON leaves an absent date out, so undated features keep their content hash.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=1)
    part: int | None = Field(default=None, ge=0)
    series: str | None = None
    language: str = "en"
    hero: MediaId | None = None
    date: str | None = Field(default=None, exclude_if=lambda date: date is None)
    blocks: tuple[Block, ...] = ()
    slug: str = Field(default="", pattern=r"^$|^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)

    @field_validator("series")
    @classmethod
    def _no_empty_series(cls, value: str | None) -> str | None:
        # An empty key is no series: Markdown front matter reads `series: ''` back as none,
        # so keeping "" would make one feature two (found by benchmarks/robustness.py).
        return value or None

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        # Editions pair up by language, so an unknown tag is refused, never stored (issue 12).
        return language_tag(value)

    @field_validator("date")
    @classmethod
    def _date_is_a_day(cls, value: str | None) -> str | None:
        # A document date names a day (2013-03-22): the tagger counts "yesterday" from it.
        if value is not None:
            if not _DAY.fullmatch(value):
                raise ValueError("a document date is a day written YYYY-MM-DD, such as 2013-03-22")
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"{value} is not a day of the calendar") from None
        return value

    @field_validator("title")
    @classmethod
    def _title_is_one_line(cls, value: str) -> str:
        if "\n" in value or "\r" in value:
            raise ValueError("a title is a single line")
        return value

    @model_validator(mode="before")
    @classmethod
    def _fill_slug(cls, data: object) -> object:
        # A slug is always present once a feature exists, so the store and the
        # web never have to guess one.
        if isinstance(data, dict) and not data.get("slug") and isinstance(data.get("title"), str):
            part = data.get("part")
            slug = slugify(data["title"], part=part if isinstance(part, int) else None)
            language = data.get("language")
            if isinstance(language, str) and language.startswith("zh-"):
                # Editions share a part and often their pinyin: the language keeps them apart (issue 12).
                slug = f"{slug[: 120 - len(language) - 1]}-{language.lower()}"
            data = {**data, "slug": slug}
        return data

    @property
    def figures(self) -> tuple[Figure, ...]:
        """The gallery photos in reading order."""
        return tuple(b for b in self.blocks if isinstance(b, Figure))

    @property
    def media_ids(self) -> tuple[str, ...]:
        """Every media ID the feature refers to, hero first, without repeats."""
        seen = dict.fromkeys(([self.hero] if self.hero else []) + [f.media for f in self.figures])
        return tuple(seen)

    def to_json(self, *, indent: int | None = 1) -> str:
        """Serialise to the docs/model.md JSON shape (UTF-8 text, Chinese unescaped)."""
        return self.model_dump_json(indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes) -> Feature:
        """Read the docs/model.md JSON shape back; raises pydantic.ValidationError."""
        return cls.model_validate_json(text)

    def content_hash(self) -> str:
        """A stable hash of the content, so imports can tell changed from unchanged."""
        return hashlib.sha256(self.to_json(indent=None).encode()).hexdigest()


class Series(BaseModel):
    """A series of features, known by a key (from media IDs or front matter)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    title: str | None = None
