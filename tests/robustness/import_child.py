"""Run one `import` in a process of its own, so a test can SIGKILL it: `python import_child.py DB FOLDER`."""

from __future__ import annotations

import sys

from handscroll.config import Settings
from handscroll.pipeline import import_paths
from handscroll.store import Library

if __name__ == "__main__":
    url, folder = sys.argv[1], sys.argv[2]
    with Library.open(url) as library:
        summary = import_paths([folder], library, Settings(db=url))
    print(f"added {summary.report.added} errors {len(summary.errors)}", flush=True)
