"""Reading the library: get, list, count, series, delete, and what is not there."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from factories import make_feature
from handscroll.errors import NotFoundError
from handscroll.store import FeatureSummary, ImportItem, Library, SeriesSummary

from .conftest import Dump


def add(library: Library, *specs: dict[str, object]) -> None:
    library.import_features(
        [ImportItem(make_feature(**spec), f"{spec['slug']}.txt", str(i) * 64) for i, spec in enumerate(specs)]
    )


@pytest.fixture
def shelf(library: Library) -> Library:
    """A library of six features in two series and none, imported out of order."""
    add(
        library,
        {"slug": "b-2", "series": "series_b", "part": 2, "title": "Later"},
        {"slug": "loose", "series": None, "part": None, "title": "Standalone"},
        {"slug": "a-none", "series": "series_a", "part": None, "title": "Unnumbered"},
        {"slug": "a-1-zeta", "series": "series_a", "part": 1, "title": "zeta"},
        {"slug": "a-1-beta", "series": "series_a", "part": 1, "title": "Beta"},  # "B" < "z" by code point
        {"slug": "a-10", "series": "series_a", "part": 10, "title": "Ten"},
    )
    return library


def test_list_orders_by_series_part_title(shelf: Library) -> None:
    slugs = [summary.slug for summary in shelf.list_features()]
    assert slugs == ["a-1-beta", "a-1-zeta", "a-10", "a-none", "b-2", "loose"]


def test_list_pages_with_offset_and_limit(shelf: Library) -> None:
    assert [s.slug for s in shelf.list_features(offset=2, limit=2)] == ["a-10", "a-none"]
    assert [s.slug for s in shelf.list_features(offset=5)] == ["loose"]
    assert shelf.list_features(offset=6) == []


def test_list_and_count_one_series(shelf: Library) -> None:
    assert [s.slug for s in shelf.list_features(series="series_b")] == ["b-2"]
    assert shelf.count_features(series="series_a") == 4
    assert shelf.count_features() == 6
    assert shelf.list_features(series="no_such_series") == []
    assert shelf.count_features(series="no_such_series") == 0


def test_a_summary_describes_the_feature(library: Library) -> None:
    feature = make_feature()
    start = datetime.now(UTC)
    library.import_features([ImportItem(feature, "in/a.txt", "a" * 64)])

    (summary,) = library.list_features()

    assert summary == FeatureSummary(
        slug=feature.slug,
        title=feature.title,
        part=4,
        series="testsite_civilwar",
        language="en",
        hero="testsite_civilwar04_9",
        figures=len(feature.figures),
        source="in/a.txt",
        updated_at=summary.updated_at,
    )
    assert summary.figures == 2
    assert summary.updated_at.tzinfo is not None
    assert start - timedelta(seconds=5) <= summary.updated_at <= datetime.now(UTC) + timedelta(seconds=5)


def test_list_series_counts_features_by_key(shelf: Library) -> None:
    found = shelf.list_series()
    assert [(s.key, s.title, s.features) for s in found] == [("series_a", None, 4), ("series_b", None, 1)]
    # Untitled, a series is called by its first part's title, never its key (issue 14).
    assert all(s.first_title and s.display_title == s.first_title for s in found)


def test_delete_removes_the_feature_and_its_blocks(shelf: Library, dump: Callable[[], Dump]) -> None:
    before = dump()
    (gone_id,) = [row[0] for row in before["features"] if "b-2" in row]
    assert any(row[1] == gone_id for row in before["blocks"])

    shelf.delete_feature("b-2")

    after = dump()
    # Blocks are not loaded by the ORM (passive deletes): the database's ON
    # DELETE CASCADE, with SQLite foreign keys on, is what removes them.
    assert not any(row[1] == gone_id for row in after["blocks"])
    assert len(after["blocks"]) == len(before["blocks"]) - len(make_feature().blocks)
    assert [s.slug for s in shelf.list_features()] == ["a-1-beta", "a-1-zeta", "a-10", "a-none", "loose"]
    # The emptied series row stays, but is no longer listed.
    assert [s.key for s in shelf.list_series()] == ["series_a"]
    assert len(after["series"]) == 2


def test_a_deleted_slug_can_be_imported_again(shelf: Library) -> None:
    shelf.delete_feature("b-2")
    add(shelf, {"slug": "b-2", "series": "series_b", "part": 2, "title": "Later"})
    assert shelf.get_feature("b-2") == make_feature(slug="b-2", series="series_b", part=2, title="Later")
    assert [s.key for s in shelf.list_series()] == ["series_a", "series_b"]


def test_missing_slugs_raise_not_found(shelf: Library) -> None:
    with pytest.raises(NotFoundError, match=r"^no feature 'nope' in the library$"):
        shelf.get_feature("nope")
    with pytest.raises(NotFoundError, match=r"^no feature 'nope' in the library$"):
        shelf.delete_feature("nope")
    shelf.delete_feature("loose")
    with pytest.raises(NotFoundError, match="'loose'"):
        shelf.get_feature("loose")


def test_a_series_gets_a_title_and_keeps_it(library: Library) -> None:
    feature = make_feature()
    library.import_features([ImportItem(feature, "a.txt", "0" * 64)])
    assert feature.series is not None
    assert library.get_series(feature.series).title is None
    library.set_series_title(feature.series, "中國內戰 · The Civil War")
    assert library.get_series(feature.series) == SeriesSummary(
        feature.series, "中國內戰 · The Civil War", 1, feature.title
    )
    assert [s.title for s in library.list_series()] == ["中國內戰 · The Civil War"]
    with pytest.raises(NotFoundError, match="no series 'nope'"):
        library.set_series_title("nope", "x")
    with pytest.raises(NotFoundError, match="no series 'nope'"):
        library.get_series("nope")
