"""Serving benchmark: the feature page served dynamically vs the same page pre-built, by the same server.

Builds a SQLite library of N features (default 10,000: 1,000 series of 10
parts, each a copy of a bundled sample with its own title, series and slug,
pictures from the samples' placeholders), then, on loopback only:

1. runs the reader (`create_app`) under uvicorn in a child process, with the
   pre-built static pages mounted at /prebuilt/ in the same app, and measures
   requests/s and p50/p99 latency for dynamic feature pages and for the same
   pages served as static files, interleaved twice, from client processes with
   keep-alive connections, for a fixed time each;
2. reports the feature page's compressed transfer size without images;
3. times `build_site` for the whole library (features/s), then an
   incremental rebuild after one feature changed.

Not a test: nothing here asserts on time. Prints a table with ratios to the targets.

    python benchmarks/serve_bench.py [--count 10000] [--seconds 5] [--clients 4]
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import multiprocessing as mp
import socket
import statistics
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from handscroll.config import Settings
from handscroll.ingest import read_path
from handscroll.samples import sample_paths
from handscroll.samples.images import generate_sample_media
from handscroll.store import ImportItem, Library

PAGES_PER_RUN = 50
"""How many distinct feature pages the load cycles through (all fit the page cache)."""


def make_library(url: str, count: int) -> list[str]:
    """Fill a library with `count` features, 10 parts per series; return their slugs."""
    settings = Settings()
    samples = [read_path(p, settings).feature for p in sample_paths()]
    items = []
    for i in range(count):
        base = samples[i % len(samples)]
        series, part = divmod(i, 10)
        feature = base.model_copy(
            update={
                "title": f"{base.title} (copy {i})",
                "series": f"benchsite_series{series:04d}",
                "part": part + 1,
                "slug": f"{part + 1:02d}-bench-{i:05d}",
            }
        )
        items.append(
            ImportItem(feature=feature, source=f"bench/{i}.json", source_hash=feature.content_hash())
        )
    with Library.open(url) as library:
        for start in range(0, len(items), 1000):
            library.import_features(items[start : start + 1000])
    return [item.feature.slug for item in items]


def _serve(url: str, media: str, cache: str, prebuilt: str, port: int) -> None:
    """The child process: the reader app plus /prebuilt/ static files, one uvicorn worker."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    from handscroll.publish.web import create_app

    settings = Settings(db=url, media_dir=Path(media))
    reader = create_app(url, settings, cache_dir=Path(cache))
    uncached = create_app(url, settings, cache_dir=Path(cache))
    app = Starlette(
        routes=[
            Mount("/prebuilt", StaticFiles(directory=prebuilt)),
            Mount("/fresh", uncached),
            Mount("/", reader),
        ]
    )
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def _load(port: int, paths: list[str], seconds: float, queue: mp.Queue) -> None:  # type: ignore[type-arg]
    """One client process: keep-alive GETs cycling through `paths` for `seconds`; latencies in ms."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds
    i = 0
    while time.perf_counter() < deadline and i < 10_000_000:
        path = paths[i % len(paths)]
        i += 1
        start = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        latencies.append((time.perf_counter() - start) * 1000)
        if response.status != 200 or not body:
            raise SystemExit(f"{path}: HTTP {response.status}")
    conn.close()
    queue.put(latencies)


def measure(port: int, paths: list[str], seconds: float, clients: int) -> tuple[float, float, float]:
    """Requests/s, p50 and p99 (ms) with `clients` concurrent client processes."""
    queue: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    procs = [mp.Process(target=_load, args=(port, paths, seconds, queue)) for _ in range(clients)]
    start = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get(timeout=seconds + 60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    elapsed = time.perf_counter() - start
    latencies = sorted(x for r in results for x in r)
    qs = statistics.quantiles(latencies, n=100)
    return len(latencies) / elapsed, qs[49], qs[98]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def _get(port: int, path: str, gzip_ok: bool) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    body = conn.getresponse().read()
    conn.close()
    return body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    console = Console(width=150)
    from handscroll.publish.site import build_site

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'bench.db'}"
        media = folder / "media"
        generate_sample_media(media)
        started = time.perf_counter()
        slugs = make_library(url, args.count)
        console.print(f"library of {len(slugs)} features in {time.perf_counter() - started:.1f} s")
        settings = Settings(db=url, media_dir=media)

        # The static build, timed: first whole, then again after one feature changed.
        out = folder / "site"
        with Library.open(url) as library:
            started = time.perf_counter()
            report = build_site(library, out, settings)
            full = time.perf_counter() - started
            feature = library.get_feature(slugs[15])
            changed = feature.model_copy(update={"title": feature.title + " (revised)"})
            library.import_features([ImportItem(changed, "bench/changed.json", changed.content_hash())])
            started = time.perf_counter()
            again = build_site(library, out, settings)
            incremental = time.perf_counter() - started
        console.print(
            f"build: {report.pages} pages in {full:.1f} s; rebuild after one change: "
            f"{len(again.written)} pages written in {incremental:.2f} s"
        )

        picked = slugs[:: max(1, len(slugs) // PAGES_PER_RUN)][:PAGES_PER_RUN]
        dynamic = [f"/features/{s}" for s in picked]
        fresh = [f"/fresh/features/{s}" for s in picked]
        static = [f"/prebuilt/features/{s}.html" for s in picked]
        port = _free_port()
        server = mp.Process(target=_serve, args=(url, str(media), str(folder / "cache"), str(out), port))
        server.start()
        try:
            _wait_for(port)
            for path in dynamic + fresh + static:  # warm up: caches, derivatives, connections
                _get(port, path, gzip_ok=False)
            runs: dict[str, list[tuple[float, float, float]]] = {"dynamic": [], "fresh": [], "static": []}
            for _ in range(2):  # interleaved, so drift hits all alike
                runs["dynamic"].append(measure(port, dynamic, args.seconds, args.clients))
                runs["fresh"].append(measure(port, fresh, args.seconds, args.clients))
                runs["static"].append(measure(port, static, args.seconds, args.clients))
            page = _get(port, dynamic[0], gzip_ok=True)
            css = _get(port, "/static/handscroll.css", gzip_ok=True)
            js = _get(port, "/static/gallery.js", gzip_ok=True)
            raw = _get(port, dynamic[0], gzip_ok=False)
        finally:
            server.terminate()
            server.join(timeout=10)

    def best(name: str) -> tuple[float, float, float]:
        return max(runs[name], key=lambda r: r[0])

    dyn, fre, sta = best("dynamic"), best("fresh"), best("static")
    transfer = len(page) + len(css) + len(js)
    assert gzip.decompress(page) == raw
    table = Table(
        title=f"Serving ({args.count} features, {args.clients} clients, best of 2 x {args.seconds:g} s)"
    )
    for column in ("measure", "value", "target", "ratio to target"):
        table.add_column(column)

    def cell(r: tuple[float, float, float]) -> str:
        return f"{r[0]:,.0f} req/s, p50 {r[1]:.1f} ms, p99 {r[2]:.1f} ms"

    table.add_row("dynamic feature page (default, 1 s freshness)", cell(dyn), "", "")
    table.add_row("dynamic, library read every request (freshness 0)", cell(fre), "", "")
    table.add_row("same page pre-built, static file", cell(sta), "", "")
    ratio = dyn[0] / sta[0]
    table.add_row("dynamic / static throughput", f"{ratio:.2f}", ">= 0.50", f"{ratio / 0.5:.2f}")
    ratio0 = fre[0] / sta[0]
    table.add_row("dynamic (freshness 0) / static", f"{ratio0:.2f}", ">= 0.50", f"{ratio0 / 0.5:.2f}")
    table.add_row(
        "feature page, gzip, no images",
        f"{len(page) / 1024:.1f} KB page + {(len(css) + len(js)) / 1024:.1f} KB css/js"
        f" = {transfer / 1024:.1f} KB",
        "<= 60 KB",
        f"{60 * 1024 / transfer:.2f}",
    )
    table.add_row(
        "handscroll build, whole library",
        f"{args.count} features ({report.pages} pages) in {full:.1f} s = {args.count / full:,.0f} features/s",
        ">= 200/s",
        f"{args.count / full / 200:.2f}",
    )
    table.add_row(
        "rebuild after one feature changed",
        f"{len(again.written)} pages written, {again.unchanged} unchanged, {incremental:.2f} s",
        "",
        "",
    )
    console.print(table)


if __name__ == "__main__":
    main()
