"""Imports stream (issue 11 item 3): batches written one by one, memory flat, all or nothing still whole."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from handscroll.config import Settings
from handscroll.pipeline import import_paths
from handscroll.samples import sample_paths
from handscroll.store import Library
from handscroll.store.import_run import ImportRun


def _write_batch(folder: Path, count: int, *, start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    template = sample_paths()[0].read_text(encoding="utf-8")
    title = next(line for line in template.splitlines() if line.startswith("("))
    for n in range(start, start + count):
        text = template.replace(title, f"({n + 1}) Streamed part {n + 1}", 1)
        (folder / f"part-{n:04d}.txt").write_text(text, encoding="utf-8")


def test_each_batch_is_written_before_the_next_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_batch(tmp_path / "in", 35)
    seen: list[tuple[int, int]] = []  # (features stored before the write, features in it)
    write = ImportRun.write

    def counting(run: ImportRun, items: list[object], **options: object) -> object:
        seen.append((library.count_features(), len(items)))
        return write(run, items, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(ImportRun, "write", counting)
    with Library.open(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        summary = import_paths([str(tmp_path / "in")], library, Settings(), enrich=False, batch_size=10)
        assert summary.report.added == 35
        assert library.count_features() == 35
    # Committed batch by batch: each write finds the ones before it in the library.
    assert seen == [(0, 10), (10, 10), (20, 10), (30, 5)]


def _peak(tmp_path: Path, name: str, count: int, batch_size: int) -> int:
    """Peak traced memory of importing `count` files, after a warm-up import has loaded every module."""
    _write_batch(tmp_path / name, count)
    with Library.open(f"sqlite:///{tmp_path / (name + '.db')}") as library:
        tracemalloc.start()
        try:
            summary = import_paths(
                [str(tmp_path / name)], library, Settings(), enrich=False, batch_size=batch_size
            )
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert summary.report.added == count
    return peak


def test_memory_does_not_grow_with_the_number_of_files(tmp_path: Path) -> None:
    _peak(tmp_path, "warm", 4, 2)  # caches and lazily imported modules, out of the way
    one = _peak(tmp_path, "one", 30, 10)
    four = _peak(tmp_path, "four", 120, 10)
    # Buffering the whole run would hold four times the features (over 3x the
    # peak); streaming holds two batches whatever the count. Generous bound.
    assert four < 1.6 * one, f"peak {four / 1e6:.1f} MB for 120 files, {one / 1e6:.1f} MB for 30"


def test_all_or_nothing_leaves_the_library_as_it_was_after_batches_were_written(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write_batch(folder, 6)
    with Library.open(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        import_paths([str(folder)], library, Settings(), enrich=False)
        before = {f.slug: library.get_feature(f.slug) for f in library.list_features()}
        changed = folder / "part-0000.txt"
        changed.write_text(changed.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
        _write_batch(folder, 14, start=6)
        (folder / "zz-bad.txt").write_bytes(b"(99) Bad\n\ncaf\xe9\n")
        summary = import_paths([str(folder)], library, Settings(), all_or_nothing=True, batch_size=4)
        assert summary.failed and summary.report.added == 0 and summary.report.updated == 0
        assert {f.slug: library.get_feature(f.slug) for f in library.list_features()} == before
        assert set(library.stale_enrichments()) == set(before)  # no enrichment of the rolled-back run stayed
        # Without --all-or-nothing the good files go in, batch by batch.
        summary = import_paths([str(folder)], library, Settings(), batch_size=4)
        assert summary.report.added == 14 and summary.report.updated == 1
        assert library.count_features() == 20


def test_a_slug_claimed_in_an_earlier_batch_is_refused_in_a_later_one(tmp_path: Path) -> None:
    _write_batch(tmp_path / "a", 3)
    _write_batch(tmp_path / "b", 1)  # the same title as a/part-0000.txt, from another file
    other = tmp_path / "b" / "part-0000.txt"
    other.write_text(other.read_text(encoding="utf-8") + "\nOther words.\n", encoding="utf-8")
    with Library.open(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        summary = import_paths([str(tmp_path / "a"), str(tmp_path / "b")], library, Settings(), batch_size=2)
        [error] = summary.errors
        assert "two features with the slug" in error.message and str(tmp_path / "b") in str(error)
        assert library.count_features() == 3
