"""Killing `import` with SIGKILL leaves none of its worker processes running (issue 10 item 8)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handscroll.pipeline import PARALLEL_FROM
from robustness.batch import write_batch
from robustness.kills import start_import
from robustness.processes import children_of, kill_all, wait_gone


def wait_for_workers(process: subprocess.Popen[bytes], count: int, seconds: float = 60) -> set[int]:
    """The import's descendants once `count` of them are running (pool workers and helpers)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = children_of(process.pid)
        if len(found) >= count:
            return found
        if process.poll() is not None:
            break
        time.sleep(0.02)
    pytest.fail(f"the import started no workers in time: {process.communicate()}")


LINUX_MULTICORE = sys.platform.startswith("linux") and (os.cpu_count() or 1) >= 2


@pytest.mark.skipif(not LINUX_MULTICORE, reason="needs Linux /proc and 2+ cores (a pool)")
def test_sigkill_of_import_takes_its_workers_with_it(tmp_path: Path) -> None:
    write_batch(tmp_path / "in", PARALLEL_FROM * 8)
    process = start_import(f"sqlite:///{tmp_path / 'lib.db'}", tmp_path / "in")
    workers = wait_for_workers(process, 3)  # the resource tracker and two workers
    time.sleep(3)  # mid-batch: the whole batch takes the two workers far longer than the wait below
    workers |= children_of(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()  # reaps it and closes its pipes
    # A worker still starting up ends when its initializer runs; one at work ends at once.
    left = wait_gone(workers, 20)
    kill_all(left)
    assert not left, f"{len(left)} of {len(workers)} worker processes outlived the killed import"
