"""Every kind of response carries the security headers, errors included (issue 10 item 5, kept)."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from factories import make_feature
from handscroll.config import Settings
from handscroll.publish.render import Renderer
from handscroll.publish.web import content_security_policy, create_app
from publish.builders import fill_library, write_picture

FEATURE = make_feature()
RESPONSES = {
    "page": ("/", 200),
    "feature page": (f"/features/{FEATURE.slug}", 200),
    "search page": ("/search?q=Shenyang", 200),
    "JSON": ("/api/features", 200),
    "OpenAPI": ("/api/openapi.json", 200),
    "IIIF": (f"/iiif/{FEATURE.slug}/manifest.json", 200),
    "picture": (f"/media/{FEATURE.media_ids[0]}/thumb.webp", 200),
    "stylesheet": ("/static/handscroll.css", 200),
    "script": ("/static/gallery.js", 200),
    "404 page": ("/features/no-such-feature", 404),
    "404 JSON": ("/api/features/no-such-feature", 404),
    "404 static": ("/static/no-such-file.css", 404),
    "400 JSON": ("/api/features?limit=x", 400),
    "NUL": ("/features/%00", 404),
    "405": ("/api/features", 405),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("headers")
    url = f"sqlite:///{folder / 'library.db'}"
    fill_library(url, [FEATURE])
    write_picture(folder / "media", FEATURE.media_ids[0])
    app = create_app(url, Settings(db=url, media_dir=folder / "media"), cache_dir=folder / "cache")
    return TestClient(app, raise_server_exceptions=False)


def _check(response, policy: str) -> None:  # type: ignore[no-untyped-def]
    assert response.headers["content-security-policy"] == policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


@pytest.mark.parametrize("kind", RESPONSES)
def test_every_response_type_has_the_headers(client: TestClient, kind: str) -> None:
    path, status = RESPONSES[kind]
    response = client.post(path) if status == 405 else client.get(path)
    assert response.status_code == status, response.text[:200]
    _check(response, content_security_policy(Settings()))


def test_the_500_page_has_the_headers(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*args: object, **kwargs: object) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(Renderer, "render", explode)
    monkeypatch.setattr(Renderer, "render_utf8", explode)  # what the reader's pages use
    response = client.get("/glossary")  # a page not rendered (and cached) before
    assert response.status_code == 500
    assert "boom" not in response.text
    _check(response, content_security_policy(Settings()))


def test_the_headers_hold_on_the_static_file_of_every_suffix(client: TestClient) -> None:
    from handscroll.publish.render import STATIC_DIR

    files = [p for p in Path(STATIC_DIR).rglob("*") if p.is_file()]
    assert files
    for path in files:
        response = client.get(f"/static/{path.relative_to(STATIC_DIR).as_posix()}")
        assert response.status_code == 200, path
        _check(response, content_security_policy(Settings()))
