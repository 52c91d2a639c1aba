"""The shipped samples: a clean series that reads without a warning, in our own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from handscroll.config import Settings
from handscroll.ingest import LineKind, ReadResult, read_path
from handscroll.model import Credit, Note, Question
from handscroll.samples import SERIES, sample_media_dir, sample_media_ids, sample_paths
from handscroll.samples.images import figure_label, generate_sample_media, make_placeholder

SEED = Path(__file__).parents[1].parent / "shared" / "seed" / "000_cc4507d8b73957ad.txt"


@pytest.fixture(scope="module")
def results() -> list[ReadResult]:
    return [read_path(path, Settings()) for path in sample_paths()]


def test_there_are_at_least_three_samples() -> None:
    paths = sample_paths()
    assert len(paths) >= 3
    assert all(p.suffix == ".txt" and p.is_file() for p in paths)


def test_samples_read_without_warnings(results: list[ReadResult]) -> None:
    for result in results:
        assert result.warnings == (), result.source
        assert LineKind.UNCLASSIFIED not in result.lines, result.source


def test_each_sample_has_what_a_feature_has(results: list[ReadResult]) -> None:
    for result in results:
        feature = result.feature
        blocks = feature.blocks
        assert feature.hero is not None, result.source
        assert feature.hero in {f.media for f in feature.figures}, result.source
        assert 5 <= len(feature.figures) <= 8, result.source
        assert all(f.caption for f in feature.figures), result.source
        assert sum(1 for b in blocks if b.type == "paragraph") >= 2, result.source
        questions = [b for b in blocks if isinstance(b, Question)]
        assert len(questions) == 1 and questions[0].answer, result.source
        assert any(isinstance(b, Note) and b.kind == "ebook" and b.text for b in blocks), result.source
        assert isinstance(blocks[-1], Credit), result.source
        assert feature.language == "en"


def test_samples_form_one_series_in_part_order(results: list[ReadResult]) -> None:
    assert {r.feature.series for r in results} == {SERIES}
    assert [r.feature.part for r in results] == list(range(1, len(results) + 1))
    assert len({r.feature.slug for r in results}) == len(results)


def test_samples_carry_bilingual_names_and_dates(results: list[ReadResult]) -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in sample_paths())
    assert "Chongqing (重慶)" in text
    assert "Mao Zedong (毛澤東)" in text
    assert "People's Liberation Army (PLA" in text
    assert re.search(r"\b\d{1,2} (January|April|October|December) 194[5-9]\b", text)
    assert "In January 1946" in text
    assert "early 1948" in text
    assert "the following year" in text


def test_media_ids_are_those_of_the_samples(results: list[ReadResult]) -> None:
    expected = [m for r in results for m in r.feature.media_ids]
    assert list(sample_media_ids()) == list(dict.fromkeys(expected))


def test_generate_sample_media_writes_a_jpeg_per_media_id(tmp_path: Path) -> None:
    written = generate_sample_media(tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{m}.jpg" for m in sample_media_ids())
    for path in written:
        assert path.parent == tmp_path
        assert 5_000 < path.stat().st_size < 200_000
        with Image.open(path) as image:
            assert image.format == "JPEG"
            assert image.size == (1200, 800)
            image.verify()
    assert not list(tmp_path.glob(".*"))  # no partial files left behind


def test_placeholders_are_deterministic_and_sized(tmp_path: Path) -> None:
    first = make_placeholder("handscroll_sample_civilwar02_3", tmp_path / "a.jpg", size=(640, 400))
    second = make_placeholder("handscroll_sample_civilwar02_3", tmp_path / "b.jpg", size=(640, 400))
    assert first.read_bytes() == second.read_bytes()
    with Image.open(first) as image:
        assert image.size == (640, 400)
    assert figure_label("handscroll_sample_civilwar02_3") == "Part 2 · Figure 3"


def test_sample_media_dir_draws_missing_pictures_once(tmp_path: Path) -> None:
    folder = sample_media_dir(tmp_path / "cache")
    pictures = sorted(folder.glob("*.jpg"))
    assert len(pictures) == len(sample_media_ids())
    stamps = {p: p.stat().st_mtime_ns for p in pictures}
    pictures[0].unlink()
    assert sample_media_dir(tmp_path / "cache") == folder
    assert pictures[0].is_file()
    assert all(p.stat().st_mtime_ns == stamps[p] for p in pictures[1:])


def _windows(text: str, size: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[\w’']+", text.casefold())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.skipif(not SEED.is_file(), reason=f"the seed is not here ({SEED}); it is not shipped")
def test_no_sample_sentence_comes_from_the_seed() -> None:
    seed_windows = _windows(SEED.read_text(encoding="utf-8").replace("’", "'"))
    chrome = {" ".join(c.split()).casefold() for c in Settings().chrome_lines}
    for path in sample_paths():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if " ".join(line.split()).casefold() in chrome:
                continue  # site chrome is the format's, not the seed's prose
            shared = _windows(line.replace("’", "'")) & seed_windows
            assert not shared, f"{path.name}:{number} shares words with the seed: {sorted(shared)[:3]}"
