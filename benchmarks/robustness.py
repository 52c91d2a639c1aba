"""Robustness at full size: the tests/robustness harness with the issue's numbers (issue 10).

1. fuzz: N mutated legacy, Markdown and JSON inputs through every reader
   (crashes, lossless line account, Markdown round trip);
2. kills: K imports SIGKILLed at random moments, per database, with integrity
   checks (no partial or duplicated features, no orphaned workers);
3. probes: every hostile URL (traversal, SQL/FTS syntax, NUL, overlong,
   malformed percent-encoding) sent raw to a live reader, per database;
4. xss: the XSS corpus in every field, in Chromium, live and static (the
   browser test of the suite, run as it is);
5. load: C clients for S seconds against `handscroll serve` in its own
   process, mixing pages, API, pictures and hostile URLs: 5xx and timeouts count.

Not a test: prints a table (tried, failed, what). Defaults are the issue's sizes:

    python benchmarks/robustness.py [--inputs 100000] [--kills 50] [--clients 200] [--seconds 60]
        [--pg postgresql+psycopg://...] [--skip fuzz,kills,probes,xss,load]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from factories import make_feature  # noqa: E402
from handscroll.config import Settings  # noqa: E402
from handscroll.enrich import enrich_feature  # noqa: E402
from handscroll.store import Library  # noqa: E402
from publish.builders import fill_library, write_picture  # noqa: E402
from publish.live import free_port, serve  # noqa: E402
from robustness.fuzz import fuzz_readers  # noqa: E402
from robustness.kills import kill_imports  # noqa: E402
from robustness.probes import PAYLOADS, hostile_urls, probe  # noqa: E402

Row = tuple[str, int, int, str]
XSS_TEST = ROOT / "tests" / "robustness" / "test_xss_browser.py"


def _summary(counter: Counter[str] | list[str], limit: int = 3) -> str:
    items = Counter(counter).most_common(limit) if isinstance(counter, list) else counter.most_common(limit)
    return "; ".join(f"{n}x {what[:90]}" for what, n in items) or "-"


def fresh_pg(base: str, name: str) -> str:
    """A new empty database beside `base` (dropped first if a run before left it)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(base)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def databases(work: Path, pg: str | None, name: str) -> list[tuple[str, str]]:
    found = [("sqlite", f"sqlite:///{work / f'{name}.db'}")]
    if pg:
        found.append(("postgresql", fresh_pg(pg, f"handscroll_robust_{name}")))
    return found


def run_fuzz(inputs: int) -> list[Row]:
    started = time.monotonic()
    tally = fuzz_readers(inputs, seed=2026)
    took = time.monotonic() - started
    return [(f"fuzz: readers ({took:.0f} s)", tally.tried, tally.failed, _summary(tally.failures))]


def run_kills(work: Path, kills: int, pg: str | None) -> list[Row]:
    rows = []
    for label, url in databases(work, pg, "kills"):
        tally = kill_imports(url, work / label, kills, seed=2026)
        what = f"{dict(tally.landed)}; orphans {tally.orphans}; " + _summary(tally.problems)
        rows.append(
            (f"kills: import SIGKILL, {label}", tally.tried, len(tally.problems) + tally.orphans, what)
        )
    return rows


def _library(url: str, media: Path) -> Settings:
    feature = make_feature()
    fill_library(url, [feature])
    with Library.open(url) as library:
        library.save_enrichments([(feature.slug, enrich_feature(feature))])
    write_picture(media, feature.media_ids[0])
    return Settings(db=url, media_dir=media)


def run_probes(work: Path, pg: str | None) -> list[Row]:
    from handscroll.publish.web import create_app

    rows = []
    for label, url in databases(work, pg, "probes"):
        settings = _library(url, work / "media")
        app = create_app(url, settings, cache_dir=work / f"cache-{label}")
        with serve(app) as base:
            tally = probe(base)
        what = f"statuses {dict(sorted(tally.statuses.items()))}; " + _summary(tally.failures)
        rows.append((f"probes: hostile URLs, {label}", tally.tried, len(tally.failures), what))
    return rows


def run_xss() -> list[Row]:
    from robustness.xss import xss_features, xss_vectors

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/robustness/test_xss_browser.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    last = (done.stdout.strip().splitlines() or ["no output"])[-1]
    fields = 12  # title, 2 paragraphs, 3 captions, note kind and text, prompt, answer, credit, unclassified
    tried = len(xss_vectors()) * fields * 2
    failed = 0 if done.returncode == 0 else len(xss_vectors())
    pages = f"{len(xss_features())} features live + static"
    return [(f"xss: vectors x fields x (live, static), {pages}", tried, failed, last)]


async def _client(base: str, urls: list[str], until: float, seed: int, tally: Counter[str]) -> None:
    import httpx2 as httpx

    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        while time.monotonic() < until:
            url = rng.choice(urls)
            try:
                response = await client.get(url)
            except httpx.TimeoutException:
                tally["timeout"] += 1
                continue
            except httpx.HTTPError as exc:
                tally[f"transport error {type(exc).__name__}"] += 1
                continue
            tally["requests"] += 1
            if response.status_code >= 500:
                tally[f"HTTP {response.status_code} {url[:60]}"] += 1


def run_load(work: Path, clients: int, seconds: float) -> list[Row]:
    url = f"sqlite:///{work / 'load.db'}"
    settings = _library(url, work / "load-media")
    feature = make_feature()
    port = free_port()
    env = {**os.environ, "HANDSCROLL_DB": url}
    command = [str(Path(sys.executable).with_name("handscroll")), "serve", "--db", url]
    command += ["--port", str(port), "--media", str(settings.media_dir)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx2 as httpx

        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/", timeout=2)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    return [("load: server did not start", 0, 1, server.stderr.read().decode()[-200:])]
                time.sleep(0.2)
        hostile = [u for u in hostile_urls() if len(u) < 2000 and "%" not in u[:9]]
        picture = f"/media/{feature.media_ids[0]}"
        pages = ["/", f"/features/{feature.slug}", "/api/features", f"/api/features/{feature.slug}"]
        pages += ["/timeline", "/glossary", "/search?q=Shenyang", f"{picture}/thumb.webp"]
        pages += [f"{picture}/large.webp", "/static/handscroll.css"]
        urls = pages * 8 + hostile[:: len(PAYLOADS)]
        tally: Counter[str] = Counter()

        async def everyone() -> None:
            until = time.monotonic() + seconds
            await asyncio.gather(*(_client(base, urls, until, n, tally) for n in range(clients)))

        asyncio.run(everyone())
    finally:
        server.terminate()
        server.communicate(timeout=30)
    requests = tally.pop("requests", 0)
    failed = sum(tally.values())
    rate = requests / seconds
    name = f"load: {clients} clients x {seconds:.0f} s ({rate:.0f} req/s)"
    return [(name, requests + tally["timeout"], failed, _summary(tally))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pg", default=os.environ.get("HANDSCROLL_TEST_PG_URL"))
    parser.add_argument("--skip", default="", help="comma-separated parts to leave out")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if "fuzz" not in skip:
            rows += run_fuzz(args.inputs)
        if "kills" not in skip:
            rows += run_kills(work, args.kills, args.pg)
        if "probes" not in skip:
            rows += run_probes(work, args.pg)
        if "xss" not in skip:
            rows += run_xss()
        if "load" not in skip:
            rows += run_load(work, args.clients, args.seconds)
    print(f"| {'part':<58} | {'tried':>8} | {'failed':>6} | what |")
    print(f"|{'-' * 60}|{'-' * 10}|{'-' * 8}|------|")
    for name, tried, failed, what in rows:
        print(f"| {name:<58} | {tried:>8} | {failed:>6} | {what} |")


if __name__ == "__main__":
    main()
