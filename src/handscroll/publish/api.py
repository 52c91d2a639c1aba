"""JSON shapes of enrichment for the API: a feature's events, terms, places and figures, the
timeline and the glossary. Plain data, each annotation with the span it came from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from handscroll.enrich.places import places_as_geojson
from handscroll.model import Enrichment, Span, TextRef
from handscroll.publish.datelabels import date_label
from handscroll.publish.enriched import event_anchor
from handscroll.publish.urls import Urls
from handscroll.store.records import GlossaryEntry, TimelineEntry


def span_json(span: Span) -> dict[str, Any]:
    """Where an annotation's words are: block (null for the title), field, paragraph, offsets."""
    return {
        "block": span.ref.block,
        "field": span.ref.field,
        "paragraph": span.ref.index,
        "start": span.start,
        "end": span.end,
    }


def enrichment_json(slug: str, enrichment: Enrichment | None, urls: Urls) -> dict[str, Any]:
    """A feature's enrichment; empty lists when it was never enriched."""
    if enrichment is None:
        return {"slug": slug, "enriched": False, "events": [], "terms": [], "places": [], "figures": []}
    page = urls.feature(slug)
    return {
        "slug": slug,
        "enriched": True,
        "feature_hash": enrichment.feature_hash,
        "events": [
            {
                "value": e.value,
                "mod": e.mod,
                "label": date_label(e.value, e.mod),
                "text": e.text,
                "sentence": e.sentence,
                "span": span_json(e.span),
                "url": f"{page}#{event_anchor(e.span.ref, e.span.start)}",
            }
            for e in enrichment.events
        ],
        "terms": [
            {
                "english": t.english,
                "chinese": t.chinese,
                "abbreviation": t.abbreviation,
                "note": t.note,
                "traditional": t.traditional,
                "simplified": t.simplified,
                "pinyin": t.pinyin,
                "pinyin_plain": t.pinyin_plain,
                "mentions": [span_json(m) for m in t.mentions],
            }
            for t in enrichment.terms
        ],
        "places": places_as_geojson(enrichment.places),
        "figures": [
            {
                "value": f.value,
                "unit": f.unit,
                "counted": f.counted,
                "amount": f.amount,
                "text": f.text,
                "span": span_json(f.span),
            }
            for f in enrichment.figures
        ],
    }


def timeline_json(entries: Sequence[TimelineEntry], urls: Urls) -> dict[str, Any]:
    """A timeline in time order, each event linking to its words in its feature page."""
    return {
        "events": [
            {
                "value": e.value,
                "mod": e.mod,
                "label": date_label(e.value, e.mod),
                "year": e.year,
                "text": e.text,
                "sentence": e.sentence,
                "feature": e.slug,
                "title": e.title,
                "part": e.part,
                "series": e.series,
                "span": {
                    "block": e.block,
                    "field": e.field,
                    "paragraph": e.paragraph,
                    "start": e.start,
                    "end": e.end,
                },
                "url": _event_url(e, urls),
            }
            for e in entries
        ]
    }


def glossary_json(entries: Sequence[GlossaryEntry]) -> dict[str, Any]:
    """The glossary by English name, with the features that define each term."""
    return {
        "terms": [
            {
                "english": e.english,
                "chinese": e.chinese,
                "abbreviation": e.abbreviation,
                "note": e.note,
                "traditional": e.traditional,
                "simplified": e.simplified,
                "pinyin": e.pinyin,
                "pinyin_plain": e.pinyin_plain,
                "features": list(e.slugs),
            }
            for e in entries
        ]
    }


def _event_url(entry: TimelineEntry, urls: Urls) -> str:
    ref = TextRef(entry.block, entry.field, entry.paragraph)
    return f"{urls.feature(entry.slug)}#{event_anchor(ref, entry.start)}"
