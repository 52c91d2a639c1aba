"""Serving benchmark (issue 11): the reader under load with a long-tail mix, beside the same bytes
served as static files by the same server.

Builds (or reuses, `--library`) a SQLite library of N features shaped like a publisher's:
one series of 3,333 parts (the issue's worst case), the rest in series of 10, one in a
hundred in no series; each a copy of a bundled sample with its own title, slug and
series, stored with the sample's enrichment (enriching 100k copies would take hours and
gives the same pages). Then, on loopback only:

1. the reader (`create_app`, one uvicorn worker, or `--workers N` as `handscroll serve`
   runs them) in a child process, with a `/prebuilt/` folder of static files mounted in
   the same process (Starlette `StaticFiles`);
2. for each kind of request (feature page, home pages, series pages, search, API) a
   long-tail mix of URLs: ranks drawn from a Zipf law (s = 1) over every URL of that
   kind (every feature, every series...), so a few are hot and most are seldom asked for,
   as on a real site; the page cache starts cold and is never warmed by the benchmark;
3. the same bytes as static files: the top `--static-files` URLs of each mix rendered by
   a separate app (so the measured server's cache stays cold) and written to the folder;
   the static run draws from those with the same law;
4. each mix at 1, 10, 50 and 200 concurrent clients (keep-alive connections from
   `--client-processes` asyncio processes), dynamic and static interleaved, bounded in
   time (`--seconds`, and `--long-seconds` for the feature page at 200 clients) and count:
   requests/s, p50/p99, errors (any status but 200, or no answer), the longest silence
   (a second with no answer at all is a stall), the answer cache's hits, the server's RSS.

Not a test: nothing here asserts. Prints one table and a summary of the targets.

    python benchmarks/serve_bench.py --count 10000 [--library lib.db] [--seconds 10]
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import itertools
import multiprocessing as mp
import os
import random
import re
import socket
import statistics
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rich.console import Console
from rich.table import Table

from handscroll.config import Settings
from handscroll.enrich import enrich_feature
from handscroll.ingest import read_path
from handscroll.samples import sample_paths
from handscroll.samples.images import generate_sample_media
from handscroll.store import ImportItem, Library

LONG_SERIES = 3333
"""Parts of the one long series (issue 11 measured 3,333-part series)."""

CONCURRENCY = (1, 10, 50, 200)
KINDS = ("feature", "home", "series", "search", "api")
SEARCH_WORDS = (
    "soviet", "manchuria", "treaty", "shenyang", "mukden", "瀋陽", "沈阳", "harbin", "changchun", "長春",
    "kuomintang", "communist", "troops", "1946", "withdrawal", "railway", "factory", "negotiation",
    "nationalist", "army", "chiang", "國民政府", "mao", "yan'an", "marshall", "truce", "port arthur",
    "dalian", "tanks", "machinery", "spring", "winter", "civil war", "north", "northeast", "city",
)  # fmt: skip
"""Queries of the search mix (one to three of these words each)."""


# --- the library ---------------------------------------------------------------------------


def make_library(url: str, count: int) -> None:
    """Fill a library with `count` copies of the samples, shaped as the module docstring says."""
    settings = Settings()
    samples = [read_path(p, settings).feature for p in sample_paths()]
    enriched = [enrich_feature(s) for s in samples]
    with Library.open(url) as library:
        batch: list[ImportItem] = []
        for i in range(count):
            at = i % len(samples)
            base = samples[at]
            if i < LONG_SERIES:
                series, part = "benchsite_long", i + 1
            elif i % 100 == 0:
                series, part = None, None
            else:
                series, part = f"benchsite_s{i // 10:05d}", i % 10 + 1
            feature = base.model_copy(
                update={
                    "title": f"{base.title} (copy {i})",
                    "series": series,
                    "part": part,
                    "slug": f"bench-{i:06d}",
                }
            )
            batch.append(ImportItem(feature, f"bench/{i}.json", feature.content_hash(), enriched[at]))
            if len(batch) == 1000:
                library.import_features(batch)
                batch = []
        if batch:
            library.import_features(batch)


# --- the URL mixes -----------------------------------------------------------------------------


@dataclass
class Mix:
    """The URLs of one kind of request, most wanted first; `draw` picks by Zipf rank."""

    urls: list[str]
    _weights: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        total = 0.0
        for rank in range(1, len(self.urls) + 1):
            total += 1.0 / rank
            self._weights.append(total)

    def draw(self, rng: random.Random, top: int | None = None) -> str:
        """One URL, by Zipf rank (among the first `top` only, for the static copies)."""
        cut = self._weights[(top or len(self.urls)) - 1]
        return self.urls[bisect.bisect_left(self._weights, rng.random() * cut)]


def make_mixes(url: str, rng: random.Random) -> dict[str, Mix]:
    """Every URL of each kind, in a random popularity order (the hot ones anywhere)."""
    with Library.open(url) as library:
        slugs = [s.slug for s in library.list_features()]
        series = [s.key for s in library.list_series()]
    features = [f"/features/{s}" for s in slugs]
    series_pages = [f"/series/{k}" for k in series]
    api = [f"/api/features/{s}" for s in slugs] + [f"/api/features/{s}/enrichment" for s in slugs[::10]]
    searches = sorted({" ".join(rng.sample(SEARCH_WORDS, rng.randint(1, 3))) for _ in range(400)})
    mixes = {
        "feature": features,
        "series": series_pages,
        "search": [f"/search?q={quote(q)}" for q in searches],
        "api": api,
    }
    for urls in mixes.values():
        rng.shuffle(urls)
    return {kind: Mix(urls) for kind, urls in mixes.items()}


def crawl_pages(client: Any, first: str, limit: int) -> list[str]:
    """The first `limit` pages of a paged listing, following its "Next page" links."""
    pages, url = [], first
    while url and len(pages) < limit:
        pages.append(url)
        found = re.search(r'<a rel="next" href="([^"]+)"', client.get(url).text)
        url = found.group(1).replace("&amp;", "&") if found else ""
    return pages


# --- the server ---------------------------------------------------------------------------


def _serve(url: str, media: str, cache: str, prebuilt: str, port: int, workers: int) -> None:
    """The child process: the reader plus /prebuilt/ static files, in one or `workers` processes."""
    import uvicorn

    from handscroll.publish.server import server_options

    os.environ.update(BENCH_URL=url, BENCH_MEDIA=media, BENCH_CACHE=cache, BENCH_PREBUILT=prebuilt)
    options = {**server_options("127.0.0.1", port), "access_log": False}
    if workers > 1:
        uvicorn.run(
            "serve_bench:bench_app",
            factory=True,
            workers=workers,
            app_dir=str(Path(__file__).parent),
            **options,
        )
    else:
        uvicorn.run(bench_app(), **options)


def bench_app() -> Any:
    """The reader with the static copies mounted at /prebuilt/ (a uvicorn factory, for workers)."""
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    from handscroll.publish.web import create_app

    url, media = os.environ["BENCH_URL"], os.environ["BENCH_MEDIA"]
    reader = create_app(
        url, Settings(db=url, media_dir=Path(media)), cache_dir=Path(os.environ["BENCH_CACHE"])
    )
    return Starlette(
        routes=[Mount("/prebuilt", StaticFiles(directory=os.environ["BENCH_PREBUILT"])), Mount("/", reader)],
        lifespan=lambda app: reader.router.lifespan_context(reader),
    )


def prebuild(
    url: str, media: Path, cache: Path, out: Path, mixes: dict[str, Mix], top: int
) -> dict[str, str]:
    """Write the top `top` URLs of each mix as static files (rendered by an app of our own, not
    the measured server); return each URL's static path."""
    from starlette.testclient import TestClient

    from handscroll.publish.web import create_app

    static: dict[str, str] = {}
    app = create_app(url, Settings(db=url, media_dir=media), cache_dir=cache)
    with TestClient(app) as client:
        for mix in mixes.values():
            for page in mix.urls[:top]:
                answer = client.get(page)
                name = f"{len(static):07d}.{'json' if page.startswith('/api/') else 'html'}"
                (out / name).write_bytes(answer.content)
                static[page] = f"/prebuilt/{name}"
    return static


def _family(pid: int) -> Iterator[tuple[str, list[str]]]:
    """The /proc status text and stat fields of a process and of each of its children."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:
            yield status, fields


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    found = (re.search(r"VmRSS:\s+(\d+)", status) for status, _ in _family(pid))
    return sum(int(kb.group(1)) for kb in found if kb) / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process and its children have used so far, in seconds."""
    ticks = sum(int(fields[11]) + int(fields[12]) for _, fields in _family(pid))  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


# --- the clients ---------------------------------------------------------------------------


@dataclass
class Run:
    """What one load run measured."""

    done: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    cache: dict[str, int] = field(default_factory=dict)
    silence: float = 0.0
    """The longest time with no answer at all (the whole run when nothing answered)."""
    rss: float = 0.0
    cpu: float = 0.0
    """The server's CPU per answer, ms: what an answer costs whatever else runs on the machine."""

    def p(self, q: int) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=100)[q - 1]


async def _client(port: int, paths: list[str], stop: float, out: list[Any]) -> None:
    """One keep-alive connection asking for `paths` in turn until `stop`."""
    reader = writer = None
    for path in paths:
        if time.perf_counter() >= stop:
            break
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            assert reader is not None
            writer.write(f"GET {path} HTTP/1.1\r\nHost: bench\r\n\r\n".encode())
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 60)
            status = int(head[9:12])
            length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
            await asyncio.wait_for(reader.readexactly(length), 60)
            cache = re.search(rb"(?i)x-cache: *(\w+)", head)
            out.append(
                (
                    time.perf_counter(),
                    time.perf_counter() - started,
                    status,
                    cache and cache.group(1).decode(),
                )
            )
            if b"connection: close" in head.lower():
                writer.close()
                reader = writer = None
        except (OSError, asyncio.IncompleteReadError, TimeoutError, AttributeError):
            out.append((time.perf_counter(), time.perf_counter() - started, 0, None))
            if writer is not None:
                writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


def _client_process(port: int, lists: list[list[str]], seconds: float, queue: Any) -> None:
    async def main() -> list[Any]:
        out: list[Any] = []
        stop = time.perf_counter() + seconds
        await asyncio.gather(*(_client(port, paths, stop, out) for paths in lists))
        return out

    queue.put(asyncio.run(main()))


def load(
    port: int,
    mix: Mix,
    clients: int,
    seconds: float,
    processes: int,
    rng: random.Random,
    static: dict[str, str] | None,
    top: int,
) -> Run:
    """`clients` connections asking for URLs drawn from `mix` (or their static copies) for `seconds`."""
    per_client = 200_000 // clients + 10  # a bound on the count, far above what fits the time
    lists = []
    for _ in range(clients):
        drawn = [mix.draw(rng, top if static else None) for _ in range(min(per_client, 20_000))]
        lists.append([static[u] for u in drawn] if static else drawn)
    groups = [lists[n::processes] for n in range(min(processes, clients))]
    queue: Any = mp.Queue()
    procs = [mp.Process(target=_client_process, args=(port, g, seconds, queue)) for g in groups]
    started = time.perf_counter()
    for p in procs:
        p.start()
    answers = [a for _ in procs for a in queue.get(timeout=seconds + 180)]
    for p in procs:
        p.join(timeout=30)
    run = Run(seconds=time.perf_counter() - started)
    ok = [a for a in answers if a[2] == 200]
    run.done, run.errors = len(ok), len(answers) - len(ok)
    run.latencies = sorted(a[1] * 1000 for a in ok)
    for a in answers:
        if a[3]:
            run.cache[a[3]] = run.cache.get(a[3], 0) + 1
    times = sorted([started] + [a[0] for a in answers] + [started + seconds])
    run.silence = max(b - a for a, b in itertools.pairwise(times))
    return run


def visit_all(port: int, urls: list[str], processes: int) -> Run:
    """Ask for each URL once, from 10 connections (unmeasured: the cache of a server that has run)."""
    lists = [urls[n::10] for n in range(10)]
    groups = [lists[n::processes] for n in range(processes)]
    queue: Any = mp.Queue()
    procs = [mp.Process(target=_client_process, args=(port, g, 24 * 3600, queue)) for g in groups]
    for proc in procs:
        proc.start()
    answers = [a for _ in procs for a in queue.get(timeout=24 * 3600)]
    for proc in procs:
        proc.join(timeout=30)
    run = Run(done=len(answers))
    for answer in answers:
        if answer[3]:
            run.cache[answer[3]] = run.cache.get(answer[3], 0) + 1
    return run


# --- main ----------------------------------------------------------------------------------


def _filled(url: str) -> bool:
    with Library.open(url) as library:
        return library.count_features() > 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait_for(port: int, timeout: float = 120) -> None:
    import http.client

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--library", type=Path, help="SQLite file to reuse (built when missing)")
    parser.add_argument("--url", help="a library URL to use instead (PostgreSQL: built when empty)")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--long-seconds", type=float, default=60.0, help="the feature page at 200 clients")
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--static-files", type=int, default=2000, help="static copies per kind")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument(
        "--warmup",
        type=float,
        default=0.0,
        help="seconds of each dynamic mix at 10 clients, unmeasured, first",
    )
    parser.add_argument(
        "--warm-all",
        action="store_true",
        help="ask for every URL of each mix once first (a server that has run)",
    )
    parser.add_argument("--concurrency", default=",".join(map(str, CONCURRENCY)))
    args = parser.parse_args()
    console = Console(width=160)
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = args.library or folder / "bench.db"
        url = args.url or f"sqlite:///{db}"
        if not _filled(url):
            started = time.perf_counter()
            make_library(url, args.count)
            console.print(f"library of {args.count} features in {time.perf_counter() - started:.0f} s")
        media = folder / "media"
        generate_sample_media(media)
        mixes = make_mixes(url, rng)
        from starlette.testclient import TestClient

        from handscroll.publish.web import create_app

        with TestClient(
            create_app(url, Settings(db=url, media_dir=media), cache_dir=folder / "c0")
        ) as crawler:
            mixes["home"] = Mix(crawl_pages(crawler, "/", 200))
            long_pages = crawl_pages(crawler, "/series/benchsite_long", 60)
        mixes["series"] = Mix(mixes["series"].urls[:1] + long_pages[1:] + mixes["series"].urls[1:])
        prebuilt = folder / "prebuilt"
        prebuilt.mkdir()
        kinds = [k for k in args.kinds.split(",") if k]
        started = time.perf_counter()
        static = prebuild(
            url, media, folder / "c1", prebuilt, {k: mixes[k] for k in kinds}, args.static_files
        )
        console.print(f"{len(static)} static copies in {time.perf_counter() - started:.0f} s")
        port = _free_port()
        server = mp.Process(
            target=_serve, args=(url, str(media), str(folder / "cache"), str(prebuilt), port, args.workers)
        )
        server.start()
        rows = []
        try:
            _wait_for(port)
            for kind in kinds:
                top = min(args.static_files, len(mixes[kind].urls))
                if args.warm_all:
                    started = time.perf_counter()
                    warm = visit_all(port, mixes[kind].urls, args.client_processes)
                    console.print(
                        f"{kind}: every URL once in {time.perf_counter() - started:.0f} s, {warm.cache}"
                    )
                if args.warmup:
                    warm = load(port, mixes[kind], 10, args.warmup, args.client_processes, rng, None, top)
                    console.print(
                        f"{kind}: warmed for {args.warmup:.0f} s, {warm.done} answers, {warm.cache}"
                    )
                for clients in map(int, args.concurrency.split(",")):
                    seconds = args.long_seconds if (kind == "feature" and clients == 200) else args.seconds
                    cpu = cpu_seconds(server.pid)  # type: ignore[arg-type]
                    dynamic = load(port, mixes[kind], clients, seconds, args.client_processes, rng, None, top)
                    dynamic.rss = rss_mb(server.pid)  # type: ignore[arg-type]
                    now = cpu_seconds(server.pid)  # type: ignore[arg-type]
                    dynamic.cpu, cpu = now - cpu, now
                    copy = load(
                        port, mixes[kind], clients, args.seconds, args.client_processes, rng, static, top
                    )
                    copy.cpu = cpu_seconds(server.pid) - cpu  # type: ignore[arg-type]
                    for run in (dynamic, copy):
                        run.cpu = run.cpu * 1000 / max(1, run.done + run.errors)
                    rows.append((kind, clients, dynamic, copy))
                    console.print(_line(kind, clients, dynamic, copy), highlight=False)
        finally:
            server.terminate()
            server.join(timeout=30)
    _table(console, args, rows, len(mixes["feature"].urls))


def _line(kind: str, clients: int, d: Run, s: Run) -> str:
    dyn = f"dyn {d.done / d.seconds:7.0f}/s p50 {d.p(50):6.1f} p99 {d.p(99):7.1f} err {d.errors}"
    copy = f"static {s.done / s.seconds:7.0f}/s p50 {s.p(50):6.1f} p99 {s.p(99):7.1f}"
    cpu = f"server CPU/answer {d.cpu:.2f} / {s.cpu:.2f} ms"
    return f"{kind:8} {clients:4} {dyn} | {copy} | {d.cache} {cpu} rss {d.rss:.0f}"


def _table(
    console: Console, args: argparse.Namespace, rows: list[tuple[str, int, Run, Run]], features: int
) -> None:
    table = Table(title=f"Serving {features:,} features, {args.workers} worker(s), long-tail mixes, loopback")
    columns = ("kind", "clients", "dynamic req/s", "p50 / p99 ms", "errors", "silence s",
               "cache hit/stale/miss", "static req/s", "p50 / p99 ms", "dyn/static",
               "server CPU ms/answer dyn / static", "RSS MB")  # fmt: skip
    for column in columns:
        table.add_column(column)
    for kind, clients, d, s in rows:
        hits = "/".join(str(d.cache.get(k, 0)) for k in ("hit", "stale", "miss"))
        table.add_row(
            kind, str(clients), f"{d.done / d.seconds:,.0f}", f"{d.p(50):.1f} / {d.p(99):.1f}", str(d.errors),
            f"{d.silence:.1f}", hits, f"{s.done / s.seconds:,.0f}", f"{s.p(50):.1f} / {s.p(99):.1f}",
            f"{(d.done / d.seconds) / max(1e-9, s.done / s.seconds):.2f}", f"{d.cpu:.2f} / {s.cpu:.2f}",
            f"{d.rss:.0f}",
        )  # fmt: skip
    console.print(table)
    feature = {clients: (d, s) for kind, clients, d, s in rows if kind == "feature"}
    if feature:
        ratios = [d.done / s.done * s.seconds / d.seconds for d, s in feature.values() if s.done]
        console.print(f"feature page dynamic/static: {', '.join(f'{r:.2f}' for r in ratios)} (target >= 0.5)")
    if 50 in feature:
        console.print(f"feature page p99 at 50 clients: {feature[50][0].p(99):.0f} ms (target < 200)")
    if 200 in feature:
        d = feature[200][0]
        console.print(f"200 clients, {d.seconds:.0f} s: {d.errors} errors, longest silence {d.silence:.1f} s")


if __name__ == "__main__":
    main()
