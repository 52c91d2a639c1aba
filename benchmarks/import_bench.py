"""Import benchmark (issue 11 item 3): features/s and peak memory, beside a floor, in one run.

Generates N legacy-text features of the seed's size from the bundled samples
(titles, part numbers, series and sentence order varied so every file is
distinct and its own work), then runs each stage in a child process of its
own and reads that process's peak RSS (`wait4`; the import's own and, apart,
its pool workers'):

- **floor**: the least an import could do: read each file, hash it, and
  executemany (path, hash, text) into SQLite with an FTS5 index (PostgreSQL:
  a table with a `tsvector` column), in batches of 500, one transaction;
- **parse only**: `read_path` on every file, in one process;
- **import --no-enrich** and **import** (enriched): `import_paths` into a new
  library, streaming in batches as `handscroll import` does;
- **re-import unchanged**: the same folder again (read and hash only).

Plus the time to enrich one date- and term-dense 10 KB text.

    python benchmarks/import_bench.py [--count 10000] [--pg URL] [--stages floor,parse,...]

Not a test: nothing here asserts on time. Figures are wall-clock; other
sessions share this machine, so read the ratios to the floor of the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import memory_cgroup
from memory_trace import MemoryTrace, ResidentPeaks
from rich.console import Console
from rich.table import Table

DEFAULT_PG = "postgresql+psycopg://handscroll:handscroll@localhost:5432/handscroll_test"
STAGES = ("floor", "parse", "bulk", "full", "again")
SEED_SIZE = 8205
"""Bytes of the reference page in ../shared/seed: generated features are made this large."""

FLOOR_BATCH = 500


def generate(out: Path, count: int, seed: int = 7) -> list[Path]:
    """Write `count` distinct legacy features of the seed's size, built from the samples' lines."""
    from handscroll.samples import sample_paths

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
        sub = out / f"{i // 1000:03d}"  # a thousand files a folder, as a big export is laid out
        sub.mkdir(exist_ok=True)
        path = sub / f"feature-{i:06d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def dense_text(seed: int = 3) -> str:
    """About 10 KB of narrative with a date, a glossed name and a place in every sentence."""
    rng = random.Random(seed)
    months = [date(2000, month, 1).strftime("%B") for month in range(1, 13)]
    names = [
        "Harbin (哈爾濱)",
        "Shenyang (瀋陽)",
        "Changchun (長春)",
        "the National Revolutionary Army (NRA)",
        "Chiang Kai-shek (蔣介石)",
        "Mao Zedong (毛澤東)",
        "the NRA",
        "Mukden",
        "Siping (四平)",
    ]
    sentences: list[str] = []
    while sum(len(s) + 1 for s in sentences) < 10_000:
        year, month = rng.randint(1930, 1950), rng.choice(months)
        sentences.append(
            rng.choice(
                [
                    f"On {rng.randint(1, 28)} {month} {year} {rng.choice(names)} reached "
                    f"{rng.choice(names)}.",
                    f"In the spring of {year}, three weeks later, {rng.choice(names)} left "
                    f"{rng.choice(names)}.",
                    f"By late {month} {year} and again in {year + 1}-{(year + 2) % 100:02d}, "
                    f"{rng.choice(names)} held firm.",
                    f"The following year, on {month} {rng.randint(1, 28)}, the 1940s ended for "
                    f"{rng.choice(names)}.",
                ]
            )
        )
    return " ".join(sentences)


# ---- stages, each run in a child process (`python import_bench.py child STAGE FOLDER URL`) ----


def _floor(folder: Path, url: str) -> int:
    """Read, hash and executemany every file into a table with a full-text index: the least an import does."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as conn:
        if sqlite:
            conn.execute(text("CREATE TABLE floor (path TEXT, hash TEXT, body TEXT)"))
            conn.execute(text("CREATE VIRTUAL TABLE floor_fts USING fts5(body)"))
        else:
            conn.execute(text("CREATE TABLE floor (path TEXT, hash TEXT, body TEXT, words tsvector)"))
            conn.execute(text("CREATE INDEX floor_words ON floor USING gin (words)"))
    insert = (
        text("INSERT INTO floor VALUES (:path, :hash, :body)")
        if sqlite
        else text("INSERT INTO floor VALUES (:path, :hash, :body, to_tsvector('simple', :body))")
    )
    count = 0
    paths = sorted(folder.rglob("*.txt"))
    with engine.begin() as conn:
        for start in range(0, len(paths), FLOOR_BATCH):
            rows = []
            for path in paths[start : start + FLOOR_BATCH]:
                data = path.read_bytes()
                rows.append(
                    {"path": str(path), "hash": hashlib.sha256(data).hexdigest(), "body": data.decode()}
                )
            conn.execute(insert, rows)
            if sqlite:
                conn.execute(text("INSERT INTO floor_fts (body) VALUES (:body)"), rows)
            count += len(rows)
    engine.dispose()
    return count


def _parse(folder: Path, _url: str) -> int:
    from handscroll.config import Settings
    from handscroll.ingest import read_path

    settings = Settings()
    return len([read_path(path, settings) for path in sorted(folder.rglob("*.txt"))])


TRACE = MemoryTrace()


def _import(enrich: bool) -> Callable[[Path, str], int]:
    def run(folder: Path, url: str) -> int:
        from handscroll.config import Settings
        from handscroll.pipeline import import_paths
        from handscroll.store import Library

        with Library.open(url) as library:
            summary = import_paths([str(folder)], library, Settings(), enrich=enrich, progress=TRACE)
        if summary.errors:
            raise SystemExit(f"the import failed: {summary.errors[0]}")
        return summary.added + summary.updated + summary.skipped

    return run


CHILD_STAGES: dict[str, Callable[[Path, str], int]] = {
    "floor": _floor,
    "parse": _parse,
    "bulk": _import(enrich=False),
    "full": _import(enrich=True),
    "again": _import(enrich=True),
}


def child(stage: str, folder: str, url: str) -> None:
    """Run one stage here and print what it did as JSON (the parent reads the peak RSS)."""
    import resource

    start = time.perf_counter()
    with ResidentPeaks() as peaks:
        count = CHILD_STAGES[stage](Path(folder), url)
    seconds = time.perf_counter() - start
    own, workers = (resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    figures = {
        "count": count,
        "seconds": seconds,
        # CPU of this process and its workers (start-up included): less skewed by other load than wall time.
        "cpu": own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime,
        # The kernel's peak resident set of this process, and of the largest of its (reaped) workers.
        "own_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "workers_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "rss_mb_by_files": TRACE.samples,
        # From the last file read to the end: the search index written after the rows (SQLite).
        "after_files_seconds": time.perf_counter() - TRACE.last_at if TRACE.last_at else 0.0,
        "anon_kb": peaks.anon_kb,
        "file_kb": peaks.file_kb,
    }
    print(json.dumps(figures))


def run_stage(stage: str, folder: Path, url: str, limit: int | None = None) -> dict[str, Any]:
    """Run a stage in a child process of its own (in a memory cgroup with `limit`) and return its figures."""
    command = [sys.executable, __file__, "child", stage, str(folder), url]
    if limit is None:
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True)
        if done.returncode != 0:
            raise SystemExit(f"stage {stage} failed with exit code {done.returncode}")
        found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        return found
    group = memory_cgroup.StageCgroup(stage, limit)
    try:
        env = {**os.environ, "HANDSCROLL_BENCH_CGROUP": str(group.top)}
        with subprocess.Popen(
            command, stdout=subprocess.PIPE, text=True, env=env, preexec_fn=group.join
        ) as child:
            group.watch(child.pid)
            out, _ = child.communicate()
        cgroup = group.figures()
    finally:
        group.remove()
    if child.returncode != 0:
        Console(stderr=True).print(f"stage {stage}, its cgroup: {cgroup}", highlight=False)
        killed = (
            f", ended by the kernel's OOM killer ({cgroup['import_oom_kills']} kills)"
            if cgroup["import_oom_kills"]
            else ""
        )
        raise SystemExit(f"stage {stage} failed with exit code {child.returncode}{killed}")
    found = json.loads(out.strip().splitlines()[-1])
    found["cgroup"] = cgroup
    return found


def _table(title: str, figures: tuple[str, ...]) -> Table:
    """A table of stages: the stage's name, then its figures, right-aligned."""
    table = Table(title=title)
    table.add_column("stage")
    for column in figures:
        table.add_column(column, justify="right")
    return table


def cgroup_table(rows: list[tuple[str, dict[str, Any], str]]) -> Table:
    """What the kernel counted for the stages run in a memory cgroup: the import's, its workers', the sum."""
    table = _table(
        "in a memory cgroup: the limit is the import process's; its workers and index writer apart, no limit",
        (
            "limit",
            "import: peak",
            "rss / cache",
            "anon",
            "failcnt",
            "OOM kills",
            "workers: peak",
            "anon",
            "index writer: peak",
            "anon ",
            "stage: peak",
        ),
    )
    for name, found, _ in rows:
        if cg := found.get("cgroup"):
            table.add_row(
                name,
                f"{cg['limit'] >> 20} MB",
                f"{cg['import_max_usage'] >> 20} MB",
                f"{cg['import_rss'] >> 20} / {cg['import_cache'] >> 20} MB",
                f"{cg['import_anon_kb'] >> 10} MB",
                f"{cg['import_failcnt']:,}",
                f"{cg['import_oom_kills']}",
                f"{cg['workers_max_usage'] >> 20} MB",
                f"{cg['workers_anon_kb'] >> 10} MB",
                f"{cg['index_max_usage'] >> 20} MB",
                f"{cg['index_anon_kb'] >> 10} MB",
                f"{cg['stage_max_usage'] >> 20} MB",
            )
    return table


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


def dense_seconds() -> float:
    """CPU seconds to enrich the dense 10 KB text, best of three after a warm-up."""
    from handscroll.enrich import enrich_feature
    from handscroll.model import Feature, Paragraph

    feature = Feature(title="Dense", slug="dense", blocks=(Paragraph(text=dense_text()),))
    enrich_feature(feature)
    times = []
    for _ in range(3):
        start = time.process_time()
        enrich_feature(feature)
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--pg", default=os.environ.get("HANDSCROLL_TEST_PG_URL", DEFAULT_PG))
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--stages", default=",".join(STAGES), help=f"some of {','.join(STAGES)}")
    parser.add_argument("--folder", type=Path, help="reuse (or make) the generated files here")
    parser.add_argument(
        "--memory-limit", help="run each stage's process in a memory cgroup with this hard limit (e.g. 300M)"
    )
    parser.add_argument(
        "--tracemalloc-at",
        help="in the import stages, snapshot Python's heap after these counts of files (e.g. 10000,50000) "
        "and print what grew between the first and the others",
    )
    args = parser.parse_args()
    if args.tracemalloc_at:
        os.environ["HANDSCROLL_BENCH_TRACEMALLOC"] = args.tracemalloc_at
    stages = [s for s in args.stages.split(",") if s]
    console = Console(width=160)
    limit = None
    if args.memory_limit:
        reason = memory_cgroup.unavailable()
        if reason:
            console.print(f"--memory-limit skipped, stages run without a limit: {reason}", highlight=False)
        else:
            limit = memory_cgroup.parse_bytes(args.memory_limit)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or Path(tmp, "features")
        folder.mkdir(parents=True, exist_ok=True)
        if sum(1 for _ in folder.rglob("*.txt")) != args.count:
            started = time.perf_counter()
            generate(folder, args.count)
            console.print(f"generated {args.count:,} files in {time.perf_counter() - started:.0f} s")
        megabytes = sum(p.stat().st_size for p in folder.rglob("*.txt")) / 1e6

        def sqlite_url(name: str) -> str:
            return f"sqlite:///{Path(tmp, name + '.db')}"

        def pg_url(_name: str) -> str:
            return str(args.pg)

        databases: list[tuple[str, Callable[[str], str]]] = [] if args.no_sqlite else [("SQLite", sqlite_url)]
        if not args.no_pg and reset_postgres(args.pg):
            databases.append(("PostgreSQL", pg_url))
        rows: list[tuple[str, dict[str, Any], str]] = []
        floors: dict[str, float] = {}
        cpu_floors: dict[str, float] = {}
        for label, url_for in databases:
            plans = [
                ("floor", f"floor: read + hash + executemany, {label}", "floor"),
                ("parse", "parse only (one process)", "parse"),
                ("bulk", f"import --no-enrich, {label}", "bulk"),
                ("full", f"import (enriched), {label}", "full"),
                ("again", f"re-import unchanged, {label}", "full"),
            ]
            for stage, name, db in plans:
                if stage not in stages:
                    continue
                if label == "PostgreSQL" and stage != "again":
                    reset_postgres(args.pg)
                found = run_stage(stage, folder, url_for(db), limit)
                console.print(f"{name}: {found['count'] / found['seconds']:,.0f}/s", highlight=False)
                if found.get("rss_mb_by_files"):
                    trace = ", ".join(
                        f"{n:,}: {mb:.0f}/{anon:.0f}" for n, mb, anon in found["rss_mb_by_files"]
                    )
                    console.print(f"  resident/anonymous MB after so many files: {trace}", highlight=False)
                    console.print(
                        f"  after the last file (the index written): {found['after_files_seconds']:.0f} s",
                        highlight=False,
                    )
                if stage == "floor":
                    floors[label] = found["count"] / found["seconds"]
                    cpu_floors[label] = found["count"] / found["cpu"]
                rows.append((name, found, label))
    table = _table(
        f"handscroll import, {args.count:,} features, {megabytes:.0f} MB (wall and CPU)",
        ("features/s", "of floor", "per CPU-s", "of floor ", "peak RSS", "anon / file", "peak RSS, a worker"),
    )
    for name, found, label in rows:
        rate, per_cpu = found["count"] / found["seconds"], found["count"] / found["cpu"]
        floor, cpu_floor = floors.get(label), cpu_floors.get(label)
        table.add_row(
            name,
            f"{rate:,.0f}",
            f"{rate / floor:.2f}x" if floor else "",
            f"{per_cpu:,.0f}",
            f"{per_cpu / cpu_floor:.2f}x" if cpu_floor else "",
            f"{found['own_kb'] / 1024:,.0f} MB",
            f"{found.get('anon_kb', 0) / 1024:,.0f} / {found.get('file_kb', 0) / 1024:,.0f} MB",
            f"{found['workers_kb'] / 1024:,.0f} MB" if found["workers_kb"] else "-",
        )
    console.print(table)
    if limit is not None:
        console.print(cgroup_table(rows))
    console.print(f"enriching a date- and term-dense 10 KB text: {dense_seconds() * 1000:.0f} ms CPU")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        child(*sys.argv[2:5])
    else:
        main()
