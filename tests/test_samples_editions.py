"""The samples' Chinese editions: written Traditional ones, one derived Simplified (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from handscroll.config import Settings
from handscroll.editions.derive import Converter, derive_simplified, load_phrases
from handscroll.errors import ReadError
from handscroll.ingest import LineKind, read_path
from handscroll.samples import FEATURES_DIR, PHRASES, derive_simplified_text, edition_paths, sample_paths


def _english(path: Path) -> Path:
    return FEATURES_DIR / path.name


def test_there_are_two_traditional_editions_and_a_simplified_one() -> None:
    assert len(edition_paths("zh-Hant")) >= 2
    assert len(edition_paths("zh-Hans")) >= 1
    assert {p.name for p in edition_paths()} <= {p.name for p in sample_paths()}


@pytest.mark.parametrize("path", edition_paths(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_edition_reads_cleanly_and_matches_its_english_edition(path: Path) -> None:
    result = read_path(path, Settings())
    english = read_path(_english(path), Settings()).feature
    feature = result.feature
    assert result.warnings == ()
    assert LineKind.UNCLASSIFIED not in result.lines
    assert feature.language == {"zh-hant": "zh-Hant", "zh-hans": "zh-Hans"}[path.parent.name]
    assert (feature.series, feature.part, feature.hero) == (english.series, english.part, english.hero)
    assert [f.media for f in feature.figures] == [f.media for f in english.figures]
    assert [b.type for b in feature.blocks] == [b.type for b in english.blocks]
    assert feature.slug != english.slug


@pytest.mark.parametrize("path", edition_paths("zh-Hans"), ids=lambda p: p.name)
def test_the_simplified_sample_is_exactly_derived_from_its_traditional_edition(path: Path) -> None:
    traditional = path.parent.parent / "zh-hant" / path.name
    assert path.read_text(encoding="utf-8") == derive_simplified_text(traditional.read_text(encoding="utf-8"))
    derived = derive_simplified(
        read_path(traditional, Settings()).feature, Converter(phrases=load_phrases(PHRASES))
    )
    assert derived.blocks == read_path(path, Settings()).feature.blocks
    assert "为什么" in path.read_text(encoding="utf-8")  # the phrase table's, where hk2s keeps 为甚么


def test_phrases_win_over_opencc_and_are_not_converted_again() -> None:
    plain = Converter()
    assert plain.convert("為甚麼在這裏？") == "为甚么在这里？"
    table = Converter(phrases={"為甚麼": "为什么", "國軍": "國軍"})
    assert table.convert("為甚麼國軍在這裏？") == "为什么國軍在这里？"
    with pytest.raises(ValueError, match="unknown conversion 's2t'"):
        Converter("s2t")


def test_only_a_traditional_edition_is_converted() -> None:
    english = read_path(sample_paths()[0], Settings()).feature
    with pytest.raises(ValueError, match="not en"):
        derive_simplified(english, Converter())


def test_a_bad_phrase_table_names_its_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "phrases.yaml"
    bad.write_text("為甚麼: 为什么\n甚麼: [什么\n", encoding="utf-8")
    with pytest.raises(ReadError) as caught:
        load_phrases(bad)
    assert caught.value.location.line >= 2 and "not valid YAML" in caught.value.message
    bad.write_text("為甚麼: 为什么\n甚麼:\n", encoding="utf-8")
    with pytest.raises(ReadError, match="both sides must be non-empty text") as caught:
        load_phrases(bad)
    assert caught.value.location.line == 2
