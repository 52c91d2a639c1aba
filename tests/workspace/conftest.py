"""Fixtures of the workspace tests: a fresh library on SQLite and PostgreSQL, cheap hashing, texts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher

from handscroll.store import Library
from handscroll.workspace import accounts


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2 at its cheapest: the tests check what is stored and compared, not the cost."""
    monkeypatch.setattr(accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def library(library_url: str) -> Iterator[Library]:
    with Library.open(library_url) as lib:
        yield lib
