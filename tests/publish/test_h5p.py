"""`handscroll export h5p` (issue 15): a Question Set package whose questions keep every right answer."""

from __future__ import annotations

import html
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from handscroll.cli import app
from handscroll.config import Settings
from handscroll.learn.items import QuizItem
from handscroll.learn.load import approved_quiz, load_quiz
from handscroll.pipeline import import_paths
from handscroll.samples import sample_paths
from handscroll.store import Library
from learn.described import write_described


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The samples (the second with alt text), every item approved."""
    folder = tmp_path_factory.mktemp("h5p")
    url = f"sqlite:///{folder / 'library.db'}"
    with Library.open(url) as library:
        paths = [sample_paths()[0], write_described(folder / "described"), sample_paths()[2]]
        import_paths([str(p) for p in paths], library, Settings())
        for summary in library.list_features():
            quiz, _ = load_quiz(library, summary.slug)
            library.approve_quiz_items(summary.slug, [item.id for item in quiz.items])
    return url


def export(db: str, out: Path, *args: str) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """Run the export; the output, and the package's h5p.json and content.json."""
    result = CliRunner().invoke(app, ["export", "h5p", "-o", str(out), "--db", db, *args])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["content/content.json", "h5p.json"]
        return (
            result.output,
            json.loads(package.read("h5p.json")),
            json.loads(package.read("content/content.json")),
        )


def approved(db: str) -> list[QuizItem]:
    with Library.open(db) as library:
        return [item for s in library.list_features() for item in approved_quiz(library, s.slug)]


def test_every_item_but_the_pictures_is_a_question_with_its_answer(db: str, tmp_path: Path) -> None:
    output, manifest, content = export(db, tmp_path / "quiz.h5p", "--series", "handscroll_sample_civilwar")
    items = approved(db)
    assert manifest["mainLibrary"] == "H5P.QuestionSet"
    names = {d["machineName"] for d in manifest["preloadedDependencies"]}
    assert names == {"H5P.QuestionSet", "H5P.MultiChoice", "H5P.Blanks", "H5P.DragText"}
    questions = {q["metadata"]["title"].rsplit("(", 1)[1].rstrip(")"): q for q in content["questions"]}
    # A picture has no H5P type here, nor an ordering whose events DragText would read as markup.
    left = [
        item
        for item in items
        if item.kind == "picture"
        or (item.kind == "order" and any(":" in c or "*" in c for c in item.choices))
    ]
    assert any(item.kind == "picture" for item in left)
    assert all(f"{item.id}: no H5P question type fits" in output for item in left)
    assert sorted(questions) == sorted(item.id for item in items if item not in left)
    for item in items:
        if item in left:
            continue
        params = questions[item.id]["params"]
        if item.kind == "date":
            assert params["questions"] == [f"<p>Year: *{item.year}*</p>"]
        elif item.kind == "order":
            lines = params["textField"].split("\n")
            assert [line.split(": *", 1)[1].rstrip("*") for line in lines] == [
                item.choices[i] for i in item.answer
            ]
        else:
            right = [a["text"] for a in params["answers"] if a["correct"]]
            assert len(right) == 1 and len(params["answers"]) == len(item.choices)
            assert [html.unescape(text) for text in right] == [f"<div>{item.choices[item.answer[0]]}</div>"]
        assert item.sources[0].sentence[:20] in params["overallFeedback"][0]["feedback"]


def test_an_unknown_feature_writes_nothing(db: str, tmp_path: Path) -> None:
    out = tmp_path / "one.h5p"
    result = CliRunner().invoke(app, ["export", "h5p", "-o", str(out), "--db", db, "--feature", "nope"])
    assert result.exit_code == 1 and not out.exists()
