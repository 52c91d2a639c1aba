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
from typing import Any, TypeVar

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

WORDS_WINDOW = 20_000
"""Events a words filter reads for one slice, in time order from its cursor: it shows the matches
among them and, when the page is not full, a cursor past them. A rare word then costs what a common
one does; scanning for it timed out (15 s) on a library of 100,000 features (issue 11)."""

EventQuery = Select[EventRow, str, str, int | None, str, str, str]
"""An event with its feature's slug, title, part, series key, language and work key."""

AnySelect = Select[*tuple[Any, ...]]
"""Any select: the filters apply to a page's query and to a words window's alike."""
QueryT = TypeVar("QueryT", bound=AnySelect)


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
    count: int | None
    """Events in the whole filtered timeline, up to `COUNT_CAP` (+1 when there are more); None
    for a words filter, which reads a window at a time and never the whole timeline."""


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
    key = sort_column(engine.dialect.name)
    base = _filtered(timeline_select(), wanted, key)
    position = tuple_(key, EventRow.id)
    with Session(engine) as session:
        if wanted.words:
            return _words_slice(session, wanted, key, after, before, limit)
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
        more_before = first_row is not None and _exists(session, base, key, _at(first_row), earlier=True)
        more_after = last_row is not None and _exists(session, base, key, _at(last_row), earlier=False)
        shown = base.with_only_columns(EventRow.id).limit(COUNT_CAP + 1).subquery()
        counted = session.execute(select(func.count()).select_from(shown)).scalar_one()
    return TimelineSlice(
        entries=entries,
        before=_cursor(first_row) if more_before and first_row is not None else None,
        after=_cursor(last_row) if more_after and last_row is not None else None,
        count=int(counted),
    )


def _words_slice(
    session: Session,
    wanted: TimelineFilter,
    key: ColumnElement[str],
    after: str | None,
    before: str | None,
    limit: int,
) -> TimelineSlice:
    """The events holding some words among the next `WORDS_WINDOW` from the cursor (the previous,
    going back from `before`); past a window without a full page, the cursor goes on from its end."""
    position = tuple_(key, EventRow.id)
    back = before is not None
    scope = _window_scope(wanted, key)
    if back or after is not None:
        start = _parse(before if back and before is not None else after or "")
        scope = scope.where(position < start if back else position > start)
    order = (key.desc(), EventRow.id.desc()) if back else (key, EventRow.id)
    window = scope.order_by(*order).limit(WORDS_WINDOW).subquery()
    # The window is read first (a LIMIT subquery is not merged into the join), then only its rows.
    inside = timeline_select().join(window, window.c.id == EventRow.id).where(_holding(wanted.words or ""))
    ordered = (window.c.at.desc(), window.c.id.desc()) if back else (window.c.at, window.c.id)
    rows = list(session.execute(inside.order_by(*ordered).limit(limit)))
    read, end = _window_end(session, window, back)
    if back:
        rows.reverse()
    beyond = _cursor(rows[0 if back else -1][0]) if len(rows) == limit else None
    if beyond is None and read == WORDS_WINDOW:
        beyond = end  # the window ran out before the page filled: go on from its end
    near = _cursor(rows[-1 if back else 0][0]) if rows else (before if back else after)
    base = _filtered(timeline_select(), wanted, key)
    if near is not None and not _exists(session, base, key, _parse(near), earlier=not back):
        near = None
    return TimelineSlice(
        entries=tuple(to_entry(row) for row in rows),
        before=beyond if back else near,
        after=near if back else beyond,
        count=None,
    )


def _window_scope(wanted: TimelineFilter, key: ColumnElement[str]) -> AnySelect:
    """The events a words window reads, as (id, sort key): features are joined only to filter by
    series or feature, so a window costs an index range and little more."""
    query: AnySelect = select(EventRow.id, key.label("at")).where(EventRow.field.not_in(HIDDEN_FIELDS))
    if wanted.series is not None or wanted.slug is not None:
        query = query.join(FeatureRow, EventRow.feature_id == FeatureRow.id).outerjoin(FeatureRow.series)
    return _filtered(query, wanted, key)


def _window_end(session: Session, window: Any, back: bool) -> tuple[int, str | None]:
    """How many events a words window read, and the cursor of the last one."""
    read = session.execute(select(func.count()).select_from(window)).scalar_one()
    ordered = (window.c.at, window.c.id) if back else (window.c.at.desc(), window.c.id.desc())
    last = session.execute(select(window.c.at, window.c.id).order_by(*ordered).limit(1)).first()
    return int(read), None if last is None else f"{last[0]}~{last[1]}"


def _holding(words: str) -> ColumnElement[bool]:
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return EventRow.sentence.ilike(f"%{escaped}%", escape="\\")


def _filtered(query: QueryT, wanted: TimelineFilter, key: ColumnElement[str]) -> QueryT:
    """The filters but words. A span of years is a range of the sort key, which begins with the
    year, so the index on it finds the span at once."""
    if wanted.series is not None:
        query = query.where(SeriesRow.key == wanted.series)
    if wanted.slug is not None:
        query = query.where(FeatureRow.slug == wanted.slug)
    if wanted.year_from is not None:
        query = query.where(key >= year_cursor(wanted.year_from)[:7])
    if wanted.year_to is not None:
        query = query.where(key < year_cursor(wanted.year_to + 1)[:7])
    if wanted.year_from is not None or wanted.year_to is not None:
        # Decades and centuries (no year) are not in a span of years. `+ 0` keeps SQLite on the
        # sort key's index: on the index of years it scanned the span to answer "any before?".
        query = query.where((EventRow.year + 0).is_not(None))
    return query


def _exists(
    session: Session, base: EventQuery, key: ColumnElement[str], at: tuple[str, int], *, earlier: bool
) -> bool:
    """Whether an event of `base` lies before (or after) a position: a seek past its date, then
    one among the events of its date by id (SQLite scanned the span of a year filter, 2.5 s at 100k,
    when asked with one comparison of pairs)."""
    date, number = at
    for beyond in (
        (key < date) if earlier else (key > date),
        and_(key == date, EventRow.id < number if earlier else EventRow.id > number),
    ):
        if session.execute(base.where(beyond).with_only_columns(EventRow.id).limit(1)).first() is not None:
            return True
    return False


def _at(row: EventRow) -> tuple[str, int]:
    return (row.sort_key, row.id)


def _cursor(row: EventRow) -> str:
    """`<sort key>~<id>`: where a slice starts or ends."""
    return f"{row.sort_key}~{row.id}"


def _parse(cursor: str) -> tuple[str, int]:
    """A cursor back into (sort key, id); anything unreadable counts as the very start."""
    key, _, number = cursor.rpartition("~")
    return (key, int(number)) if number.isdigit() and key else ("", 0)
