"""The whole timeline read as a stream, for a static build that writes every page of it (issue 11).

The live reader asks for one slice at a time (`timeline_slices`); a static
build writes them all, so it reads the events once in order, a batch of rows at
a time, and never holds more than the page it is writing: at 10,000 features
the timeline is 425,000 events, and read whole it took 1.7 GB. The order is
`Library.timeline`'s (time, then feature, then place in the feature), the
library's timeline first or every series' one after another; the columns are
read as plain rows, not mapped objects, which costs a third as much.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Engine, Select, select
from sqlalchemy.orm import QueryableAttribute

from handscroll.model import HIDDEN_FIELDS
from handscroll.store.records import TimelineEntry
from handscroll.store.tables import EditionRow, EventRow, FeatureRow, SeriesRow

AnySelect = Select[*tuple[Any, ...]]

BATCH = 2_000
"""Rows fetched at a time."""


class TimelineDate(NamedTuple):
    """What cutting a timeline into pages needs of an event: its series, feature and date."""

    series: str | None
    slug: str
    value: str
    mod: str | None
    sort_key: str
    """`model.sort_text` of the date: its first seven characters are the year plus 1,000,000."""


def timeline_dates(engine: Engine, *, by_series: bool) -> Iterator[TimelineDate]:
    """The series, feature and date of every shown event, in the order `timeline_entries` gives them."""
    columns = (SeriesRow.key, FeatureRow.slug, EventRow.value, EventRow.mod, EventRow.sort_key)
    for row in _stream(engine, _ordered(select(*columns), engine, by_series=by_series)):
        yield TimelineDate(*row)


def timeline_entries(engine: Engine, *, by_series: bool) -> Iterator[TimelineEntry]:
    """Every shown event in time order: the library's timeline, or (`by_series`) each series' own
    timeline one after the other, series by key; events of no series are left out of the latter."""
    query = select(
        FeatureRow.slug,
        FeatureRow.title,
        FeatureRow.part,
        SeriesRow.key,
        EventRow.value,
        EventRow.mod,
        EventRow.year,
        EventRow.text,
        EventRow.sentence,
        EventRow.block,
        EventRow.field,
        EventRow.paragraph,
        EventRow.start,
        EventRow.end,
        FeatureRow.language,
        EditionRow.work_key,
    )
    query = _ordered(query, engine, by_series=by_series)
    for row in _stream(engine, query.outerjoin(EditionRow, EditionRow.feature_id == FeatureRow.id)):
        yield TimelineEntry(*row)


def _ordered(query: AnySelect, engine: Engine, *, by_series: bool) -> AnySelect:
    """The events' joins, the hidden fields left out, and the order (by code point on both databases)."""
    query = query.select_from(EventRow).join(FeatureRow, EventRow.feature_id == FeatureRow.id)
    query = query.where(EventRow.field.not_in(HIDDEN_FIELDS))
    time, slug = _code_points(EventRow.sort_key, engine), _code_points(FeatureRow.slug, engine)
    order = (time, slug, EventRow.position)
    if by_series:
        return query.join(FeatureRow.series).order_by(_code_points(SeriesRow.key, engine), *order)
    return query.outerjoin(FeatureRow.series).order_by(*order)


def _code_points(column: QueryableAttribute[str], engine: Engine) -> ColumnElement[str]:
    return column.collate("C") if engine.dialect.name == "postgresql" else column.expression


def _stream(engine: Engine, query: AnySelect) -> Iterator[tuple[Any, ...]]:
    """The rows of a query a batch at a time (a server-side cursor on PostgreSQL)."""
    with (
        engine.connect() as connection,
        connection.execution_options(yield_per=BATCH).execute(query) as result,
    ):
        for row in result:
            yield tuple(row)
