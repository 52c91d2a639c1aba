"""The English glossary in the order a reader looks for names (issue 11): `terms.english_order`.

Code point order put "de Gaulle" after "Zhou Enlai" and "Émile" after every plain name.
Each term now keeps `text.order.name_order(english)` (accents dropped, case folded), filled
here once per distinct English name, and two indexes serve the glossary's orders with it:

- `terms (english_order, english, coalesce(traditional, ''))`: the English order;
- `terms (pinyin_plain, english_order, english, coalesce(traditional, ''))`: the pinyin
  order, English by the same key within one reading; it replaces 0015's pinyin index.

The key is Python's, not the database's collation, so SQLite and PostgreSQL (collated "C",
as the other ordered columns) list the same order, and a new release of the rule is a
migration like this one.

Revision ID: 0018_glossary_name_order
Revises: 0017_render_parts
Create Date: 2026-12-07
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_glossary_name_order"
down_revision: str | None = "0017_render_parts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FORM = sa.text("coalesce(traditional, '')")
ORDERED = sa.Text().with_variant(sa.Text(collation="C"), "postgresql")


def name_order(name: str) -> str:
    """`text.order.name_order` as of this revision, kept here so the migration never changes."""
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def upgrade() -> None:
    # Plain ALTER TABLE on both databases: a batch copy of the table on SQLite would lose the
    # glossary's indexes on expressions, which SQLAlchemy cannot reflect.
    op.add_column("terms", sa.Column("english_order", ORDERED, nullable=False, server_default=""))
    bind = op.get_bind()
    names = bind.execute(sa.text("SELECT DISTINCT english FROM terms")).scalars().all()
    if names:
        bind.execute(
            sa.text("UPDATE terms SET english_order = :order WHERE english = :english"),
            [{"order": name_order(name), "english": name} for name in names],
        )
    op.drop_index("ix_terms_pinyin_form", table_name="terms")
    op.create_index("ix_terms_order_form", "terms", ["english_order", "english", FORM])
    op.create_index("ix_terms_pinyin_order", "terms", ["pinyin_plain", "english_order", "english", FORM])


def downgrade() -> None:
    op.drop_index("ix_terms_pinyin_order", table_name="terms")
    op.drop_index("ix_terms_order_form", table_name="terms")
    op.create_index("ix_terms_pinyin_form", "terms", ["pinyin_plain", "english", FORM])
    op.drop_column("terms", "english_order")
