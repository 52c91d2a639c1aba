"""Fixtures of the workspace tests: a fresh library on SQLite and PostgreSQL, cheap hashing, texts."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from handscroll.store import Library
from handscroll.workspace import accounts
from workspace.site import Site, prepare, served

CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at its cheapest: the tests check what is stored and compared, not the cost."""
    monkeypatch.setattr(accounts, "HASHER", CHEAP)


@pytest.fixture
def library(library_url: str) -> Iterator[Library]:
    with Library.open(library_url) as lib:
        yield lib


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The editor served over HTTP by uvicorn, on a library of its own (SQLite, then PostgreSQL)."""
    folder = tmp_path_factory.mktemp("site")
    with contextlib.ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{folder / 'library.db'}"
        else:
            url = stack.enter_context(private_database(request.getfixturevalue("postgres_url")))
        patch = stack.enter_context(pytest.MonkeyPatch.context())
        patch.setattr(accounts, "HASHER", CHEAP)
        media = prepare(url, folder)
        yield stack.enter_context(served(url, media, folder / "cache"))


@contextlib.contextmanager
def private_database(server_url: str) -> Iterator[str]:
    """A database of its own beside the session's, dropped afterwards."""
    url = make_url(server_url)
    name = f"{url.database}_site_{secrets.token_hex(3)}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
