"""The CPU of one first render of a feature page, by stage (issue 11): where a long tail's misses go.

Opens a library (a serve_bench one: `--library /tmp/bench/s10k.db`), picks `--pages`
distinct feature slugs at random and makes each page once, in process, as the reader does
on a cache miss: the reads (`Library.feature_view`, which gives the page's stamp too),
the context (`contexts.feature_page`), the Jinja render, and the answer kept (gzip and
ETag). CPU by `time.process_time` per stage, medians and means; `--profile` prints the
cProfile of a second round of other slugs, the costliest functions first. The page's parts kept
in the library (`page_parts`, issue 11) are read as the reader reads them (run `handscroll
prepare-pages` on the library first, or the first round makes and keeps them);
`--without-kept` works them out on every render instead, as before they were kept.

Not a test: nothing here asserts.

    python benchmarks/render_profile.py --library /tmp/bench/s10k.db [--pages 500] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

from handscroll.config import Settings
from handscroll.publish.enriched import map_setup
from handscroll.publish.http_cache import Rendered
from handscroll.publish.loaders import load_feature
from handscroll.publish.media import MediaLibrary
from handscroll.publish.render import Renderer
from handscroll.publish.urls import WebUrls
from handscroll.samples.images import generate_sample_media
from handscroll.store import Library

STAGES = ("reads", "context", "jinja", "gzip+etag")


def slugs_of(db: Path, count: int, seed: int) -> list[str]:
    """`count` distinct slugs drawn at random."""
    engine = create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        found = [row[0] for row in conn.execute(text("SELECT slug FROM features"))]
    engine.dispose()
    return random.Random(seed).sample(found, min(count, len(found)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, required=True)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--language", default="en", help="the interface language (en, zh-hant, zh-hans)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--without-kept", action="store_true", help="work out the kept parts every time")
    args = parser.parse_args()
    url = f"sqlite:///{args.library}"
    slugs = slugs_of(args.library, args.pages * 2, seed=11)
    with tempfile.TemporaryDirectory() as tmp:
        media_dir = Path(tmp) / "media"
        generate_sample_media(media_dir)
        store = Library.open(url)
        settings = Settings(db=url, media_dir=media_dir)
        urls = WebUrls().in_language(args.language)
        media = MediaLibrary(media_dir, Path(tmp) / "cache")
        renderer = Renderer()
        maps = map_setup(settings, urls, True)

        def one(slug: str, times: dict[str, list[float]] | None) -> int:
            clock = time.process_time
            t1 = clock()
            view = store.feature_view(slug)
            t2 = clock()
            page = load_feature(store, slug, media, urls, maps, view=view, kept=not args.without_kept)
            t3 = clock()
            html = renderer.render_utf8(page)
            t4 = clock()
            Rendered.make(html, "text/html")
            t5 = clock()
            if times is not None:
                for stage, spent in zip(STAGES, (t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
                    times[stage].append(spent * 1000)
            return len(html)

        for slug in slugs[:20]:  # templates compiled, the first connection opened
            one(slug, None)
        times: dict[str, list[float]] = {stage: [] for stage in STAGES}
        sizes = [one(slug, times) for slug in slugs[20 : 20 + args.pages]]
        totals = [sum(parts) for parts in zip(*times.values(), strict=True)]
        size = statistics.median(sizes)
        kept = "worked out each time" if args.without_kept else "kept"
        print(f"{len(sizes)} first renders, {args.language}, parts {kept}, median page {size:,.0f} bytes")
        print(f"{'stage':<10} {'median ms':>10} {'mean ms':>9}")
        for stage, spent in [*times.items(), ("total", totals)]:
            print(f"{stage:<10} {statistics.median(spent):>10.2f} {statistics.mean(spent):>9.2f}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            for slug in slugs[20 + args.pages :]:
                one(slug, None)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
        store.close()


if __name__ == "__main__":
    main()
