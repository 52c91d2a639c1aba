"""Listings a page at a time, by keyset: each read costs the page it returns, not the library.

A page starts after (or ends before) a position, never at an offset, so page 5,000
costs what page 1 costs (issue 11). A series' parts are in reading order (part, then
title, then slug, unnumbered parts last), read through the index on
`features (series_id, part, title, slug)`; series by key; the timeline by
(sort key, slug, position); the glossary by (English name, Traditional form). The
text columns compare by code point on both databases (migration 0012).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    exists,
    func,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import aliased

from handscroll.model import HIDDEN_FIELDS
from handscroll.store.mapping import build_summary
from handscroll.store.records import FeatureSummary, GlossaryEntry, SeriesSummary, TimelineEntry
from handscroll.store.tables import BlockRow, EditionRow, EventRow, FeatureRow, SeriesRow, TermRow
from handscroll.text.order import name_order


@dataclass(frozen=True)
class PartKey:
    """Where a feature stands in its series' reading order: part (None: unnumbered), title, slug."""

    part: int | None
    title: str
    slug: str

    @classmethod
    def of(cls, summary: FeatureSummary) -> PartKey:
        """The position of a listed feature."""
        return cls(summary.part, summary.title, summary.slug)


@dataclass(frozen=True)
class EventKey:
    """Where an event stands in the timeline: its sort key, its feature's slug, its position there."""

    sort_key: str
    slug: str
    position: int


@dataclass(frozen=True, order=True)
class TermKey:
    """Where a glossary entry stands: its name order (`text.order.name_order`), its English name,
    then its Traditional form ("" for none)."""

    order: str = field(init=False)
    english: str
    traditional: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "order", name_order(self.english))

    @classmethod
    def of(cls, entry: GlossaryEntry) -> TermKey:
        """The position of a listed entry."""
        return cls(entry.english, entry.traditional or "")


FIGURES = (
    select(func.count(BlockRow.id))
    .where(BlockRow.feature_id == FeatureRow.id, BlockRow.type == "figure")
    .correlate(FeatureRow)
    .scalar_subquery()
)
"""How many gallery photos a feature has (a count over its own blocks)."""

SUMMARY = (
    select(
        FeatureRow.slug,
        FeatureRow.title,
        FeatureRow.part,
        SeriesRow.key,
        FeatureRow.language,
        FeatureRow.hero,
        FIGURES,
        FeatureRow.source,
        FeatureRow.updated_at,
        EditionRow.work_key,
        EditionRow.derived,
    )
    .outerjoin(SeriesRow, FeatureRow.series_id == SeriesRow.id)
    .outerjoin(EditionRow, EditionRow.feature_id == FeatureRow.id)
)
"""A listing line of a feature, with its series key, figure count and work (issue 12)."""


EVENT_COLUMNS = tuple(
    getattr(EventRow, name)
    for name in (
        "sort_key", "position", "value", "mod", "year", "text", "sentence", "block", "field", "paragraph",
        "start", "end",
    )
)  # fmt: skip
TERM_COLUMNS = tuple(
    getattr(TermRow, name)
    for name in (
        "english",
        "chinese",
        "abbreviation",
        "note",
        "traditional",
        "simplified",
        "pinyin",
        "pinyin_plain",
    )
)


def summaries(rows: Iterable[Any]) -> list[FeatureSummary]:
    """`SUMMARY` rows as records."""
    return [
        build_summary(
            slug=slug,
            title=title,
            part=part,
            series=key,
            language=language,
            hero=hero,
            figures=figures,
            source=source,
            updated_at=updated,
            work=work,
            derived=bool(derived),
        )
        for slug, title, part, key, language, hero, figures, source, updated, work, derived in rows
    ]


def parts_after(
    conn: Connection, series_id: int | None, after: PartKey | None, limit: int
) -> list[FeatureSummary]:
    """Up to `limit` parts of a series (None: the features in no series) after `after`, in order."""
    if after is None:
        scans = ["numbered", "unnumbered"]
    elif after.part is None:
        scans = ["unnumbered after"]
    else:
        scans = ["same part after", "later parts", "unnumbered"]
    return _scan(conn, scans, series_id, after, limit, backward=False)


def parts_before(
    conn: Connection, series_id: int | None, before: PartKey, limit: int
) -> list[FeatureSummary]:
    """Up to `limit` parts of a series just before `before`, in reading order."""
    if before.part is None:
        scans = ["unnumbered before", "numbered"]
    else:
        scans = ["same part before", "earlier parts"]
    return _scan(conn, scans, series_id, before, limit, backward=True)[::-1]


def _scan(
    conn: Connection,
    scans: list[str],
    series_id: int | None,
    key: PartKey | None,
    limit: int,
    *,
    backward: bool,
) -> list[FeatureSummary]:
    """Run range scans in turn until `limit` rows are found (nearest first when `backward`)."""
    found: list[FeatureSummary] = []
    params: dict[str, Any] = {"series_id": series_id}
    if key is not None:
        params.update(part=key.part, title=key.title, slug=key.slug)
    for scan in scans:
        if len(found) >= limit:
            break
        query = _parts_query(scan, series_id is None, backward)
        found += summaries(conn.execute(query, {**params, "limit": limit - len(found)}))
    return found


@cache
def _parts_query(scan: str, standalone: bool, backward: bool) -> Select[Any]:
    """One range scan of the reading-order index, built once (building costs more than running it)."""
    part, title, slug = FeatureRow.part, FeatureRow.title, FeatureRow.slug
    here = tuple_(title, slug)
    there = tuple_(bindparam("title"), bindparam("slug"))
    where = {
        "numbered": part.is_not(None),
        "unnumbered": part.is_(None),
        "unnumbered after": and_(part.is_(None), here > there),
        "unnumbered before": and_(part.is_(None), here < there),
        "same part after": and_(part == bindparam("part"), here > there),
        "same part before": and_(part == bindparam("part"), here < there),
        "later parts": part > bindparam("part"),
        "earlier parts": part < bindparam("part"),
    }[scan]
    series = FeatureRow.series_id.is_(None) if standalone else FeatureRow.series_id == bindparam("series_id")
    order = (part.desc(), title.desc(), slug.desc()) if backward else (part, title, slug)
    return SUMMARY.where(series, where).order_by(*order).limit(bindparam("limit"))


def series_id(conn: Connection, key: str) -> int | None:
    """The id of the series with this key, if there is one."""
    found: int | None = conn.execute(select(SeriesRow.id).where(SeriesRow.key == key)).scalar_one_or_none()
    return found


def series_page(
    conn: Connection,
    *,
    after: str | None = None,
    before: str | None = None,
    last: bool = False,
    limit: int,
    works: bool = False,
) -> list[SeriesSummary]:
    """Up to `limit` series with features, by key: after `after`, just before `before`, or the
    `last` ones; `features` counts features, or with `works` the works (editions once)."""
    heads = _series_heads(conn, after=after, before=before, last=last, limit=limit)
    counts = series_sizes(conn, [id_ for id_, _, _, _ in heads], works=works)
    return [
        SeriesSummary(key=key, title=title, features=counts.get(id_, 0), first_title=first)
        for id_, key, title, first in heads
    ]


def first_title() -> ColumnElement[str | None]:
    """The title of a series' first part, for `SeriesSummary.first_title`: by part number, then the
    edition imported first (usually the one the others were made from)."""
    first = aliased(FeatureRow)
    numbered = (
        select(first.title)
        .where(first.series_id == SeriesRow.id, first.part.is_not(None))
        .order_by(first.part, first.id)
        .limit(1)
        .correlate(SeriesRow)
        .scalar_subquery()
    )
    unnumbered = (
        select(first.title)
        .where(first.series_id == SeriesRow.id, first.part.is_(None))
        .order_by(first.id)
        .limit(1)
        .correlate(SeriesRow)
        .scalar_subquery()
    )
    # Two index range scans that stop at their first row; one ordered by `part IS NULL` first
    # sorted the whole series (1.1 ms for a feature page in a 3,333-part series, issue 11).
    return func.coalesce(numbered, unnumbered)


def _series_heads(
    conn: Connection, *, after: str | None = None, before: str | None = None, last: bool = False, limit: int
) -> list[tuple[int, str, str | None, str | None]]:
    """(id, key, title, first part's title) of up to `limit` series with features, in key order."""
    query = select(SeriesRow.id, SeriesRow.key, SeriesRow.title, first_title()).where(
        exists(select(FeatureRow.id).where(FeatureRow.series_id == SeriesRow.id))
    )
    backward = before is not None or last
    if before is not None:
        query = query.where(SeriesRow.key < before)
    elif after is not None:
        query = query.where(SeriesRow.key > after)
    query = query.order_by(SeriesRow.key.desc() if backward else SeriesRow.key)
    heads = [
        (int(id_), str(key), title, first) for id_, key, title, first in conn.execute(query.limit(limit))
    ]
    return heads[::-1] if backward else heads


def series_sizes(conn: Connection, ids: Sequence[int], *, works: bool = False) -> dict[int, int]:
    """How many features (or with `works`, works: a work's editions count once) each series has."""
    if not ids:
        return {}
    counted = func.count(FeatureRow.id)
    if works:
        counted = func.count(func.distinct(func.coalesce(EditionRow.work_key, FeatureRow.slug)))
    query = (
        select(FeatureRow.series_id, counted)
        .outerjoin(EditionRow, EditionRow.feature_id == FeatureRow.id)
        .where(FeatureRow.series_id.in_(ids))
        .group_by(FeatureRow.series_id)
    )
    return {int(id_): int(count) for id_, count in conn.execute(query) if id_ is not None}


def timeline_page(
    conn: Connection, *, series: str | None, after: EventKey | None, limit: int
) -> list[tuple[TimelineEntry, EventKey]]:
    """Up to `limit` events in time order after `after`, of the library or one series, each with
    its position (the last one's is the next page's `after`)."""
    query = (
        select(
            *EVENT_COLUMNS,
            FeatureRow.slug,
            FeatureRow.title,
            FeatureRow.part,
            SeriesRow.key,
            FeatureRow.language,
            EditionRow.work_key,
        )
        .select_from(EventRow)
        .join(FeatureRow, EventRow.feature_id == FeatureRow.id)
        .outerjoin(SeriesRow, FeatureRow.series_id == SeriesRow.id)
        .outerjoin(EditionRow, EditionRow.feature_id == FeatureRow.id)
        .where(EventRow.field.not_in(HIDDEN_FIELDS))  # as every timeline: never from an answer
        .order_by(EventRow.sort_key, FeatureRow.slug, EventRow.position)
        .limit(limit)
    )
    if series is not None:
        query = query.where(SeriesRow.key == series)
    if after is not None:
        # The first condition alone is a range on the sort key's index; the second breaks ties.
        query = query.where(
            EventRow.sort_key >= after.sort_key,
            or_(
                EventRow.sort_key > after.sort_key,
                tuple_(FeatureRow.slug, EventRow.position) > tuple_(after.slug, after.position),
            ),
        )
    return [
        (
            TimelineEntry(
                slug=row.slug,
                title=row.title,
                part=row.part,
                series=row.key,
                value=row.value,
                mod=row.mod,
                year=row.year,
                text=row.text,
                sentence=row.sentence,
                block=row.block,
                field=row.field,
                paragraph=row.paragraph,
                start=row.start,
                end=row.end,
                language=row.language,
                work=row.work_key,
            ),
            EventKey(row.sort_key, row.slug, row.position),
        )
        for row in conn.execute(query)
    ]


def glossary_page(
    conn: Connection, *, series: str | None, after: TermKey | None, limit: int
) -> list[GlossaryEntry]:
    """Up to `limit` glossary entries after `after`, of the library or one series.

    The next English names come from the index on `terms (english_order, english)` (two more
    than asked: the first may be used up by `after`); only their rows are read.
    """
    ordered = (TermRow.english_order, TermRow.english)
    names = select(*ordered).distinct().order_by(*ordered).limit(limit + 2)
    if after is not None:
        names = names.where(tuple_(*ordered) >= tuple_(after.order, after.english))
    if series is not None:
        names = names.where(_term_in_series(series))
    chosen = [english for _, english in conn.execute(names)]
    if not chosen:
        return []
    rows = (
        select(*TERM_COLUMNS, FeatureRow.slug)
        .select_from(TermRow)
        .join(FeatureRow, TermRow.feature_id == FeatureRow.id)
        .where(TermRow.english.in_(chosen))
        .order_by(TermRow.english, FeatureRow.slug, TermRow.position)
    )
    if series is not None:
        rows = rows.where(_term_in_series(series))
    entries = sorted(group_terms((row, row.slug) for row in conn.execute(rows)), key=TermKey.of)
    if after is not None:
        entries = [e for e in entries if TermKey.of(e) > after]
    return entries[:limit]


def _term_in_series(series: str) -> ColumnElement[bool]:
    members = select(FeatureRow.id).join(SeriesRow, FeatureRow.series_id == SeriesRow.id)
    return TermRow.feature_id.in_(members.where(SeriesRow.key == series))


def group_terms(rows: Iterable[Any]) -> list[GlossaryEntry]:
    """Term rows (with their feature's slug) as entries, one per English name and Chinese form."""
    entries: dict[tuple[str, str | None], GlossaryEntry] = {}
    for term, feature_slug in rows:
        key = (term.english, term.traditional)
        known = entries.get(key)
        if known is None:
            entries[key] = GlossaryEntry(
                english=term.english,
                chinese=term.chinese,
                abbreviation=term.abbreviation,
                note=term.note,
                traditional=term.traditional,
                simplified=term.simplified,
                pinyin=term.pinyin,
                pinyin_plain=term.pinyin_plain,
                slugs=(feature_slug,),
            )
        elif feature_slug not in known.slugs:
            entries[key] = replace(known, slugs=(*known.slugs, feature_slug))
    return list(entries.values())


def library_page(
    conn: Connection, after: tuple[str | None, PartKey] | None, limit: int
) -> list[FeatureSummary]:
    """Up to `limit` features of the whole library after `after` (a series key and a position in
    it): series by key, each in reading order, then the features in no series."""
    if after is not None and after[0] is None:
        return parts_after(conn, None, after[1], limit)
    found: list[FeatureSummary] = []
    key = None
    if after is not None:
        key = after[0]
        current = series_id(conn, after[0]) if after[0] is not None else None
        if current is not None:
            found += parts_after(conn, current, after[1], limit)
    while len(found) < limit:
        heads = _series_heads(conn, after=key, limit=limit - len(found))  # each has a feature at least
        if not heads:
            break
        for id_, _, _, _ in heads:
            found += parts_after(conn, id_, None, limit - len(found))
            if len(found) >= limit:
                break
        key = heads[-1][1]
    if len(found) < limit:
        found += parts_after(conn, None, None, limit - len(found))
    return found
