"""Stage 2, enrich: Feature -> Enrichment (dated events, glossary terms, places, key figures).

Input: a Feature. Output: an Enrichment whose every annotation carries the
span (block, field, paragraph, characters) it came from.
Never: touches the store, the web or the source file.
"""

from __future__ import annotations

from handscroll.model import Enrichment, Feature


def enrich_feature(feature: Feature) -> Enrichment:
    """Run the enrichers in order on one feature."""
    from handscroll.enrich.figures import find_figures
    from handscroll.enrich.glossary import find_terms
    from handscroll.enrich.places import find_places
    from handscroll.enrich.timeline import events_of

    # Terms come before places: a glossed name ("Harbin (哈爾濱)") is the
    # surest sign of a place, and brings its Chinese form along.
    terms = tuple(find_terms(feature))
    return Enrichment(
        feature_hash=feature.content_hash(),
        events=tuple(events_of(feature)),
        terms=terms,
        places=tuple(find_places(feature, terms)),
        figures=tuple(find_figures(feature)),
    )


__all__ = ["Enrichment", "enrich_feature"]
