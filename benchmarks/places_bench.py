"""Places benchmark (issue 11): the library's places page over a big library.

Opens a library (a serve_bench one: `--library /tmp/bench/s10k.db`; copy it first, opening
migrates it), then on loopback only:

1. in process, the page made as the reader makes it on a cache miss: `load_places` (the reads
   of the `places` table) and the Jinja render, medians of `--repeat`;
2. serves the reader (`create_app`) under uvicorn in a thread and asks for `/places` (its
   first answer, a cache miss, then the kept answer), the second page, and `/zh-hant/places`;
   bytes as sent (gzip) and unpacked; then opens it in Chromium (DOM nodes, `domInteractive`);
3. beside it, the peer: the page as it was before issue 11, every place linked to every feature
   naming it, on one page by the same template, served as a static file by the same server.

Not a test: nothing here asserts on time. Prints one table.

    python benchmarks/places_bench.py --library /tmp/copy/s10k.db [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from rich.console import Console
from sqlalchemy import select
from timeline_bench import fetch, in_browser, page_table, serve

from handscroll.config import Settings
from handscroll.model import TextRef
from handscroll.publish.contexts import make_chrome
from handscroll.publish.enriched import PlaceItem, PlaceMention, map_setup, place_anchor
from handscroll.publish.places_page import PlacesPage, load_places
from handscroll.publish.render import Renderer
from handscroll.publish.urls import WebUrls
from handscroll.store import Library
from handscroll.store.tables import FeatureRow, PlaceRow


def in_process(url: str, repeat: int) -> tuple[float, float, int]:
    """Median ms of the reads and of the render of the first page, and its size."""
    reads, renders, size = [], [], 0
    renderer, urls = Renderer(), WebUrls()
    maps = map_setup(Settings(db=url), urls, True)
    with Library.open(url) as library:
        for _ in range(repeat):
            began = time.perf_counter()
            page = load_places(library, urls, maps)
            read = time.perf_counter()
            size = len(renderer.render_utf8(page))
            reads.append((read - began) * 1000)
            renders.append((time.perf_counter() - read) * 1000)
    return statistics.median(reads), statistics.median(renders), size


def write_peer(url: str, folder: Path) -> None:
    """Every place linked to every feature that names it, on one page: the page before paging."""
    urls = WebUrls()
    places: dict[str, tuple[PlaceRow, list[PlaceMention]]] = {}
    with Library.open(url) as library, library.engine.connect() as conn:
        query = (
            select(PlaceRow, FeatureRow.slug, FeatureRow.title)
            .join(FeatureRow, FeatureRow.id == PlaceRow.feature_id)
            .order_by(PlaceRow.key)
        )
        for row in conn.execute(query):
            anchor = place_anchor(TextRef(row.block, row.field, row.paragraph), row.start)
            mention = PlaceMention(f"{urls.feature(row.slug)}#{anchor}", row.title)
            places.setdefault(row.key, (row, []))[1].append(mention)
    items = tuple(
        PlaceItem(p.name, p.modern_name, p.chinese, p.kind, p.lat, p.lon, p.bbox or "", tuple(m))
        for p, m in places.values()
    )
    page = PlacesPage(make_chrome(urls), items, map_setup(Settings(db=url), urls, True))
    (folder / "peer").mkdir(parents=True, exist_ok=True)
    (folder / "peer" / "places.html").write_bytes(Renderer().render_utf8(page))


def first_answer(address: str) -> float:
    """Milliseconds of one GET."""
    began = time.perf_counter()
    with urllib.request.urlopen(address) as response:
        response.read()
    return (time.perf_counter() - began) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    url = f"sqlite:///{args.library}"
    console = Console(width=150)
    began = time.perf_counter()
    Library.open(url).close()  # migrated (0016 fills the places table) before timing
    console.print(f"opened (and migrated) in {time.perf_counter() - began:.1f} s")
    read, render, size = in_process(url, args.repeat)
    console.print(
        f"in process: reads {read:.1f} ms, render {render:.1f} ms, {size:,} bytes (median of {args.repeat})"
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_peer(url, folder)
        base = serve(url, folder)
        cold = first_answer(base + "/places")
        console.print(f"/places, first answer (a cache miss): {cold:.0f} ms")
        table = page_table(f"Places page, {args.library.name} (median of {args.repeat})")
        pages = {"/places (kept answer)": "/places", "/zh-hant/places": "/zh-hant/places"}
        pages["peer: every place and feature on one page (static file)"] = "/peer/places.html"
        for name, path in pages.items():
            server, sent, html = fetch(base + path, args.repeat)
            try:
                browser = [f"{v:,.0f}" for v in in_browser(base + path, min(args.repeat, 3))]
            except PlaywrightTimeout:  # the whole peer page can take Chromium over its 120 s
                browser = ["-", "> 120,000", "> 120,000"]
            table.add_row(name, *(f"{value:,.0f}" for value in (server, sent, html)), *browser)
        console.print(table)


if __name__ == "__main__":
    main()
