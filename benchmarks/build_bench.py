"""Static build benchmark (issue 11): `handscroll build` beside `mkdocs build` on the same pages,
and the bytes a reader downloads before the first search result, beside Pagefind.

For each size (default 1,000 and 10,000 features): features of the seed's size
are generated from the bundled samples (import_bench.generate) and imported
with enrichment into a SQLite library (not timed). Then, each as a command in a
fresh process, interleaved, best of `--repeat`:

- `handscroll build OUT --db LIB` into an empty folder: every page, the
  timelines, the glossary and the static search (no pictures: none are given,
  so no WebP work on either side);
- `mkdocs build` of the same features written as Markdown pages
  (`handscroll show --format md`'s writer), default theme, its own search
  index (`search_index.json`) on.

First-result bytes: the built site is served on loopback and `search.html?q=`
opened in Chromium (Playwright) for each query; every response body is counted
until the first result is on the page. Pagefind (PyPI `pagefind[bin]`, the
same binary npm ships) indexes the same built pages, and its own API
(`pagefind.js`: `search`, then the first result's `data()`) is timed and
counted the same way.

    python benchmarks/build_bench.py [--counts 1000,10000] [--repeat 2] [--no-pagefind]

Not a test: nothing asserts on time. Loopback only.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
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

console = Console()

CHROMIUM = os.environ.get("HANDSCROLL_CHROMIUM", "/usr/bin/chromium")
"""Debian's Chromium, as the browser tests use it."""

QUERIES = ("soviet", "Chongqing", "railway", "Mao Zedong", "瀋陽")
"""Searched on both sites; the median of their byte counts is reported."""


def make_library(folder: Path, count: int) -> str:
    """A SQLite library of `count` generated, enriched features."""
    files = folder / "features"
    files.mkdir()
    generate(files, count)
    url = f"sqlite:///{folder / 'library.db'}"
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


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


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


def _count(sizes: list[int], request: Any) -> None:
    sizes.append(request.sizes()["responseBodySize"])


def first_result_bytes(site: Path, queries: tuple[str, ...], pagefind: bool) -> dict[str, list[int]]:
    """Bytes downloaded until the first result is shown, per query, on a fresh page each time."""
    from playwright.sync_api import sync_playwright

    counts: dict[str, list[int]] = {"handscroll": [], "Pagefind": []}
    with served(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"])
        for query in queries:
            for name in ("handscroll", "Pagefind") if pagefind else ("handscroll",):
                context = browser.new_context()
                page = context.new_page()
                sizes: list[int] = []
                page.on("requestfinished", functools.partial(_count, sizes))
                if name == "handscroll":
                    page.goto(f"{base}/search.html?q={query}")
                    page.wait_for_selector(".search-result, [data-search-status]:has-text('Nothing')")
                else:
                    page.goto(f"{base}/pagefind-bench.html")
                    page.wait_for_function("window.ready === true")
                    page.evaluate("q => window.run(q)", query)
                counts[name].append(sum(sizes))
                context.close()
        browser.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-pagefind", action="store_true")
    args = parser.parse_args()
    table = Table(title="Static build and static search")
    for column in (
        "features",
        "handscroll build",
        "mkdocs build",
        "handscroll / mkdocs",
        "site size",
        "first result: handscroll",
        "first result: Pagefind",
    ):
        table.add_column(column, justify="right")
    for count in (int(c) for c in args.counts.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            started = time.perf_counter()
            url = make_library(folder, count)
            config = write_mkdocs(folder, url)
            took = time.perf_counter() - started
            console.print(f"{count:,} features imported and written as Markdown in {took:.0f} s")
            ours: list[float] = []
            theirs: list[float] = []
            site = folder / "site"
            for _ in range(args.repeat):
                for path in (site, folder / "mkdocs-site"):
                    subprocess.run(["rm", "-rf", str(path)], check=True)
                ours.append(
                    timed(
                        [str(Path(sys.executable).with_name("handscroll")), "build", str(site), "--db", url]
                    )
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
            size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
            pagefind = not args.no_pagefind
            if pagefind:
                subprocess.run(
                    [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", "_pagefind"],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                (site / "pagefind-bench.html").write_text(PAGEFIND_PAGE, encoding="utf-8")
            counts = first_result_bytes(site, QUERIES, pagefind)
            ours_kb = statistics.median(counts["handscroll"]) / 1000
            theirs_kb = f"{statistics.median(counts['Pagefind']) / 1000:.1f} KB" if pagefind else ""
            table.add_row(
                f"{count:,}",
                f"{min(ours):.1f} s",
                f"{min(theirs):.1f} s",
                f"{min(ours) / min(theirs):.2f}",
                f"{size / 1e6:.1f} MB",
                f"{ours_kb:.1f} KB",
                theirs_kb,
            )
            console.print(table)


if __name__ == "__main__":
    main()
