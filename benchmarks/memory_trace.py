"""What an import holds as it runs (issue 11 item 3): resident memory every twentieth of the files,
peaks of anonymous and file-backed memory, and what Python objects grew between two counts.

Used by import_bench.py in the stage's own process.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import memory_cgroup


class MemoryTrace:
    """A Progress that notes this process's resident set every twentieth of the files: flat, or growing?

    Each sample is also printed to stderr as it is taken (with the stage's
    cgroup counters under `--memory-limit`), so a run the kernel ends still
    shows how it went.
    """

    def __init__(self, every: int = 1000) -> None:
        self.every = every
        self.done = 0
        self.samples: list[tuple[int, float, float]] = []
        self.last_at = 0.0
        """perf_counter() when the last file was done."""
        group = os.environ.get("HANDSCROLL_BENCH_CGROUP")
        self.cgroup = Path(group) if group else None
        counts = os.environ.get("HANDSCROLL_BENCH_TRACEMALLOC", "")
        self.snapshot_at = [int(n) for n in counts.split(",") if n]
        self.snapshots: list[tracemalloc.Snapshot] = []

    def start(self, total: int) -> None:
        self.every = max(total // 20, 1)
        if self.snapshot_at:
            tracemalloc.start(6)

    def advance(self, item: object) -> None:
        self.done += 1
        self.last_at = time.perf_counter()
        if self.done in self.snapshot_at:
            self._snapshot()
        if self.done % self.every == 0 and sys.platform.startswith("linux"):
            fields = _status_kb("VmRSS", "RssAnon", "RssFile")
            self.samples.append((self.done, fields["VmRSS"] / 1024, fields["RssAnon"] / 1024))
            print(
                f"  {time.strftime('%H:%M:%S')} after {self.done:,} files:"
                f" resident {fields['VmRSS'] >> 10} MB"
                f" (anon {fields['RssAnon'] >> 10}, file {fields['RssFile'] >> 10})"
                + memory_cgroup.sample_line(self.cgroup),
                file=sys.stderr,
                flush=True,
            )

    def _snapshot(self) -> None:
        """Note the Python heap; from the second snapshot on, print what grew since the first."""
        ignored = [tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, "<frozen *>")]
        self.snapshots.append(tracemalloc.take_snapshot().filter_traces(ignored))
        traced, _ = tracemalloc.get_traced_memory()
        print(f"  tracemalloc after {self.done:,} files: {traced >> 20} MB traced", file=sys.stderr)
        if len(self.snapshots) < 2:
            return
        first = self.snapshots[0]
        for group, top in (("lineno", 15), ("traceback", 6)):
            print(f"  grown since the first snapshot, by {group}:", file=sys.stderr)
            grown = [stat for stat in self.snapshots[-1].compare_to(first, group) if stat.size_diff > 0]
            for stat in grown[:top]:
                print(f"    {stat.size_diff / 1024:+,.0f} KB in {stat.count_diff:+,} blocks", file=sys.stderr)
                frames = stat.traceback.format()[-(2 if group == "lineno" else 16) :]
                print("      " + "\n      ".join(frames), file=sys.stderr, flush=True)


def _status_kb(*names: str) -> dict[str, int]:
    """Fields of /proc/self/status, in kB."""
    fields = dict(
        line.split(":", 1) for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines()
    )
    return {name: int(fields.get(name, "0 kB").split()[0]) for name in names}


class ResidentPeaks:
    """This process's highest anonymous and file-backed resident memory, read every 0.2 s.

    The kernel's peak (`ru_maxrss`) adds the two: file-backed pages are the
    search index's segment files mapped while tantivy reads them (a merge reads
    every segment it merges), clean page cache the kernel can drop; anonymous
    memory is what the import itself holds.
    """

    def __init__(self) -> None:
        self.anon_kb = self.file_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        while not self._stop.wait(0.2):
            fields = _status_kb("RssAnon", "RssFile")
            self.anon_kb = max(self.anon_kb, fields["RssAnon"])
            self.file_kb = max(self.file_kb, fields["RssFile"])

    def __enter__(self) -> ResidentPeaks:
        if sys.platform.startswith("linux"):
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
