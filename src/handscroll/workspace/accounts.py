"""Accounts: names, roles, argon2 password hashes, and logins limited against guessing (issue 13).

Failed logins are rows in the library, counted per account name and per
address, so the limit holds across server workers and restarts. Neither a
password nor its hash ever leaves this module, and none is logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from handscroll.errors import HandscrollError, NotFoundError
from handscroll.store import Library
from handscroll.store.workspace_tables import NAME_LENGTH, AccountRow, LoginAttemptRow, SessionRow
from handscroll.workspace.audit import write_entry
from handscroll.workspace.db import aware, reading, utc, writing
from handscroll.workspace.roles import Role

NAME_PATTERN = re.compile(rf"^[A-Za-z0-9][A-Za-z0-9._-]{{0,{NAME_LENGTH - 1}}}$")
RESERVED_NAMES = frozenset({"import", "scheduler", "cli"})
"""Authors the system itself writes revisions and audit entries as."""

PASSWORD_MIN = 10
PASSWORD_MAX = 1024
"""Longer passwords are refused before hashing, so a huge one cannot tie up a worker."""

HASHER = PasswordHasher()
"""argon2id with argon2-cffi's defaults (RFC 9106 low-memory profile); tests swap in a cheaper one."""


class AccountError(HandscrollError):
    """An account cannot be added or changed as asked (name taken, password too short...)."""


class LoginRefused(HandscrollError):
    """A login was refused; `retry_after` (seconds) is set while a lockout holds."""

    def __init__(self, reason: str, retry_after: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


@dataclass(frozen=True)
class LoginPolicy:
    """How many failures in `window` lock an account name or an address out, and for how long."""

    account_failures: int = 5
    address_failures: int = 20
    window: timedelta = timedelta(minutes=15)
    lockout: timedelta = timedelta(minutes=15)


DEFAULT_POLICY = LoginPolicy()


@dataclass(frozen=True)
class Account:
    """An account as the rest of handscroll sees it: never with its password hash."""

    id: int
    name: str
    role: Role
    disabled: bool


def account_from_row(row: AccountRow) -> Account:
    return Account(row.id, row.name, Role(row.role), row.disabled)


def check_name(name: str) -> str:
    """The name if it may name an account; AccountError saying what is wrong otherwise."""
    if not NAME_PATTERN.match(name):
        raise AccountError(
            f"an account name is 1 to {NAME_LENGTH} letters, digits, '.', '_' or '-', starting with a "
            f"letter or digit; {name!r} is not"
        )
    if name.lower() in RESERVED_NAMES:
        raise AccountError(f"{name!r} is reserved for handscroll itself; choose another name")
    return name


def check_password(password: str) -> str:
    """The password if it is long enough (and not absurdly long); AccountError otherwise."""
    if len(password) < PASSWORD_MIN:
        raise AccountError(f"a password has at least {PASSWORD_MIN} characters")
    if len(password) > PASSWORD_MAX:
        raise AccountError(f"a password has at most {PASSWORD_MAX} characters")
    return password


def add_account(
    library: Library, name: str, role: Role, password: str, *, actor: str = "cli", now: datetime | None = None
) -> Account:
    """Create an account; AccountError if the name is taken or the password too short."""
    check_name(name)
    hashed = HASHER.hash(check_password(password))
    with writing(library) as session:
        if _row(session, name) is not None:
            raise AccountError(f"there is already an account {name!r}")
        new_id = session.execute(
            insert(AccountRow)
            .values(
                name=name, role=Role(role).value, password_hash=hashed, disabled=False, created_at=utc(now)
            )
            .returning(AccountRow.id)
        ).scalar_one()
        write_entry(session, actor, "account.add", name, f"role {Role(role)}", now=now)
    return Account(new_id, name, Role(role), False)


def list_accounts(library: Library) -> list[Account]:
    """Every account, by name."""
    with reading(library) as session:
        return [
            account_from_row(row)
            for row in session.execute(select(AccountRow).order_by(AccountRow.name)).scalars()
        ]


def any_account(library: Library) -> bool:
    """Whether anyone can log in at all (a library served only to readers has no accounts)."""
    with reading(library) as session:
        return session.execute(select(AccountRow.id).limit(1)).first() is not None


def get_account(library: Library, account_id: int) -> Account | None:
    """The account with this id, or None."""
    with reading(library) as session:
        row = session.get(AccountRow, account_id)
        return None if row is None else account_from_row(row)


def account_named(library: Library, name: str) -> Account | None:
    """The account with this name, or None."""
    with reading(library) as session:
        row = _row(session, name)
        return None if row is None else account_from_row(row)


def set_role(library: Library, name: str, role: Role, *, actor: str = "cli") -> Account:
    """Move an account to another role; NotFoundError if there is no such account."""
    with writing(library) as session:
        row = _existing(session, name)
        before = row.role
        row.role = Role(role).value
        write_entry(session, actor, "account.set_role", name, f"{before} -> {Role(role)}")
        return account_from_row(row)


def disable_account(
    library: Library, name: str, *, actor: str = "cli", now: datetime | None = None
) -> Account:
    """Disable an account and end every session it has, in one transaction."""
    with writing(library) as session:
        row = _existing(session, name)
        row.disabled = True
        ended = end_open_sessions(session, row.id, utc(now))
        write_entry(session, actor, "account.disable", name, f"{ended} session(s) ended", now=now)
        return account_from_row(row)


def enable_account(library: Library, name: str, *, actor: str = "cli") -> Account:
    """Let a disabled account log in again."""
    with writing(library) as session:
        row = _existing(session, name)
        row.disabled = False
        write_entry(session, actor, "account.enable", name)
        return account_from_row(row)


def reset_password(
    library: Library, name: str, password: str, *, actor: str = "cli", now: datetime | None = None
) -> None:
    """Give an account a new password; its sessions end, and its failed logins are forgotten."""
    hashed = HASHER.hash(check_password(password))
    with writing(library) as session:
        row = _existing(session, name)
        row.password_hash = hashed
        ended = end_open_sessions(session, row.id, utc(now))
        session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.name == name))
        write_entry(session, actor, "account.reset_password", name, f"{ended} session(s) ended", now=now)


def check_login(
    library: Library,
    name: str,
    password: str,
    address: str,
    now: datetime | None = None,
    *,
    policy: LoginPolicy = DEFAULT_POLICY,
) -> Account:
    """The account if name and password match; LoginRefused otherwise.

    While the name or the address is locked out the password is not even
    checked. A wrong password and an unknown name give the same answer (and
    take the same time), so logins cannot be used to find account names.
    """
    at = utc(now)
    address = address[:64]
    with writing(library) as session:
        retry = _locked_for(session, name[:NAME_LENGTH], address, at, policy)
        if retry is not None:
            minutes = max(1, -(-retry // 60))
            raise LoginRefused(f"too many failed logins; try again in {minutes} minute(s)", retry)
        row = _row(session, name) if len(password) <= PASSWORD_MAX else None
        account = _verified(row, password)
        if account is None:
            session.execute(insert(LoginAttemptRow).values(name=name[:NAME_LENGTH], address=address, at=at))
            write_entry(
                session, name[:NAME_LENGTH], "login.failed", name[:NAME_LENGTH], f"from {address}", now=at
            )
        elif row is not None:
            if row.disabled:
                raise LoginRefused("this account is disabled; ask an administrator")
            if HASHER.check_needs_rehash(row.password_hash):
                row.password_hash = HASHER.hash(password)
            session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.name == row.name))
            write_entry(session, row.name, "login", row.name, f"from {address}", now=at)
    if account is None:  # raised after the commit, so the failure is counted
        raise LoginRefused("wrong name or password")
    return account


_DUMMY_HASH = HASHER.hash("not a password anyone has")


def _verified(row: AccountRow | None, password: str) -> Account | None:
    """The row's account if the password matches it; an unknown name costs one hash all the same."""
    try:
        HASHER.verify(row.password_hash if row is not None else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return None if row is None else account_from_row(row)


def _locked_for(session: Session, name: str, address: str, at: datetime, policy: LoginPolicy) -> int | None:
    """Seconds until the name's or the address's lockout ends, or None when neither is locked."""
    since = at - policy.window - policy.lockout
    waits = []
    for column, value, limit in (
        (LoginAttemptRow.name, name, policy.account_failures),
        (LoginAttemptRow.address, address, policy.address_failures),
    ):
        times = [
            aware(t)
            for t in session.execute(
                select(LoginAttemptRow.at)
                .where(column == value, LoginAttemptRow.at > since)
                .order_by(LoginAttemptRow.at)
            ).scalars()
        ]
        # A lockout starts at the failure that makes `limit` within `window` and lasts `lockout`.
        for index in range(limit - 1, len(times)):
            if times[index] - times[index - limit + 1] <= policy.window:
                ends = times[index] + policy.lockout
                if ends > at:
                    waits.append(int((ends - at).total_seconds()) + 1)
    return max(waits) if waits else None


def forget_old_attempts(
    library: Library, now: datetime | None = None, *, policy: LoginPolicy = DEFAULT_POLICY
) -> int:
    """Delete failed logins too old to count toward any lockout; how many went."""
    cutoff = utc(now) - policy.window - policy.lockout
    with writing(library) as session:
        result = session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at < cutoff))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def _row(session: Session, name: str) -> AccountRow | None:
    return session.execute(select(AccountRow).where(AccountRow.name == name)).scalar_one_or_none()


def _existing(session: Session, name: str) -> AccountRow:
    row = _row(session, name)
    if row is None:
        raise NotFoundError(f"there is no account {name!r}")
    return row


def end_open_sessions(session: Session, account_id: int, at: datetime) -> int:
    result = session.execute(
        update(SessionRow)
        .where(SessionRow.account_id == account_id, SessionRow.ended_at.is_(None))
        .values(ended_at=at)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
