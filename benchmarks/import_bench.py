"""Import benchmark: parse, import into SQLite and PostgreSQL, and re-import unchanged.

Generates N legacy-text features of the seed's size from the bundled samples
(titles, part numbers and sentence order varied so every file is distinct),
then prints a table of features/s and MB/s with each figure's ratio to its
target. Not a test: nothing here asserts on time.

    python benchmarks/import_bench.py [--count 10000] [--pg URL]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from handscroll.config import Settings
from handscroll.ingest import read_path
from handscroll.pipeline import import_paths
from handscroll.samples import sample_paths
from handscroll.store import Library

DEFAULT_PG = "postgresql+psycopg://handscroll:handscroll@localhost:5432/handscroll_test"


SEED_SIZE = 8205
"""Bytes of the reference page in ../shared/seed: generated features are made this large."""


def generate(out: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` distinct legacy features of the seed's size, built from the samples' lines."""
    rng = random.Random(seed)
    templates = [p.read_text(encoding="utf-8").splitlines() for p in sample_paths()]
    paths = []
    for i in range(count):
        # A series of ten parts per ten files (from the media IDs), so no two files are one work.
        series = f"bench{i // 10:05d}_civilwar"
        lines = [line.replace("handscroll_sample_civilwar", series) for line in rng.choice(templates)]
        title_at = next(n for n, line in enumerate(lines) if line.strip() and not line.startswith("Please"))
        lines[title_at] = f"({i % 10 + 1}) Generated feature {i}: {lines[title_at].split(') ', 1)[-1]}"
        long_lines = [n for n, line in enumerate(lines) if len(line) > 120]
        # Vary the prose: shuffle the sentences of each long line.
        for n in long_lines:
            sentences = lines[n].split(". ")
            rng.shuffle(sentences)
            lines[n] = ". ".join(sentences)
        # Grow the narrative to the seed's size with more shuffled paragraphs.
        narrative_at = long_lines[0] + 1
        while sum(len(line) + 1 for line in lines) < SEED_SIZE:
            sentences = " ".join(lines[n] for n in rng.sample(long_lines, 2)).split(". ")
            rng.shuffle(sentences)
            lines[narrative_at:narrative_at] = ["", ". ".join(sentences)]
        path = out / f"feature-{i:05d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def reset_postgres(url: str) -> bool:
    """Empty the benchmark database; False when no server answers."""
    from sqlalchemy import create_engine, text

    try:
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        return True
    except Exception as exc:  # any failure means: no usable server here
        Console(stderr=True).print(f"PostgreSQL skipped ({url}): {exc.__class__.__name__}")
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--pg", default=os.environ.get("HANDSCROLL_TEST_PG_URL", DEFAULT_PG))
    args = parser.parse_args()
    settings = Settings()
    rows: list[tuple[str, float, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "features")
        folder.mkdir()
        paths = generate(folder, args.count)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6

        def rate(label: str, seconds: float, target: float | None) -> None:
            per_second = args.count / seconds
            ratio = f"{per_second / target:.1f}x target ({target:g}/s)" if target else ""
            rows.append((label, per_second, megabytes / seconds, ratio))

        rate("parse only", timed(lambda: [read_path(p, settings) for p in paths]), 2000)

        def imports(url: str, *, enrich: bool) -> tuple[float, float]:
            """`handscroll import` into a fresh library, then again with nothing changed."""
            with Library.open(url) as library:
                first = timed(lambda: import_paths([str(folder)], library, settings, enrich=enrich))
                again = timed(lambda: import_paths([str(folder)], library, settings, enrich=enrich))
            return first, again

        databases = [("SQLite", lambda name: f"sqlite:///{Path(tmp, name + '.db')}")]
        if reset_postgres(args.pg):
            databases.append(("PostgreSQL", lambda name: args.pg))
        for label, url_for in databases:
            first, _ = imports(url_for("bulk"), enrich=False)
            rate(f"parse + store, {label} (import --no-enrich)", first, 500)
            if label == "PostgreSQL":
                reset_postgres(args.pg)
            first, again = imports(url_for("full"), enrich=True)
            rate(f"parse + enrich + store, {label} (import)", first, None)
            rate(f"re-import unchanged, {label}", again, None)
            rows[-1] = (*rows[-1][:3], f"{first / again:.1f}x faster than the first import (target 5x)")

    table = Table(title=f"handscroll import, {args.count:,} features, {megabytes:.1f} MB")
    for column in ("stage", "features/s", "MB/s", "against target"):
        table.add_column(column, justify="right" if column != "stage" else "left")
    for label, per_second, mb_per_second, note in rows:
        table.add_row(label, f"{per_second:,.0f}", f"{mb_per_second:.2f}", note)
    Console().print(table)


if __name__ == "__main__":
    main()
