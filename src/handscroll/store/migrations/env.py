"""Alembic environment for the library schema.

handscroll runs migrations itself (`handscroll.store.engine.migrate`), passing
an open connection through `config.attributes["connection"]`; no alembic.ini
is needed. For writing a new revision by hand, a URL in `sqlalchemy.url` works too.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from handscroll.store.search import include_in_autogenerate
from handscroll.store.tables import Base

target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_in_autogenerate,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate through the caller's connection, or one made from `sqlalchemy.url`."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("pass a connection in config.attributes['connection'] or set sqlalchemy.url")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("handscroll migrations run online only")
run_migrations_online()
