"""The parts of a feature page worked out once per feature (issue 11).

`render_parts` keeps, per feature, what its page shows that depends only on the feature
and its enrichment (the texts marked with their events, terms and places, the extras,
the JSON-LD of what enrichment found), keyed by a digest of what they were made from,
so a first render in any process reads them instead of working them out. The reader
fills a row the first time it renders a page without one (or with a stale one), and
`handscroll prepare-pages` fills every row at once. Not a table the reader shows by
itself: a write to it does not change the library's version.

Revision ID: 0017_render_parts
Revises: 0016_places
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_render_parts"
down_revision: str | None = "0016_places"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "render_parts",
        sa.Column("feature_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["feature_id"],
            ["features.id"],
            name=op.f("fk_render_parts_feature_id_features"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("feature_id", name=op.f("pk_render_parts")),
    )


def downgrade() -> None:
    op.drop_table("render_parts")
