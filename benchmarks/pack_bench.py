"""The teacher's pack of a 10-feature series: how long `handscroll export pdf` takes and how big the
file is, beside the EPUB of the same series (issue 15).

The series is the three English samples, each taken three or four times with
its own title and part number (10 features, 7 to 8 pictures each, drawn by
`generate_sample_media`), every self-check item approved. Each export runs
`--runs` times in this process; the table gives the median and the size.

There is no peer that makes the same document; the EPUB export (same
chapters, pictures re-encoded, no layout) is the figure beside it.

Usage: python benchmarks/pack_bench.py [--runs 3]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from handscroll.config import Settings
from handscroll.learn.load import load_quiz
from handscroll.pipeline import import_paths
from handscroll.publish.exports import EXPORT_FORMATS, ExportRequest
from handscroll.samples import sample_paths
from handscroll.samples.images import generate_sample_media
from handscroll.store import Library

SERIES = "handscroll_sample_civilwar"
FEATURES = 10


def write_series(folder: Path) -> list[Path]:
    """Ten legacy-text features of the sample series, the samples in turn, each with its own title."""
    paths = []
    samples = [p.read_text(encoding="utf-8") for p in sample_paths()]
    for number in range(1, FEATURES + 1):
        text = samples[(number - 1) % len(samples)]
        # The title line is "(N) Title": a new part number and a distinct title make a new feature.
        text = re.sub(r"^\(\d+\) (.+)$", rf"({number}) \1, part {number}", text, count=1, flags=re.M)
        path = folder / f"part-{number:02}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def timed(fmt: str, library: Library, request: ExportRequest, out: Path, runs: int) -> tuple[float, int]:
    """Median seconds of `runs` exports, and the size of the last file written."""
    export = EXPORT_FORMATS[fmt].load()
    seconds = []
    for _ in range(runs):
        if out.exists():
            out.unlink()
        start = time.perf_counter()
        export(library, request, out)
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), out.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        media = folder / "media"
        generate_sample_media(media)  # the copies share the samples' media ids, so their pictures
        url = f"sqlite:///{folder / 'library.db'}"
        with Library.open(url) as library:
            summary = import_paths([str(p) for p in write_series(folder)], library, Settings())
            assert not summary.errors, summary.errors
            items = 0
            for feature in library.list_features(series=SERIES):
                quiz, _ = load_quiz(library, feature.slug)
                library.approve_quiz_items(feature.slug, [item.id for item in quiz.items])
                items += len(quiz.items)
            count = library.count_features(series=SERIES)
            request = ExportRequest(series=SERIES, media_dir=media)
            print(f"{count} features, {items} self-check items approved, {runs} runs each\n")
            print(f"{'export':<28}{'median s':>10}{'MB':>8}{'pages':>7}")
            for fmt, name in (("pdf", "pack.pdf"), ("epub", "book.epub")):
                seconds, size = timed(fmt, library, request, folder / name, runs)
                pages = ""
                if fmt == "pdf" and shutil.which("pdfinfo"):
                    info = subprocess.run(["pdfinfo", str(folder / name)], capture_output=True, text=True)
                    pages = re.search(r"Pages:\s+(\d+)", info.stdout).group(1)  # type: ignore[union-attr]
                print(f"{'export ' + fmt + ' --series':<28}{seconds:>10.2f}{size / 1e6:>8.2f}{pages:>7}")


if __name__ == "__main__":
    main()
