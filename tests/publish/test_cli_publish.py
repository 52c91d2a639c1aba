"""The publishing commands: `build` and `demo --no-serve` (serving itself is covered by the browser tests)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from handscroll.cli import app


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private HOME, so sample pictures are drawn into the test's own cache."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("HANDSCROLL_MEDIA", raising=False)
    monkeypatch.delenv("HANDSCROLL_DB", raising=False)
    return tmp_path / "home"


def test_demo_no_serve_imports_samples_and_draws_pictures(tmp_path: Path, home: Path) -> None:
    db = tmp_path / "demo.db"
    result = CliRunner().invoke(app, ["demo", "--db", str(db), "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "sample pictures in" in result.output
    pictures = list((home / ".cache" / "handscroll" / "sample-media").glob("*.jpg"))
    assert len(pictures) >= 3


def test_build_writes_a_site_and_rebuilds_incrementally(tmp_path: Path, home: Path) -> None:
    db = tmp_path / "demo.db"
    runner = CliRunner()
    assert runner.invoke(app, ["demo", "--db", str(db), "--no-serve"]).exit_code == 0
    media = home / ".cache" / "handscroll" / "sample-media"
    out = tmp_path / "site"
    first = runner.invoke(app, ["build", str(out), "--db", str(db), "--media", str(media)])
    assert first.exit_code == 0, first.output
    assert "written" in first.output and (out / "index.html").is_file()
    assert list((out / "media").glob("*-medium.webp"))
    second = runner.invoke(app, ["build", str(out), "--db", str(db), "--media", str(media)])
    assert second.exit_code == 0
    assert " 0 written" in second.output


def test_serve_runs_the_reader_on_the_given_address(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn
    from starlette.testclient import TestClient

    db = tmp_path / "demo.db"
    assert CliRunner().invoke(app, ["demo", "--db", str(db), "--no-serve"]).exit_code == 0
    seen: dict[str, object] = {}

    def fake_run(asgi: object, **options: object) -> None:
        seen.update(options, app=asgi)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    media = home / ".cache" / "handscroll" / "sample-media"
    result = CliRunner().invoke(
        app, ["serve", "--db", str(db), "--host", "127.0.0.1", "--port", "8123", "--media", str(media)]
    )
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    with TestClient(seen["app"]) as client:  # type: ignore[arg-type]
        home_page = client.get("/")
        assert home_page.status_code == 200 and "/features/01-" in home_page.text
        assert client.get("/media/handscroll_sample_civilwar01_1/thumb.webp").status_code == 200


def test_demo_serves_unless_told_not_to(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[object] = []
    monkeypatch.setattr(uvicorn, "run", lambda asgi, **options: calls.append(asgi))
    result = CliRunner().invoke(app, ["demo", "--db", str(tmp_path / "d.db"), "--port", "8124"])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8124/" in result.output and len(calls) == 1
    lifespan_close(calls[0])


def lifespan_close(asgi: object) -> None:
    """Run the app's startup and shutdown, so its library is closed."""
    from starlette.testclient import TestClient

    with TestClient(asgi):  # type: ignore[arg-type]
        pass


def test_enriching_after_a_build_rewrites_the_feature_pages(tmp_path: Path, home: Path) -> None:
    """Issue 9.8: the page key covers the enrichment a feature page shows."""
    from handscroll.samples import sample_paths

    db, out = tmp_path / "lib.db", tmp_path / "site"
    runner = CliRunner()
    imported = runner.invoke(app, ["import", *map(str, sample_paths()), "--db", str(db), "--no-enrich"])
    assert imported.exit_code == 0, imported.output
    media = tmp_path / "no-media"
    media.mkdir()
    build = ["build", str(out), "--db", str(db), "--media", str(media)]
    assert runner.invoke(app, build).exit_code == 0
    pages = sorted((out / "features").glob("*.html"))
    before = {page.name: page.read_text() for page in pages}
    assert pages and not any('id="ev-' in text for text in before.values())
    assert runner.invoke(app, ["enrich", "--db", str(db)]).exit_code == 0
    again = runner.invoke(app, build)
    assert again.exit_code == 0, again.output
    written = int(re.search(r"(\d+) written", again.output)[1])  # type: ignore[index]
    assert written >= len(pages), again.output
    for page in pages:
        assert page.read_text() != before[page.name], page.name
        assert 'id="ev-' in page.read_text(), page.name
