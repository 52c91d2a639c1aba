"""Fixtures of the publishing tests: a library built from features, and one client factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from handscroll.config import Settings
from handscroll.model import Feature
from handscroll.publish.web import create_app
from publish.builders import fill_library, write_picture

ClientFactory = Callable[..., TestClient]


@pytest.fixture
def library_file(tmp_path: Path) -> str:
    """URL of a fresh SQLite library file."""
    return f"sqlite:///{tmp_path / 'library.db'}"


@pytest.fixture
def make_client(tmp_path: Path, library_file: str) -> Iterator[ClientFactory]:
    """Build a library from features and return a test client of the reader over it.

    `make_client(features, media=True)` also writes a picture for every media
    ID the features use (except those listed in `missing`).
    """
    clients: list[TestClient] = []

    def make(
        features: Sequence[Feature],
        *,
        media: bool = True,
        missing: Sequence[str] = (),
    ) -> TestClient:
        fill_library(library_file, features)
        media_dir = tmp_path / "media"
        media_dir.mkdir(exist_ok=True)
        if media:
            for feature in features:
                for media_id in feature.media_ids:
                    if media_id not in missing:
                        write_picture(media_dir, media_id)
        settings = Settings(db=library_file, media_dir=media_dir)
        app = create_app(library_file, settings, cache_dir=tmp_path / "cache")
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
