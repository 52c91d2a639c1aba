"""SIGKILL an import at a random moment, then check the library: nothing partial, nothing doubled.

Used by the CI suite (a few kills per database) and benchmarks/robustness.py (50).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, text

from handscroll.store import Library
from robustness.batch import write_batch
from robustness.processes import children_of, kill_all, wait_gone

CHILD = Path(__file__).with_name("import_child.py")


def start_import(url: str, folder: Path) -> subprocess.Popen[bytes]:
    """An import in a process of its own, so it can be killed."""
    return subprocess.Popen(
        [sys.executable, str(CHILD), url, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def library_problems(url: str, expected: set[int]) -> list[str]:
    """What is wrong with the library: duplicates, features without blocks or enrichment, a bad count."""
    problems = []
    with Library.open(url) as library:  # first: a kill before the schema was made leaves no tables
        titles = [f.title for f in library.list_features()]
        if library.stale_enrichments():
            problems.append("features saved without their enrichment")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            doubled = conn.execute(
                text("SELECT slug FROM features GROUP BY slug HAVING COUNT(*) > 1")
            ).fetchall()
            problems += [f"duplicated feature {row[0]}" for row in doubled]
            empty = conn.execute(
                text("SELECT slug FROM features WHERE id NOT IN (SELECT feature_id FROM blocks)")
            ).fetchall()
            problems += [f"feature without blocks {row[0]}" for row in empty]
            if url.startswith("sqlite"):
                check = conn.execute(text("PRAGMA integrity_check")).scalar()
                if check != "ok":
                    problems.append(f"sqlite integrity_check: {check}")
    finally:
        engine.dispose()
    if len(titles) not in expected:
        problems.append(f"{len(titles)} features, expected one of {sorted(expected)} (a partial batch)")
    if len(set(titles)) != len(titles):
        problems.append("two features with one title")
    return problems


@dataclass
class KillTally:
    """Kills done, where they landed, and every problem found after them."""

    tried: int = 0
    landed: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    orphans: int = 0


def kill_imports(
    url: str, work: Path, kills: int, *, batch: int = 40, pause: float = 6.0, seed: int = 10
) -> KillTally:
    """Import `kills` batches, SIGKILLing each at a random moment; then finish them all and check."""
    rng = random.Random(seed)
    tally = KillTally()
    have = 0
    folders = []
    for round_ in range(kills):
        folder = work / f"batch-{round_:03d}"
        write_batch(folder, batch, tag=f"Round {round_}")
        folders.append(folder)
        started = time.monotonic()
        process = start_import(url, folder)
        time.sleep(rng.uniform(0.3, pause))
        family = children_of(process.pid)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            tally.landed["killed mid-run"] += 1
        else:
            tally.landed["finished before the kill"] += 1
        process.communicate()
        left = wait_gone(family, 20)
        tally.orphans += len(left)
        kill_all(left)
        tally.tried += 1
        found = library_problems(url, {have, have + batch})
        tally.problems += [f"kill {round_} after {time.monotonic() - started:.1f}s: {p}" for p in found]
        with Library.open(url) as library:
            have = len(library.list_features())
    # What the kills left out imports cleanly, exactly once, in one run over every batch.
    process = start_import(url, work)
    _out, err = process.communicate(timeout=600)
    if process.returncode != 0:
        tally.problems.append(f"the re-import failed: {err.decode()[-300:]}")
    tally.problems += [f"after re-import: {p}" for p in library_problems(url, {kills * batch})]
    return tally
