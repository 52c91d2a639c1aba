"""The bad input of issue 12, imported: each is a clear message with file and line, and nothing is
half-written (two editions in one language, disagreeing media IDs, mixed languages, an unknown
language tag, a Chinese file in GB18030 or Big5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from handscroll.cli import app
from handscroll.config import Settings
from handscroll.errors import display_path
from handscroll.pipeline import import_paths
from handscroll.samples import FEATURES_DIR
from handscroll.store import Library

ENGLISH = FEATURES_DIR / "civil-war-01.txt"
TRADITIONAL = FEATURES_DIR / "zh-hant" / "civil-war-01.txt"
KEY = "handscroll_sample_civilwar:1"


def _import(library: Library, *paths: Path, **options: object):  # type: ignore[no-untyped-def]
    return import_paths(
        [str(p) for p in paths], library, Settings(conversion="none"), enrich=False, **options
    )


def test_a_second_edition_in_one_language_is_reported_and_kept_out_of_the_work(
    library_url: str, tmp_path: Path
) -> None:
    second = tmp_path / "another.txt"
    second.write_text(
        TRADITIONAL.read_text(encoding="utf-8").replace("重慶談判", "重慶會談", 1), encoding="utf-8"
    )
    with Library.open(library_url) as library:
        assert not _import(library, ENGLISH, TRADITIONAL).warnings
        summary = _import(library, second)
        assert not summary.failed
        [warning] = summary.warnings
        assert str(warning).startswith(f"{display_path(second)}: a second Traditional Chinese edition")
        # Imported as a feature of its own; the work keeps the edition it had.
        assert library.count_features() == 3
        assert sorted(e.language for e in library.work_editions([KEY])[KEY]) == ["en", "zh-Hant"]
        standalone = next(s for s in library.list_features() if s.source == display_path(second))
        assert standalone.work is None


def test_an_edition_whose_media_ids_disagree_is_reported_and_still_paired_by_id(
    library_url: str, tmp_path: Path
) -> None:
    changed = tmp_path / "renamed.txt"
    text = TRADITIONAL.read_text(encoding="utf-8").replace(
        "handscroll_sample_civilwar01_4", "handscroll_sample_civilwar01_9"
    )
    changed.write_text(text, encoding="utf-8")
    with Library.open(library_url) as library:
        summary = _import(library, ENGLISH, changed)
        assert not summary.failed and library.count_features() == 2
    messages = [str(w) for w in summary.warnings]
    assert any(m.startswith(f"{display_path(changed)}: its media IDs differ") for m in messages)
    # The hero comes first (lines 3 and 4); the figure is the ID's next appearance.
    line = [
        n for n, text_line in enumerate(text.split("\n"), 1) if text_line == "handscroll_sample_civilwar01_9"
    ][2]
    assert any(
        m.startswith(f"{display_path(changed)}:{line}: figure handscroll_sample_civilwar01_9")
        for m in messages
    )


def test_mixed_language_lines_are_warnings_with_their_line_and_the_feature_is_imported(
    library_url: str, tmp_path: Path
) -> None:
    lines = TRADITIONAL.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("1945年"))
    lines[at] = "The surrender left two governments facing each other across a divided country."
    mixed = tmp_path / "mixed.txt"
    mixed.write_text("\n".join(lines), encoding="utf-8")
    with Library.open(library_url) as library:
        summary = _import(library, mixed)
        assert not summary.failed and library.count_features() == 1
    [warning] = summary.warnings
    assert str(warning).startswith(
        f"{display_path(mixed)}:{at + 1}: this line is in English but the feature is Traditional Chinese"
    )


def test_an_unknown_language_tag_is_an_error_with_file_and_line_and_nothing_is_written(
    library_url: str, tmp_path: Path
) -> None:
    tagged = tmp_path / "tagged.md"
    tagged.write_text("---\ntitle: 重慶談判\nlanguage: zh-XX\n---\n\n毛澤東飛抵重慶。\n", encoding="utf-8")
    with Library.open(library_url) as library:
        summary = _import(library, ENGLISH, tagged, all_or_nothing=True)
        [error] = summary.errors
        assert str(error).startswith(
            f"{display_path(tagged)}:3: front matter language: unknown language tag 'zh-XX'"
        )
        assert library.count_features() == 0  # all or nothing: the English file is not written either
    result = CliRunner().invoke(app, ["import", str(ENGLISH), "--db", library_url, "--language", "klingon"])
    assert result.exit_code == 2 and "unknown language tag 'klingon'" in result.output


@pytest.mark.parametrize(
    ("codec", "named", "option"), [("gb18030", "GB18030", "gb18030"), ("big5hkscs", "Big5", "big5")]
)
def test_a_chinese_file_in_a_legacy_encoding_is_refused_naming_it_and_read_when_told(
    library_url: str, tmp_path: Path, codec: str, named: str, option: str
) -> None:
    legacy = tmp_path / f"{codec}.txt"
    legacy.write_bytes(TRADITIONAL.read_text(encoding="utf-8").encode(codec))
    with Library.open(library_url) as library:
        summary = _import(library, ENGLISH, legacy, all_or_nothing=True)
        [error] = summary.errors
        assert str(error).startswith(f"{display_path(legacy)}:1:") and named in str(error)
        assert library.count_features() == 0
        told = import_paths(
            [str(legacy)], library, Settings(encoding=option, conversion="none"), enrich=False
        )
        assert not told.failed and library.list_features()[0].language == "zh-Hant"
