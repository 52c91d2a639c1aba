"""The import pipeline: big batches are read and enriched in parallel, with the same results."""

from __future__ import annotations

from pathlib import Path

import pytest

from handscroll.config import Settings
from handscroll.pipeline import PARALLEL_FROM, import_paths
from handscroll.samples import sample_paths
from handscroll.store import Library


def _write_batch(folder: Path, count: int) -> None:
    template = sample_paths()[0].read_text(encoding="utf-8")
    title = next(line for line in template.splitlines() if line.startswith("("))
    for n in range(count):
        text = template.replace(title, f"({n + 1}) Generated part {n + 1}", 1)
        (folder / f"part-{n:03d}.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("count", [3, PARALLEL_FROM + 6])
def test_a_batch_reads_the_same_in_one_process_or_many(tmp_path: Path, count: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write_batch(folder, count)
    (folder / "zz-bad.txt").write_bytes(b"(9) Title\n\ncaf\xe9\n")
    with Library.open(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        summary = import_paths([str(folder)], library, Settings())
        assert summary.report.added == count
        [error] = summary.errors
        assert str(error) == f"{folder / 'zz-bad.txt'}:3: {error.message}"
        assert error.message.startswith("not valid UTF-8")
        slugs = [f.slug for f in library.list_features()]
        assert len(slugs) == count
        # Every feature came with its enrichment, written in the same transaction.
        assert library.stale_enrichments() == []
        assert library.get_enrichment(slugs[-1]) is not None


def test_a_pool_that_cannot_start_falls_back_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from concurrent.futures.process import BrokenProcessPool

    def broken(*args: object, **kwargs: object) -> object:
        raise BrokenProcessPool("a worker died at start")

    monkeypatch.setattr("handscroll.reading_pool.ProcessPoolExecutor.submit", broken)
    folder = tmp_path / "in"
    folder.mkdir()
    _write_batch(folder, PARALLEL_FROM + 1)
    with Library.open(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        summary = import_paths([str(folder)], library, Settings(), enrich=False)
        assert summary.report.added == PARALLEL_FROM + 1
        assert library.stale_enrichments()  # --no-enrich: left for `handscroll enrich`
