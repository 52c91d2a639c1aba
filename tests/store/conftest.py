"""Fixtures of the store tests: an open library and a full dump of its tables."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from handscroll.store import Library

Dump = dict[str, list[tuple[Any, ...]]]

TABLE_KEYS = {
    "series": "id",
    "features": "id",
    "blocks": "id",
    "enrichments": "feature_id",
    "events": "id",
    "terms": "id",
    "editions": "feature_id",
}
"""Every table of the library, with the column its rows are dumped in order of."""


@pytest.fixture
def library(library_url: str) -> Iterator[Library]:
    """A freshly created, empty library, closed after the test."""
    with Library.open(library_url) as lib:
        yield lib


@pytest.fixture
def dump(library_url: str) -> Callable[[], Dump]:
    """Read every row of every table, through a connection of its own, to compare states exactly."""

    def read() -> Dump:
        engine = create_engine(library_url)
        try:
            with engine.connect() as conn:
                return {
                    table: [tuple(row) for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY {key}"))]
                    for table, key in TABLE_KEYS.items()
                }
        finally:
            engine.dispose()

    return read


def downgrade(library_url: str, revision: str) -> None:
    """Migrate the library at `library_url` down to `revision`, as an older handscroll left it."""
    from alembic import command

    from handscroll.store.engine import alembic_config

    engine = create_engine(library_url)
    try:
        with engine.begin() as conn:
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        engine.dispose()
