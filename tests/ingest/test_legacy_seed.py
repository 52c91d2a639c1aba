"""The seed page reads to exactly the structure its publisher's export means (DESIGN.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from handscroll.config import Settings
from handscroll.ingest import LineKind, read_path

SEED_DIR = Path(__file__).parents[2].parent / "shared" / "seed"
SEED = SEED_DIR / "000_cc4507d8b73957ad.txt"
EXPECTED = SEED_DIR / "expected-structure.json"

pytestmark = pytest.mark.skipif(
    not (SEED.is_file() and EXPECTED.is_file()),
    reason=f"the seed is not here ({SEED_DIR}); it belongs to its publisher and is not shipped",
)


@pytest.fixture(scope="module")
def expected() -> dict[str, object]:
    data: dict[str, object] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def feature_json() -> dict[str, object]:
    data: dict[str, object] = json.loads(read_path(SEED, Settings()).feature.to_json())
    return data


def test_seed_title_and_part(feature_json: dict[str, object], expected: dict[str, object]) -> None:
    assert feature_json["title"] == expected["title"]
    assert feature_json["part"] == expected["part"]


def test_seed_hero(feature_json: dict[str, object], expected: dict[str, object]) -> None:
    assert feature_json["hero"] == expected["hero"]


def test_seed_blocks_exactly(feature_json: dict[str, object], expected: dict[str, object]) -> None:
    assert feature_json["blocks"] == expected["blocks"]


def test_seed_series_and_language() -> None:
    feature = read_path(SEED, Settings()).feature
    assert feature.series == "mainsite_psd_neizhanyi"
    assert feature.language == "en"


def test_seed_chrome_lines_are_counted_where_they_stand(expected: dict[str, object]) -> None:
    result = read_path(SEED, Settings())
    chrome = [number for number, kind in enumerate(result.lines, start=1) if kind is LineKind.CHROME]
    assert chrome == expected["chrome_lines"] == [1, 14]


def test_seed_reads_without_warnings_and_accounts_for_every_line() -> None:
    result = read_path(SEED, Settings())
    raw_lines = re.split(r"\r\n|\r|\n", SEED.read_text(encoding="utf-8-sig"))
    assert result.warnings == ()
    assert len(result.lines) == len(raw_lines)
    for number, (kind, raw) in enumerate(zip(result.lines, raw_lines, strict=True), start=1):
        assert (kind is LineKind.BLANK) == (not raw.replace("\u00a0", " ").strip()), number
    assert result.line_counts[LineKind.UNCLASSIFIED] == 0
    assert result.line_counts[LineKind.TITLE] == 1
    assert result.line_counts[LineKind.REPEATED_PROMPT] == 1
