"""Everything a feature page shows, read in one connection by indexed single-row queries.

Before issue 11 a feature page read every part of its series to find its neighbours
and every series for one title: seconds a page with 3,333-part series. Here the head
and its series' title come by primary and unique keys, the rows around it by two range
scans of the reading-order index (`listing.parts_after` / `parts_before`), so the
cost is the feature's own size, whatever the library holds. A few rows each way are
read, not one: the neighbouring work may have several editions (issue 12), and which one
a reader sees depends on the page's language (`publish.loaders`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from sqlalchemy import Connection, Text, bindparam, cast, exists, func, select

from handscroll.model import Enrichment, Feature
from handscroll.store.listing import PartKey, first_title, parts_after, parts_before
from handscroll.store.mapping import build_feature
from handscroll.store.records import FeatureSummary
from handscroll.store.tables import (
    BlockRow,
    EditionRow,
    EnrichmentRow,
    FeatureRow,
    QuizApprovalRow,
    RenderPartsRow,
    SeriesRow,
)
from handscroll.store.works import StoredEdition

NEIGHBOUR_ROWS = 6
"""Rows read on each side: the feature's own other editions and the next work's, three at most each."""


@dataclass(frozen=True)
class FeatureView:
    """A stored feature with what its page shows beside it."""

    feature: Feature
    enrichment_json: str | None
    """Its enrichment as stored (JSON text), or None; parsed on first use (`enrichment`)."""
    approved: frozenset[str]
    """The ids of its approved self-check items (issue 15)."""
    series_title: str | None
    """Its series' display title: its own, else its first part's (issue 14); None outside a series."""
    before: tuple[FeatureSummary, ...]
    """The rows just before it in its series, nearest first (none outside a series)."""
    after: tuple[FeatureSummary, ...]
    """The rows just after it in its series, nearest first."""
    work: str | None
    """The work it is an edition of (issue 12), or None."""
    editions: tuple[StoredEdition, ...]
    """Every edition of that work, itself included, in slug order."""
    stamp: tuple[object, ...] | None = None
    """What its page shows, in brief, as `read_feature_stamp` reads it: taken from these same rows,
    so a first render needs no second read (issue 11)."""
    feature_id: int = 0
    content_hash: str = ""
    parts: tuple[str, bytes] | None = None
    """Its page's stored parts and their key (`store.render_parts`), read with its head; None if none."""

    @cached_property
    def enrichment(self) -> Enrichment | None:
        """Its enrichment, parsed and checked when first asked for: a page made of stored parts
        never needs it (issue 11)."""
        return None if self.enrichment_json is None else Enrichment.from_json(self.enrichment_json)


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
        FeatureRow.date,
        SeriesRow.key,
        func.coalesce(SeriesRow.title, first_title()).label("series_title"),
        EditionRow.work_key,
    )
    .outerjoin(SeriesRow, FeatureRow.series_id == SeriesRow.id)
    .outerjoin(EditionRow, EditionRow.feature_id == FeatureRow.id)
    .where(FeatureRow.slug == bindparam("slug"))
)
"""The feature's head and its series' key and title. The statements are built once: building
one costs more than running it."""
BLOCKS = (
    select(BlockRow.type, BlockRow.data)
    .where(BlockRow.feature_id == bindparam("id"))
    .order_by(BlockRow.position)
)
APPROVED = select(QuizApprovalRow.item_id).where(QuizApprovalRow.feature_id == bindparam("id"))
VIEW_HEAD = HEAD.add_columns(
    cast(EnrichmentRow.data, Text).label("enrichment"),  # parsed and checked in one step, by pydantic
    EnrichmentRow.feature_hash,
    EnrichmentRow.version,
    exists(select(QuizApprovalRow.item_id).where(QuizApprovalRow.feature_id == FeatureRow.id)).label(
        "approved"
    ),
    RenderPartsRow.key.label("parts_key"),
    RenderPartsRow.data.label("parts"),
).outerjoin(EnrichmentRow, EnrichmentRow.feature_id == FeatureRow.id)
VIEW_HEAD = VIEW_HEAD.outerjoin(RenderPartsRow, RenderPartsRow.feature_id == FeatureRow.id)
"""The head with its enrichment, whether it has approved self-checks and its page's stored parts:
one query, not four."""
EDITIONS = (
    select(FeatureRow.slug, FeatureRow.language, FeatureRow.source, EditionRow.derived)
    .join(EditionRow, EditionRow.feature_id == FeatureRow.id)
    .where(EditionRow.work_key == bindparam("work"))
    .order_by(FeatureRow.slug)
)
ENRICHED = select(EnrichmentRow.feature_hash, EnrichmentRow.version).where(
    EnrichmentRow.feature_id == bindparam("id")
)


def read_feature_view(conn: Connection, slug: str) -> FeatureView | None:
    """The feature with this slug and its page's neighbours, or None if there is none."""
    head = conn.execute(VIEW_HEAD, {"slug": slug}).one_or_none()
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
        date=head.date,
        blocks=((kind, data) for kind, data in blocks),
    )
    approved = frozenset(conn.execute(APPROVED, {"id": head.id}).scalars()) if head.approved else frozenset()
    before, after = _around(conn, head)
    editions = _editions(conn, head.work_key)
    stamped = None if head.enrichment is None else (head.feature_hash, head.version)
    return FeatureView(
        feature=feature,
        enrichment_json=head.enrichment,
        approved=approved,
        series_title=head.series_title,
        before=before,
        after=after,
        work=head.work_key,
        editions=editions,
        stamp=None if approved else _stamp(head, stamped, editions, before, after),
        feature_id=head.id,
        content_hash=head.content_hash,
        parts=None if head.parts is None else (head.parts_key, bytes(head.parts)),
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
    return _stamp(head, enriched and tuple(enriched), _editions(conn, head.work_key), *_around(conn, head))


def _stamp(head: Any, enriched: object, *rest: object) -> tuple[object, ...]:
    """The brief of a page: its content, series title, enrichment's stamp and work, then `rest`: its
    work's editions and the rows before and after it."""
    return (head.content_hash, head.series_title, enriched, head.work_key, *rest)


def _around(conn: Connection, head: Any) -> tuple[tuple[FeatureSummary, ...], tuple[FeatureSummary, ...]]:
    """The rows just before and after a feature in its series, nearest first (none outside one)."""
    if head.series_id is None:
        return (), ()
    key = PartKey(head.part, head.title, head.slug)
    before = parts_before(conn, head.series_id, key, NEIGHBOUR_ROWS)[::-1]
    return tuple(before), tuple(parts_after(conn, head.series_id, key, NEIGHBOUR_ROWS))


def _editions(conn: Connection, work: str | None) -> tuple[StoredEdition, ...]:
    if work is None:
        return ()
    rows = conn.execute(EDITIONS, {"work": work})
    return tuple(
        StoredEdition(slug, language, source, bool(derived)) for slug, language, source, derived in rows
    )
