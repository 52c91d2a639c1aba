"""A NUL in any part of a URL is a 404 (path) or a 400 (query) on both databases, never a 500.

PostgreSQL refuses NUL in text parameters outright, so before issue 10 every route that
passed a path or query parameter to the library answered 500 there.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from factories import make_feature
from handscroll.config import Settings
from handscroll.model import Figure, Paragraph
from handscroll.publish.web import create_app
from publish.builders import fill_library, write_picture

PATHS_WITH_NUL = (
    "/features/%00",
    "/features/a-part%00",
    "/series/%00",
    "/series/%00/timeline",
    "/media/%00/thumb.webp",
    "/media/testsite_nul01_1/%00.webp",
    "/iiif/%00/manifest.json",
    "/api/features/%00",
    "/api/features/a-part%00",
    "/api/features/%00/enrichment",
    "/static/%00",
    "/%00",
)
"""Every route that takes a path parameter, and a few that take none."""

QUERIES_WITH_NUL = {
    "/api/features?series=%00": 200,
    "/api/features?series=testsite_nul%00": 200,
    "/api/features?cursor=%00": 400,
    "/api/features?limit=1%00": 400,
    "/api/timeline?series=%00": 200,
    "/api/timeline?limit=%00": 400,
    "/api/glossary?series=%00": 200,
    "/api/search?q=%00": 200,
    "/api/search?q=part%00": 200,
    "/api/search?q=part&series=%00": 200,
    "/api/search?q=part&from=%00": 400,
    "/search?q=%00": 200,
    "/search?q=part&series=%00": 200,
    "/search?q=part&to=%00": 400,
    "/glossary?sort=%00": 200,
    "/?%00=x": 200,
    "/features/a-part?x=%00": 200,
    "/iiif/a-part/manifest.json?x=%00": 200,
    "/api/openapi.json?x=%00": 200,
}
"""Every route that reads a query parameter, and NUL in a name or a parameter nobody reads:
answered as SQLite always did (a series with NUL names none, a number with NUL is a 400)."""


@pytest.fixture
def client(library_url: str, tmp_path: Path) -> TestClient:
    feature = make_feature(
        title="A part",
        slug="a-part",
        series="testsite_nul",
        hero="testsite_nul01_1",
        blocks=(Paragraph(text="A part of the story."), Figure(media="testsite_nul01_1")),
    )
    fill_library(library_url, [feature])
    media = tmp_path / "media"
    media.mkdir()
    write_picture(media, "testsite_nul01_1")
    app = create_app(library_url, Settings(db=library_url, media_dir=media), cache_dir=tmp_path / "cache")
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_nul_in_a_path_is_404(client: TestClient) -> None:
    answers = {path: client.get(path).status_code for path in PATHS_WITH_NUL}
    assert answers == dict.fromkeys(PATHS_WITH_NUL, 404)
    assert "Page not found" in client.get("/features/%00").text
    assert "error" in client.get("/api/features/%00").json()


def test_nul_in_a_query_is_answered_as_sqlite_does(client: TestClient) -> None:
    answers = {path: client.get(path).status_code for path in QUERIES_WITH_NUL}
    assert answers == QUERIES_WITH_NUL
    assert client.get("/api/features?series=testsite_nul%00").json()["items"] == []
    assert client.get("/api/timeline?series=%00").json()["events"] == []
    assert "whole number" in client.get("/api/features?limit=%00").json()["error"]


def test_the_same_routes_answer_without_nul(client: TestClient) -> None:
    for path in ("/features/a-part", "/api/features?series=testsite_nul", "/api/search?q=part", "/glossary"):
        assert client.get(path).status_code == 200, path
