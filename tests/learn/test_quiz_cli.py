"""`handscroll quiz`: items are proposed until approved, and approvals live in the library (issue 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from handscroll.cli import app
from handscroll.config import Settings
from handscroll.learn.load import approved_quiz
from handscroll.pipeline import import_paths
from handscroll.samples import sample_paths
from handscroll.store import Library
from learn.described import ALTS, write_described

SLUG = "02-the-marshall-mission-and-the-ceasefire-of-january-1946"


@pytest.fixture
def db(library_url: str) -> str:
    with Library.open(library_url) as library:
        import_paths([str(p) for p in sample_paths()], library, Settings())
    return library_url


def _items(db: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(app, ["quiz", SLUG, "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    items: list[dict[str, object]] = json.loads(result.stdout)["items"]
    return items


def test_items_are_proposed_until_approved(db: str) -> None:
    items = _items(db)
    assert items and not any(item["approved"] for item in items)
    chosen = [str(items[0]["id"]), str(items[-1]["id"])]
    args = ["quiz", SLUG, "--db", db, "--approve", chosen[0], "--approve", chosen[1]]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"{chosen[0]}  [approved]" in result.stdout
    assert {item["id"] for item in _items(db) if item["approved"]} == set(chosen)
    with Library.open(db) as library:
        assert [item.id for item in approved_quiz(library, SLUG)] == chosen
    again = CliRunner().invoke(app, ["quiz", SLUG, "--db", db, "--approve", chosen[0]])
    assert again.exit_code == 0  # approving twice is harmless


def test_an_unknown_id_approves_nothing(db: str) -> None:
    good = str(_items(db)[0]["id"])
    args = ["quiz", SLUG, "--db", db, "--approve", good, "--approve", "term-00000000"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert "no item 'term-00000000'" in result.output and "nothing approved" in result.output
    assert not any(item["approved"] for item in _items(db))


def test_text_lists_reasons_and_deleting_the_feature_drops_its_approvals(db: str) -> None:
    result = CliRunner().invoke(app, ["quiz", SLUG, "--db", db])
    assert "not generated:" in result.stdout and "in a hidden model answer" in result.stdout
    first = str(_items(db)[0]["id"])
    assert CliRunner().invoke(app, ["quiz", SLUG, "--db", db, "--approve", first]).exit_code == 0
    with Library.open(db) as library:
        library.delete_feature(SLUG)
        import_paths([str(p) for p in sample_paths()], library, Settings())
        assert library.approved_quiz_items(SLUG) == frozenset()


def test_an_unknown_feature_is_a_clean_error(db: str) -> None:
    result = CliRunner().invoke(app, ["quiz", "no-such-feature", "--db", db])
    assert result.exit_code == 1 and "no feature 'no-such-feature'" in result.output


def test_text_shows_places_and_pictures_with_their_right_answer(library_url: str, tmp_path: Path) -> None:
    with Library.open(library_url) as library:
        import_paths([str(write_described(tmp_path))], library, Settings())
    result = CliRunner().invoke(app, ["quiz", SLUG, "--db", library_url])
    assert result.exit_code == 0, result.output
    assert "[proposed]  Which place?" in result.stdout and "  * Nanjing" in result.stdout
    assert "[proposed]  Which picture?" in result.stdout
    assert f"  * {ALTS['handscroll_sample_civilwar02_1']}  [handscroll_sample_civilwar02_1]" in result.stdout
