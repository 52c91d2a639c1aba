"""The Simplified edition converted from a Traditional one, as an import and a publish write it.

A work with a Traditional edition and no Simplified one as written gets one
converted by OpenCC and the publisher's phrase table (issue 12, item 5), in the
same transaction as the Traditional edition: by `handscroll import`, and again
each time an editor publishes the Traditional edition (issue 13), so Simplified
readers never read a conversion of an older text.
"""

from __future__ import annotations

import hashlib

from handscroll.config import Settings
from handscroll.editions.derive import Converter, derive_simplified, load_phrases, to_derive
from handscroll.enrich import enrich_feature
from handscroll.store import ImportItem
from handscroll.store.works import StoredEdition


def derived_editions(
    items: list[ImportItem], stored: dict[str, list[StoredEdition]], settings: Settings, *, enrich: bool
) -> list[ImportItem]:
    """Simplified editions converted from the batch's Traditional ones, where a work has no real one.

    Each is known by a source naming its Traditional file and a hash of that file, the
    conversion and the phrase table: re-importing with another table converts again.
    """
    if settings.conversion == "none":
        return []
    written = {key: {e.language for e in editions if not e.derived} for key, editions in stored.items()}
    traditional = to_derive([(item.work, item.feature) for item in items if item.work], written)
    if not traditional:
        return []
    table = settings.phrase_table
    converter = Converter(settings.conversion, load_phrases(table) if table else None)
    taken = {item.feature.slug for item in items}
    by_slug = {item.feature.slug: item for item in items}
    derived = []
    for key, feature in traditional:
        item = by_slug[feature.slug]
        simplified = derive_simplified(feature, converter)
        if simplified.slug in taken:
            continue  # a file of the batch already has that slug: it wins
        recipe = f"{item.source_hash}\n{converter.config}\n{sorted(converter.phrases.items())}"
        derived.append(
            ImportItem(
                feature=simplified,
                source=f"{item.source} (converted to Simplified Chinese)",
                source_hash=hashlib.sha256(recipe.encode()).hexdigest(),
                enrichment=enrich_feature(simplified) if enrich else None,
                work=key,
                derived=True,
            )
        )
    return derived
