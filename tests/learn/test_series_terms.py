"""A feature's term items read the parts around it, not its whole series (issue 11): a page with
self-checks cost seconds in a series of 3,333 parts, and a worksheet timed out."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import make_feature
from handscroll.learn import load
from handscroll.model import Enrichment, Paragraph
from handscroll.publish.exports import ExportRequest, select_features
from handscroll.store import Library
from publish.builders import fill_enriched_library

PLACES = ("Harbin (哈爾濱)", "Changchun (長春)", "Mukden (瀋陽)", "Dalian (大連)", "Jilin (吉林)")


def test_the_terms_come_from_the_nearest_parts_and_a_worksheet_from_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    parts = [
        make_feature(
            title=f"Part {n}",
            slug=f"part-{n:02d}",
            part=n,
            series="long",
            blocks=(Paragraph(text=f"The train left {PLACES[n % len(PLACES)]} on time."),),
        )
        for n in range(1, 31)
    ]
    fill_enriched_library(url, parts)
    monkeypatch.setattr(load, "SERIES_NEIGHBOURS", 3)
    with Library.open(url) as library:
        read: list[str] = []
        real = library.get_enrichment

        def counted(slug: str) -> Enrichment | None:
            read.append(slug)
            return real(slug)

        monkeypatch.setattr(library, "get_enrichment", counted)
        terms = load.series_terms(library, library.get_feature("part-15"))
        assert sorted(read) == [f"part-{n:02d}" for n in (12, 13, 14, 16, 17, 18)]
        assert {t.english for t in terms} == {PLACES[n % 5].split(" ")[0] for n in (12, 13, 14, 16, 17, 18)}
        # A worksheet's glossary is its own feature's terms, not every feature's that share them.
        chosen = select_features(library, ExportRequest(slug="part-15"))
        assert [(g.english, g.slugs) for g in chosen.glossary] == [("Harbin", ("part-15",))]
