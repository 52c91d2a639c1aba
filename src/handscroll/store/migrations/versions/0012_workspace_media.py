"""The workspace's pictures, where they are used, preview links, each edition's work, its
signing key (issue 13).

Revision ID: 0012_workspace_media
Revises: 0011_feature_date
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_workspace_media"
down_revision: str | None = "0011_feature_date"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("edition_states") as batch:
        batch.add_column(sa.Column("work_key", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("language", sa.String(length=35), nullable=True))
        batch.add_column(sa.Column("title", sa.Text(), nullable=True))
        batch.create_index(batch.f("ix_edition_states_work_key"), ["work_key"], unique=False)
    op.create_table(
        "media_assets",
        sa.Column("media_id", sa.String(length=200), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("default_alt", sa.Text(), nullable=False),
        sa.Column("uploaded_by", sa.String(length=80), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("media_id", name=op.f("pk_media_assets")),
    )
    op.create_table(
        "media_uses",
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("media_id", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("slug", "media_id", name=op.f("pk_media_uses")),
    )
    op.create_index(op.f("ix_media_uses_media_id"), "media_uses", ["media_id"], unique=False)
    op.create_table(
        "preview_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["revision_id"], ["revisions.id"], name=op.f("fk_preview_links_revision_id_revisions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_preview_links")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_preview_links_token_hash")),
    )

    op.create_table(
        "workspace_secrets",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_workspace_secrets")),
    )


def downgrade() -> None:
    op.drop_table("workspace_secrets")
    op.drop_table("preview_links")
    op.drop_index(op.f("ix_media_uses_media_id"), table_name="media_uses")
    op.drop_table("media_uses")
    op.drop_table("media_assets")
    with op.batch_alter_table("edition_states") as batch:
        batch.drop_index(batch.f("ix_edition_states_work_key"))
        batch.drop_column("title")
        batch.drop_column("language")
        batch.drop_column("work_key")
