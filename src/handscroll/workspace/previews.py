"""Shareable preview links: one revision, readable without a login until the link expires
(issue 13 item 3). Only the SHA-256 of a link's token is kept."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from handscroll.errors import HandscrollError
from handscroll.store import Library
from handscroll.store.workspace_tables import PreviewLinkRow, RevisionRow
from handscroll.workspace.accounts import Account
from handscroll.workspace.audit import write_entry
from handscroll.workspace.db import aware, reading, utc, writing
from handscroll.workspace.revisions import Revision, revision_of
from handscroll.workspace.roles import Action, require

DEFAULT_LIFETIME = timedelta(days=3)
LONGEST_LIFETIME = timedelta(days=30)


@dataclass(frozen=True)
class PreviewLink:
    """A link just made: its token (shown once) and when it stops working."""

    token: str
    revision_id: int
    expires_at: datetime


def make_link(
    library: Library,
    account: Account,
    revision_id: int,
    lifetime: timedelta = DEFAULT_LIFETIME,
    *,
    now: datetime | None = None,
) -> PreviewLink:
    """A new preview link to a revision, working for `lifetime` (at most `LONGEST_LIFETIME`)."""
    require(account.role, Action.COMMENT)
    if not timedelta(0) < lifetime <= LONGEST_LIFETIME:
        raise HandscrollError(f"a preview link lasts between a minute and {LONGEST_LIFETIME.days} days")
    token = secrets.token_urlsafe(24)
    at = utc(now)
    with writing(library) as session:
        row = session.get(RevisionRow, revision_id)
        if row is None:
            raise HandscrollError(f"there is no revision {revision_id}")
        session.add(
            PreviewLinkRow(
                token_hash=_hash(token),
                revision_id=revision_id,
                created_by=account.name,
                created_at=at,
                expires_at=at + lifetime,
            )
        )
        write_entry(session, account.name, "preview.link", row.slug, f"revision {revision_id}", now=now)
    return PreviewLink(token, revision_id, at + lifetime)


def revision_for(library: Library, token: str, now: datetime | None = None) -> Revision | None:
    """The revision a preview token opens, or None when it is unknown or expired."""
    if not token or len(token) > 100:
        return None
    query = (
        select(PreviewLinkRow.expires_at, RevisionRow)
        .join(RevisionRow, RevisionRow.id == PreviewLinkRow.revision_id)
        .where(PreviewLinkRow.token_hash == _hash(token))
    )
    with reading(library) as session:
        found = session.execute(query).one_or_none()
        if found is None or aware(found[0]) <= utc(now):
            return None
        return revision_of(found[1])


def forget_expired(library: Library, now: datetime | None = None) -> int:
    """Delete expired links; how many went."""
    with writing(library) as session:
        result = session.execute(delete(PreviewLinkRow).where(PreviewLinkRow.expires_at <= utc(now)))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
