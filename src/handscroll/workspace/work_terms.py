"""A published edition and its work's other editions share their glossary again (issue 12 under issue 13).

An import gives each edition of a work the terms and places its aligned
editions name (editions/aligned.py). An editor who adds `Harbin (哈爾濱)` to
the English edition and publishes it expects the Chinese editions' glossaries
to gain 哈爾濱 too, as a re-import would give them: `align_with_work` derives
the work's enrichments again from the edition being published and the stored
editions of the other languages, in the publishing transaction.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from handscroll.editions.aligned import work_enrichments
from handscroll.model import Enrichment, Feature
from handscroll.store.import_run import load_enrichments, load_feature
from handscroll.store.works import editions_of


def align_with_work(
    session: Session, key: str | None, feature: Feature, enrichment: Enrichment
) -> tuple[Enrichment, list[tuple[str, Enrichment]]]:
    """The edition's enrichment with what its aligned editions name, and (slug, enrichment) of each
    stored edition of another language whose enrichment that changes."""
    if key is None:
        return enrichment, []
    work: dict[str, tuple[Feature, Enrichment]] = {feature.language: (feature, enrichment)}
    before: dict[str, Enrichment] = {}
    others = [e for e in editions_of(session, [key]).get(key, []) if e.slug != feature.slug]
    for edition, stored in zip(others, load_enrichments(session, [e.slug for e in others]), strict=True):
        if stored is None or edition.language in work:
            continue  # never enriched (`handscroll enrich` aligns it later), or a second of its language
        work[edition.language] = (load_feature(session, edition.slug), stored)
        before[edition.slug] = stored
    aligned = work_enrichments(key, work)
    changed = [
        (work[language][0].slug, found)
        for language, found in aligned.items()
        if language != feature.language and found != before[work[language][0].slug]
    ]
    return aligned[feature.language], changed
