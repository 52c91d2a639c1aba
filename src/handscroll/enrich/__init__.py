"""Stage 2, enrich: Feature -> Enrichment (dated events, glossary terms, places, key figures).

Input: a Feature. Output: an Enrichment whose every annotation carries the
span (block, field, paragraph, characters) it came from.
Never: touches the store, the web or the source file.

The enrichers are the entry points of `handscroll.enrichers` (see
`handscroll.plugins`): the built-in ones in `enrich.steps`, then any a
plugin package declares.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from handscroll.model import Enrichment, Feature

Enricher = Callable[[Feature, Enrichment], Enrichment]
"""Adds what it finds in the feature to what the enrichers before it found."""


@cache
def enrichers() -> tuple[tuple[str, Enricher], ...]:
    """Every enricher by name, in the order they run, loaded once (PluginError for a broken one)."""
    from handscroll.plugins import ENRICHERS, load_plugin, plugin_entry_points

    return tuple((entry.name, load_plugin(entry)) for entry in plugin_entry_points(ENRICHERS))


def enrich_feature(feature: Feature) -> Enrichment:
    """Run the enrichers in order on one feature."""
    from handscroll.plugins import PluginError

    found = Enrichment(feature_hash=feature.content_hash())
    for name, enricher in enrichers():
        found = enricher(feature, found)  # a plugin's failure is a PluginError naming it
        if not isinstance(found, Enrichment):
            raise PluginError(f"the enricher {name!r} returned a {type(found).__name__}, not an Enrichment")
    return found


__all__ = ["Enricher", "Enrichment", "enrich_feature", "enrichers"]
