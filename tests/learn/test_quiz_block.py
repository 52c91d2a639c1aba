"""A `::: quiz` container in Markdown pins a feature's approved self-check items (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from handscroll.cli import app
from handscroll.config import Settings
from handscroll.errors import ReadError
from handscroll.ingest import read_path
from handscroll.learn.load import load_quiz
from handscroll.pipeline import import_paths
from handscroll.publish.markdown import write_markdown
from handscroll.samples import sample_paths
from handscroll.store import Library


@pytest.fixture
def library(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    with Library.open(url) as opened:
        import_paths([str(p) for p in sample_paths()], opened, Settings())
    return url


def _markdown(tmp_path: Path, quiz: list[str] | None, name: str = "part1.md") -> Path:
    feature = read_path(sample_paths()[0], Settings()).feature
    path = tmp_path / name
    path.write_text(write_markdown(feature, quiz), encoding="utf-8")
    return path


def test_the_container_replaces_the_approvals_and_its_absence_keeps_them(
    library: str, tmp_path: Path
) -> None:
    with Library.open(library) as opened:
        slug = opened.list_features()[0].slug
        quiz, _ = load_quiz(opened, slug)
        ids = [item.id for item in quiz.items]
        opened.approve_quiz_items(slug, ids[2:4])
        summary = import_paths([str(_markdown(tmp_path, ids[:2]))], opened, Settings())
        assert not summary.errors and not summary.warnings
        assert opened.approved_quiz_items(slug) == frozenset(ids[:2])  # pinned: the others went
        import_paths([str(_markdown(tmp_path, None, "plain.md"))], opened, Settings())
        assert opened.approved_quiz_items(slug) == frozenset(ids[:2])  # no container: left alone
        import_paths([str(_markdown(tmp_path, [], "empty.md"))], opened, Settings())
        assert opened.approved_quiz_items(slug) == frozenset()  # an empty container pins nothing


def test_show_writes_the_container_and_it_reads_back(library: str, tmp_path: Path) -> None:
    with Library.open(library) as opened:
        slug = opened.list_features()[0].slug
        quiz, _ = load_quiz(opened, slug)
        opened.approve_quiz_items(slug, [quiz.items[0].id])
    result = CliRunner().invoke(app, ["show", slug, "--db", library, "--format", "md"])
    assert result.exit_code == 0, result.output
    assert f"::: quiz\n{quiz.items[0].id}\n:::" in result.output
    path = tmp_path / "shown.md"
    path.write_text(result.output, encoding="utf-8")
    assert read_path(path, Settings()).quiz == (quiz.items[0].id,)


def test_an_id_that_no_longer_matches_is_a_warning_with_its_line(library: str, tmp_path: Path) -> None:
    path = _markdown(tmp_path, ["order-00000000"])
    line = path.read_text(encoding="utf-8").split("\n").index("::: quiz") + 1
    with Library.open(library) as opened:
        summary = import_paths([str(path)], opened, Settings())
    (warning,) = summary.warnings
    assert str(warning).startswith(f"{path}:{line}: quiz: order-00000000 is not one of this feature's items")


def test_a_malformed_container_is_refused_with_its_line(tmp_path: Path) -> None:
    path = _markdown(tmp_path, ["order-6ed0e967"])
    text = path.read_text(encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text(text.replace("order-6ed0e967", "order-6ed0e967 not-an-id"), encoding="utf-8")
    with pytest.raises(ReadError, match="'not-an-id' is not a self-check item id") as error:
        read_path(bad, Settings())
    assert error.value.location.line == text.split("\n").index("order-6ed0e967") + 1
    twice = tmp_path / "twice.md"
    twice.write_text(text + "\n::: quiz\n:::\n", encoding="utf-8")
    with pytest.raises(ReadError, match="a second '::: quiz'"):
        read_path(twice, Settings())
