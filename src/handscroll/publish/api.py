"""JSON of enrichment for the API: a feature's events, terms, places and figures, the
timeline and the glossary, in the shapes of `publish.shapes` (documented in docs/formats.md)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from handscroll.model import Enrichment, Feature
from handscroll.publish.i18n import Translator
from handscroll.publish.shapes import (
    event_shapes,
    figure_shapes,
    glossary_shapes,
    place_shapes,
    places_geojson,
    term_shapes,
    timeline_shapes,
)
from handscroll.publish.urls import Urls, WebUrls
from handscroll.store.records import GlossaryEntry, TimelineEntry
from handscroll.store.works import StoredEdition


def enrichment_json(feature: Feature, enrichment: Enrichment | None, urls: Urls) -> dict[str, Any]:
    """A feature's enrichment; empty lists when it was never enriched."""
    slug = feature.slug
    if enrichment is None:
        return {
            "slug": slug,
            "enriched": False,
            "feature_hash": None,
            "events": [],
            "terms": [],
            "places": places_geojson([]),  # one shape whether enriched or not (issue 9)
            "figures": [],
        }
    return {
        "slug": slug,
        "enriched": True,
        "feature_hash": enrichment.feature_hash,
        "events": [e.dump() for e in event_shapes(enrichment.events, feature, urls.feature)],
        "terms": [t.dump() for t in term_shapes(enrichment.terms, slug)],
        "places": places_geojson(place_shapes(enrichment.places, slug)),
        "figures": [f.dump() for f in figure_shapes(enrichment.figures, slug)],
    }


def timeline_json(entries: Sequence[TimelineEntry], urls: Urls) -> dict[str, Any]:
    """A timeline in time order, each event linking to its words in its feature page."""
    return {"events": [e.dump() for e in timeline_shapes(entries, urls.feature)]}


def glossary_json(entries: Sequence[GlossaryEntry]) -> dict[str, Any]:
    """The glossary by English name, with the features that define each term."""
    return {"terms": [t.dump() for t in glossary_shapes(entries)]}


class EditionsReader(Protocol):
    """What the editions answer reads from the library."""

    def get_feature(self, slug: str) -> Feature: ...

    def editions_of_feature(self, slug: str) -> list[StoredEdition]: ...


def editions_json(library: EditionsReader, slug: str) -> dict[str, Any]:
    """The editions of a feature's work (issue 12); NotFoundError for an unknown slug."""
    feature = library.get_feature(slug)
    editions = library.editions_of_feature(slug) or [
        StoredEdition(feature.slug, feature.language, "", title=feature.title)
    ]
    note = Translator("en").gettext("converted automatically from Traditional Chinese")
    work = next((e.work.removeprefix("key:") for e in editions if e.work), None)
    return {
        "work": work,
        "editions": [
            {
                "slug": e.slug,
                "language": e.language,
                "title": e.title,
                "derived": e.derived,
                "note": note if e.derived else None,
                "url": f"/api/features/{e.slug}",
                "html": WebUrls(e.language).feature(e.slug),
            }
            for e in editions
        ],
    }
