"""Hostile URLs on SQLite and PostgreSQL: 4xx answers, never a 500, never a file from outside."""

from __future__ import annotations

from pathlib import Path

from factories import make_feature
from handscroll.config import Settings
from handscroll.enrich import enrich_feature
from handscroll.publish.web import create_app
from handscroll.store import Library
from publish.builders import fill_library, write_picture
from publish.live import serve
from robustness.probes import hostile_urls, probe

REGRESSIONS = ("/features/%00", "/api/features?series=%00", "/api/features?limit=99999999999999999999999")
"""Probes that found a 500 once (issue 10 item 2, and the page number found by this suite)."""


def test_hostile_urls_get_no_500_and_no_escape(tmp_path: Path, library_url: str) -> None:
    feature = make_feature()
    fill_library(library_url, [feature])
    with Library.open(library_url) as library:
        library.save_enrichments([(feature.slug, enrich_feature(feature))])
    write_picture(tmp_path / "media", feature.media_ids[0])
    settings = Settings(db=library_url, media_dir=tmp_path / "media")
    app = create_app(library_url, settings, cache_dir=tmp_path / "cache")
    with serve(app) as base:
        # A fixed sample in CI (the benchmark sends all of them); the sample always
        # holds the probes that once gave a 500.
        tally = probe(base, limit=700)
        for target in REGRESSIONS:
            tally.add(base, target)
    assert len(hostile_urls()) > 1500 and tally.tried == 700 + len(REGRESSIONS)
    assert tally.failures == []
    assert tally.statuses[200] > 0 and tally.statuses[404] > 0  # the probes reached real routes
