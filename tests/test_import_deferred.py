"""An import keeps its report on disk and writes the search index after its rows (issue 11 item 3)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from handscroll.config import Settings
from handscroll.errors import Location, ReadError
from handscroll.ingest import ReadWarning, expand_paths
from handscroll.pipeline import import_paths
from handscroll.run_log import ERROR, WARNING, RunLog
from handscroll.samples import sample_paths
from handscroll.store import Library, Outcome, search_deferred, search_tantivy
from handscroll.store import library as library_module


def _write(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    template = sample_paths()[0].read_text(encoding="utf-8")
    title = next(line for line in template.splitlines() if line.startswith("("))
    for n in range(count):
        text_ = template.replace(title, f"({n + 1}) Deferred part {n + 1}", 1)
        (folder / f"part-{n:04d}.txt").write_text(text_, encoding="utf-8")


def _queued(library: Library) -> int:
    with library.engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM search_outbox")).scalar_one())


def _note(told: list[tuple[int, int]]) -> Callable[[int, int], None]:
    return lambda done, total: told.append((done, total))


def _found(library: Library) -> int:
    return library.search("Deferred part", limit=100).total


def test_the_log_keeps_claims_outcomes_and_notes_out_of_memory() -> None:
    log = RunLog()
    assert log.claim("a", "one.txt") == "one.txt"
    assert log.claim("a", "two.txt") == "one.txt"  # the first source keeps it
    log.record([("a", Outcome.SKIPPED)], written=False)
    log.record([("b", Outcome.ADDED), ("c", Outcome.UPDATED)], written=True)
    warning = ReadWarning(Location("one.txt", 3), "a repeated warning")
    assert log.note(WARNING, warning) and not log.note(WARNING, warning)  # each warning once
    error = ReadError("bad", Location("two.txt"))
    log.note(ERROR, error, once=False)
    log.note(ERROR, error, once=False)  # errors are all kept, as they came
    assert list(log.notes(WARNING)) == [warning]
    assert [str(e) for e in log.notes(ERROR)] == [str(error)] * 2
    assert list(log.outcomes()) == [("a", Outcome.SKIPPED), ("b", Outcome.ADDED), ("c", Outcome.UPDATED)]
    log.forget_written()  # all or nothing, rolled back: only what was skipped stays
    assert list(log.outcomes()) == [("a", Outcome.SKIPPED)]
    assert (log.count(Outcome.ADDED), log.count(Outcome.SKIPPED), log.counts[ERROR]) == (0, 1, 2)
    log.close()


def test_a_small_import_is_indexed_in_this_process_after_its_rows(tmp_path: Path) -> None:
    _write(tmp_path / "in", 12)
    told: list[tuple[int, int]] = []
    with Library.open(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        summary = import_paths(
            [str(tmp_path / "in")], library, Settings(), enrich=False, batch_size=5, indexed=_note(told)
        )
        assert summary.added == 12 and summary.report.added == 12
        assert _found(library) == 12 and _queued(library) == 0
    assert told == [(5, 12), (10, 12), (12, 12)]  # the progress bar's "indexing" line, batch by batch


def test_a_big_import_is_indexed_by_a_process_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "in", 12)
    monkeypatch.setattr(search_deferred, "IN_PROCESS_UP_TO", 0)
    writers: list[int] = []
    writer = search_tantivy.SearchIndex.writer

    def noted(index: search_tantivy.SearchIndex) -> object:
        writers.append(os.getpid())
        return writer(index)

    monkeypatch.setattr(search_tantivy.SearchIndex, "writer", noted)
    told: list[tuple[int, int]] = []
    with Library.open(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        folder = [str(tmp_path / "in")]
        import_paths(folder, library, Settings(), enrich=False, batch_size=5, indexed=_note(told))
        assert writers == []  # this process never wrote (nor merged) the index
        assert _found(library) == 12 and _queued(library) == 0  # the other process did, and it is seen here
    # Told as the other process empties the outbox, never backwards, to the end.
    assert told and told[-1] == (12, 12) and told == sorted(told)


def test_if_that_process_fails_the_import_indexes_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "in", 6)
    monkeypatch.setattr(search_deferred, "IN_PROCESS_UP_TO", 0)

    class NoProcesses:
        def Process(self, **_: object) -> object:  # multiprocessing's name
            raise OSError("no processes here")

    monkeypatch.setattr(search_deferred.multiprocessing, "get_context", lambda _: NoProcesses())
    with Library.open(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        import_paths([str(tmp_path / "in")], library, Settings(), enrich=False)
        assert _found(library) == 6 and _queued(library) == 0


def test_a_run_stopped_before_its_index_is_written_is_indexed_when_the_library_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "in", 7)
    url = f"sqlite:///{tmp_path / 'lib.db'}"

    def stopped(*_: object) -> None:
        raise KeyboardInterrupt  # the run is stopped once its rows are written

    monkeypatch.setattr(library_module, "replay_after_import", stopped)
    with Library.open(url) as library, pytest.raises(KeyboardInterrupt):
        import_paths([str(tmp_path / "in")], library, Settings(), enrich=False, batch_size=3)
    with Library.open(url) as library:  # the rows are there, queued: opening indexes them
        assert library.count_features() == 7
        assert _queued(library) == 0 and _found(library) == 7
    monkeypatch.undo()
    with Library.open(url) as library:  # and the index is the rows' again after a re-import
        import_paths([str(tmp_path / "in")], library, Settings(), enrich=False, force=True)
        assert _found(library) == 7


def test_folders_are_walked_in_the_order_of_their_sorted_paths(tmp_path: Path) -> None:
    names = ["b/2.txt", "b/10.md", "a.txt", "a/z.txt", "a/b/c.txt", "A.md", "a b.txt", "c.json", "note.pdf"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # listed, as an error in its place
    found = list(expand_paths([str(tmp_path)]))
    expected = sorted(
        p for p in tmp_path.rglob("*") if p.suffix in {".txt", ".md", ".json"} and not p.is_dir()
    )
    assert [e if isinstance(e, Path) else Path(e.location.path) for e in found] == expected
    assert [type(e).__name__ for e in found].count("ReadError") == 1
