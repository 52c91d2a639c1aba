"""`build --languages`: a static site in fewer interface languages (issue 11), whole and linked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factories import make_feature
from handscroll.cli import app
from handscroll.config import Settings
from handscroll.publish.site import build_site, interface_languages
from handscroll.store import Library
from publish.builders import fill_library


def _library(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    features = [
        make_feature(title=f"Part {i}", part=i, slug=f"{i:02d}-part", hero=None, blocks=make_feature().blocks)
        for i in (1, 2)
    ]
    fill_library(url, features)
    return url


def _build(url: str, out: Path, languages: list[str] | None):  # type: ignore[no-untyped-def]
    with Library.open(url) as library:
        return build_site(library, out, Settings(db=url), languages=languages)


def _links_resolve(out: Path) -> None:
    for page in out.rglob("*.html"):
        for target in re.findall(r'(?:href|src)="([^"#][^"]*)"', page.read_text(encoding="utf-8")):
            resolved = (page.parent / target.split("#")[0]).resolve()
            assert resolved.is_file(), f"{page.relative_to(out)} links to missing {target}"


def test_an_english_only_build_writes_english_pages_without_a_switcher(tmp_path: Path) -> None:
    url = _library(tmp_path)
    out = tmp_path / "site"
    report = _build(url, out, ["en"])
    assert report.written and all(not p.startswith("zh-") for p in report.written)
    assert not (out / "zh-hant").exists() and not (out / "zh-hans").exists()
    page = (out / "features" / "01-part.html").read_text(encoding="utf-8")
    assert "language-switcher" not in page and 'hreflang="zh' not in page
    _links_resolve(out)


def test_narrowing_the_languages_removes_the_others_pages(tmp_path: Path) -> None:
    url = _library(tmp_path)
    out = tmp_path / "site"
    _build(url, out, None)
    assert (out / "zh-hans" / "features" / "01-part.html").is_file()
    report = _build(url, out, ["en", "zh-hant"])  # case as in the folder names is accepted
    assert any(p.startswith("zh-hans/") for p in report.removed)
    assert not (out / "zh-hans" / "features" / "01-part.html").exists()
    switcher = (out / "zh-hant" / "features" / "01-part.html").read_text(encoding="utf-8")
    assert "language-switcher" in switcher and "简体中文" not in switcher
    _links_resolve(out)


def test_an_unknown_language_is_refused_with_the_ones_there_are(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"'fr'.*en, zh-Hant, zh-Hans"):
        interface_languages(["en", "fr"])
    url = _library(tmp_path)
    result = CliRunner().invoke(app, ["build", str(tmp_path / "site"), "--db", url, "--languages", "fr"])
    assert result.exit_code != 0 and "fr" in result.output
    assert not (tmp_path / "site").exists()
    done = CliRunner().invoke(app, ["build", str(tmp_path / "site"), "--db", url, "--languages", "zh-Hans"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "site" / "zh-hans" / "index.html").is_file()
    assert not (tmp_path / "site" / "index.html").exists()
