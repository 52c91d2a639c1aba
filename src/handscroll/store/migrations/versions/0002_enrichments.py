"""Enrichments: each feature's derived annotations, with events and terms copied out for queries.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "enrichments",
        sa.Column("feature_id", sa.Integer(), nullable=False),
        sa.Column("feature_hash", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False),
        sa.ForeignKeyConstraint(
            ["feature_id"],
            ["features.id"],
            name=op.f("fk_enrichments_feature_id_features"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("feature_id", name=op.f("pk_enrichments")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feature_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("sort_key", sa.String(length=80), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("mod", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("block", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("paragraph", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feature_id"], ["features.id"], name=op.f("fk_events_feature_id_features"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("feature_id", "position", name=op.f("uq_events_feature_id_position")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_sort_key"), ["sort_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_events_year"), ["year"], unique=False)

    op.create_table(
        "terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feature_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("english", sa.Text(), nullable=False),
        sa.Column("chinese", sa.Text(), nullable=True),
        sa.Column("abbreviation", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("traditional", sa.Text(), nullable=True),
        sa.Column("simplified", sa.Text(), nullable=True),
        sa.Column("pinyin", sa.Text(), nullable=True),
        sa.Column("pinyin_plain", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["feature_id"], ["features.id"], name=op.f("fk_terms_feature_id_features"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terms")),
        sa.UniqueConstraint("feature_id", "position", name=op.f("uq_terms_feature_id_position")),
    )
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_terms_english"), ["english"], unique=False)
        batch_op.create_index(batch_op.f("ix_terms_pinyin_plain"), ["pinyin_plain"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_terms_pinyin_plain"))
        batch_op.drop_index(batch_op.f("ix_terms_english"))

    op.drop_table("terms")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_year"))
        batch_op.drop_index(batch_op.f("ix_events_sort_key"))

    op.drop_table("events")
    op.drop_table("enrichments")
