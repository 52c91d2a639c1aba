"""Two writers on one SQLite file queue on the lock instead of failing."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from factories import make_feature
from handscroll.store import ImportItem, Library


def test_an_import_waits_for_another_writer(tmp_path: Path) -> None:
    path = tmp_path / "library.db"
    with Library.open(f"sqlite:///{path}") as library:
        library.import_features([ImportItem(make_feature(slug="first"), "first.txt", "1" * 64)])
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO series (key) VALUES ('written_elsewhere')")
            release = threading.Timer(0.3, other.execute, ["COMMIT"])
            release.start()
            # A deferred transaction would read a snapshot now, then fail with
            # "database is locked" when it tried to write after the other commit.
            report = library.import_features(
                [ImportItem(make_feature(slug="second", series="testsite_new"), "second.txt", "2" * 64)]
            )
            release.join()
        finally:
            other.close()
        assert report.added == 1
        assert library.count_features() == 2
