"""What an import run keeps for its report, on disk rather than in memory (issue 11 item 3).

A run used to hold, to its end, each feature's slug and outcome, every
warning and error, the source that claimed each slug and its quiz pins:
about 0.4 KB of Python objects a file, 40 MB at 100,000 files, and more below
Python in the allocator's arenas they pinned (benchmarks/README.md, runs of
2026-12-06). They go instead to a private temporary SQLite database (the
empty file name: on disk, deleted when closed, with a page cache of 2 MB),
whose primary keys check slug claims and drop repeated warnings; the run
keeps only counts, and the report reads the rest back as it prints it.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from handscroll.errors import ReadError
from handscroll.ingest import ReadWarning
from handscroll.store import ImportReport, Outcome

_SCHEMA = """
CREATE TABLE claims (slug TEXT PRIMARY KEY, source TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE outcomes (slug TEXT NOT NULL, outcome TEXT NOT NULL, written INTEGER NOT NULL);
CREATE TABLE notes (kind TEXT NOT NULL, text TEXT NOT NULL, item BLOB NOT NULL);
CREATE UNIQUE INDEX notes_once ON notes (kind, text);
"""

WARNING, ERROR, PIN, REPLACED = "warning", "error", "pin", "replaced"
"""Kinds of notes: the run's warnings and errors, features with a quiz pin, derived editions replaced."""


class RunLog:
    """An import run's outcomes, notes and slug claims, in a temporary database; counts in memory."""

    def __init__(self) -> None:
        # Not bound to a thread: `handscroll serve` may import in one and report in another.
        self._db = sqlite3.connect("", check_same_thread=False, isolation_level=None)
        self._db.executescript(_SCHEMA)
        self.counts: Counter[str] = Counter()
        """Notes by kind, and outcomes by `Outcome.value`."""
        self._kept = 0

    def claim(self, slug: str, source: str) -> str:
        """Claim `slug` for `source`; return the source that holds it (`source`, unless another did first)."""
        self._db.execute("INSERT OR IGNORE INTO claims VALUES (?, ?)", (slug, source))
        row = self._db.execute("SELECT source FROM claims WHERE slug = ?", (slug,)).fetchone()
        return str(row[0])

    def record(self, outcomes: Iterable[tuple[str, Outcome]], *, written: bool) -> None:
        """Note features' outcomes: `written` by this run (False: skipped before reading)."""
        rows = [(slug, outcome.value, int(written)) for slug, outcome in outcomes]
        self._db.executemany("INSERT INTO outcomes VALUES (?, ?, ?)", rows)
        self.counts.update(outcome for _, outcome, _ in rows)

    def forget_written(self) -> None:
        """All or nothing, the run was rolled back: what it wrote is not written."""
        for outcome, count in self._db.execute(
            "SELECT outcome, count(*) FROM outcomes WHERE written = 1 GROUP BY outcome"
        ).fetchall():
            self.counts[outcome] -= count
        self._db.execute("DELETE FROM outcomes WHERE written = 1")
        for kind in (PIN, REPLACED):
            self.clear(kind)

    def outcomes(self) -> Iterator[tuple[str, Outcome]]:
        """Each feature's `(slug, outcome)`: the unchanged ones first, then those written, each in turn."""
        for slug, outcome in self._db.execute("SELECT slug, outcome FROM outcomes ORDER BY written, rowid"):
            yield slug, Outcome(outcome)

    def count(self, outcome: Outcome) -> int:
        """How many features had this outcome."""
        return self.counts[outcome.value]

    def note(self, kind: str, item: Any, *, once: bool = True) -> bool:
        """Keep `item` under `kind` (`once`: unless one that reads the same was kept); True when kept."""
        text = str(item) if once else f"\0{self._kept}"
        self._kept += 1
        added = self._db.execute(
            "INSERT OR IGNORE INTO notes VALUES (?, ?, ?)", (kind, text, pickle.dumps(item))
        ).rowcount
        self.counts[kind] += added
        return bool(added)

    def notes(self, kind: str) -> Iterator[Any]:
        """The items kept under `kind`, in the order they came, read back one at a time."""
        for (blob,) in self._db.execute("SELECT item FROM notes WHERE kind = ? ORDER BY rowid", (kind,)):
            yield pickle.loads(blob)

    def clear(self, kind: str) -> None:
        """Drop the items kept under `kind`."""
        self._db.execute("DELETE FROM notes WHERE kind = ?", (kind,))
        self.counts[kind] = 0

    def close(self) -> None:
        """Delete the log (its file goes with the connection)."""
        self._db.close()


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: counts at hand, per-feature outcomes and every problem read back from its log."""

    log: RunLog
    files: int = 0

    @property
    def added(self) -> int:
        return self.log.count(Outcome.ADDED)

    @property
    def updated(self) -> int:
        return self.log.count(Outcome.UPDATED)

    @property
    def skipped(self) -> int:
        return self.log.count(Outcome.SKIPPED)

    @property
    def report(self) -> ImportReport:
        """Every feature's outcome at once (`log.outcomes()` reads them one at a time)."""
        return ImportReport(outcomes=tuple(self.log.outcomes()), replaced=self.replaced)

    @property
    def replaced(self) -> tuple[str, ...]:
        """Derived Simplified editions deleted because a real one of their work came (issue 12)."""
        return tuple(self.log.notes(REPLACED))

    @property
    def errors(self) -> tuple[ReadError, ...]:
        """Every error at once (`log.notes(ERROR)` reads them one at a time)."""
        return tuple(self.log.notes(ERROR))

    @property
    def warnings(self) -> tuple[ReadWarning, ...]:
        """Every warning at once, each once (`log.notes(WARNING)` reads them one at a time)."""
        return tuple(self.log.notes(WARNING))

    @property
    def failed(self) -> bool:
        """True when some file could not be imported."""
        return bool(self.log.counts[ERROR])
