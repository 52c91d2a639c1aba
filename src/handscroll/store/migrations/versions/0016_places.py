"""The places each feature names, copied out of its enrichment (issue 11).

The library's places page read every feature's enrichment to list its places
(a 504 at 10,000 features); `places` holds one row per place and feature, so
a page of places is a grouped read of the index on `(key, feature_id)`. The
rows are written with the enrichment, in the same transaction; like every
table the reader shows, a write to it bumps the library version (triggers as
0013's). This migration fills the table
from the stored enrichments, `BATCH` features at a time; an enrichment
that no longer reads as one (written by an older handscroll) is left for
`handscroll enrich`, which rewrites it and its places.

Revision ID: 0016_places
Revises: 0015_glossary_order
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from pydantic import TypeAdapter, ValidationError

from handscroll.store.tables import ordered_string

revision: str = "0016_places"
down_revision: str | None = "0015_glossary_order"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 500
"""Enrichments read (and their place rows written) per round trip."""


def upgrade() -> None:
    places = op.create_table(
        "places",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feature_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", ordered_string(400), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("modern_name", sa.Text(), nullable=False),
        sa.Column("chinese", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("bbox", sa.String(100), nullable=True),
        sa.Column("block", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(16), nullable=False),
        sa.Column("paragraph", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feature_id"], ["features.id"], name=op.f("fk_places_feature_id_features"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_places")),
        sa.UniqueConstraint("feature_id", "position", name=op.f("uq_places_feature_id_position")),
        sa.UniqueConstraint("key", "feature_id", name=op.f("uq_places_key_feature_id")),
    )
    assert places is not None
    _fill(places)
    if op.get_bind().dialect.name == "postgresql":  # the function 0013 made
        op.execute(
            "CREATE TRIGGER library_version_places AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            "ON places FOR EACH STATEMENT EXECUTE FUNCTION library_version_bump()"
        )
    else:
        for event in ("insert", "update", "delete"):
            op.execute(
                f"CREATE TRIGGER library_version_places_{event} AFTER {event.upper()} ON places "
                "BEGIN UPDATE library_version SET version = version + 1 WHERE id = 1; END"
            )


def downgrade() -> None:
    op.drop_table("places")  # and its triggers


def _fill(places: sa.Table) -> None:
    """Every stored enrichment's places, by keyset over feature ids, a batch per round trip."""
    from handscroll.model import Place
    from handscroll.store.places import place_values

    read = TypeAdapter(tuple[Place, ...]).validate_python  # the places alone: 15 times faster
    bind = op.get_bind()
    stored = sa.table("enrichments", sa.column("feature_id", sa.Integer()), sa.column("data", sa.JSON()))
    last = -1
    while True:
        batch = bind.execute(
            sa.select(stored.c.feature_id, stored.c.data["places"])
            .where(stored.c.feature_id > last)
            .order_by(stored.c.feature_id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        rows = []
        for feature_id, data in batch:
            try:
                rows.extend(place_values(feature_id, read(data or ())))
            except ValidationError:
                continue  # rewritten with its places by the next `handscroll enrich`
        if rows:
            bind.execute(sa.insert(places), rows)
        last = batch[-1][0]
