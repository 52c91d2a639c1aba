"""Reading changed files for an import, a batch at a time: in this process or by a process per core.

Workers get paths, never bytes (issue 11 item 3): each reads, hashes, parses
and (unless told not to) enriches its own files, and hands back the feature
without its line account, which an import never uses, with its search index
row folded and stemmed where the index is written with the rows (PostgreSQL;
on SQLite it is written from the rows after the run). The
pool is started for the first batch big enough to be worth it and serves the
whole run.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Self

from handscroll.config import Settings
from handscroll.enrich import Enrichment, enrich_feature
from handscroll.errors import ReadError
from handscroll.ingest import ReadResult, read_path
from handscroll.store.search_text import IndexDocument, enrichment_terms, index_document
from handscroll.worker_lifetime import die_with_parent, initializer_args

PARALLEL_FROM = 64
"""Batches of at least this many changed files are read and enriched by a process per core."""

TASK_FILES = 16
"""Files sent to a worker at a time: fewer round trips, yet work spread evenly over the cores."""

ReadOutcome = tuple[ReadResult, Enrichment | None, IndexDocument | None] | ReadError
"""What reading one changed file gives: the feature, its enrichment and index row (its id still 0;
None where the index is written from the rows later), or why not."""


def read_file(path: Path, settings: Settings, enrich: bool, documents: bool = True) -> ReadOutcome:
    """Read, parse and perhaps enrich one file; a ReadError is returned (workers hand it back), not raised."""
    try:
        result = read_path(path, settings)
    except ReadError as exc:
        return exc
    result = replace(result, lines=())  # the line account is for `parse`; it would only be carried
    enrichment = enrich_feature(result.feature) if enrich else None
    if not documents:
        return result, enrichment, None
    return result, enrichment, index_document(0, result.feature, enrichment_terms(enrichment))


def read_files(paths: Sequence[Path], settings: Settings, enrich: bool, documents: bool) -> list[ReadOutcome]:
    """`read_file` over a few paths: one task of a worker."""
    return [read_file(path, settings, enrich, documents) for path in paths]


class PendingBatch:
    """A batch being read; `outcomes` waits for it and gives one outcome per path, in order."""

    def __init__(self, readers: Readers, paths: list[Path], futures: list[Future[list[ReadOutcome]]]) -> None:
        self._readers = readers
        self.paths = paths
        self._futures = futures

    def outcomes(self) -> list[ReadOutcome]:
        """The outcomes, read here when the batch went to no pool or the pool broke."""
        found: list[ReadOutcome] = []
        try:
            for future in self._futures:
                found.extend(future.result())
        except BrokenProcessPool:
            # Workers could not start, e.g. under a caller's script without the
            # `if __name__ == "__main__":` guard that spawned processes need:
            # finish in this process rather than fail the import.
            self._readers.broken = True
        rest = self.paths[len(found) :]
        readers = self._readers
        return found + read_files(rest, readers.settings, readers.enrich, readers.documents)


class Readers:
    """Starts the reading of batches of paths; the pool, once started, lives until the run ends."""

    def __init__(self, settings: Settings, *, enrich: bool, documents: bool = True) -> None:
        self.settings = settings
        self.enrich = enrich
        self.documents = documents  # index rows: not for SQLite, whose index is written from the rows
        self.broken = False
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, paths: list[Path]) -> PendingBatch:
        """Start reading `paths` (on the pool for a big batch); nothing is read here yet."""
        pool = self._pool_for(len(paths))
        if pool is None:
            return PendingBatch(self, paths, [])
        try:
            futures = [
                pool.submit(
                    read_files, paths[start : start + TASK_FILES], self.settings, self.enrich, self.documents
                )
                for start in range(0, len(paths), TASK_FILES)
            ]
        except BrokenProcessPool:
            self.broken = True
            return PendingBatch(self, paths, [])
        return PendingBatch(self, paths, futures)

    def _pool_for(self, count: int) -> ProcessPoolExecutor | None:
        cores = os.cpu_count() or 1
        if self._pool is None and (self.broken or count < PARALLEL_FROM or cores < 2):
            return None
        if self._pool is None:
            # spawn, not fork: workers start clean, without the parent's open
            # database connections or threads.
            self._pool = ProcessPoolExecutor(
                max_workers=min(cores, 8),
                mp_context=multiprocessing.get_context("spawn"),
                # Workers die with this process, even when it is SIGKILLed (issue 10 item 8).
                initializer=die_with_parent,
                initargs=initializer_args(),
            )
        return None if self.broken else self._pool

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=exc is None, cancel_futures=True)
