"""The library's version: a number that changes in the same transaction as every public write.

Triggers made by migration 0012 bump the one row of `library_version` whenever a table
the reader shows is written, by any process (an import, `handscroll enrich`, a series
title, the workspace publishing), so a reader can key what it rendered on it and is
never told about writes. Reading it is one primary-key lookup (`VERSION_SQL`), cheap
enough for every request.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

VERSION_SQL = "SELECT version FROM library_version WHERE id = 1"
"""The query, plain SQL, so a reader may run it on a connection of its own (`publish.versions`)."""

VERSIONED_TABLES = (
    "series",
    "features",
    "blocks",
    "enrichments",
    "events",
    "terms",
    "places",
    "redirects",
    "quiz_approvals",
    "editions",
)
"""The tables whose writes change the version (each has a trigger); a new public table needs one."""


def read_version(connection: Connection) -> int:
    """The current version (0 if the row is missing, which only a damaged library shows)."""
    value = connection.execute(text(VERSION_SQL)).scalar_one_or_none()
    return int(value or 0)
