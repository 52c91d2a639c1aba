"""Timeline benchmark (issue 11, issue 14): the timeline page of a library telling 10,000 dated events.

Builds a SQLite library of `--features` features (default 1,000, ten dated sentences each:
10,000 events, dates spread over 1900-1999, in 100 series), stored with their
enrichment as `handscroll import` stores it, then on loopback only:

1. serves the reader (`create_app`, page cache off) under uvicorn in a thread and
   times the timeline page as the reader asks for it: the first page, a page
   deep in the timeline (1975 on), a words filter, a series' timeline; p50 of
   `--repeat` requests each, bytes as sent (gzip) and unpacked;
2. opens the same pages in Chromium (Debian's, headless) and counts DOM nodes and
   times `domInteractive` and the load event (Navigation Timing), median of
   `--repeat` loads;
3. beside it, the peer: the same 10,000 events rendered on one page by the same
   template (how the timeline was served before it was paged), served as a
   static file by the same server.

Not a test: nothing here asserts on time. Prints one table.

    python benchmarks/timeline_bench.py [--features 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import calendar
import gzip
import random
import socket
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from rich.console import Console
from rich.table import Table

from handscroll.config import Settings
from handscroll.model import Enrichment, Event, Feature, Paragraph, Span, TextRef
from handscroll.store import ImportItem, Library

EVENTS_PER_FEATURE = 10
MONTHS = list(calendar.month_name)[1:]
SUBJECTS = [
    "the delegates",
    "the army",
    "the committee",
    "the treaty office",
    "the city council",
    "the envoys",
]
DEEDS = [
    "signed an agreement",
    "met in the capital",
    "crossed the river",
    "opened the railway",
    "held a vote",
]
PLACES = ["Nanjing", "Shenyang", "Chongqing", "Harbin", "Dalian", "Yan'an", "Beiping", "Changchun"]
CHROMIUM = "/usr/bin/chromium"


def _feature(number: int, rng: random.Random) -> tuple[Feature, Enrichment]:
    """A feature of ten dated sentences, and the enrichment that finds them."""
    paragraphs, events = [], []
    for block in range(EVENTS_PER_FEATURE):
        year, month, day = rng.randint(1900, 1999), rng.randint(1, 12), rng.randint(1, 28)
        date = f"{day} {MONTHS[month - 1]} {year}"
        sentence = (
            f"On {date} {rng.choice(SUBJECTS)} {rng.choice(DEEDS)} near {rng.choice(PLACES)}, "
            f"as feature {number} tells in its paragraph {block + 1}."
        )
        paragraphs.append(Paragraph(text=sentence))
        start = sentence.index(date)
        span = Span(TextRef(block, "text", 0), start, start + len(date))
        events.append(Event(f"{year:04d}-{month:02d}-{day:02d}", date, sentence, span))
    feature = Feature(
        title=f"Part {number % 10 + 1} of a long series, feature {number}",
        part=number % 10 + 1,
        series=f"benchsite_timeline{number // 10:03d}",
        slug=f"bench-timeline-{number:05d}",
        blocks=tuple(paragraphs),
    )
    return feature, Enrichment(feature.content_hash(), tuple(events))


def make_library(url: str, count: int) -> None:
    """Fill a library with `count` features and their events."""
    rng = random.Random(14)
    items = []
    for number in range(count):
        feature, enrichment = _feature(number, rng)
        items.append(
            ImportItem(feature, f"bench/{number}.json", feature.content_hash(), enrichment=enrichment)
        )
    with Library.open(url) as library:
        for start in range(0, len(items), 500):
            library.import_features(items[start : start + 500])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(url: str, folder: Path) -> str:
    """The reader with the page cache off, and `folder` as /peer/, on a loopback port."""
    import uvicorn
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    from handscroll.publish.web import create_app

    app = create_app(url, Settings(db=url), cache_dir=folder / "cache")
    app.router.routes.insert(0, Mount("/peer", StaticFiles(directory=folder / "peer")))
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}"


def write_peer(url: str, folder: Path) -> None:
    """Every event on one page, by the same template: the timeline as it was before paging."""
    from handscroll.publish.contexts import make_chrome
    from handscroll.publish.render import Renderer
    from handscroll.publish.timeline_page import TimelinePage, timeline_groups
    from handscroll.publish.urls import WebUrls

    with Library.open(url) as library:
        entries = library.timeline()
    urls = WebUrls()
    page = TimelinePage(
        chrome=make_chrome(urls),
        title="Timeline",
        series=None,
        groups=timeline_groups(entries, urls),
        count=len(entries),
        more=False,
        previous="",
        next="",
        index=(),
        filters=None,
    )
    (folder / "peer").mkdir(parents=True, exist_ok=True)
    (folder / "peer" / "timeline.html").write_text(Renderer().render(page), encoding="utf-8")


def fetch(address: str, repeat: int) -> tuple[float, int, int]:
    """p50 milliseconds of `repeat` GETs, and the bytes sent (gzip) and unpacked."""
    times, sent, body = [], 0, b""
    for _ in range(repeat):
        request = urllib.request.Request(address, headers={"Accept-Encoding": "gzip"})
        began = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            raw = response.read()
            packed = response.headers.get("Content-Encoding") == "gzip"
        times.append((time.perf_counter() - began) * 1000)
        sent, body = len(raw), gzip.decompress(raw) if packed else raw
    return statistics.median(times), sent, len(body)


def in_browser(address: str, repeat: int) -> tuple[int, float, float]:
    """DOM nodes, and median domInteractive and load-event times (ms) in Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox"]
        )
        interactive, loaded, nodes = [], [], 0
        for _ in range(repeat):
            context = browser.new_context(viewport={"width": 1366, "height": 900})
            page = context.new_page()
            page.goto(address, wait_until="load", timeout=120_000)
            timing = page.evaluate(
                "() => { const t = performance.getEntriesByType('navigation')[0];"
                " return [t.domInteractive, t.loadEventEnd, document.getElementsByTagName('*').length]; }"
            )
            interactive.append(float(timing[0]))
            loaded.append(float(timing[1]))
            nodes = int(timing[2])
            context.close()
        browser.close()
    return nodes, statistics.median(interactive), statistics.median(loaded)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--features", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    console = Console(width=150)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'library.db'}"
        began = time.perf_counter()
        make_library(url, args.features)
        console.print(
            f"library: {args.features * EVENTS_PER_FEATURE:,} events in {time.perf_counter() - began:.1f} s"
        )
        write_peer(url, folder)
        base = serve(url, folder)
        pages = {
            "timeline, first page": "/timeline",
            "timeline from 1975": "/timeline?at=1975",
            'words filter ("railway")': "/timeline?q=railway",
            "a series' timeline": "/series/benchsite_timeline050/timeline",
            "peer: all events on one page (static file)": "/peer/timeline.html",
        }
        table = page_table(
            f"Timeline page, {args.features * EVENTS_PER_FEATURE:,} events (median of {args.repeat})"
        )
        for name, path in pages.items():
            server, sent, size = fetch(base + path, args.repeat)
            nodes, interactive, loaded = in_browser(base + path, args.repeat)
            table.add_row(
                name,
                f"{server:.0f}",
                f"{sent:,}",
                f"{size:,}",
                f"{nodes:,}",
                f"{interactive:.0f}",
                f"{loaded:.0f}",
            )
        console.print(table)


def page_table(title: str) -> Table:
    """The table of a page's figures, on the server and in Chromium (this bench's and places')."""
    table = Table(title=title)
    for column in (
        "page",
        "server ms",
        "bytes sent",
        "bytes HTML",
        "DOM nodes",
        "domInteractive ms",
        "load ms",
    ):
        table.add_column(column, justify="left" if column == "page" else "right")
    return table


if __name__ == "__main__":
    main()
