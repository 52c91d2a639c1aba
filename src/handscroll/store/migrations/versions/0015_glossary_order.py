"""The library glossary a page at a time in either order (issue 11): two indexes.

- `terms (english, coalesce(traditional, ''), feature_id)`: the entries in English order, one
  seek each, and an entry's first features; it replaces the index on `english` alone.
- `terms (pinyin_plain, english, coalesce(traditional, ''))`: the entries in pinyin order; it
  replaces the index on `pinyin_plain` alone.
- On PostgreSQL `pinyin_plain` and `traditional` are collated "C", as `english` is (0013), so
  both databases list the glossary in the same code point order.

Revision ID: 0015_glossary_order
Revises: 0014_search_index
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_glossary_order"
down_revision: str | None = "0014_search_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FORM = sa.text("coalesce(traditional, '')")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _collate("C")
    op.drop_index("ix_terms_english", table_name="terms")
    op.drop_index("ix_terms_pinyin_plain", table_name="terms")
    op.create_index("ix_terms_english_form", "terms", ["english", FORM, "feature_id"])
    op.create_index("ix_terms_pinyin_form", "terms", ["pinyin_plain", "english", FORM])


def downgrade() -> None:
    op.drop_index("ix_terms_pinyin_form", table_name="terms")
    op.drop_index("ix_terms_english_form", table_name="terms")
    op.create_index("ix_terms_english", "terms", ["english"])
    op.create_index("ix_terms_pinyin_plain", "terms", ["pinyin_plain"])
    if op.get_bind().dialect.name == "postgresql":
        _collate(None)


def _collate(collation: str | None) -> None:
    for column in ("traditional", "pinyin_plain"):
        op.alter_column("terms", column, type_=sa.Text(collation=collation), existing_nullable=True)
