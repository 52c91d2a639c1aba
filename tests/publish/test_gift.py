"""`handscroll export gift` (issue 15): the file parses with the npm GIFT grammar (gift-pegjs),
and every approved item comes back with its right answer."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from handscroll.cli import app
from handscroll.config import Settings
from handscroll.learn.items import QuizItem, Source
from handscroll.learn.load import approved_quiz, load_quiz
from handscroll.model import Span, TextRef
from handscroll.pipeline import import_paths
from handscroll.publish.gift import gift_question
from handscroll.samples import sample_paths
from handscroll.store import Library
from learn.described import write_described

ROOT = Path(__file__).parents[2]
GRAMMAR = ROOT / "node_modules" / "gift-pegjs"
PARSE = "const fs = require('fs'); const gift = require(process.argv[1]);" \
    "process.stdout.write(JSON.stringify(gift.parse(fs.readFileSync(process.argv[2], 'utf8'))));"  # fmt: skip


def parse_gift(path: Path) -> list[dict[str, Any]]:
    """The questions gift-pegjs reads from a file (it raises on any syntax error)."""
    node = shutil.which("node")
    if node is None or not GRAMMAR.is_dir():
        pytest.skip("node or gift-pegjs is missing: run `npm ci`")
    done = subprocess.run(
        [node, "-e", PARSE, str(GRAMMAR), str(path)], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr
    parsed: list[dict[str, Any]] = json.loads(done.stdout)
    return parsed


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    with Library.open(url) as library:
        paths = [sample_paths()[0], write_described(tmp_path / "described"), sample_paths()[2]]
        import_paths([str(p) for p in paths], library, Settings())
        for summary in library.list_features()[1:]:  # the first stays unapproved
            quiz, _ = load_quiz(library, summary.slug)
            library.approve_quiz_items(summary.slug, [item.id for item in quiz.items])
    return url


def test_the_gift_file_parses_and_keeps_every_answer(db: str, tmp_path: Path) -> None:
    out = tmp_path / "quiz.gift"
    result = CliRunner().invoke(app, ["export", "gift", "-o", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert "no approved self-check items" in result.output  # the first feature is reported, not exported
    questions = parse_gift(out)
    with Library.open(db) as library:
        slugs = [s.slug for s in library.list_features()]
        items = {item.id: item for slug in slugs for item in approved_quiz(library, slug)}
    categories = [q for q in questions if q["type"] == "Category"]
    assert len(categories) == len(slugs) - 1
    asked = [q for q in questions if q["type"] != "Category"]
    assert sorted(q["title"] for q in asked) == sorted(items)
    assert {item.kind for item in items.values()} == {"order", "first", "date", "term", "place", "picture"}
    for question in asked:
        item = items[question["title"]]
        if item.kind == "date":
            assert question["type"] == "Numerical"
            assert question["choices"]["number"] == item.year and question["choices"]["range"] == 0
        elif item.kind == "order":
            assert question["type"] == "Matching"
            pairs = [(p["subquestion"]["text"], p["subanswer"]) for p in question["matchPairs"]]
            assert [text for text, _ in pairs] == [item.choices[i] for i in item.answer]
            assert pairs[0][1].startswith("1st")
        elif item.kind == "picture":
            assert question["type"] == "MC" and question["stem"]["format"] == "html"
            right = [c["text"]["text"] for c in question["choices"] if c["isCorrect"]]
            media, alt = item.media[item.answer[0]], item.choices[item.answer[0]]
            assert right == [f'<img src="http://localhost:8000/media/{media}/large.webp" alt="{alt}">']
        else:
            assert question["type"] == "MC"
            right = [c["text"]["text"] for c in question["choices"] if c["isCorrect"]]
            assert right == [item.choices[item.answer[0]]]
            assert len(question["choices"]) == len(item.choices)
        assert item.sources[0].sentence.split()[0] in question["globalFeedback"]["text"]


def test_special_characters_survive_the_round_trip(tmp_path: Path) -> None:
    hostile = "a {brace} = equals ~ tilde # hash: colon \\ backslash"
    source = Source(Span(TextRef(0, "text"), 0, 1), hostile)
    item = QuizItem("term", hostile, (hostile, "plain"), (0,), (source,))
    out = tmp_path / "one.gift"
    out.write_text(gift_question(item) + "\n", encoding="utf-8")
    (question,) = parse_gift(out)
    assert question["stem"]["text"] == f"Which is the Chinese name of {hostile}?"
    assert [c["text"]["text"] for c in question["choices"]] == [hostile, "plain"]
    assert question["choices"][0]["isCorrect"]


def test_an_unknown_feature_writes_nothing(db: str, tmp_path: Path) -> None:
    out = tmp_path / "none.gift"
    result = CliRunner().invoke(app, ["export", "gift", "-o", str(out), "--db", db, "--feature", "nope"])
    assert result.exit_code == 1 and not out.exists()
    assert not list(tmp_path.glob("*.part"))
