"""Connecting to a library: URL checks, SQLite pragmas, migrating the schema to head.

Everything that can go wrong while opening (a malformed URL, a driver that is
not installed, a server that does not answer, a file that cannot be created,
a schema written by a newer handscroll) becomes one `StoreError` line.
"""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from handscroll.errors import StoreError

PG_CONNECT_TIMEOUT = 10
"""Seconds to wait for a PostgreSQL server before saying it cannot be reached."""

SUPPORTED_BACKENDS = ("sqlite", "postgresql")
URL_FORMS = "use sqlite:///path/to/library.db or postgresql+psycopg://user:password@host/dbname"

WRITER_OPTION = "handscroll_writer"
"""Execution option marking an engine whose transactions write (see `writer`)."""


def writer(engine: Engine) -> Engine:
    """The same engine (same pool) for write transactions: SQLite begins them IMMEDIATE."""
    return engine.execution_options(**{WRITER_OPTION: True})


def open_engine(url: str) -> Engine:
    """Create an engine for a library URL and bring its schema to the newest revision."""
    parsed = _parse(url)
    shown = parsed.render_as_string(hide_password=True)
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise StoreError(
            f"cannot open the library {shown}: {parsed.get_backend_name()!r} databases are not "
            f"supported; {URL_FORMS}"
        )
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT
    try:
        engine = create_engine(parsed, connect_args=connect_args)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"cannot open the library {shown}: {describe_error(exc)}") from None
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    try:
        migrate(engine, shown)
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open the library {shown}: {describe_error(exc)}") from None
    return engine


def _parse(url: str) -> URL:
    try:
        return make_url(url)
    except ArgumentError:
        raise StoreError(f"not a database URL: {url!r}; {URL_FORMS}") from None


def _configure_sqlite(engine: Engine) -> None:
    """Turn on foreign keys (for ON DELETE CASCADE) and WAL, and make transactions real.

    pysqlite's own transaction handling starts a transaction only at the first
    write, so the SELECTs an import makes first would run outside it. Taking
    over BEGIN (the SQLAlchemy pysqlite recipe) puts the whole batch in one
    transaction, DDL included. Writers (see `writer`) take the write lock at
    BEGIN IMMEDIATE, so two writers queue on the busy timeout instead of one
    failing with "database is locked" when its read snapshot went stale.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL: a crash loses no committed batch
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writes = connection.get_execution_options().get(WRITER_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")


def alembic_config() -> Config:
    """An Alembic configuration pointing at the migrations inside the package (no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", "handscroll.store:migrations")
    return config


def migrate(engine: Engine, shown_url: str) -> None:
    """Upgrade the schema to head in one transaction; refuse a schema newer than this code."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    with writer(engine).begin() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
        known = {rev.revision for rev in script.walk_revisions()}
        unknown = [rev for rev in current if rev not in known]
        if unknown:
            raise StoreError(
                f"the library {shown_url} has schema revision {', '.join(unknown)}, which this "
                "version of handscroll does not know: it was written by a newer handscroll; upgrade it"
            )
        if tuple(current) == tuple(script.get_heads()):
            return
        config.attributes["connection"] = connection
        try:
            command.upgrade(config, "head")
        except CommandError as exc:
            raise StoreError(f"cannot migrate the library {shown_url}: {exc}") from None


def describe_error(exc: BaseException) -> str:
    """One line saying what the database or driver reported, without SQL or traceback."""
    reason: BaseException = exc
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        reason = exc.orig
    text = " ".join(str(reason).split())
    return text or type(reason).__name__
