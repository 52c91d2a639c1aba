"""A renamed feature's old URLs lead to it: 301 in the web app, a moving page in the static site."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from handscroll.config import Settings
from handscroll.pipeline import import_paths
from handscroll.publish.site import build_site
from handscroll.publish.web import create_app
from handscroll.store import Library

OLD, NEW = "01-the-chongqing-talks", "01-talks-in-chongqing"


@pytest.fixture
def renamed(tmp_path: Path) -> str:
    """A library whose one feature was imported, retitled in its file, and imported again."""
    url = f"sqlite:///{tmp_path / 'library.db'}"
    source = tmp_path / "talks.txt"
    body = "\n\nThe talks in Chongqing began on 29 August 1945.\n"
    with Library.open(url) as library:
        source.write_text("(1) The Chongqing Talks" + body, encoding="utf-8")
        import_paths([str(source)], library, Settings(), enrich=False)
        source.write_text("(1) Talks in Chongqing" + body, encoding="utf-8")
        import_paths([str(source)], library, Settings(), enrich=False)
    return url


@pytest.fixture
def client(renamed: str, tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(renamed, Settings(db=renamed), cache_dir=tmp_path / "cache")
    with TestClient(app) as test_client:
        yield test_client


def test_the_old_page_url_answers_301_to_the_new_one(client: TestClient) -> None:
    moved = client.get(f"/features/{OLD}", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"].endswith(f"/features/{NEW}")
    page = client.get(f"/features/{OLD}")
    assert page.status_code == 200
    assert "Talks in Chongqing" in page.text


def test_the_old_api_url_answers_301_and_unknown_slugs_stay_404(client: TestClient) -> None:
    moved = client.get(f"/api/features/{OLD}", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"].endswith(f"/api/features/{NEW}")
    assert client.get(f"/api/features/{OLD}").json()["title"] == "Talks in Chongqing"
    assert client.get("/features/never-was", follow_redirects=False).status_code == 404
    assert client.get("/api/features/never-was", follow_redirects=False).status_code == 404


def test_the_static_site_writes_a_moving_page_at_the_old_address(renamed: str, tmp_path: Path) -> None:
    out = tmp_path / "site"
    with Library.open(renamed) as library:
        build_site(library, out, Settings(db=renamed), base_url="https://example.org/scroll/")
        old_page = (out / "features" / f"{OLD}.html").read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url={NEW}.html">' in old_page
        assert f'<link rel="canonical" href="https://example.org/scroll/features/{NEW}.html">' in old_page
        assert (out / "features" / f"{NEW}.html").is_file()

        # Rebuilt, the moving page is kept (it is in the build manifest, not an orphan to delete).
        report = build_site(library, out, Settings(db=renamed))
        assert (out / "features" / f"{OLD}.html").is_file()
        assert f"features/{OLD}.html" not in report.removed
