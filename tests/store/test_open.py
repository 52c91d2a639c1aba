"""Opening a library that cannot be opened says why in one line, without a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from handscroll.errors import StoreError
from handscroll.store import Library


def _refusal(url: str) -> str:
    with pytest.raises(StoreError) as info:
        Library.open(url)
    message = str(info.value)
    assert "Traceback" not in message
    assert "\n" not in message
    return message


def test_a_malformed_url() -> None:
    assert "not a database URL: 'library.db'" in _refusal("library.db")


def test_an_unsupported_database_kind() -> None:
    message = _refusal("mysql://someone@host/db")
    assert "cannot open the library mysql://someone@host/db: 'mysql' databases are not supported" in message
    assert "sqlite:///" in message


def test_a_missing_driver() -> None:
    assert "cannot open the library postgresql+nosuchdriver://h/db" in _refusal(
        "postgresql+nosuchdriver://h/db"
    )


def test_an_unreachable_server_hides_the_password() -> None:
    # Port 1 on localhost: nothing listens, the connection is refused at once.
    message = _refusal("postgresql+psycopg://someone:s3cret@127.0.0.1:1/nothing")
    assert "s3cret" not in message
    assert "postgresql+psycopg://someone:***@127.0.0.1:1/nothing" in message
    assert "refused" in message.lower()


def test_a_sqlite_file_in_a_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "folder" / "library.db"
    message = _refusal(f"sqlite:///{path}")
    assert str(path) in message
    assert "unable to open database file" in message


def test_a_sqlite_library_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    with Library.open(f"sqlite:///{path}"):
        pass
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)  # WAL persists in the file
    conn.close()


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"this is not sqlite, just text that happens to be long enough " * 20)
    assert "file is not a database" in _refusal(f"sqlite:///{path}")
