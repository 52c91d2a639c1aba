"""Static build benchmark (issue 11): `handscroll build` beside `mkdocs build` on the same pages,
and the bytes a reader downloads before the first search result, beside Pagefind.

For each size (default 1,000 and 10,000 features): features of the seed's size
are generated from the bundled samples (import_bench.generate) and imported
with enrichment into a SQLite library (not timed). Then, each as a command in a
fresh process, interleaved, the median of `--repeat` runs:

- `handscroll build OUT --db LIB` into an empty folder: every page in the
  three interface languages (en, zh-Hant, zh-Hans: three pages per feature),
  the timelines, the glossary and the static search (no pictures: none are
  given, so no WebP work on either side);
- `handscroll build OUT --db LIB --languages en`: the same in English only,
  one page per feature as MkDocs writes (what an English-only library wants);
- `mkdocs build` of the same features written as Markdown pages
  (`handscroll show --format md`'s writer), default theme, its own search
  index (`search_index.json`) on.

Wall time is what a user waits (handscroll renders feature pages on every
core for a big build; MkDocs uses one); CPU time (user + system, the command's
workers included) is the work done, and moves less with the machine's other load.
Peak resident memory is sampled from /proc five times a second: of the command's
own process, and of its largest worker (the highest of the runs).

First-result bytes: the built site is served on loopback and `search.html?q=`
opened in Chromium (Playwright) for each query; every response body is counted
until the first result is on the page ("1st result": everything, the page's
CSS and fonts too, as the test server sends it, uncompressed), and the search's
own files as a host that gzips text would send them ("search, gz": scripts,
index chunks, feature files). Pagefind (PyPI `pagefind[bin]` 1.5, the same
binary npm ships) indexes the same built pages; a bare page calls its API
(`pagefind.js`: `search`, then the first result's `data()`) and is counted the
same way (its files are compressed already).

    python benchmarks/build_bench.py [--counts 1000,10000] [--repeat 2] [--no-pagefind] [--keep DIR]
                                     [--library PATH ...]

`--library PATH` builds an enriched SQLite library made before (by this
benchmark's `--keep`, or import_bench) instead of generating one: a big
import takes far longer than the builds. It is copied with its search folder
into the run's temporary folder and opened once there (schema migrations, not
timed), so the original is never written; its feature count is its size.

Not a test: nothing asserts on time. Loopback only.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).parent))
from import_bench import generate  # the same features as the import benchmark

from handscroll.config import Settings
from handscroll.pipeline import import_paths
from handscroll.publish.markdown import write_markdown
from handscroll.store import Library

console = Console(width=160)

CHROMIUM = os.environ.get("HANDSCROLL_CHROMIUM", "/usr/bin/chromium")
"""Debian's Chromium, as the browser tests use it."""

QUERIES = ("soviet", "Chongqing", "railway", "Mao Zedong", "瀋陽")
"""Searched on both sites; the median of their byte counts is reported."""


def library_size(path: Path) -> int:
    """How many features a SQLite library holds, read without writing to it."""
    with sqlite3.connect(f"file:{path}?immutable=1", uri=True) as conn:
        return int(conn.execute("SELECT count(*) FROM features").fetchone()[0])


def copy_library(source: Path, folder: Path) -> str:
    """A copy of a library (and its search folder) in `folder`, brought to the current schema."""
    target = folder / source.name
    shutil.copyfile(source, target)
    index = source.with_name(f"{source.name}-search")
    if index.is_dir():
        shutil.copytree(index, target.with_name(f"{target.name}-search"))
    url = f"sqlite:///{target}"
    Library.open(url).close()  # migrations run here, not inside a timed build
    return url


def make_library(folder: Path, count: int, keep: Path | None, source: Path | None = None) -> str:
    """A SQLite library of `count` generated, enriched features (kept in `keep` for the next run),
    or a copy of `source`."""
    if source is not None:
        return copy_library(source, folder)
    if keep is not None and (keep / f"library-{count}.db").is_file():
        return f"sqlite:///{keep / f'library-{count}.db'}"
    files = folder / "features"
    files.mkdir()
    generate(files, count)
    url = f"sqlite:///{(keep or folder) / f'library-{count}.db'}"
    with Library.open(url) as library:
        import_paths([str(files)], library, Settings())
    return url


def write_mkdocs(folder: Path, url: str) -> Path:
    """The same features as a MkDocs project: one Markdown page each."""
    docs = folder / "docs"
    docs.mkdir()
    with Library.open(url) as library:
        summaries = library.list_features()
        for summary in summaries:
            (docs / f"{summary.slug}.md").write_text(write_markdown(library.get_feature(summary.slug)))
    (docs / "index.md").write_text(
        "# Library\n\n" + "".join(f"- [{s.title}]({s.slug}.md)\n" for s in summaries)
    )
    config = {"site_name": "Library", "use_directory_urls": False, "theme": {"name": "mkdocs"}}
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return folder / "mkdocs.yml"


@dataclass
class Run:
    """One command's wall and CPU seconds (its workers' included) and peak resident memory in MB:
    of the command's own process, and of its largest worker (0 without workers)."""

    wall: float
    cpu: float
    rss: float
    worker_rss: float


def _rss(pid: int) -> int:
    """A process's resident memory in bytes, from /proc (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(child) for child in (task / "children").read_text().split()]
    except OSError:
        pass
    return found


def timed(command: list[str]) -> Run:
    """Run a command and measure it (memory sampled from /proc five times a second), printed as it
    ends with the load average (a long run's figures survive it being stopped)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    main = worker = 0
    while process.poll() is None:
        main = max(main, _rss(process.pid))
        worker = max([worker, *(_rss(child) for child in _children(process.pid))])
        time.sleep(0.2)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    run = Run(wall, cpu, main / 2**20, worker / 2**20)
    console.print(
        f"{' '.join(command[1:3])}...: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {run.rss:.0f} MB "
        f"(largest worker {run.worker_rss:.0f} MB) (load {load})"
    )
    return run


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The folder on a loopback HTTP server, quietly."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


PAGEFIND_PAGE = """<!doctype html><meta charset="utf-8"><title>pagefind</title>
<script type="module">
const pagefind = await import("./_pagefind/pagefind.js");
window.run = async (q) => {
  const search = await pagefind.search(q);
  const first = search.results.length ? await search.results[0].data() : null;
  return first ? first.url : "";
};
window.ready = true;
</script>"""


SEARCH_FILES = ("/search/", "/static/search.js", "/static/vendor/porter2.js", "/_pagefind/")
"""What each engine's search is made of, apart from the page around it (HTML, CSS, fonts)."""


@dataclass
class Bytes:
    """Bytes of one search until its first result: all files, and the search's own as sent gzipped."""

    whole: list[int] = field(default_factory=list)
    search_gzip: list[int] = field(default_factory=list)


def _count(site: Path, base: str, found: list[tuple[int, int]], request: Any) -> None:
    path = request.url.removeprefix(base).split("?")[0]
    raw = request.sizes()["responseBodySize"]
    if not path.startswith(SEARCH_FILES):
        found.append((raw, 0))
        return
    data = (site / path.lstrip("/")).read_bytes()
    # What a host that gzips text sends (Pagefind's own files are compressed already).
    found.append((raw, min(len(data), len(gzip.compress(data, 6)))))


def first_result_bytes(site: Path, queries: tuple[str, ...], pagefind: bool) -> dict[str, Bytes]:
    """Bytes downloaded until the first result is shown, per query, on a fresh page each time."""
    from playwright.sync_api import sync_playwright

    counts = {"handscroll": Bytes(), "Pagefind": Bytes()}
    with served(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"])
        for query in queries:
            for name in ("handscroll", "Pagefind") if pagefind else ("handscroll",):
                context = browser.new_context()
                page = context.new_page()
                found: list[tuple[int, int]] = []
                page.on("requestfinished", functools.partial(_count, site, base, found))
                if name == "handscroll":
                    page.goto(f"{base}/search.html?q={query}")
                    page.wait_for_selector(".search-result, [data-search-status]:has-text('0 features')")
                else:
                    page.goto(f"{base}/pagefind-bench.html")
                    page.wait_for_function("window.ready === true")
                    page.evaluate("q => window.run(q)", query)
                counts[name].whole.append(sum(raw for raw, _ in found))
                counts[name].search_gzip.append(sum(packed for _, packed in found))
                context.close()
        browser.close()
    return counts


def _median(values: Iterator[float]) -> float:
    return statistics.median(list(values))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-pagefind", action="store_true")
    parser.add_argument("--keep", type=Path, help="Keep the generated libraries here for the next run.")
    parser.add_argument(
        "--library",
        type=Path,
        action="append",
        default=[],
        help="An enriched SQLite library to build (copied; repeatable); replaces --counts.",
    )
    args = parser.parse_args()
    sources: list[tuple[int, Path | None]] = [(library_size(path), path) for path in args.library]
    if not sources:
        sources = [(int(c), None) for c in args.counts.split(",")]
    table = Table(title="Static build and static search")
    columns = (
        "features",
        "handscroll build",
        "html pages",
        "handscroll",
        "mkdocs (pages)",
        "ratio",
        "CPU: ours",
        "CPU: mkdocs",
        "CPU ratio",
        "RSS: ours (worker)",
        "RSS: mkdocs",
        "site",
        "1st result",
        "search, gz",
        "Pagefind",
        "PF, gz",
    )
    for column in columns:
        table.add_column(column, justify="right")
    for count, source in sources:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            started = time.perf_counter()
            url = make_library(folder, count, args.keep, source)
            config = write_mkdocs(folder, url)
            took = time.perf_counter() - started
            console.print(f"{count:,} features imported (or copied) and written as Markdown in {took:.0f} s")
            ours: dict[str, list[Run]] = {"3 languages": [], "--languages en": []}
            theirs: list[Run] = []
            site, english = folder / "site", folder / "site-en"
            handscroll = str(Path(sys.executable).with_name("handscroll"))
            for _ in range(args.repeat):
                for path in (site, english, folder / "mkdocs-site"):
                    subprocess.run(["rm", "-rf", str(path)], check=True)
                ours["3 languages"].append(timed([handscroll, "build", str(site), "--db", url]))
                ours["--languages en"].append(
                    timed([handscroll, "build", str(english), "--db", url, "--languages", "en"])
                )
                theirs.append(
                    timed(
                        [
                            sys.executable,
                            "-m",
                            "mkdocs",
                            "build",
                            "-q",
                            "-f",
                            str(config),
                            "-d",
                            str(folder / "mkdocs-site"),
                        ]
                    )
                )
            sizes = {
                name: sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
                for name, out in (("3 languages", site), ("--languages en", english))
            }
            pages = {
                name: sum(1 for _ in out.rglob("*.html"))
                for name, out in (("3 languages", site), ("--languages en", english))
            }
            peer_pages = sum(1 for _ in (folder / "mkdocs-site").rglob("*.html"))
            pagefind = not args.no_pagefind
            if pagefind:
                subprocess.run(
                    [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "_pagefind"],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                (site / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
            counts = first_result_bytes(site, QUERIES, pagefind)

            def kb(values: list[int]) -> str:
                return f"{statistics.median(values) / 1000:.1f} KB" if values else ""

            peer_wall, peer_cpu = _median(r.wall for r in theirs), _median(r.cpu for r in theirs)
            peer_rss = max(r.rss for r in theirs)
            for name, runs in ours.items():
                wall, cpu = _median(r.wall for r in runs), _median(r.cpu for r in runs)
                rss, worker_rss = max(r.rss for r in runs), max(r.worker_rss for r in runs)
                first = name == "3 languages"  # the search is measured on the whole site
                table.add_row(
                    f"{count:,}",
                    name,
                    f"{pages[name]:,}",
                    f"{wall:.1f} s",
                    f"{peer_wall:.1f} s ({peer_pages:,})",
                    f"{wall / peer_wall:.2f}",
                    f"{cpu:.1f} s",
                    f"{peer_cpu:.1f} s",
                    f"{cpu / peer_cpu:.2f}",
                    f"{rss:.0f} MB ({worker_rss:.0f} MB)",
                    f"{peer_rss:.0f} MB",
                    f"{sizes[name] / 1e6:.1f} MB",
                    kb(counts["handscroll"].whole) if first else "",
                    kb(counts["handscroll"].search_gzip) if first else "",
                    kb(counts["Pagefind"].whole) if first else "",
                    kb(counts["Pagefind"].search_gzip) if first else "",
                )
            console.print(table)


if __name__ == "__main__":
    main()
