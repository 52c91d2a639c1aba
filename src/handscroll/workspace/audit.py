"""The audit log: who did what to what, and when (issue 13 item 8).

Actions write their entry with `write_entry` inside their own transaction, so
an action and its entry are committed together or not at all. Entries never
hold a password or a session token: callers pass names, slugs and notes only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from handscroll.store import Library
from handscroll.store.workspace_tables import AuditRow
from handscroll.workspace.db import aware, reading, utc, writing

DETAIL_LENGTH = 2000
"""Longest detail kept; a note longer than that is cut (the comment itself keeps all of it)."""


@dataclass(frozen=True)
class AuditEntry:
    """One line of the log."""

    id: int
    at: datetime
    actor: str
    action: str
    target: str
    detail: str


def write_entry(
    session: Session, actor: str, action: str, target: str, detail: str = "", *, now: datetime | None = None
) -> None:
    """Add an entry in the caller's transaction."""
    session.execute(
        insert(AuditRow).values(
            at=utc(now), actor=actor, action=action, target=target[:200], detail=detail[:DETAIL_LENGTH]
        )
    )


def record(
    library: Library, actor: str, action: str, target: str, detail: str = "", *, now: datetime | None = None
) -> None:
    """Add an entry in a transaction of its own (for what happens outside the workspace's actions)."""
    with writing(library) as session:
        write_entry(session, actor, action, target, detail, now=now)


def entries(library: Library, limit: int = 50, before: int | None = None) -> list[AuditEntry]:
    """The newest entries first; `before` (an entry id) pages back through older ones."""
    query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
    if before is not None:
        query = query.where(AuditRow.id < before)
    with reading(library) as session:
        return [
            AuditEntry(row.id, aware(row.at), row.actor, row.action, row.target, row.detail)
            for row in session.execute(query).scalars()
        ]
