"""The model layer: what a feature is (`feature`) and what its text says (`annotations`).

Every stage speaks these types: readers produce features, enrichers produce
annotations, the store saves and loads both, publishers render them. The
model depends on nothing else in handscroll.
"""

from handscroll.model.annotations import (
    ENRICHMENT_VERSION,
    Enrichment,
    Event,
    FactFigure,
    Place,
    PlaceKind,
    PlaceSource,
    Span,
    Term,
    TextRef,
    feature_texts,
    in_time_order,
    text_at,
)
from handscroll.model.feature import (
    ALT_MAX_LENGTH,
    BLOCK_TYPES,
    HIDDEN_FIELDS,
    MEDIA_ID_PATTERN,
    Block,
    Credit,
    Feature,
    Figure,
    MediaId,
    Note,
    Paragraph,
    Question,
    Series,
    Unclassified,
    is_media_id,
    series_of_media,
    slugify,
)
from handscroll.model.timevalues import sort_key, sort_text, year_of

__all__ = [
    "ALT_MAX_LENGTH",
    "BLOCK_TYPES",
    "ENRICHMENT_VERSION",
    "HIDDEN_FIELDS",
    "MEDIA_ID_PATTERN",
    "Block",
    "Credit",
    "Enrichment",
    "Event",
    "FactFigure",
    "Feature",
    "Figure",
    "MediaId",
    "Note",
    "Paragraph",
    "Place",
    "PlaceKind",
    "PlaceSource",
    "Question",
    "Series",
    "Span",
    "Term",
    "TextRef",
    "Unclassified",
    "feature_texts",
    "in_time_order",
    "is_media_id",
    "series_of_media",
    "slugify",
    "sort_key",
    "sort_text",
    "text_at",
    "year_of",
]
