"""Login sessions: a random token for the cookie, only its SHA-256 in the library (issue 13).

A session ends at logout, when its account is disabled or its password reset,
after `IDLE` without use, and `LIFETIME` after login whatever happens. The
token is returned once, to be set as a cookie, and never logged.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update

from handscroll.errors import StoreError
from handscroll.store import Library
from handscroll.store.workspace_tables import AccountRow, SecretRow, SessionRow
from handscroll.workspace.accounts import Account, account_from_row, end_open_sessions
from handscroll.workspace.audit import write_entry
from handscroll.workspace.db import aware, reading, utc, writing

LIFETIME = timedelta(hours=12)
IDLE = timedelta(hours=2)
SEEN_EVERY = timedelta(minutes=1)
"""`last_seen_at` is written at most this often, so reading a page is not a write each time."""

TOKEN_BYTES = 32


def token_hash(token: str) -> str:
    """What the library keeps of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(library: Library, account: Account, now: datetime | None = None) -> str:
    """Start a session for an account that has just logged in; returns its new token."""
    at = utc(now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    with writing(library) as session:
        session.execute(
            insert(SessionRow).values(
                token_hash=token_hash(token),
                account_id=account.id,
                created_at=at,
                last_seen_at=at,
                expires_at=at + LIFETIME,
            )
        )
    return token


def session_account(library: Library, token: str, now: datetime | None = None) -> Account | None:
    """The account a token is logged in as; None if the session is unknown, ended, expired or the
    account disabled."""
    if not token or len(token) > 200:
        return None
    at = utc(now)
    query = (
        select(SessionRow, AccountRow)
        .join(AccountRow, AccountRow.id == SessionRow.account_id)
        .where(SessionRow.token_hash == token_hash(token))
    )
    with reading(library) as session:
        found = session.execute(query).one_or_none()
    if found is None:
        return None
    row, account = found
    last_seen = aware(row.last_seen_at)
    if row.ended_at is not None or account.disabled or aware(row.expires_at) <= at or last_seen + IDLE <= at:
        return None
    if at - last_seen >= SEEN_EVERY:
        with writing(library) as session:
            session.execute(update(SessionRow).where(SessionRow.id == row.id).values(last_seen_at=at))
    return account_from_row(account)


def end_session(library: Library, token: str, now: datetime | None = None) -> None:
    """End one session (logout); an unknown token is quietly ignored."""
    with writing(library) as session:
        row = session.execute(
            select(SessionRow).where(SessionRow.token_hash == token_hash(token))
        ).scalar_one_or_none()
        if row is None or row.ended_at is not None:
            return
        row.ended_at = utc(now)
        name = session.execute(select(AccountRow.name).where(AccountRow.id == row.account_id)).scalar_one()
        write_entry(session, name, "logout", name, now=now)


def end_sessions_of(library: Library, account_id: int, now: datetime | None = None) -> int:
    """End every open session of an account; how many there were."""
    with writing(library) as session:
        return end_open_sessions(session, account_id, utc(now))


def signing_key(library: Library, configured: str | None = None) -> str:
    """The key that signs session cookies: the configured one, else one made once and kept in
    the library (the first worker to ask makes it; the others read the same)."""
    if configured:
        return configured
    with reading(library) as session:
        row = session.get(SecretRow, "cookie-signing")
        if row is not None:
            return row.value
    try:
        with writing(library) as session:
            session.add(SecretRow(name="cookie-signing", value=secrets.token_urlsafe(48)))
    except StoreError:
        pass  # another worker made it first
    with reading(library) as session:
        row = session.get(SecretRow, "cookie-signing")
        assert row is not None
        return row.value
