"""A feature's own date, for sources that are dated documents (issue 16).

Revision ID: 0011_feature_date
Revises: 0010_derived_editions
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_feature_date"
down_revision: str | None = "0010_derived_editions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("features") as batch:
        batch.add_column(sa.Column("date", sa.String(length=10), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("features") as batch:
        batch.drop_column("date")
