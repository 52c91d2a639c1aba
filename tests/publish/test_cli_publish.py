"""The publishing commands: `build` and `demo --no-serve` (serving itself is covered by the browser tests)."""

from __future__ import annotations

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
