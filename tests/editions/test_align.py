"""Editions of one work align block by block; what does not pair is reported (issue 12, item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from handscroll.config import Settings
from handscroll.editions.align import Edition, align_editions, align_results, work_key
from handscroll.errors import display_path
from handscroll.ingest import read_path
from handscroll.model import Figure
from handscroll.pipeline import import_paths
from handscroll.samples import FEATURES_DIR, edition_paths, sample_paths
from handscroll.store import Library

FIXTURES = Path(__file__).parents[1] / "ingest" / "fixtures"
HANT = FIXTURES / "zh_hant_marshall.txt"
HANS = FIXTURES / "zh_hans_marshall.txt"


def _read(*paths: Path) -> list:  # type: ignore[type-arg]
    return [read_path(p, Settings()) for p in paths]


def test_the_sample_works_align_with_every_block_paired() -> None:
    aligned = align_results(_read(*sample_paths(), *edition_paths()))
    by_part = {a.key: a for a in aligned}
    assert set(by_part) == {"handscroll_sample_civilwar:1", "handscroll_sample_civilwar:2"}
    first = by_part["handscroll_sample_civilwar:1"]
    assert list(first.editions) == ["en", "zh-Hant", "zh-Hans"]
    assert first.fully_paired
    english = first.editions["en"].feature
    assert len(first.pairs) == len(english.blocks)  # every English block has one pair
    for pair in first.pairs:
        kinds = {first.editions[lang].feature.blocks[i].type for lang, i in pair.items()}
        assert len(kinds) == 1  # a figure pairs with a figure, a question with a question
    figures = [p for p in first.pairs if english.blocks[p["en"]].type == "figure"]
    for pair in figures:
        blocks = [first.editions[lang].feature.blocks[i] for lang, i in pair.items()]
        assert len({b.media for b in blocks if isinstance(b, Figure)}) == 1
    assert by_part["handscroll_sample_civilwar:2"].fully_paired


def test_the_fixture_editions_align() -> None:
    [aligned] = align_results(_read(HANT, HANS))
    assert aligned.fully_paired and list(aligned.editions) == ["zh-Hant", "zh-Hans"]
    assert len(aligned.pairs) == 8


def test_a_figure_in_one_edition_only_and_a_missing_question_are_reported_with_file_and_line(
    tmp_path: Path,
) -> None:
    text = HANS.read_text(encoding="utf-8").split("\n")
    start = text.index("demo_marshall03_3")
    del text[start : start + 5]  # the figure, its repeat, its caption and the blank lines
    text = [line.replace("答案见下。", "") for line in text]  # the question is no longer asked
    broken = tmp_path / "zh_hans_broken.txt"
    broken.write_text("\n".join(text), encoding="utf-8")
    [aligned] = align_results(_read(HANT, broken))
    assert not aligned.fully_paired
    problems = [(w.location.path, w.location.line, w.message) for w in aligned.problems]
    hant_lines = HANT.read_text(encoding="utf-8").split("\n")
    figure_line = hant_lines.index("demo_marshall03_3") + 1
    assert (display_path(HANT), figure_line) in {
        (p, n) for p, n, m in problems if "figure demo_marshall03_3" in m
    }
    assert any(p == display_path(broken) and "media IDs differ" in m for p, _, m in problems)
    question_line = next(n for n, line in enumerate(hant_lines, 1) if line.endswith("爆發？"))
    assert any(
        p == display_path(HANT) and n == question_line and m.startswith("this question has no counterpart")
        for p, n, m in problems
    )


def test_two_editions_in_one_language_are_reported_and_the_second_left_out(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text(HANT.read_text(encoding="utf-8"), encoding="utf-8")
    [aligned] = align_results(_read(HANT, copy, HANS))
    assert list(aligned.editions) == ["zh-Hant", "zh-Hans"]
    assert [str(w) for w in aligned.problems] == [
        f"{display_path(copy)}: a second Traditional Chinese edition of the work already read from "
        f"{display_path(HANT)}; it is not aligned"
    ]


def test_an_explicit_key_aligns_content_without_media_ids() -> None:
    [hant, hans] = _read(HANT, HANS)
    bare = hant.feature.model_copy(update={"series": None, "hero": None})
    assert work_key(bare) is None
    assert work_key(bare, "marshall") == work_key(hans.feature, "marshall") == "key:marshall"
    aligned = align_editions("key:marshall", [Edition("a.txt", hant.feature), Edition("b.txt", hans.feature)])
    assert aligned.fully_paired


def test_import_reports_misalignment_as_a_warning_and_imports_every_edition(tmp_path: Path) -> None:
    folder = tmp_path / "editions"
    folder.mkdir()
    english = (FEATURES_DIR / "civil-war-01.txt").read_text(encoding="utf-8")
    (folder / "en.txt").write_text(english, encoding="utf-8")
    chinese = (FEATURES_DIR / "zh-hant" / "civil-war-01.txt").read_text(encoding="utf-8").split("\n")
    start = chinese.index("handscroll_sample_civilwar01_3")
    del chinese[start : start + 5]
    (folder / "zh.txt").write_text("\n".join(chinese), encoding="utf-8")
    with Library.open(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        summary = import_paths([str(folder)], library, Settings(), enrich=False)
        assert not summary.failed
        assert library.count_features() == 3  # and the Simplified edition derived from the Traditional
    messages = [str(w) for w in summary.warnings]
    assert any(
        "en.txt:" in m and "figure handscroll_sample_civilwar01_3 is not in the" in m for m in messages
    )


@pytest.mark.parametrize("work", [None, "the-talks"])
def test_aligned_editions_import_without_warnings_with_or_without_a_work_key(
    tmp_path: Path, work: str | None
) -> None:
    with Library.open(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        summary = import_paths([display_path(HANT), str(HANS)], library, Settings(), enrich=False, work=work)
    assert summary.warnings == ()


def test_front_matter_work_key_aligns_markdown_editions(tmp_path: Path) -> None:
    for name, language, title, body in [
        ("en.md", "en", "The Talks", "Mao flew to Chongqing in 1945."),
        ("zh.md", "zh-TW", "重慶談判", "毛澤東於1945年飛抵重慶。"),
    ]:
        (tmp_path / name).write_text(
            f"---\ntitle: {title}\nlanguage: {language}\nwork: talks\n---\n\n{body}\n", encoding="utf-8"
        )
    results = _read(tmp_path / "en.md", tmp_path / "zh.md")
    assert [r.work for r in results] == ["talks", "talks"]
    assert results[1].feature.language == "zh-Hant"
    [aligned] = align_results(results)
    assert aligned.key == "key:talks" and aligned.fully_paired


def test_editions_imported_apart_are_one_work_and_a_reimport_replaces_only_itself(
    library_url: str, tmp_path: Path
) -> None:
    english = FEATURES_DIR / "civil-war-01.txt"
    chinese = tmp_path / "zh.txt"
    text = (FEATURES_DIR / "zh-hant" / "civil-war-01.txt").read_text(encoding="utf-8")
    chinese.write_text(text, encoding="utf-8")
    key = "handscroll_sample_civilwar:1"
    with Library.open(library_url) as library:
        assert import_paths([str(english)], library, Settings(), enrich=False).warnings == ()
        # Aligned with the stored English edition, every block paired.
        assert import_paths([str(chinese)], library, Settings(), enrich=False).warnings == ()
        # The Simplified edition is derived from the Traditional one (issue 12, item 5).
        languages = [(e.language, e.derived) for e in library.work_editions([key])[key]]
        assert sorted(languages) == [("en", False), ("zh-Hans", True), ("zh-Hant", False)]
        english_slug = next(e.slug for e in library.work_editions([key])[key] if e.language == "en")
        english_before = library.get_feature(english_slug)
        # The Chinese edition changes, one figure short: reported against the stored English one.
        lines = text.split("\n")
        start = lines.index("handscroll_sample_civilwar01_3")
        del lines[start : start + 5]
        chinese.write_text("\n".join(lines), encoding="utf-8")
        summary = import_paths([str(chinese)], library, Settings(), enrich=False)
        assert not summary.failed
        assert any(
            "figure handscroll_sample_civilwar01_3 is not in the Traditional Chinese edition" in str(w)
            for w in summary.warnings
        )
        editions = library.work_editions([key])[key]
        assert sorted(e.language for e in editions) == ["en", "zh-Hans", "zh-Hant"]  # replaced, not added
        assert library.get_feature(english_slug) == english_before
