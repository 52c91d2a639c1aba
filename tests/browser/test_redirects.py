"""A renamed feature's old static page moves a real browser to the new one, from file:// (issue 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from browser.conftest import Watch
from handscroll.config import Settings
from handscroll.pipeline import import_paths
from handscroll.publish.site import build_site
from handscroll.store import Library

pytestmark = pytest.mark.browser


def test_the_old_static_page_moves_to_the_renamed_feature(watched: tuple[Any, Watch], tmp_path: Path) -> None:
    page, watch = watched
    url = f"sqlite:///{tmp_path / 'library.db'}"
    source = tmp_path / "talks.txt"
    body = "\n\nThe talks in Chongqing began on 29 August 1945.\n"
    out = tmp_path / "site"
    with Library.open(url) as library:
        source.write_text("(1) The Chongqing Talks" + body, encoding="utf-8")
        import_paths([str(source)], library, Settings(), enrich=False)
        source.write_text("(1) Talks in Chongqing" + body, encoding="utf-8")
        import_paths([str(source)], library, Settings(), enrich=False)
        build_site(library, out, Settings(db=url))

    page.goto((out / "features" / "01-the-chongqing-talks.html").as_uri())
    page.wait_for_url("**/features/01-talks-in-chongqing.html")
    assert page.locator("h1").first.inner_text().strip().endswith("Talks in Chongqing")
    assert watch.errors == []
