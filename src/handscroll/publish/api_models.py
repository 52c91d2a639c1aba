"""Typed models of every JSON answer of the reader's API; `openapi.py` generates the description
from them (issue 9). Annotations reuse the output shapes of `publish.shapes`, so the API, the
CLI and the exports cannot drift apart; a test checks real answers against these schemas."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from handscroll.publish.shapes import GEOMETRY_FIELDS, FigureShape, GlossaryTerm, PlaceShape, TimelineEvent


class ApiModel(BaseModel):
    """An API answer: exactly these fields (a new field must be described here first)."""

    model_config = ConfigDict(extra="forbid")


class Error(ApiModel):
    """What went wrong, in a sentence."""

    error: str


class SeriesItem(ApiModel):
    """A series and how many features it has."""

    key: str
    title: str | None
    features: int
    url: str = Field(description="The series page.")


class ApiEndpoint(ApiModel):
    """One endpoint of the API, as the index lists it."""

    path: str = Field(description="Its path template, `{slug}` standing for a feature's slug.")
    summary: str


class ApiIndex(ApiModel):
    """What the API offers: every endpoint, and where its full description is."""

    endpoints: list[ApiEndpoint]
    openapi: str = Field(description="The OpenAPI 3.1 description of every endpoint.")


def _next() -> Any:
    """The `next` field of a paged answer (a new FieldInfo for each model)."""
    return Field(description="The next page: this URL with `cursor` set; null on the last page.")


class SeriesList(ApiModel):
    """Series of the library by key, one page at a time."""

    series: list[SeriesItem]
    next: str | None = _next()


class FeatureSummary(ApiModel):
    """A feature in the features list."""

    slug: str
    title: str
    part: int | None
    series: str | None
    language: str = Field(examples=["en", "zh-Hant"])
    hero: str | None = Field(description="Media ID of the lead picture.")
    figures: int = Field(description="How many gallery photos.")
    updated_at: datetime
    url: str = Field(description="This feature in the API.")
    html: str = Field(description="This feature's page.")
    work: str | None = Field(default=None, description="The key of the work it is an edition of (issue 12).")
    derived: bool = Field(
        default=False, description="A Simplified edition converted automatically from Traditional Chinese."
    )


class Edition(ApiModel):
    """One edition of a work (issue 12)."""

    slug: str
    language: str = Field(examples=["en", "zh-Hant", "zh-Hans"])
    title: str
    derived: bool = Field(description="Converted by machine from the Traditional edition, not written.")
    note: str | None = Field(
        description='"converted automatically from Traditional Chinese" for a derived edition, else null.'
    )
    url: str = Field(description="This edition in the API.")
    html: str = Field(description="This edition's page, in the reader of its language.")


class Editions(ApiModel):
    """The editions of the work a feature is an edition of: English, Traditional and Simplified
    Chinese (a feature that is an edition of no work is its own only edition)."""

    work: str | None = Field(description="The work's key: series and part, or the key given on import.")
    editions: list[Edition]


class FeaturePage(ApiModel):
    """Feature summaries by series and part (features in no series last), one page at a time."""

    limit: int = Field(description="The most items a page holds.")
    next: str | None = _next()
    items: list[FeatureSummary]


if TYPE_CHECKING:
    PlaceProperties = PlaceShape
else:
    PlaceProperties = create_model(
        "PlaceProperties",
        __doc__="A place's shape (see PlaceShape) without what GeoJSON carries as geometry.",
        __config__=ConfigDict(extra="forbid"),
        **{
            name: (info.annotation, info)
            for name, info in PlaceShape.model_fields.items()
            if name not in GEOMETRY_FIELDS
        },
    )


class Point(ApiModel):
    """A GeoJSON Point: [longitude, latitude]."""

    type: Literal["Point"]
    coordinates: list[float] = Field(min_length=2, max_length=2)


class PlaceFeature(ApiModel):
    """One place as a GeoJSON Feature; a region's box in `bbox` ([west, south, east, north])."""

    type: Literal["Feature"]
    geometry: Point
    properties: PlaceProperties
    bbox: list[float] | None = Field(default=None, min_length=4, max_length=4)


class PlaceCollection(ApiModel):
    """A feature's places as a GeoJSON FeatureCollection (RFC 7946)."""

    type: Literal["FeatureCollection"]
    features: list[PlaceFeature]


class FeatureEnrichment(ApiModel):
    """What enrichment found in one feature, every annotation with its span."""

    slug: str
    enriched: bool = Field(description="False when the feature was never enriched: the lists are empty.")
    feature_hash: str | None = Field(description="The content the enrichment was made from.")
    events: list[TimelineEvent]
    terms: list[GlossaryTerm]
    places: PlaceCollection
    figures: list[FigureShape]


class Timeline(ApiModel):
    """Dated events in time order, each linking to its words in its feature page, one page at a time."""

    events: list[TimelineEvent]
    next: str | None = _next()


class Glossary(ApiModel):
    """The bilingual glossary by English name, with the features that define each term, one page
    at a time."""

    terms: list[GlossaryTerm]
    next: str | None = _next()


class SearchMatch(ApiModel):
    """Where a match is; `anchor` is the id on the feature page (`fig-3`, `question-1`).

    `answer` is a question's hidden model answer: its snippet is the question, never the answer.
    """

    kind: Literal["paragraph", "figure", "note", "question", "answer"]
    number: int | None
    anchor: str | None
    label: str


class SearchEdition(ApiModel):
    """An edition of a work (issue 12)."""

    slug: str
    language: str
    title: str


class SearchPlace(ApiModel):
    """Another match in the same feature."""

    match: SearchMatch
    snippet: str = Field(description="Escaped HTML; matches in <mark>.")
    url: str = Field(description="The feature page at the match.")


class OlderName(ApiModel):
    """A historical name that matched: `name` is an older name of `modern`."""

    name: str
    modern: str


class SearchHit(ApiModel):
    """One work found, shown in the reader's language (`lang`) when it has an edition in it."""

    slug: str
    title: str
    series: str | None
    part: int | None
    language: str = Field(description="The language of the edition shown.")
    snippet: str = Field(description="Escaped HTML; matches in <mark>.")
    match: SearchMatch | None
    url: str = Field(description="The feature page at the match.")
    matched: SearchEdition | None = Field(
        description="The edition the snippet comes from, when it is not the one shown."
    )
    more: list[SearchPlace] = Field(description="Every other match in the feature, best first.")
    editions: list[SearchEdition] = Field(description="Every edition of the work (empty for one).")
    names: list[OlderName] = Field(description="Older names of places that matched.")


class SearchResults(ApiModel):
    """Results, best first (an empty query gives none and a message)."""

    query: str
    total: int = Field(description="Works found; when `total_exact` is false, at least this many.")
    total_exact: bool
    page: int
    per_page: int
    suggestion: str | None = Field(description="A correction from the library's words.")
    corrected: bool = Field(description="True when the results are the suggestion's.")
    messages: list[str]
    results: list[SearchHit]
