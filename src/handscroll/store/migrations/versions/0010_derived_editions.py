"""Editions: mark a Simplified edition converted from the Traditional one by machine (issue 12).

Revision ID: 0010_derived_editions
Revises: 0009_workspace
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_derived_editions"
down_revision: str | None = "0009_workspace"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("editions") as table:
        table.add_column(sa.Column("derived", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("editions") as table:
        table.drop_column("derived")
