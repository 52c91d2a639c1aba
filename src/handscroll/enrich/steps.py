"""The built-in enrichers as plugin steps: each adds what it finds to what came before.

Every enricher, built-in or from a plugin, is `(feature, found) -> Enrichment`
and runs in the order of `handscroll.plugins`: events, terms, then places
(a glossed name, "Harbin (哈爾濱)", is the surest sign of a place and brings
its Chinese form along, so places read the terms), figures, then plugins.
"""

from __future__ import annotations

from dataclasses import replace

from handscroll.model import Enrichment, Feature


def add_events(feature: Feature, found: Enrichment) -> Enrichment:
    """Dated events, in reading order."""
    from handscroll.enrich.timeline import events_of

    return replace(found, events=(*found.events, *events_of(feature)))


def add_terms(feature: Feature, found: Enrichment) -> Enrichment:
    """Glossary terms: English names glossed with Chinese."""
    from handscroll.enrich.glossary import find_terms

    return replace(found, terms=(*found.terms, *find_terms(feature)))


def add_places(feature: Feature, found: Enrichment) -> Enrichment:
    """Places, from the gazetteer and the glossed terms found before."""
    from handscroll.enrich.places import find_places

    return replace(found, places=(*found.places, *find_places(feature, found.terms)))


def add_figures(feature: Feature, found: Enrichment) -> Enrichment:
    """Key figures: amounts with what they count."""
    from handscroll.enrich.figures import find_figures

    return replace(found, figures=(*found.figures, *find_figures(feature)))
