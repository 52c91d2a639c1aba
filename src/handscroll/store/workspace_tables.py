"""The editors' workspace tables (issue 13), on the library's one metadata.

The public tables (`features`, `blocks`...) hold only the published revision
of each feature edition; everything an editor has not published lives here:
accounts and their sessions, every saved revision (authoring Markdown), the
state of each edition, review comments, autosaved working copies and the
audit log (migration 0009_workspace); uploaded pictures, where they are used,
preview links, and each edition's work and language (0012_workspace_media).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from handscroll.store.tables import Base

NAME_LENGTH = 80
"""Longest account name; revisions and the audit log keep the name, not the id, so they outlive accounts."""


class AccountRow(Base):
    """An editor who may log in, with a role on the ladder of `workspace.roles`."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(Text)
    """An argon2id hash (argon2-cffi's PHC string); the password itself is never stored."""
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginAttemptRow(Base):
    """One failed login, counted per account name and per address (shared by every worker)."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), index=True)
    """The name tried, known or not, so unknown names are limited as well."""
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class SessionRow(Base):
    """A login session; only the SHA-256 of its token is kept, so a leaked table opens nothing."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class RevisionRow(Base):
    """One saved text of a feature edition, in the authoring Markdown; never changed once written."""

    __tablename__ = "revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), index=True)
    language: Mapped[str] = mapped_column(String(35))
    markdown: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    message: Mapped[str] = mapped_column(Text)
    base_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id"))
    """The revision the author started from (None for the first): how edit conflicts are seen."""


class EditionStateRow(Base):
    """Where a feature edition stands in the workflow, and which revision is public."""

    __tablename__ = "edition_states"

    slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    state: Mapped[str] = mapped_column(String(20), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id"))
    """The revision submitted, approved or scheduled (the one a publish would make public)."""
    approved: Mapped[bool] = mapped_column(Boolean, default=False)
    published_revision_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id"))
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    aligned_revision_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id"))
    """The revision of the source edition this edition was last in step with (issue 13 item 6)."""
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    work_key: Mapped[str | None] = mapped_column(String(200), index=True)
    """The work its newest revision is an edition of (`editions.align.work_key`), for the editions table."""
    language: Mapped[str | None] = mapped_column(String(35))
    title: Mapped[str | None] = mapped_column(Text)
    """The title of its newest revision, so the editor's list never reads revision texts."""


class ReviewCommentRow(Base):
    """A reviewer's comment, approval or request for changes, or a submitter's note."""

    __tablename__ = "review_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), index=True)
    revision_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id"))
    author: Mapped[str] = mapped_column(String(NAME_LENGTH))
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class WorkingCopyRow(Base):
    """An editor's autosaved text of one edition: kept apart so autosave never adds revisions."""

    __tablename__ = "working_copies"

    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    markdown: Mapped[str] = mapped_column(Text)
    base_id: Mapped[int | None] = mapped_column(ForeignKey("revisions.id"))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditRow(Base):
    """Who did what to what, and when: written in the transaction of the action itself."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(NAME_LENGTH))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text)


class MediaAssetRow(Base):
    """An uploaded picture, kept under its media ID in the workspace's upload folder.

    It reaches the public media folder (`public`) when a feature using it is
    published, or at once when a publisher replaces a picture already public.
    """

    __tablename__ = "media_assets"

    media_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    format: Mapped[str] = mapped_column(String(10))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    default_alt: Mapped[str] = mapped_column(Text, default="")
    """The alt text a figure of this picture gets when it has none of its own."""
    uploaded_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    public: Mapped[bool] = mapped_column(Boolean, default=False)


class MediaUseRow(Base):
    """A picture used by the newest revision of an edition (kept in step at every save)."""

    __tablename__ = "media_uses"

    slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    media_id: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)


class PreviewLinkRow(Base):
    """A shareable preview of one revision that works without a login until it expires;
    only the SHA-256 of its token is kept."""

    __tablename__ = "preview_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id"))
    created_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SecretRow(Base):
    """A key the workspace made for itself (the cookie-signing key), shared by every worker."""

    __tablename__ = "workspace_secrets"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
