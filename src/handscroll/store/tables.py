"""The library's tables as SQLAlchemy 2 typed declarative mappings.

Three tables: `series`, `features` and `blocks`. The block rows are the truth
about a feature's body; `features` holds its head (title, part, hero...) and
the hashes that make re-imports idempotent. Alembic's initial migration
creates exactly this schema, and a test compares the two.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    literal_column,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeEngine

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Constraint names fixed by convention, so migrations can name what they alter."""

BlockData = JSON().with_variant(JSONB(), "postgresql")
"""A block's fields other than `type`: JSON text in SQLite, JSONB in PostgreSQL."""

OrderedText = Text().with_variant(Text(collation="C"), "postgresql")
"""Text that listings sort by code point, as SQLite does, so an index serves the order (issue 11)."""


def ordered_string(length: int) -> TypeEngine[str]:
    """A String sorted by code point on both databases (see `OrderedText`)."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


class Base(DeclarativeBase):
    """The declarative base; its metadata is what Alembic migrates to."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SeriesRow(Base):
    """A series of features, known by the key readers derive from media IDs."""

    __tablename__ = "series"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(ordered_string(200), unique=True)
    title: Mapped[str | None] = mapped_column(Text)

    features: Mapped[list[FeatureRow]] = relationship(back_populates="series")


class FeatureRow(Base):
    """A feature's head: everything but its blocks, plus import bookkeeping."""

    __tablename__ = "features"
    __table_args__ = (
        # A series' parts in reading order: neighbours and pages are index range scans (issue 11).
        Index("ix_features_series_id_part_title_slug", "series_id", "part", "title", "slug"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("series.id"))
    part: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(OrderedText)
    language: Mapped[str] = mapped_column(String(35))
    hero: Mapped[str | None] = mapped_column(String(200))
    date: Mapped[str | None] = mapped_column(String(10))
    """The document's own date (YYYY-MM-DD) for a dated source; the date tagger counts from it."""
    content_hash: Mapped[str] = mapped_column(String(64))
    """`Feature.content_hash()` at import: equal hashes mean an unchanged feature."""
    source: Mapped[str] = mapped_column(Text, index=True)
    """Where the feature was read from (a path as the importer shows it): its identity on re-import."""
    source_hash: Mapped[str] = mapped_column(String(64), index=True)
    """SHA-256 of the source file's bytes, so re-imports can skip before parsing."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    """When the content last changed (a moved source alone does not count)."""

    series: Mapped[SeriesRow | None] = relationship(back_populates="features")
    blocks: Mapped[list[BlockRow]] = relationship(
        back_populates="feature",
        order_by="BlockRow.position",
        cascade="all, delete-orphan",
        passive_deletes=True,  # the database's ON DELETE CASCADE removes them in one statement
    )


class BlockRow(Base):
    """One block of a feature's body, at its position in reading order."""

    __tablename__ = "blocks"
    __table_args__ = (UniqueConstraint("feature_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feature_id: Mapped[int] = mapped_column(ForeignKey("features.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(20))
    media: Mapped[str | None] = mapped_column(String(200), index=True)
    """A figure's media ID, copied out of `data` so "which features show this photo" is an index scan."""
    data: Mapped[dict[str, Any]] = mapped_column(BlockData)

    feature: Mapped[FeatureRow] = relationship(back_populates="blocks")


class RenderPartsRow(Base):
    """What a feature's page shows that depends on the feature and its enrichment only, worked out
    once and kept (issue 11; `store.render_parts`): opaque to the store, keyed by what it was made of."""

    __tablename__ = "render_parts"

    feature_id: Mapped[int] = mapped_column(ForeignKey("features.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64))
    """A digest of what the parts were made from; unequal to the reader's own means stale."""
    data: Mapped[bytes] = mapped_column(LargeBinary)


class EnrichmentRow(Base):
    """A feature's whole Enrichment as JSON, with the feature hash it was made from."""

    __tablename__ = "enrichments"

    feature_id: Mapped[int] = mapped_column(ForeignKey("features.id", ondelete="CASCADE"), primary_key=True)
    feature_hash: Mapped[str] = mapped_column(String(64))
    """The content hash of the feature when it was enriched: unequal means stale."""
    version: Mapped[int] = mapped_column(Integer)
    """The enrichers' version (ENRICHMENT_VERSION) that made it."""
    data: Mapped[dict[str, Any]] = mapped_column(BlockData)


class EventRow(Base):
    """One dated event, copied out of the enrichment so a library timeline is one sorted query."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("feature_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feature_id: Mapped[int] = mapped_column(ForeignKey("features.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    """The event's index in its enrichment (reading order)."""
    sort_key: Mapped[str] = mapped_column(ordered_string(80), index=True)
    """`timeline.sort_text` of the value: orders across granularities."""
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    """The start year, for grouping and year filters; None for decades and centuries."""
    value: Mapped[str] = mapped_column(String(64))
    mod: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    block: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(16))
    paragraph: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class TermRow(Base):
    """One glossary term of a feature, copied out for the library glossary and search."""

    __tablename__ = "terms"
    __table_args__ = (UniqueConstraint("feature_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feature_id: Mapped[int] = mapped_column(ForeignKey("features.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    english: Mapped[str] = mapped_column(OrderedText)
    english_order: Mapped[str] = mapped_column(OrderedText)
    """`text.order.name_order(english)`: where the entry stands in the English glossary."""
    chinese: Mapped[str | None] = mapped_column(Text)
    abbreviation: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    traditional: Mapped[str | None] = mapped_column(OrderedText)
    simplified: Mapped[str | None] = mapped_column(Text)
    pinyin: Mapped[str | None] = mapped_column(Text)
    pinyin_plain: Mapped[str | None] = mapped_column(OrderedText)


TERM_FORM = func.coalesce(TermRow.traditional, literal_column("''"))
"""A term's Traditional form as the glossary's indexes hold it: '' for a term without one."""

Index("ix_terms_english_form", TermRow.english, TERM_FORM, TermRow.feature_id)
Index("ix_terms_order_form", TermRow.english_order, TermRow.english, TERM_FORM)
Index("ix_terms_pinyin_order", TermRow.pinyin_plain, TermRow.english_order, TermRow.english, TERM_FORM)


class PlaceRow(Base):
    """One place a feature names where a reader sees it, copied out of the enrichment so the library's
    places page is a page of an indexed, grouped query (issue 11), not a read of every enrichment.

    A feature has one row per place `key`: the first place of its enrichment with that key, and its
    first mention outside the hidden fields (a place named only in a model answer has no row).
    """

    __tablename__ = "places"
    __table_args__ = (UniqueConstraint("feature_id", "position"), UniqueConstraint("key", "feature_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feature_id: Mapped[int] = mapped_column(ForeignKey("features.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    """The place's index in its enrichment."""
    key: Mapped[str] = mapped_column(ordered_string(400))
    """`store.places.place_key`: what makes two features' places one place, in the page's order."""
    name: Mapped[str] = mapped_column(Text)
    modern_name: Mapped[str] = mapped_column(Text)
    chinese: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    bbox: Mapped[str | None] = mapped_column(String(100))
    """A region's extent, "south,west,north,east", as the map reads it."""
    block: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(16))
    paragraph: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)


class RedirectRow(Base):
    """A slug a feature had before its title changed: its old URLs answer 301 to the new one."""

    __tablename__ = "redirects"

    old_slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    feature_id: Mapped[int] = mapped_column(ForeignKey("features.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class QuizApprovalRow(Base):
    """An editor's approval of one self-check item of a feature (issue 15): only approved items are shown."""

    __tablename__ = "quiz_approvals"
    __table_args__ = (UniqueConstraint("feature_id", "item_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    feature_id: Mapped[int] = mapped_column(ForeignKey("features.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(40))
    """`QuizItem.id`, a hash of the item's content: a changed text makes a new, unapproved item."""
    approved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EditionRow(Base):
    """Which work a feature is an edition of (issue 12): editions of one key are aligned.

    One row per feature, replaced when the feature is re-imported, so an
    edition re-imported replaces only itself.
    """

    __tablename__ = "editions"

    feature_id: Mapped[int] = mapped_column(ForeignKey("features.id", ondelete="CASCADE"), primary_key=True)
    work_key: Mapped[str] = mapped_column(String(300), index=True)
    """`editions.align.work_key`: series and part, or an explicit key."""
    derived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """A Simplified edition converted from the work's Traditional one (issue 12, item 5): shown as
    such, and replaced when a real Simplified edition is imported."""


class LibraryVersionRow(Base):
    """One row whose `version` changes in the same transaction as any write to the public tables.

    Triggers made by the migration bump it (issue 11), so every writer, in any process,
    invalidates the reader's rendered pages without knowing about them.
    """

    __tablename__ = "library_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
