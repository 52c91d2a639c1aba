"""Timelines read a slice at a time: filtered, in time order, from a cursor (issue 14, issue 11).

A library of 10,000 features tells tens of thousands of dated events; no page
reads them all. A slice is found by keyset on the indexed sort key (and the
row id, to order events of one date), so reading page 400 costs what page 1
costs. Events read from a model answer are never part of a timeline: the
answer stays hidden until the reader asks for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Engine, Select, and_, func, select, tuple_
from sqlalchemy.orm import Session

from handscroll.model import HIDDEN_FIELDS
from handscroll.store.records import TimelineEntry
from handscroll.store.tables import EditionRow, EventRow, FeatureRow, SeriesRow

COUNT_CAP = 10_000
"""A filtered timeline counts its events up to here, so counting stays bounded; beyond it the
count says "more than"."""

SAME_DATE_EXTRA = 200
"""How many more events of the last date a slice takes, so a date is rarely cut in two."""

EventQuery = Select[EventRow, str, str, int | None, str, str, str]
"""An event with its feature's slug, title, part, series key, language and work key."""


@dataclass(frozen=True)
class TimelineFilter:
    """Which events a timeline shows: of a series, of a feature, within years, with words."""

    series: str | None = None
    slug: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    words: str | None = None
    """Text the event's sentence contains (any case)."""


@dataclass(frozen=True)
class TimelineSlice:
    """Some events of a timeline in time order, with cursors to the slices before and after."""

    entries: tuple[TimelineEntry, ...]
    before: str | None
    """The cursor of the slice before this one, or None at the start."""
    after: str | None
    """The cursor of the slice after this one, or None at the end."""
    count: int
    """Events in the whole filtered timeline, up to `COUNT_CAP` (+1 when there are more)."""


def year_cursor(year: int) -> str:
    """A cursor at the first event of a year (decades and centuries that start it included)."""
    return f"{year + 1_000_000:07d}.~0"


def timeline_select() -> EventQuery:
    """Events with their feature's slug, title, part, series, language and work, shown ones only."""
    return (
        select(
            EventRow,
            FeatureRow.slug,
            FeatureRow.title,
            FeatureRow.part,
            SeriesRow.key,
            FeatureRow.language,
            EditionRow.work_key,
        )
        .join(FeatureRow, EventRow.feature_id == FeatureRow.id)
        .outerjoin(FeatureRow.series)
        .outerjoin(EditionRow, EditionRow.feature_id == FeatureRow.id)
        .where(EventRow.field.not_in(HIDDEN_FIELDS))
    )


def to_entry(row: Sequence[object]) -> TimelineEntry:
    """A timeline entry from a row of `timeline_select`."""
    event, slug, title, part, key, language, work = row
    assert isinstance(event, EventRow)
    return TimelineEntry(
        slug=str(slug),
        title=str(title),
        part=part if isinstance(part, int) else None,
        series=key if isinstance(key, str) else None,
        value=event.value,
        mod=event.mod,
        year=event.year,
        text=event.text,
        sentence=event.sentence,
        block=event.block,
        field=event.field,
        paragraph=event.paragraph,
        start=event.start,
        end=event.end,
        language=str(language),
        work=work if isinstance(work, str) else None,
    )


def sort_column(dialect: str) -> ColumnElement[str]:
    """The sort key, compared by code point on both databases (PostgreSQL would use its locale)."""
    return EventRow.sort_key.collate("C") if dialect == "postgresql" else EventRow.sort_key.expression


def read_slice(
    engine: Engine, wanted: TimelineFilter, *, after: str | None = None, before: str | None = None, limit: int
) -> TimelineSlice:
    """Up to `limit` events after the cursor `after` (or before `before`, or from the start), plus
    the rest of the last date's events (up to `SAME_DATE_EXTRA`)."""
    dialect = engine.dialect.name
    key = sort_column(dialect)
    base = _filtered(timeline_select(), wanted)
    position = tuple_(key, EventRow.id)
    with Session(engine) as session:
        if before is not None:
            cursor = _parse(before)
            backwards = base.where(position < cursor).order_by(key.desc(), EventRow.id.desc())
            rows = list(session.execute(backwards.limit(limit)))
            rows.reverse()
        else:
            query = base.order_by(key, EventRow.id)
            if after is not None:
                query = query.where(position > _parse(after))
            rows = list(session.execute(query.limit(limit)))
            if len(rows) == limit:
                last = rows[-1][0]
                tail = base.where(and_(key == last.sort_key, EventRow.id > last.id)).order_by(EventRow.id)
                rows.extend(session.execute(tail.limit(SAME_DATE_EXTRA)))
        entries = tuple(to_entry(row) for row in rows)
        first_row, last_row = (rows[0][0], rows[-1][0]) if rows else (None, None)
        more_before = first_row is not None and _exists(session, base.where(position < _at(first_row)))
        more_after = last_row is not None and _exists(session, base.where(position > _at(last_row)))
        shown = base.with_only_columns(EventRow.id).limit(COUNT_CAP + 1).subquery()
        counted = session.execute(select(func.count()).select_from(shown)).scalar_one()
    return TimelineSlice(
        entries=entries,
        before=_cursor(first_row) if more_before and first_row is not None else None,
        after=_cursor(last_row) if more_after and last_row is not None else None,
        count=int(counted),
    )


def _filtered(query: EventQuery, wanted: TimelineFilter) -> EventQuery:
    if wanted.series is not None:
        query = query.where(SeriesRow.key == wanted.series)
    if wanted.slug is not None:
        query = query.where(FeatureRow.slug == wanted.slug)
    if wanted.year_from is not None:
        query = query.where(EventRow.year >= wanted.year_from)
    if wanted.year_to is not None:
        query = query.where(EventRow.year <= wanted.year_to)
    if wanted.words:
        escaped = wanted.words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(EventRow.sentence.ilike(f"%{escaped}%", escape="\\"))
    return query


def _exists(session: Session, query: EventQuery) -> bool:
    return session.execute(query.with_only_columns(EventRow.id).limit(1)).first() is not None


def _at(row: EventRow) -> tuple[str, int]:
    return (row.sort_key, row.id)


def _cursor(row: EventRow) -> str:
    """`<sort key>~<id>`: where a slice starts or ends."""
    return f"{row.sort_key}~{row.id}"


def _parse(cursor: str) -> tuple[str, int]:
    """A cursor back into (sort key, id); anything unreadable counts as the very start."""
    key, _, number = cursor.rpartition("~")
    return (key, int(number)) if number.isdigit() and key else ("", 0)
