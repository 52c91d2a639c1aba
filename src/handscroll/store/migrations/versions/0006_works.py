"""Editions: which work each feature is an edition of (issue 12).

Revision ID: 0006_works
Revises: 0008_quiz
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_works"
down_revision: str | None = "0008_quiz"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "editions",
        sa.Column("feature_id", sa.Integer(), nullable=False),
        sa.Column("work_key", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["feature_id"], ["features.id"], name=op.f("fk_editions_feature_id_features"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("feature_id", name=op.f("pk_editions")),
    )
    op.create_index(op.f("ix_editions_work_key"), "editions", ["work_key"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_editions_work_key"), table_name="editions")
    op.drop_table("editions")
