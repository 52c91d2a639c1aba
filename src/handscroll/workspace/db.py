"""Short transactions on the library for the workspace, and the one clock it reads.

Times are stored in UTC. SQLite hands them back without a zone, so every
time read goes through `aware`; every time written goes through `utc`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from handscroll.errors import HandscrollError, StoreError
from handscroll.store import Library
from handscroll.store.engine import describe_error, writer


def utc(now: datetime | None = None) -> datetime:
    """`now` in UTC (naive times are taken as UTC), or the current time."""
    if now is None:
        return datetime.now(UTC)
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


def aware(stored: datetime) -> datetime:
    """A time read from the library, in UTC whatever the database gave back."""
    return utc(stored)


@contextmanager
def reading(library: Library) -> Iterator[Session]:
    """A session for reads."""
    with Session(library.engine) as session:
        yield session


@contextmanager
def writing(library: Library) -> Iterator[Session]:
    """One write transaction: committed when the block ends, rolled back whole if it raises."""
    try:
        with Session(writer(library.engine)) as session, session.begin():
            yield session
    except HandscrollError:
        raise
    except SQLAlchemyError as exc:
        raise StoreError(
            f"the workspace could not write and nothing was changed: {describe_error(exc)}"
        ) from exc
