"""Autosaved working copies: one per editor and edition, never a revision (issue 13 item 3).

The editor autosaves here as the text changes; only an explicit save writes a
revision, so autosave never floods the revision list. The text is kept as
typed, readable or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from handscroll.errors import HandscrollError
from handscroll.store import Library
from handscroll.store.workspace_tables import WorkingCopyRow
from handscroll.workspace.accounts import Account
from handscroll.workspace.db import aware, reading, utc, writing

MAX_LENGTH = 2_000_000
"""Characters; a working copy longer than any feature is refused rather than stored."""


@dataclass(frozen=True)
class WorkingCopy:
    """An editor's unsaved text of an edition, and the revision it started from."""

    account_id: int
    slug: str
    markdown: str
    base_id: int | None
    saved_at: datetime


def save_working_copy(
    library: Library,
    account: Account,
    slug: str,
    markdown: str,
    base_id: int | None,
    *,
    now: datetime | None = None,
) -> WorkingCopy:
    """Keep (replace) the account's working copy of `slug`."""
    if len(markdown) > MAX_LENGTH:
        raise HandscrollError(f"a working copy holds at most {MAX_LENGTH} characters")
    at = utc(now)
    with writing(library) as session:
        row = session.get(WorkingCopyRow, (account.id, slug))
        if row is None:
            session.add(
                WorkingCopyRow(
                    account_id=account.id, slug=slug, markdown=markdown, base_id=base_id, saved_at=at
                )
            )
        else:
            row.markdown, row.base_id, row.saved_at = markdown, base_id, at
    return WorkingCopy(account.id, slug, markdown, base_id, at)


def working_copy(library: Library, account: Account, slug: str) -> WorkingCopy | None:
    """The account's working copy of `slug`, or None."""
    with reading(library) as session:
        row = session.execute(
            select(WorkingCopyRow).where(WorkingCopyRow.account_id == account.id, WorkingCopyRow.slug == slug)
        ).scalar_one_or_none()
        if row is None:
            return None
        return WorkingCopy(row.account_id, row.slug, row.markdown, row.base_id, aware(row.saved_at))


def drop_working_copy(library: Library, account: Account, slug: str) -> None:
    """Forget the account's working copy of `slug` (after a save, or when the editor discards it)."""
    with writing(library) as session:
        session.execute(
            delete(WorkingCopyRow).where(WorkingCopyRow.account_id == account.id, WorkingCopyRow.slug == slug)
        )
