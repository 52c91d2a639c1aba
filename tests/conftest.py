"""Shared fixtures. `library_url` gives each test a fresh, empty database, SQLite and PostgreSQL.

PostgreSQL comes from HANDSCROLL_TEST_PG_URL (CI exports it) or the local
default below. Each test session creates a private database next to it (the
role needs CREATEDB; without it the given database is used as is) and drops it
at the end, so two test runs against one server do not reset each other's schema.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

PG_DEFAULT_URL = "postgresql+psycopg://handscroll:handscroll@localhost:5432/handscroll_test"
PG_HOW_TO_START = (
    "start one as .ci/run does (`pg_ctlcluster 15 main start`, then a role `handscroll` "
    "with CREATEDB and a database `handscroll_test`) or point HANDSCROLL_TEST_PG_URL "
    "at a server whose role may create databases"
)


def _admin_engine(url: str) -> Engine:
    return create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of a PostgreSQL database private to this test session; skips when no server answers.

    When HANDSCROLL_TEST_PG_URL is set explicitly (as in CI) an unreachable
    server fails the tests instead of skipping them, so a broken CI service
    cannot pass unnoticed.
    """
    explicit = bool(os.environ.get("HANDSCROLL_TEST_PG_URL"))
    url = make_url(os.environ.get("HANDSCROLL_TEST_PG_URL") or PG_DEFAULT_URL)
    shown = url.render_as_string(hide_password=True)
    admin = _admin_engine(url.render_as_string(hide_password=False))
    try:
        with admin.connect():
            pass
    except SQLAlchemyError as exc:
        admin.dispose()
        reason = " ".join(str(getattr(exc, "orig", exc)).split())
        message = f"PostgreSQL is not reachable at {shown} ({reason}); {PG_HOW_TO_START}"
        if explicit:
            pytest.fail(message)
        pytest.skip(message)
    name = f"{url.database}_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except DBAPIError:
        name = url.database or ""  # no CREATEDB: share the given database
    private = url.set(database=name).render_as_string(hide_password=False)
    yield private
    if name != url.database:
        _drop_database(admin, name)
    admin.dispose()


def _drop_database(admin: Engine, name: str) -> None:
    """Drop the session's database, waiting out autovacuum and ending leftover sessions.

    A plain DROP cancels autovacuum workers itself; FORCE is only for sessions a test left
    open, since a role without pg_signal_backend may not signal autovacuum's processes.
    """
    for _ in range(3):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            return
        except DBAPIError:
            time.sleep(1)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def library_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """URL of a fresh, empty database: a new SQLite file, or an emptied PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('library') / 'library.db'}"
    url: str = request.getfixturevalue("postgres_url")
    engine = _admin_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    return url


REQUIRE_ALL_PARTS = os.environ.get("HANDSCROLL_REQUIRE_ALL_PARTS") == "1"
"""CI sets this: there every part (PostgreSQL, Chromium, the seed) must be present."""


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Turn a skip into a failure when every part is required, so CI can never pass by skipping."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if REQUIRE_ALL_PARTS and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped where every part is required (HANDSCROLL_REQUIRE_ALL_PARTS=1): {reason}"
