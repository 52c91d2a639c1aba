"""Sessions: tokens kept only as hashes, ended at logout, idle time and lifetime."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from handscroll.store import Library
from handscroll.workspace.accounts import add_account
from handscroll.workspace.roles import Role
from handscroll.workspace.sessions import (
    IDLE,
    LIFETIME,
    end_session,
    end_sessions_of,
    open_session,
    session_account,
)
from workspace.texts import PASSWORD

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def test_the_library_holds_only_the_hash_of_a_token(library: Library) -> None:
    account = add_account(library, "mei", Role.EDITOR, PASSWORD)
    token = open_session(library, account, T0)
    assert len(token) >= 40
    with library.engine.connect() as conn:
        rows = [tuple(row) for row in conn.execute(text("SELECT * FROM sessions"))]
    assert token not in repr(rows)
    assert rows[0][1] == hashlib.sha256(token.encode()).hexdigest()
    assert open_session(library, account, T0) != token


def test_unknown_and_ended_tokens_open_nothing(library: Library) -> None:
    account = add_account(library, "mei", Role.EDITOR, PASSWORD)
    token = open_session(library, account, T0)
    assert session_account(library, "not-a-token", T0) is None
    assert session_account(library, "", T0) is None
    end_session(library, token, T0)
    assert session_account(library, token, T0) is None
    end_session(library, token, T0)  # twice is harmless


def test_idle_sessions_expire_and_use_keeps_them_alive(library: Library) -> None:
    account = add_account(library, "mei", Role.EDITOR, PASSWORD)
    used = open_session(library, account, T0)
    idle = open_session(library, account, T0)
    at = T0
    while at < T0 + IDLE * 2:
        at += IDLE / 2
        assert session_account(library, used, at) == account
    assert session_account(library, idle, T0 + IDLE + timedelta(seconds=1)) is None


def test_a_session_ends_at_its_lifetime_however_much_it_is_used(library: Library) -> None:
    account = add_account(library, "mei", Role.EDITOR, PASSWORD)
    token = open_session(library, account, T0)
    at = T0
    while at + IDLE / 2 < T0 + LIFETIME:
        at += IDLE / 2
        assert session_account(library, token, at) == account
    assert session_account(library, token, T0 + LIFETIME) is None


def test_end_sessions_of_ends_all_of_one_account_only(library: Library) -> None:
    mei = add_account(library, "mei", Role.EDITOR, PASSWORD)
    lin = add_account(library, "lin", Role.EDITOR, PASSWORD)
    tokens = [open_session(library, mei, T0) for _ in range(3)]
    other = open_session(library, lin, T0)
    assert end_sessions_of(library, mei.id, T0) == 3
    assert all(session_account(library, t, T0) is None for t in tokens)
    assert session_account(library, other, T0) == lin
