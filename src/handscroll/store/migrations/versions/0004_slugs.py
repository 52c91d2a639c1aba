"""Slug redirects: the old slugs of features a re-import renamed, and an index on `features.source`.

Existing features keep the slugs they have (nothing is renamed here); a slug
changes only when its source is read again with a new title, and then the
old one is kept in `redirects` (issues 9, 10). Features are matched to their
source on import, hence the index.

Revision ID: 0004_slugs
Revises: 0005_search
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004_slugs"
down_revision: str | None = "0005_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "redirects",
        sa.Column("old_slug", sa.String(120), nullable=False),
        sa.Column("feature_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["feature_id"], ["features.id"], name="fk_redirects_feature_id_features", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("old_slug", name="pk_redirects"),
    )
    op.create_index("ix_redirects_feature_id", "redirects", ["feature_id"])
    op.create_index("ix_features_source", "features", ["source"])


def downgrade() -> None:
    op.drop_index("ix_features_source", table_name="features")
    op.drop_index("ix_redirects_feature_id", table_name="redirects")
    op.drop_table("redirects")
