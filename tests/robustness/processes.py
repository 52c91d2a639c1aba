"""Processes seen through /proc: the harness kills imports and checks nothing is left running."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path


def children_of(pid: int) -> set[int]:
    """Every living descendant of `pid` (Linux /proc), zombies excluded."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if fields[0] != "Z":
            parents[int(entry.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    """True while `pid` runs (a zombie counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_gone(pids: set[int], seconds: float) -> set[int]:
    """Wait until every pid has ended, up to `seconds`; return those still running."""
    deadline = time.monotonic() + seconds
    left = {p for p in pids if alive(p)}
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = {p for p in left if alive(p)}
    return left


def kill_all(pids: set[int]) -> None:
    """Clean up after a failed check: SIGKILL what the test itself started."""
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, 9)
