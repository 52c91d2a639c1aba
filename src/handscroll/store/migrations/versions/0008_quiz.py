"""Quiz approvals: which generated self-check items an editor has approved (issue 15).

Revision ID: 0008_quiz
Revises: 0004_slugs
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_quiz"
down_revision: str | None = "0004_slugs"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quiz_approvals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("feature_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=40), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["feature_id"],
            ["features.id"],
            name=op.f("fk_quiz_approvals_feature_id_features"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quiz_approvals")),
        sa.UniqueConstraint("feature_id", "item_id", name=op.f("uq_quiz_approvals_feature_id_item_id")),
    )


def downgrade() -> None:
    op.drop_table("quiz_approvals")
