"""Rows to models and back: the only place that knows how a Feature is laid out in tables.

A feature's head goes to a `features` row; each block goes to a `blocks` row
holding its type, its position and the rest of its fields as JSON (a figure's
media ID is copied to its own column as well, for lookups). Reading inverts
exactly that, so `get_feature` returns a Feature equal to the one imported.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from handscroll.model import Feature
from handscroll.store.records import FeatureSummary


def feature_values(
    feature: Feature,
    *,
    content_hash: str,
    series_id: int | None,
    source: str,
    source_hash: str,
    now: datetime,
) -> dict[str, Any]:
    """The `features` row of a feature (without id and created_at, which only inserts set)."""
    return {
        "slug": feature.slug,
        "series_id": series_id,
        "part": feature.part,
        "title": feature.title,
        "language": feature.language,
        "hero": feature.hero,
        "date": feature.date,
        "content_hash": content_hash,
        "source": source,
        "source_hash": source_hash,
        "updated_at": now,
    }


def block_values(feature_id: int, feature: Feature) -> list[dict[str, Any]]:
    """The `blocks` rows of a feature, in reading order."""
    # One model_dump per feature rather than one per block: imports spend
    # most of their Python time here.
    dumped: list[dict[str, Any]] = feature.model_dump(mode="json", include={"blocks"})["blocks"]
    rows = []
    for position, data in enumerate(dumped):
        block_type = data.pop("type")
        rows.append(
            {
                "feature_id": feature_id,
                "position": position,
                "type": block_type,
                "media": data.get("media") if block_type == "figure" else None,
                "data": data,
            }
        )
    return rows


def build_feature(
    *,
    slug: str,
    title: str,
    part: int | None,
    series: str | None,
    language: str,
    hero: str | None,
    blocks: Iterable[tuple[str, dict[str, Any]]],
    date: str | None = None,
) -> Feature:
    """Rebuild a Feature from its head and its `(type, data)` block rows in position order."""
    return Feature.model_validate(
        {
            "slug": slug,
            "title": title,
            "part": part,
            "series": series,
            "language": language,
            "hero": hero,
            "date": date,
            "blocks": [{"type": block_type, **data} for block_type, data in blocks],
        }
    )


def build_summary(
    *,
    slug: str,
    title: str,
    part: int | None,
    series: str | None,
    language: str,
    hero: str | None,
    figures: int,
    source: str,
    updated_at: datetime,
    work: str | None = None,
    derived: bool = False,
) -> FeatureSummary:
    """A listing line from a `features` row, its series key, its figure count and its work."""
    return FeatureSummary(
        slug=slug,
        title=title,
        part=part,
        series=series,
        language=language,
        hero=hero,
        figures=figures,
        source=source,
        updated_at=as_utc(updated_at),
        work=work,
        derived=derived,
    )


def as_utc(moment: datetime) -> datetime:
    """A timezone-aware UTC datetime, whatever the database gave back.

    SQLite keeps no zone (the store writes UTC, so a naive value is UTC);
    PostgreSQL answers in the session's zone.
    """
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
