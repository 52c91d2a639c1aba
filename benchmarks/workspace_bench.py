"""What the editors' workspace costs (issue 13): an import that also writes a published revision
per feature, against the same import without (what `handscroll import` did before); one publish
from the editor (read, enrich, write through the import path); one login (argon2id as shipped).

    python benchmarks/workspace_bench.py [--count 2000] [--repeat 20]

Prints medians and ratios. The corpus is import_bench's (the samples, varied, seed-sized).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).parent))

from import_bench import generate

from handscroll.config import Settings
from handscroll.ingest import read_path
from handscroll.store import ImportItem, Library
from handscroll.workspace.accounts import add_account, check_login
from handscroll.workspace.imports import record_published
from handscroll.workspace.publishing import publish
from handscroll.workspace.revisions import latest_revision, save_revision
from handscroll.workspace.roles import Role


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        settings = Settings()
        items = [
            ImportItem(read_path(p, settings).feature, str(p), f"{n:064d}")
            for n, p in enumerate(generate(folder, args.count))
        ]
        rows = []
        timings = {}
        for label, with_revisions in (("import, before issue 13", False), ("import with revisions", True)):
            with Library.open(f"sqlite:///{folder / f'{with_revisions}.db'}") as library:
                start = time.perf_counter()
                for chunk in range(0, len(items), 500):
                    batch = items[chunk : chunk + 500]
                    then = (lambda s, r, b=batch: record_published(s, b, r)) if with_revisions else None
                    library.import_features(batch, then=then)
                timings[label] = time.perf_counter() - start
                rows.append((label, f"{args.count / timings[label]:,.0f} features/s"))
        ratio = timings["import with revisions"] / timings["import, before issue 13"]
        with Library.open(f"sqlite:///{folder / 'True.db'}") as library:
            account = add_account(library, "pia", Role.PUBLISHER, "a long enough password")
            slug = items[0].feature.slug
            publishes, logins = [], []
            for n in range(args.repeat):
                latest = latest_revision(library, slug)
                assert latest is not None
                text = latest.markdown.replace("\n---\n", f"\n---\n\nRevision {n}.\n", 1)
                text = re.sub(r"(::: figure \S+\n)(?!alt:)", r"\1alt: A photograph\n\n", text)
                save_revision(library, slug, text, account, "bench", latest.id)
                start = time.perf_counter()
                publish(library, slug, account)
                publishes.append(time.perf_counter() - start)
                start = time.perf_counter()
                check_login(library, "pia", "a long enough password", "127.0.0.1")
                logins.append(time.perf_counter() - start)
    table = Table(title=f"Workspace costs, {args.count} seed-sized features, SQLite")
    table.add_column("what")
    table.add_column("median / rate", justify="right")
    for label, value in rows:
        table.add_row(label, value)
    table.add_row("revisions' share of an import", f"{ratio:.2f}x the time")
    table.add_row("publish one feature (enrich + write)", f"{statistics.median(publishes) * 1000:.0f} ms")
    table.add_row("one login (argon2id, defaults)", f"{statistics.median(logins) * 1000:.0f} ms")
    console.print(table)


if __name__ == "__main__":
    main()
