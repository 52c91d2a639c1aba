"""Serving at scale (issue 11): the library's version row, and listings served by indexes.

- `library_version`: one row, bumped by triggers in the same transaction as every write
  to a table the reader shows, whichever process writes. The reader keys its rendered
  pages on it. PostgreSQL bumps once per transaction (`BUMPED`); SQLite, which has only row
  triggers, once per row (an update in place: a few microseconds each).
- `features (series_id, part, title, slug)`: a series' parts in reading order, so a
  feature's neighbours and a page of a series are index range scans; it replaces the
  index on `series_id` alone, which it starts with.
- On PostgreSQL the columns listings sort by are collated "C", the code-point order the
  queries ask for (`Library._text_order`) and SQLite always has, so those indexes serve it.

Revision ID: 0013_serving
Revises: 0012_workspace_media
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_serving"
down_revision: str | None = "0012_workspace_media"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED = (
    "series",
    "features",
    "blocks",
    "enrichments",
    "events",
    "terms",
    "redirects",
    "quiz_approvals",
    "editions",
)
"""The tables a reader's page or API answer shows; a write to any of them is a new version."""

COLLATED = (
    ("series", "key", sa.String(200)),
    ("features", "title", sa.Text()),
    ("events", "sort_key", sa.String(80)),
    ("terms", "english", sa.Text()),
)
"""The columns listings sort and page by, with their types."""

BUMP = "UPDATE library_version SET version = version + 1 WHERE id = 1"

BUMPED = "handscroll.version_bumped"
"""A setting local to the transaction (PostgreSQL): the version is bumped by its first write only.
Every UPDATE of the one row adds a row version the next must step over, so a bump per statement
made an import of 20,000 rows in one transaction 90 times slower (6.3 s against 0.07 s); once per
transaction it is 0.13 s. A savepoint rolled back takes its bump and the setting back together."""


def upgrade() -> None:
    op.create_table(
        "library_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_library_version")),
    )
    op.execute("INSERT INTO library_version (id, version) VALUES (1, 1)")
    op.drop_index("ix_features_series_id", table_name="features")
    op.create_index(
        "ix_features_series_id_part_title_slug", "features", ["series_id", "part", "title", "slug"]
    )
    if op.get_bind().dialect.name == "postgresql":
        _collate("C")
        op.execute(
            "CREATE FUNCTION library_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF current_setting('{BUMPED}', true) IS DISTINCT FROM 'yes' THEN {BUMP}; "
            f"PERFORM set_config('{BUMPED}', 'yes', true); END IF; RETURN NULL; END $$"
        )
        for table in VERSIONED:
            op.execute(
                f"CREATE TRIGGER library_version_{table} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION library_version_bump()"
            )
    else:
        for table in VERSIONED:
            for event in ("insert", "update", "delete"):
                op.execute(
                    f"CREATE TRIGGER library_version_{table}_{event} AFTER {event.upper()} ON {table} "
                    f"BEGIN {BUMP}; END"
                )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in VERSIONED:
            op.execute(f"DROP TRIGGER library_version_{table} ON {table}")
        op.execute("DROP FUNCTION library_version_bump()")
        _collate(None)
    else:
        for table in VERSIONED:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER library_version_{table}_{event}")
    op.drop_index("ix_features_series_id_part_title_slug", table_name="features")
    op.create_index("ix_features_series_id", "features", ["series_id"])
    op.drop_table("library_version")


def _collate(collation: str | None) -> None:
    """Set (or clear) the collation of the sorted columns; PostgreSQL rebuilds their indexes."""
    for table, column, kind in COLLATED:
        op.alter_column(table, column, type_=type(kind)(kind.length, collation), existing_nullable=False)
