"""Index rows rebuilt from what the library stores: features, glossary terms, places and event years.

An import hands the index the rows its readers made (`search.write_documents`);
everything else (new enrichments, a catch-up after a crash, `handscroll
reindex`) reads them back from the tables here, in chunks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from handscroll.model import Enrichment, Feature
from handscroll.store.mapping import build_feature
from handscroll.store.search_text import IndexDocument, Shown, TermForms, block_sections, index_document
from handscroll.store.tables import BlockRow, EnrichmentRow, EventRow, FeatureRow, SeriesRow, TermRow

CHUNK = 500
"""Features read back per round trip."""


def stored_documents(session: Session, feature_ids: Sequence[int]) -> list[IndexDocument]:
    """The index rows of stored features (ids that are not stored are left out)."""
    found: list[IndexDocument] = []
    for start in range(0, len(feature_ids), CHUNK):
        chunk = list(feature_ids[start : start + CHUNK])
        loaded = load_features(session, chunk)
        terms = stored_terms(session, chunk)
        found += [index_document(fid, loaded[fid], terms[fid]) for fid in chunk if fid in loaded]
    return found


def stored_terms(session: Session, feature_ids: Sequence[int]) -> dict[int, list[TermForms]]:
    """Per feature, the glossary terms and places its stored enrichment names."""
    terms: dict[int, list[TermForms]] = {fid: [] for fid in feature_ids}
    query = select(TermRow).where(TermRow.feature_id.in_(list(feature_ids))).order_by(TermRow.position)
    for term in session.execute(query).scalars():
        terms[term.feature_id].append(term_forms(term))
    # Places are indexed as at import (importing._term_forms); they live in the enrichment only.
    stored = select(EnrichmentRow.feature_id, EnrichmentRow.data).where(
        EnrichmentRow.feature_id.in_(list(feature_ids))
    )
    for feature_id, data in session.execute(stored):
        places = Enrichment.from_dict(data).places
        terms[feature_id] += [TermForms((p.name, p.modern_name, p.chinese)) for p in places]
    return terms


def term_forms(term: Any) -> TermForms:
    """The indexed names of a glossary Term (or TermRow)."""
    names = (term.english, term.abbreviation, term.traditional, term.simplified, term.chinese)
    return TermForms(names=names, pinyin_plain=term.pinyin_plain)


def feature_years(session: Session, feature_ids: Sequence[int]) -> dict[int, list[int]]:
    """Per feature, the distinct start years of its events (the year filter's field)."""
    years: dict[int, list[int]] = {}
    for start in range(0, len(feature_ids), CHUNK):
        query = (
            select(EventRow.feature_id, EventRow.year)
            .where(EventRow.feature_id.in_(list(feature_ids[start : start + CHUNK])))
            .where(EventRow.year.is_not(None))
            .distinct()
        )
        for feature_id, year in session.execute(query):
            if year is not None:
                years.setdefault(feature_id, []).append(year)
    return years


def stored_shown(session: Session, feature_ids: Sequence[int]) -> dict[int, Shown]:
    """What results show of stored features, from their rows (no models built)."""
    ids = list(feature_ids)
    if not ids:
        return {}
    heads = session.execute(
        select(
            FeatureRow.id,
            FeatureRow.slug,
            FeatureRow.title,
            FeatureRow.part,
            FeatureRow.language,
            SeriesRow.key,
        )
        .outerjoin(FeatureRow.series)
        .where(FeatureRow.id.in_(ids))
    ).all()
    blocks = _blocks(session, ids)
    return {
        fid: Shown(slug, title, part, language, key, tuple(block_sections(blocks[fid])))
        for fid, slug, title, part, language, key in heads
    }


def load_features(session: Session, feature_ids: Sequence[int]) -> dict[int, Feature]:
    """Stored features by id, rebuilt from their rows."""
    if not feature_ids:
        return {}
    ids = list(feature_ids)
    heads = session.execute(
        select(
            FeatureRow.id,
            FeatureRow.slug,
            FeatureRow.title,
            FeatureRow.part,
            FeatureRow.language,
            FeatureRow.hero,
            FeatureRow.date,
            SeriesRow.key,
        )
        .outerjoin(FeatureRow.series)
        .where(FeatureRow.id.in_(ids))
    ).all()
    blocks = _blocks(session, ids)
    return {
        row.id: build_feature(
            slug=row.slug,
            title=row.title,
            part=row.part,
            series=row.key,
            language=row.language,
            hero=row.hero,
            date=row.date,
            blocks=iter(blocks[row.id]),
        )
        for row in heads
    }


def _blocks(session: Session, ids: list[int]) -> dict[int, list[tuple[str, dict[str, Any]]]]:
    """Each feature's block rows as (type, data), in reading order."""
    blocks: dict[int, list[tuple[str, dict[str, Any]]]] = {fid: [] for fid in ids}
    rows = session.execute(
        select(BlockRow.feature_id, BlockRow.type, BlockRow.data)
        .where(BlockRow.feature_id.in_(ids))
        .order_by(BlockRow.feature_id, BlockRow.position)
    )
    for feature_id, block_type, data in rows:
        blocks[feature_id].append((block_type, data))
    return blocks
