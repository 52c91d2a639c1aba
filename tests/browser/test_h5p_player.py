"""The H5P package in h5p-standalone (npm) in Chromium (issue 15): the player reads the package's
h5p.json and asks for the libraries it names, where an H5P package keeps them.

The package carries no library code (H5P platforms install it from the H5P
Hub, which this machine cannot reach, and no npm package ships it), so the
player stops there: this checks the package's layout and names against the
real player, not the play of each item.
"""

from __future__ import annotations

import mimetypes
import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from browser.conftest import require_part
from handscroll.cli import app
from handscroll.config import Settings
from handscroll.learn.load import load_quiz
from handscroll.pipeline import import_paths
from handscroll.samples import sample_paths
from handscroll.store import Library

pytestmark = pytest.mark.browser

PLAYER = Path(__file__).parents[2] / "node_modules" / "h5p-standalone" / "dist"
HOST = "http://h5p.test"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>H5P</title>
<link rel="stylesheet" href="/player/styles/h5p.css"></head><body><div id="h5p"></div>
<script src="/player/main.bundle.js"></script>
<script>new H5PStandalone.H5P(document.getElementById("h5p"), {h5pJsonPath: "/content",
frameJs: "/player/frame.bundle.js", frameCss: "/player/styles/h5p.css"})
.catch(function (e) { window.h5pError = String(e); });</script></body></html>"""


def test_h5p_standalone_reads_the_package_and_asks_for_its_libraries(browser: Any, tmp_path: Path) -> None:
    if not (PLAYER / "main.bundle.js").is_file():
        require_part("h5p-standalone is missing: run `npm ci`")
    url = f"sqlite:///{tmp_path / 'library.db'}"
    with Library.open(url) as library:
        import_paths([str(sample_paths()[1])], library, Settings())
        (summary,) = library.list_features()
        quiz, _ = load_quiz(library, summary.slug)
        library.approve_quiz_items(summary.slug, [item.id for item in quiz.items])
    package = tmp_path / "quiz.h5p"
    result = CliRunner().invoke(app, ["export", "h5p", "-o", str(package), "--db", url])
    assert result.exit_code == 0, result.output
    content = tmp_path / "content"
    with zipfile.ZipFile(package) as archive:
        archive.extractall(content)
    asked: list[str] = []

    def answer(route: Any) -> None:
        path = route.request.url.removeprefix(HOST)
        asked.append(path)
        if path == "/":
            route.fulfill(status=200, content_type="text/html", body=PAGE)
            return
        root, rest = (
            (PLAYER, path[len("/player/") :])
            if path.startswith("/player/")
            else (content, path[len("/content/") :])
        )
        file = root / rest.split("?")[0]
        if file.is_file():
            route.fulfill(
                status=200,
                path=str(file),
                content_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream",
            )
        else:
            route.fulfill(status=404, body="")

    context = browser.new_context()
    try:
        context.route(f"{HOST}/**", answer)
        page = context.new_page()
        page.goto(f"{HOST}/")
        page.wait_for_function("() => window.h5pError !== undefined", timeout=20_000)
        assert "/content/h5p.json" in asked
        assert "/content/content/content.json" in asked
        assert "/content/H5P.QuestionSet-1.20/library.json" in asked  # where a package keeps a library
    finally:
        context.close()
