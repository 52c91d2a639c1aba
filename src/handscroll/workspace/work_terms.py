"""A published edition and its work's other editions share their glossary again (issue 12 under issue 13).

An import gives each edition of a work the terms and places its aligned
editions name (editions/aligned.py). An editor who adds `Harbin (哈爾濱)` to
the English edition and publishes it expects the Chinese editions' glossaries
to gain 哈爾濱 too, as a re-import would give them: `align_with_work` derives
the work's enrichments again from the edition being published and the stored
editions of the other languages, in the publishing transaction.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from handscroll.editions.aligned import work_enrichments
from handscroll.model import Enrichment, Feature
from handscroll.store.import_run import load_feature
from handscroll.store.tables import EnrichmentRow, FeatureRow
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
    for edition in editions_of(session, [key]).get(key, []):
        if edition.language in work or edition.slug == feature.slug:
            continue
        stored = _stored_enrichment(session, edition.slug)
        if stored is None:
            continue  # imported without enrichment: `handscroll enrich` aligns it later
        work[edition.language] = (load_feature(session, edition.slug), stored)
        before[edition.slug] = stored
    aligned = work_enrichments(key, work)
    changed = [
        (work[language][0].slug, found)
        for language, found in aligned.items()
        if language != feature.language and found != before[work[language][0].slug]
    ]
    return aligned[feature.language], changed


def _stored_enrichment(session: Session, slug: str) -> Enrichment | None:
    query = (
        select(EnrichmentRow.data)
        .join(FeatureRow, EnrichmentRow.feature_id == FeatureRow.id)
        .where(FeatureRow.slug == slug)
    )
    data = session.execute(query).scalar_one_or_none()
    return None if data is None else Enrichment.from_dict(data)
