"""Names, not keys (issue 14 item 6): a series' title from `series.yaml` beside the files, from a
feature's front matter, or by hand; until then its first part's title, never a media stem; a key
figure that counts nothing is no fact card."""

from __future__ import annotations

from pathlib import Path

import pytest

from handscroll.config import Settings
from handscroll.errors import ReadError
from handscroll.ingest import read_path
from handscroll.ingest.series_titles import read_series_titles
from handscroll.pipeline import import_paths
from handscroll.samples import SERIES, SERIES_TITLE, sample_paths
from handscroll.store import Library

SEED = Path(__file__).parents[2] / "shared" / "seed" / "000_cc4507d8b73957ad.txt"

FEATURE_MD = """---
title: A Harbour in Winter
series: portsite_harbours
series_title: Harbours of the South China Coast
part: 2
---

Junks lay at anchor through the winter of 1946.
"""


def test_series_yaml_gives_titles_and_names_its_mistakes_by_line(tmp_path: Path) -> None:
    good = tmp_path / "series.yaml"
    good.write_text(
        "# titles\nportsite_harbours: Harbours of the South China Coast\nrivers:\n  title: Rivers\n",
        encoding="utf-8",
    )
    assert read_series_titles(good) == {
        "portsite_harbours": "Harbours of the South China Coast",
        "rivers": "Rivers",
    }
    bad = tmp_path / "bad.yaml"
    bad.write_text("portsite_harbours: Harbours\nrivers:\n  name: Rivers\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"bad\.yaml:2: series 'rivers' needs a title"):
        read_series_titles(bad)
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: b\n  c: [\n", encoding="utf-8")
    with pytest.raises(ReadError, match=r"broken\.yaml:\d+: the series titles are not valid YAML"):
        read_series_titles(broken)


def test_front_matter_names_the_series_and_needs_the_series_it_names(tmp_path: Path) -> None:
    path = tmp_path / "harbour.md"
    path.write_text(FEATURE_MD, encoding="utf-8")
    assert read_path(path, Settings()).series_title == "Harbours of the South China Coast"
    path.write_text(FEATURE_MD.replace("series: portsite_harbours\n", ""), encoding="utf-8")
    with pytest.raises(ReadError, match=r"harbour\.md:\d+: front matter series_title needs the series"):
        read_path(path, Settings())


def test_import_titles_the_series_from_its_folder_and_its_front_matter(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    (tmp_path / "harbour.md").write_text(FEATURE_MD, encoding="utf-8")
    with Library.open(url) as library:
        summary = import_paths([str(p) for p in sample_paths()] + [str(tmp_path)], library, Settings(db=url))
        assert not summary.failed
        titles = {s.key: s.display_title for s in library.list_series()}
    assert titles[SERIES] == SERIES_TITLE  # samples/features/series.yaml
    assert titles["portsite_harbours"] == "Harbours of the South China Coast"


def test_a_bad_series_yaml_is_an_error_of_the_run_with_file_and_line(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    (tmp_path / "harbour.md").write_text(FEATURE_MD, encoding="utf-8")
    (tmp_path / "series.yaml").write_text("portsite_harbours: [a, list]\n", encoding="utf-8")
    with Library.open(url) as library:
        summary = import_paths([str(tmp_path)], library, Settings(db=url), all_or_nothing=True)
        assert summary.failed and "series.yaml:1" in str(summary.errors[0])
        assert library.list_features() == []


def test_an_untitled_series_is_called_by_its_first_part_never_by_its_key(tmp_path: Path) -> None:
    if not SEED.exists():
        pytest.skip("the seed is not in ../shared/seed")
    from starlette.testclient import TestClient

    from handscroll.publish.web import create_app

    url = f"sqlite:///{tmp_path / 'library.db'}"
    settings = Settings(db=url)
    with Library.open(url) as library:
        assert not import_paths([str(SEED)], library, settings).failed
        (series,) = library.list_series()
    assert series.key == "mainsite_psd_neizhanyi" and series.title is None
    with TestClient(create_app(url, settings, cache_dir=tmp_path / "cache")) as client:
        for path in (
            "/",
            f"/series/{series.key}",
            "/features/" + library_slug(url),
            "/timeline",
            "/search?q=Shenyang",
        ):
            page = client.get(path).text
            shown = page.replace(f"/series/{series.key}", "")  # in addresses and values it may stand
            shown = shown.replace(f'data-series="{series.key}"', "").replace(f'value="{series.key}"', "")
            assert "mainsite_psd_neizhanyi" not in shown, path
        feature = client.get("/features/" + library_slug(url)).text
        assert "Outer Mongolia" in feature.split('class="breadcrumb"')[1].split("</nav>")[0]
        # "USD 6 billion" counts nothing: no card; "1.5 million Soviet troops" does.
        cards = feature.split('id="extra-figures"')[1].split("</section>")[0]
        assert "USD 6 billion" not in cards and "Soviet troops" in cards


def library_slug(url: str) -> str:
    with Library.open(url) as library:
        return library.list_features()[0].slug
