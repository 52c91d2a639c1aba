"""A Simplified edition derived from the Traditional one on import, until a real one arrives
(issue 12, item 5)."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from handscroll.config import Settings
from handscroll.pipeline import import_paths
from handscroll.samples import FEATURES_DIR, PHRASES
from handscroll.store import Library

TRADITIONAL = FEATURES_DIR / "zh-hant" / "civil-war-01.txt"
SIMPLIFIED = FEATURES_DIR / "zh-hans" / "civil-war-01.txt"
KEY = "handscroll_sample_civilwar:1"


def _import(library: Library, *paths: Path, **settings: object) -> object:
    summary = import_paths([str(p) for p in paths], library, Settings(**settings), enrich=False)
    assert not summary.failed, summary.errors
    return summary


def _editions(library: Library) -> dict[str, tuple[str, bool]]:
    return {e.language: (e.slug, e.derived) for e in library.work_editions([KEY])[KEY]}


def test_a_traditional_edition_alone_gets_a_simplified_one_converted_and_marked(library_url: str) -> None:
    with Library.open(library_url) as library:
        _import(library, TRADITIONAL)
        editions = _editions(library)
        slug, derived = editions["zh-Hans"]
        assert derived and not editions["zh-Hant"][1]
        assert slug.endswith("-zh-hans")
        traditional = library.get_feature(editions["zh-Hant"][0])
        simplified = library.get_feature(slug)
        assert simplified.language == "zh-Hans"
        assert simplified.title == opencc.OpenCC("hk2s").convert(traditional.title)
        assert simplified.media_ids == traditional.media_ids  # the same pictures, block for block
        assert [b.type for b in simplified.blocks] == [b.type for b in traditional.blocks]
        summary = next(s for s in library.list_features() if s.slug == slug)
        assert summary.derived and summary.work == KEY


def test_the_phrase_table_beside_the_library_is_applied(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "phrases.yaml").write_text("重慶談判: 渝谈判\n", encoding="utf-8")
    url = f"sqlite:///{folder / 'library.db'}"
    with Library.open(url) as library:
        _import(library, TRADITIONAL, db=url)
        slug = _editions(library)["zh-Hans"][0]
        assert library.get_feature(slug).title.startswith("渝谈判")


def test_a_real_simplified_edition_wins_over_the_derived_one(library_url: str, tmp_path: Path) -> None:
    with Library.open(library_url) as library:
        _import(library, TRADITIONAL)
        derived_slug = _editions(library)["zh-Hans"][0]
        # The publisher's own Simplified edition, with a title of its own (so another slug).
        own = tmp_path / "own.txt"
        own.write_text(
            SIMPLIFIED.read_text(encoding="utf-8").replace("重庆谈判", "重庆会谈", 1), encoding="utf-8"
        )
        summary = _import(library, own)
        assert summary.report.replaced == (derived_slug,)  # type: ignore[attr-defined]
        slug, derived = _editions(library)["zh-Hans"]
        assert not derived and slug != derived_slug
        assert [e.language for e in library.work_editions([KEY])[KEY]].count("zh-Hans") == 1
        # The Traditional edition changes: no conversion while a real Simplified edition is there.
        changed = tmp_path / "zh-hant.txt"
        changed.write_text(TRADITIONAL.read_text(encoding="utf-8").replace("談判", "會談"), encoding="utf-8")
        _import(library, changed)
        assert _editions(library)["zh-Hans"] == (slug, False)


def test_a_real_simplified_edition_with_the_same_slug_takes_the_derived_ones_place(library_url: str) -> None:
    with Library.open(library_url) as library:
        _import(library, TRADITIONAL, phrases=PHRASES)
        slug = _editions(library)["zh-Hans"][0]
        _import(library, SIMPLIFIED)
        assert _editions(library)["zh-Hans"] == (slug, False)  # updated in place, no longer derived


def test_a_changed_traditional_edition_is_converted_again(library_url: str, tmp_path: Path) -> None:
    copy = tmp_path / "zh-hant.txt"
    copy.write_text(TRADITIONAL.read_text(encoding="utf-8"), encoding="utf-8")
    with Library.open(library_url) as library:
        _import(library, copy)
        copy.write_text(copy.read_text(encoding="utf-8").replace("美國", "美利堅"), encoding="utf-8")
        _import(library, copy)
        slug, derived = _editions(library)["zh-Hans"]
        assert derived and "美利坚" in library.get_feature(slug).to_json()
        assert library.count_features() == 2


def test_conversion_none_derives_nothing(library_url: str) -> None:
    with Library.open(library_url) as library:
        _import(library, TRADITIONAL, conversion="none")
        assert set(_editions(library)) == {"zh-Hant"}


@pytest.mark.parametrize(
    ("table", "line", "message"),
    [
        ("a: b\n重慶: c: d\n", 2, "not valid YAML"),
        ("- a list\n", 1, "must be a mapping"),
        ("a: b\n重慶: ''\n", 2, "non-empty"),
    ],
)
def test_a_bad_phrase_table_is_an_error_with_file_and_line_and_nothing_is_converted(
    library_url: str, tmp_path: Path, table: str, line: int, message: str
) -> None:
    bad = tmp_path / "phrases.yaml"
    bad.write_text(table, encoding="utf-8")
    with Library.open(library_url) as library:
        summary = import_paths([str(TRADITIONAL)], library, Settings(phrases=bad), enrich=False)
        [error] = summary.errors
        assert str(error).startswith(f"{bad}:{line}:") and message in str(error)
        assert "zh-Hans" not in _editions(library)
