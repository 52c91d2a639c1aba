"""Accounts and logins on both databases: hashes only, lockouts per name and per address."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from handscroll.errors import NotFoundError
from handscroll.store import Library
from handscroll.workspace.accounts import (
    AccountError,
    LoginPolicy,
    LoginRefused,
    account_named,
    add_account,
    check_login,
    disable_account,
    enable_account,
    list_accounts,
    reset_password,
    set_role,
)
from handscroll.workspace.audit import entries
from handscroll.workspace.roles import Role
from handscroll.workspace.sessions import open_session, session_account
from workspace.texts import PASSWORD

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


def _stored(library: Library, sql: str) -> list[tuple[object, ...]]:
    with library.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(sql))]


def test_an_account_keeps_only_an_argon2_hash(library: Library) -> None:
    account = add_account(library, "mei", Role.EDITOR, PASSWORD)
    assert account.name == "mei" and account.role is Role.EDITOR and not account.disabled
    [(stored,)] = _stored(library, "SELECT password_hash FROM accounts")
    assert isinstance(stored, str) and stored.startswith("$argon2id$") and PASSWORD not in stored
    assert check_login(library, "mei", PASSWORD, "10.0.0.1", T0) == account


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("", PASSWORD, "account name"),
        ("has space", PASSWORD, "account name"),
        ("import", PASSWORD, "reserved"),
        ("ok", "short", "at least 10"),
        ("ok", "x" * 2000, "at most 1024"),
    ],
)
def test_bad_names_and_passwords_are_refused_clearly(
    library: Library, name: str, password: str, message: str
) -> None:
    with pytest.raises(AccountError, match=message):
        add_account(library, name, Role.CONTRIBUTOR, password)
    assert list_accounts(library) == []


def test_a_name_is_taken_once(library: Library) -> None:
    add_account(library, "mei", Role.EDITOR, PASSWORD)
    with pytest.raises(AccountError, match="already an account 'mei'"):
        add_account(library, "mei", Role.ADMIN, PASSWORD)


def test_wrong_password_and_unknown_name_get_the_same_answer(library: Library) -> None:
    add_account(library, "mei", Role.EDITOR, PASSWORD)
    for name, password in (("mei", "wrong password!"), ("nobody", PASSWORD)):
        with pytest.raises(LoginRefused) as refused:
            check_login(library, name, password, "10.0.0.1", T0)
        assert refused.value.reason == "wrong name or password" and refused.value.retry_after is None


def test_five_failures_lock_the_account_for_fifteen_minutes_even_with_the_right_password(
    library: Library,
) -> None:
    add_account(library, "mei", Role.EDITOR, PASSWORD)
    for minute in range(5):
        with pytest.raises(LoginRefused, match="wrong"):
            check_login(
                library, "mei", "guess number {minute}", f"10.0.0.{minute}", T0 + timedelta(minutes=minute)
            )
    locked_at = T0 + timedelta(minutes=4)
    with pytest.raises(LoginRefused, match="too many failed logins") as refused:
        check_login(library, "mei", PASSWORD, "10.9.9.9", locked_at + timedelta(minutes=1))
    assert refused.value.retry_after is not None and 13 * 60 < refused.value.retry_after <= 14 * 60 + 1
    with pytest.raises(LoginRefused, match="too many"):
        check_login(library, "mei", PASSWORD, "10.9.9.9", locked_at + timedelta(minutes=14, seconds=59))
    assert (
        check_login(library, "mei", PASSWORD, "10.9.9.9", locked_at + timedelta(minutes=15, seconds=1)).name
        == "mei"
    )


def test_failures_spread_wider_than_the_window_do_not_lock(library: Library) -> None:
    add_account(library, "mei", Role.EDITOR, PASSWORD)
    for step in range(6):
        with pytest.raises(LoginRefused, match="wrong"):
            check_login(library, "mei", "not it at all", "10.0.0.1", T0 + timedelta(minutes=4 * step))
    assert check_login(library, "mei", PASSWORD, "10.0.0.1", T0 + timedelta(minutes=21)).name == "mei"


def test_one_address_trying_many_names_is_locked_out(library: Library) -> None:
    add_account(library, "mei", Role.EDITOR, PASSWORD)
    policy = LoginPolicy(account_failures=5, address_failures=8)
    for n in range(8):
        with pytest.raises(LoginRefused, match="wrong"):
            check_login(library, f"user{n}", "not it at all", "203.0.113.7", T0, policy=policy)
    with pytest.raises(LoginRefused, match="too many"):
        check_login(library, "mei", PASSWORD, "203.0.113.7", T0, policy=policy)
    assert check_login(library, "mei", PASSWORD, "198.51.100.1", T0, policy=policy).name == "mei"


def test_a_success_clears_the_failures_of_the_account(library: Library) -> None:
    add_account(library, "mei", Role.EDITOR, PASSWORD)
    for _ in range(4):
        with pytest.raises(LoginRefused):
            check_login(library, "mei", "not it at all", "10.0.0.1", T0)
    check_login(library, "mei", PASSWORD, "10.0.0.1", T0)
    with pytest.raises(LoginRefused, match="wrong"):
        check_login(library, "mei", "not it at all", "10.0.0.1", T0)  # a fifth failure, but counted from 1


def test_disabling_ends_sessions_and_refuses_login(library: Library) -> None:
    account = add_account(library, "mei", Role.EDITOR, PASSWORD)
    token = open_session(library, account, T0)
    assert session_account(library, token, T0) == account
    disable_account(library, "mei", now=T0)
    assert session_account(library, token, T0) is None
    with pytest.raises(LoginRefused, match="disabled"):
        check_login(library, "mei", PASSWORD, "10.0.0.1", T0)
    enable_account(library, "mei")
    assert session_account(library, token, T0) is None  # ended sessions stay ended
    assert check_login(library, "mei", PASSWORD, "10.0.0.1", T0).name == "mei"


def test_reset_password_ends_sessions_and_takes_the_new_password(library: Library) -> None:
    account = add_account(library, "mei", Role.EDITOR, PASSWORD)
    token = open_session(library, account, T0)
    reset_password(library, "mei", "another long passphrase", now=T0)
    assert session_account(library, token, T0) is None
    with pytest.raises(LoginRefused):
        check_login(library, "mei", PASSWORD, "10.0.0.1", T0)
    assert check_login(library, "mei", "another long passphrase", "10.0.0.1", T0).name == "mei"


def test_set_role_and_unknown_accounts(library: Library) -> None:
    add_account(library, "mei", Role.CONTRIBUTOR, PASSWORD)
    assert set_role(library, "mei", Role.PUBLISHER).role is Role.PUBLISHER
    assert account_named(library, "mei") is not None and account_named(library, "mei").role is Role.PUBLISHER  # type: ignore[union-attr]
    with pytest.raises(NotFoundError, match="no account 'ghost'"):
        set_role(library, "ghost", Role.ADMIN)
    with pytest.raises(NotFoundError):
        disable_account(library, "ghost")


def test_the_audit_log_has_the_account_changes_and_no_password(library: Library) -> None:
    add_account(library, "mei", Role.CONTRIBUTOR, PASSWORD, actor="admin1")
    set_role(library, "mei", Role.EDITOR, actor="admin1")
    with pytest.raises(LoginRefused):
        check_login(library, "mei", "a wrong secret guess", "10.0.0.1", T0)
    reset_password(library, "mei", "another long passphrase", actor="admin1")
    log = entries(library)
    assert [e.action for e in log] == [
        "account.reset_password",
        "login.failed",
        "account.set_role",
        "account.add",
    ]
    dumped = repr(_stored(library, "SELECT * FROM audit_log"))
    for secret in (PASSWORD, "a wrong secret guess", "another long passphrase"):
        assert secret not in dumped
