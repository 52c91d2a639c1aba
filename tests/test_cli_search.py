"""`handscroll search`: text and JSON output over a library of the bundled samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from handscroll.cli import app
from handscroll.samples import sample_paths

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("search") / "library.db"
    result = runner.invoke(app, ["import", *map(str, sample_paths()), "--db", str(path)])
    assert result.exit_code == 0, result.stderr
    return str(path)


def test_json_gives_slug_title_snippet_and_match(db: str) -> None:
    result = runner.invoke(app, ["search", "沈阳", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows
    assert {"slug", "title", "snippet", "match"} <= set(rows[0])
    assert "<mark>" in rows[0]["snippet"]


def test_scripts_and_pinyin_agree(db: str) -> None:
    def found(query: str) -> set[str]:
        result = runner.invoke(app, ["search", query, "--db", db, "--format", "json"])
        assert result.exit_code == 0, result.stderr
        return {row["slug"] for row in json.loads(result.stdout)}

    assert found("沈阳") == found("瀋陽") == found("shenyang") == found("Mukden")
    assert found("shenyang")


def test_text_output_and_filters(db: str) -> None:
    result = runner.invoke(app, ["search", "Shenyang", "--db", db])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("1. ")
    assert "«" in result.stdout
    none = runner.invoke(app, ["search", "Shenyang", "--db", db, "--from", "1700", "--to", "1701"])
    assert none.exit_code == 0
    assert none.stdout == ""
    assert "Nothing matched" in none.stderr


@pytest.mark.parametrize("query", ['"', "NEAR(", "'; DROP TABLE features; --", "x" * 10_000, "\x00"])
def test_hostile_queries_exit_cleanly(db: str, query: str) -> None:
    result = runner.invoke(app, ["search", query, "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert isinstance(json.loads(result.stdout), list)


def test_did_you_mean_on_stderr(db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["search", "withdrawl", "--db", db])
    assert result.exit_code == 0
    assert "withdraw" in result.stderr
