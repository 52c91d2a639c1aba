"""Everything a feature page shows, read in one connection by indexed single-row queries.

Before issue 11 a feature page read every part of its series to find its neighbours
and every series for one title: seconds a page with 3,333-part series. Here the head
and its series' title come by primary and unique keys, the neighbours by two range
scans of the reading-order index (`listing.parts_after` / `parts_before`), so the
cost is the feature's own size, whatever the library holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, select

from handscroll.model import Enrichment, Feature
from handscroll.store.listing import PartKey, parts_after, parts_before
from handscroll.store.mapping import build_feature
from handscroll.store.records import FeatureSummary
from handscroll.store.tables import BlockRow, EnrichmentRow, FeatureRow, QuizApprovalRow, SeriesRow


@dataclass(frozen=True)
class FeatureView:
    """A stored feature with what its page shows beside it."""

    feature: Feature
    enrichment: Enrichment | None
    approved: frozenset[str]
    """The ids of its approved self-check items (issue 15)."""
    series_title: str | None
    """Its series' display title, None when the series has none (or there is no series)."""
    previous: FeatureSummary | None
    next: FeatureSummary | None


HEAD = (
    select(
        FeatureRow.id,
        FeatureRow.slug,
        FeatureRow.title,
        FeatureRow.part,
        FeatureRow.language,
        FeatureRow.hero,
        FeatureRow.series_id,
        FeatureRow.content_hash,
        SeriesRow.key,
        SeriesRow.title.label("series_title"),
    )
    .outerjoin(SeriesRow, FeatureRow.series_id == SeriesRow.id)
    .where(FeatureRow.slug == bindparam("slug"))
)
"""The feature's head and its series' key and title. The statements are built once: building
one costs more than running it."""
BLOCKS = (
    select(BlockRow.type, BlockRow.data)
    .where(BlockRow.feature_id == bindparam("id"))
    .order_by(BlockRow.position)
)
ENRICHMENT = select(EnrichmentRow.data).where(EnrichmentRow.feature_id == bindparam("id"))
APPROVED = select(QuizApprovalRow.item_id).where(QuizApprovalRow.feature_id == bindparam("id"))
ENRICHED = select(EnrichmentRow.feature_hash, EnrichmentRow.version).where(
    EnrichmentRow.feature_id == bindparam("id")
)


def read_feature_view(conn: Connection, slug: str) -> FeatureView | None:
    """The feature with this slug and its page's neighbours, or None if there is none."""
    head = conn.execute(HEAD, {"slug": slug}).one_or_none()
    if head is None:
        return None
    blocks = conn.execute(BLOCKS, {"id": head.id})
    feature = build_feature(
        slug=head.slug,
        title=head.title,
        part=head.part,
        series=head.key,
        language=head.language,
        hero=head.hero,
        blocks=((kind, data) for kind, data in blocks),
    )
    data = conn.execute(ENRICHMENT, {"id": head.id}).scalar()
    approved = conn.execute(APPROVED, {"id": head.id})
    previous, following = _neighbours(conn, head)
    return FeatureView(
        feature=feature,
        enrichment=None if data is None else Enrichment.from_dict(data),
        approved=frozenset(approved.scalars()),
        series_title=head.series_title,
        previous=previous,
        next=following,
    )


def read_feature_stamp(conn: Connection, slug: str) -> tuple[object, ...] | None:
    """What a feature page shows, in brief: while it is equal, so is the page (issue 11).

    The feature's content hash and series title, its enrichment's stamp and its neighbours'
    listing lines, without loading blocks or enrichment: a fraction of a render, so a page
    kept from before a write elsewhere in the library is checked, not made again. None when
    there is no such feature, or when the page shows approved self-checks, whose questions
    draw on the rest of the series (such a page is made again after any write).
    """
    head = conn.execute(HEAD, {"slug": slug}).one_or_none()
    if head is None or conn.execute(APPROVED, {"id": head.id}).first() is not None:
        return None
    enriched = conn.execute(ENRICHED, {"id": head.id}).one_or_none()
    return (head.content_hash, head.series_title, enriched and tuple(enriched), *_neighbours(conn, head))


def _neighbours(conn: Connection, head: Any) -> tuple[FeatureSummary | None, FeatureSummary | None]:
    """The parts just before and after a feature in its series (none outside a series)."""
    if head.series_id is None:
        return None, None
    key = PartKey(head.part, head.title, head.slug)
    previous = next(iter(parts_before(conn, head.series_id, key, 1)), None)
    return previous, next(iter(parts_after(conn, head.series_id, key, 1)), None)
