"""The output shapes of annotations: one typed shape per thing, one set of names everywhere.

The CLI's JSON and CSV, the API and the CSV export all build these shapes, so
a timeline event, a glossary term or a place has the same fields whichever
door it leaves by (issue 9). `docs/formats.md` documents each one; `rows.py`
flattens them for CSV. Fields are always present: null when not known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from handscroll.model import Event, FactFigure, Feature, Place, Span, Term, TextRef
from handscroll.publish.datelabels import date_label
from handscroll.publish.enriched import event_anchor
from handscroll.store.records import GlossaryEntry, TimelineEntry

if TYPE_CHECKING:
    from handscroll.enrich.dates import TimeExpression


class Shape(BaseModel):
    """A frozen output shape; `dump` gives its JSON-ready data in field order."""

    model_config = ConfigDict(frozen=True)

    def dump(self) -> dict[str, Any]:
        """Plain JSON-ready data, nulls kept (a field is never missing)."""
        return self.model_dump(mode="json")


class SpanShape(Shape):
    """Where an annotation's words are: the block (null for the title), its field, the
    paragraph within that field, and character offsets into that paragraph."""

    block: int | None
    field: str
    paragraph: int
    start: int
    end: int


class TimelineEvent(Shape):
    """A dated event, with the feature it stands in and a link to its words."""

    value: str
    mod: str | None
    label: str
    year: int | None
    text: str
    sentence: str
    feature: str
    title: str
    part: int | None
    series: str | None
    span: SpanShape
    url: str | None


class GlossaryTerm(Shape):
    """A bilingual term; `span` and `mentions` are null in the library glossary, which
    merges the features that define the term (listed in `features`)."""

    english: str
    chinese: str | None
    traditional: str | None
    simplified: str | None
    pinyin: str | None
    pinyin_plain: str | None
    abbreviation: str | None
    note: str | None
    features: list[str]
    span: SpanShape | None
    mentions: list[SpanShape] | None
    aligned_from: str | None = None
    """The language of the aligned edition that named the term, when this feature only uses it
    (issue 12); null for a term the feature defines, and in the library glossary."""
    more_features: bool = False
    """In the library glossary: more features use the term than `features` lists (at most 20 a
    term; a search for the term finds every one)."""


class PlaceShape(Shape):
    """A place the feature names, with where it is today; `bbox` is [west, south, east, north]."""

    name: str
    modern_name: str
    kind: str
    lat: float
    lon: float
    bbox: list[float] | None
    chinese: str | None
    source: str
    geonameid: int | None
    feature: str
    span: SpanShape
    mentions: list[SpanShape]


class FigureShape(Shape):
    """A key figure: the amount, its unit, what it counts, and the phrase it stands in."""

    value: int | float
    unit: str | None
    counted: str | None
    amount: str
    text: str
    feature: str
    span: SpanShape


class DateShape(Shape):
    """A date expression of any text (`handscroll dates`): offsets into that text, no block."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    quant: str | None  # a SET's quantifier: EVERY, EACH
    freq: str | None  # a SET's frequency: 2X ("twice a week")


def span_shape(span: Span) -> SpanShape:
    """The output shape of a model span."""
    return SpanShape(
        block=span.ref.block, field=span.ref.field, paragraph=span.ref.index, start=span.start, end=span.end
    )


FeatureUrl = Callable[[str], str]
"""A feature page's address from its slug (`Urls.feature`, or absolute ones for an export)."""


def event_shapes(
    events: Iterable[Event], feature: Feature, feature_url: FeatureUrl | None = None
) -> list[TimelineEvent]:
    """A feature's events; `url` only when there is a reader to link to."""
    page = feature_url(feature.slug) if feature_url is not None else None
    return [
        _timeline_event(e.value, e.mod, e.year, e.text, e.sentence, e.span, feature, page) for e in events
    ]


def timeline_shapes(
    entries: Iterable[TimelineEntry], feature_url: FeatureUrl | None = None
) -> list[TimelineEvent]:
    """A library or series timeline, as the store gives it, in the same shape."""
    return [
        _timeline_event(
            e.value,
            e.mod,
            e.year,
            e.text,
            e.sentence,
            Span(TextRef(e.block, e.field, e.paragraph), e.start, e.end),
            e,
            None if feature_url is None else feature_url(e.slug),
        )
        for e in entries
    ]


def _timeline_event(
    value: str,
    mod: str | None,
    year: int | None,
    text: str,
    sentence: str,
    span: Span,
    source: Feature | TimelineEntry,
    page: str | None,
) -> TimelineEvent:
    """One event in the one timeline shape, from a feature's event or a stored timeline entry."""
    return TimelineEvent(
        value=value,
        mod=mod,
        label=date_label(value, mod),
        year=year,
        text=text,
        sentence=sentence,
        feature=source.slug,
        title=source.title,
        part=source.part,
        series=source.series,
        span=span_shape(span),
        url=None if page is None else f"{page}#{event_anchor(span.ref, span.start)}",
    )


def term_shapes(terms: Iterable[Term], slug: str) -> list[GlossaryTerm]:
    """A feature's glossary: each term with its definition's span and every mention."""
    return [
        GlossaryTerm(
            **_names(t),
            features=[slug],
            span=span_shape(t.definition),
            mentions=[span_shape(m) for m in t.mentions],
            aligned_from=t.aligned_from,
        )
        for t in terms
    ]


def glossary_shapes(entries: Iterable[GlossaryEntry]) -> list[GlossaryTerm]:
    """The library glossary: each term with the features that define it."""
    return [
        GlossaryTerm(**_names(e), features=list(e.slugs), span=None, mentions=None, more_features=e.more)
        for e in entries
    ]


def _names(term: Term | GlossaryEntry) -> dict[str, str | None]:
    return {
        "english": term.english,
        "chinese": term.chinese,
        "traditional": term.traditional,
        "simplified": term.simplified,
        "pinyin": term.pinyin,
        "pinyin_plain": term.pinyin_plain,
        "abbreviation": term.abbreviation,
        "note": term.note,
    }


def place_shapes(places: Iterable[Place], slug: str) -> list[PlaceShape]:
    """A feature's places, each with where it is first named and every mention."""
    shapes = []
    for p in places:
        bbox = None if p.bbox is None else [p.bbox[1], p.bbox[0], p.bbox[3], p.bbox[2]]
        shapes.append(
            PlaceShape(
                name=p.name,
                modern_name=p.modern_name,
                kind=p.kind,
                lat=p.lat,
                lon=p.lon,
                bbox=bbox,
                chinese=p.chinese,
                source=p.source,
                geonameid=p.geonameid,
                feature=slug,
                span=span_shape(p.mentions[0]),
                mentions=[span_shape(m) for m in p.mentions],
            )
        )
    return shapes


def places_geojson(places: Sequence[PlaceShape]) -> dict[str, Any]:
    """The places as a GeoJSON FeatureCollection (RFC 7946: [lon, lat]) for a map.

    Leaflet reads it as is; the properties are the place's shape without its
    geometry, and a region's box goes in `bbox` so the map can frame it.
    """
    features = []
    for place in places:
        data = place.dump()
        item: dict[str, Any] = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {k: v for k, v in data.items() if k not in GEOMETRY_FIELDS},
        }
        if place.bbox is not None:
            item["bbox"] = place.bbox
        features.append(item)
    return {"type": "FeatureCollection", "features": features}


GEOMETRY_FIELDS = ("lat", "lon", "bbox")
"""The fields of a place that GeoJSON carries as geometry rather than as properties."""


def figure_shapes(figures: Iterable[FactFigure], slug: str) -> list[FigureShape]:
    """A feature's key figures."""
    return [
        FigureShape(
            value=f.value,
            unit=f.unit,
            counted=f.counted,
            amount=f.amount,
            text=f.text,
            feature=slug,
            span=span_shape(f.span),
        )
        for f in figures
    ]


def date_shapes(expressions: Iterable[TimeExpression]) -> list[DateShape]:
    """Date expressions of a text, as `handscroll dates` prints them."""
    return [
        DateShape(
            start=e.start,
            end=e.end,
            text=e.text,
            type=e.type,
            value=e.value,
            mod=e.mod,
            quant=e.quant,
            freq=e.freq,
        )
        for e in expressions
    ]
