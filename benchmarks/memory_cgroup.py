"""A hard memory limit around one benchmark stage, by a cgroup (v1) of the kernel (issue 11 item 3).

`ru_maxrss` counts the search index's memory-mapped files as resident, clean
page cache the kernel drops when memory is short; whether an import fits a
bound is shown by running it where the kernel enforces that bound. The stage's
process goes into `<stage>/import`, which has the limit; its workers (and
multiprocessing's helper processes) are moved, as they appear, into
`<stage>/workers`, which has none, with their charges, so the bound is the
import process's and the workers are reported apart. The process that writes
the search index after the rows (`store.search_deferred`, named
`hs-search-index`) goes into `<stage>/index`, without a limit, reported apart
too. `<stage>` itself has no limit: its peak is the whole stage's.

Made inside this process's own memory cgroup (so whatever limits it stays in
force), and removed afterwards.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

ROOT = Path("/sys/fs/cgroup/memory")
STAT_FIELDS = ("rss", "cache", "mapped_file")
"""Of `memory.stat`: anonymous memory, page cache (files read and written, the index's included), of
which mapped."""


def parse_bytes(limit: str) -> int:
    """'300M' -> bytes (K, M, G, powers of 1024, as the kernel reads them)."""
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    suffix = limit[-1:].upper()
    return int(limit[:-1]) * units[suffix] if suffix in units else int(limit)


def unavailable() -> str | None:
    """Why no cgroup can be made here, or None."""
    if not (ROOT / "memory.limit_in_bytes").exists():
        return f"no cgroup v1 memory controller at {ROOT}"
    own = _own_cgroup()
    if not os.access(own, os.W_OK):
        return f"{own} is not writable (cgroups need root)"
    return None


def _own_cgroup() -> Path:
    for line in Path("/proc/self/cgroup").read_text(encoding="ascii").splitlines():
        _, controllers, path = line.split(":", 2)
        if "memory" in controllers.split(","):
            return ROOT / path.lstrip("/")
    return ROOT


def _stat(group: Path) -> dict[str, int]:
    fields = dict(line.split() for line in (group / "memory.stat").read_text(encoding="ascii").splitlines())
    return {key: int(fields[key]) for key in STAT_FIELDS}


def _read_int(path: Path) -> int:
    return int(path.read_text(encoding="ascii").split()[0])


INDEXER = "hs-search-index"
"""The comm of the process that writes an import's search index (search_deferred.PROCESS_NAME)."""


def _comm(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _group_anon_kb(group: Path) -> int:
    return sum(_anon_kb(pid) for pid in (group / "cgroup.procs").read_text(encoding="ascii").split())


def _anon_kb(pid: str) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:  # gone since cgroup.procs was read
        return 0
    return int(status.split("RssAnon:")[1].split()[0]) if "RssAnon:" in status else 0


class StageCgroup:
    """`<stage>/import` with the limit, `<stage>/workers` and `<stage>/index` without; peaks every 0.1 s."""

    def __init__(self, name: str, limit: int) -> None:
        self.top = _own_cgroup() / f"handscroll-bench-{os.getpid()}-{name}"
        self.imports, self.workers, self.index = self.top / "import", self.top / "workers", self.top / "index"
        for group in (self.top, self.imports, self.workers, self.index):
            group.mkdir()
        (self.imports / "memory.limit_in_bytes").write_text(str(limit))
        # Move a worker's pages with it (deprecated in recent kernels; without it, its first 0.1 s stays).
        for group in (self.workers, self.index):
            with contextlib.suppress(OSError):
                (group / "memory.move_charge_at_immigrate").write_text("3")
        self.peaks = {
            "import_anon_kb": 0,
            "workers_anon_kb": 0,
            "index_anon_kb": 0,
            "import_rss": 0,
            "import_cache": 0,
        }
        self.import_pid = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def join(self) -> None:
        """`preexec_fn` of the stage's process: put it in `import` before it runs anything."""
        (self.imports / "cgroup.procs").write_text(str(os.getpid()))

    def watch(self, pid: int) -> None:
        self.import_pid = str(pid)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.1):
            for group in (self.imports, self.workers):
                for pid in (group / "cgroup.procs").read_text(encoding="ascii").split():
                    # The index writer names itself once started: until then it waits with the workers.
                    to = self.index if _comm(pid) == INDEXER else self.workers
                    if pid != self.import_pid and to != group:
                        with contextlib.suppress(OSError):  # it may have ended meanwhile
                            (to / "cgroup.procs").write_text(pid)
            workers = (self.workers / "cgroup.procs").read_text(encoding="ascii").split()
            indexers = (self.index / "cgroup.procs").read_text(encoding="ascii").split()
            stat = _stat(self.imports)
            for key, value in (
                ("import_anon_kb", _anon_kb(self.import_pid)),
                ("workers_anon_kb", sum(_anon_kb(pid) for pid in workers)),
                ("index_anon_kb", sum(_anon_kb(pid) for pid in indexers)),
                ("import_rss", stat["rss"]),
                ("import_cache", stat["cache"]),
            ):
                self.peaks[key] = max(self.peaks[key], value)

    def figures(self) -> dict[str, int]:
        """What the kernel counted: peaks and limit hits of the import, its workers and the whole stage."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        oom = dict(line.split() for line in (self.imports / "memory.oom_control").read_text().splitlines())
        return {
            **self.peaks,
            "limit": _read_int(self.imports / "memory.limit_in_bytes"),
            "import_max_usage": _read_int(self.imports / "memory.max_usage_in_bytes"),
            "import_failcnt": _read_int(self.imports / "memory.failcnt"),
            "import_oom_kills": int(oom.get("oom_kill", 0)),
            "workers_max_usage": _read_int(self.workers / "memory.max_usage_in_bytes"),
            "index_max_usage": _read_int(self.index / "memory.max_usage_in_bytes"),
            "stage_max_usage": _read_int(self.top / "memory.max_usage_in_bytes"),
            **{f"import_end_{key}": value for key, value in _stat(self.imports).items()},
        }

    def remove(self) -> None:
        """Remove the groups (their processes have ended; the kernel hands leftover cache to the parent)."""
        for group in (self.imports, self.workers, self.index, self.top):
            try:
                group.rmdir()
            except OSError as exc:
                print(f"could not remove {group}: {exc}", flush=True)


def sample_line(group: Path | None) -> str:
    """The stage's cgroup counters now, for the trace every twentieth of the files ('' outside one)."""
    if group is None:
        return ""
    imports, workers = group / "import", group / "workers"
    stat = _stat(imports)
    worker_anon = sum(_anon_kb(pid) for pid in (workers / "cgroup.procs").read_text(encoding="ascii").split())
    index_anon = sum(
        _anon_kb(pid) for pid in (group / "index" / "cgroup.procs").read_text(encoding="ascii").split()
    )
    return (
        f" | cgroup import: usage {_read_int(imports / 'memory.usage_in_bytes') >> 20} MB"
        f" (rss {stat['rss'] >> 20}, cache {stat['cache'] >> 20}, mapped {stat['mapped_file'] >> 20}),"
        f" failcnt {_read_int(imports / 'memory.failcnt')}; workers anon {worker_anon >> 10} MB,"
        f" index writer anon {index_anon >> 10} MB"
    )
