"""Listings by keyset (issue 11): every page walk gives exactly the full listing, in its order.

The full listings (`list_features`, `list_series`, `timeline`, `glossary`) are the
reference; a walk page by page, of every page size, must give them back with nothing
missing or repeated, on both databases.
"""

from __future__ import annotations

import pytest

from factories import make_feature
from handscroll.enrich import enrich_feature
from handscroll.errors import NotFoundError
from handscroll.model import Paragraph, Question
from handscroll.store import ImportItem, Library
from handscroll.store.listing import PartKey, TermKey

SPECS = (
    {"slug": "b-2", "series": "series_b", "part": 2, "title": "Later"},
    {"slug": "loose", "series": None, "part": None, "title": "Standalone"},
    {"slug": "loose-3", "series": None, "part": 3, "title": "Numbered but alone"},
    {"slug": "aside", "series": None, "part": None, "title": "Aside"},
    {"slug": "a-none", "series": "series_a", "part": None, "title": "Unnumbered"},
    {"slug": "a-none-2", "series": "series_a", "part": None, "title": "Also unnumbered"},
    {"slug": "a-1-zeta", "series": "series_a", "part": 1, "title": "zeta"},
    {"slug": "a-1-beta", "series": "series_a", "part": 1, "title": "Beta"},  # "B" < "z" by code point
    {"slug": "a-1-beta-2", "series": "series_a", "part": 1, "title": "Beta"},  # same title: slug decides
    {"slug": "a-10", "series": "series_a", "part": 10, "title": "Ten"},
    {"slug": "a-2", "series": "series_a", "part": 2, "title": "二"},
    {"slug": "c-1", "series": "series_c", "part": 1, "title": "Only"},
)
"""Ties on part and title, unnumbered parts, features in no series (numbered or not)."""


@pytest.fixture
def shelf(library: Library) -> Library:
    features = [
        make_feature(**spec, blocks=(Paragraph(text=_text(at, str(spec["title"]))),))
        for at, spec in enumerate(SPECS)
    ]
    library.import_features([ImportItem(f, f"{f.slug}.txt", f"{i:064d}") for i, f in enumerate(features)])
    library.save_enrichments([(f.slug, enrich_feature(f)) for f in features])
    return library


def _text(at: int, title: str) -> str:
    """Dates shared by every feature (ties in the timeline), terms shared and of its own."""
    return (
        f"In 1937 and in May 1946 {title} met Chiang Kai-shek (蔣介石) in Harbin (哈爾濱) and "
        f"Army Unit {chr(65 + at % 4)} ({'甲乙丙丁'[at % 4]}部隊)."
    )


@pytest.mark.parametrize("size", [1, 2, 3, 5, 50])
def test_walking_the_library_page_by_page_gives_the_listing(shelf: Library, size: int) -> None:
    walked, after = [], None
    while page := shelf.features_page(after=after, limit=size):
        assert len(page) <= size
        walked += page
        after = (page[-1].series, PartKey.of(page[-1]))
    assert walked == shelf.list_features()


def test_a_series_pages_forward_and_back(shelf: Library) -> None:
    parts = shelf.list_features(series="series_a")
    order = ["a-1-beta", "a-1-beta-2", "a-1-zeta", "a-2", "a-10", "a-none-2", "a-none"]
    assert [p.slug for p in parts] == order
    for at, part in enumerate(parts):
        key = PartKey.of(part)
        assert shelf.parts_page("series_a", after=key, limit=3) == parts[at + 1 : at + 4]
        assert shelf.parts_page("series_a", before=key, limit=3) == parts[max(0, at - 3) : at]
    assert shelf.parts_page("series_a", limit=100) == parts
    assert shelf.parts_page("no_such_series", limit=5) == []
    loose = [s for s in shelf.list_features() if s.series is None]
    assert shelf.parts_page(None, limit=10) == loose
    assert shelf.parts_page(None, before=PartKey.of(loose[-1]), limit=10) == loose[:-1]


def test_series_page_by_key(shelf: Library) -> None:
    every = shelf.list_series()
    assert shelf.series_page(limit=2) == every[:2]
    assert shelf.series_page(after=every[0].key, limit=5) == every[1:]
    assert shelf.series_page(before=every[2].key, limit=1) == every[1:2]
    assert shelf.series_page(after=every[-1].key, limit=5) == []


def test_a_feature_view_has_its_neighbours_and_series_title(shelf: Library) -> None:
    shelf.set_series_title("series_a", "The A series")
    parts = shelf.list_features(series="series_a")
    for at, part in enumerate(parts):
        view = shelf.feature_view(part.slug)
        assert view.feature == shelf.get_feature(part.slug)
        assert view.enrichment == shelf.get_enrichment(part.slug)
        assert view.series_title == "The A series"
        assert view.before == tuple(reversed(parts[max(0, at - 6) : at]))  # nearest first
        assert view.after == tuple(parts[at + 1 : at + 7])
    alone = shelf.feature_view("loose")
    assert (alone.before, alone.after, alone.series_title) == ((), (), None)
    untitled = shelf.feature_view("c-1")  # a series with no title is called by its first part's (issue 14)
    assert untitled.series_title == shelf.get_series(untitled.feature.series or "").first_title
    assert untitled.series_title is not None
    with pytest.raises(NotFoundError):
        shelf.feature_view("no-such-feature")


@pytest.mark.parametrize("series", [None, "series_a"])
def test_the_timeline_pages_by_time(shelf: Library, series: str | None) -> None:
    walked, after = [], None
    while page := shelf.timeline_page(series=series, after=after, limit=3):
        walked += [entry for entry, _ in page]
        after = page[-1][1]
    assert walked == shelf.timeline(series=series)
    assert len(walked) > 6


def test_the_timeline_pages_never_show_a_hidden_answer(shelf: Library) -> None:
    told = make_feature(
        slug="told",
        series="series_a",
        part=99,
        title="Told",
        blocks=(Question(prompt="What happened next?", answer=("The treaty was signed in 1953.",)),),
    )
    shelf.import_features([ImportItem(told, "told.txt", "f" * 64)])
    shelf.save_enrichments([(told.slug, enrich_feature(told))])
    assert any(e.value == "1953" for e in enrich_feature(told).events)  # the answer has a date...
    walked = [entry for entry, _ in shelf.timeline_page(series=None, after=None, limit=1000)]
    assert not [entry for entry in walked if entry.value == "1953"]  # ...no timeline shows it
    assert walked == shelf.timeline()


@pytest.mark.parametrize("series", [None, "series_b"])
def test_the_glossary_pages_by_name(shelf: Library, series: str | None) -> None:
    walked, after = [], None
    while page := shelf.glossary_page(series=series, after=after, limit=1):
        walked += page
        after = TermKey.of(page[-1])
    assert walked == sorted(shelf.glossary(series=series), key=TermKey.of)
    assert walked


def test_a_feature_stamp_changes_with_what_its_page_shows_only(shelf: Library) -> None:
    before = shelf.feature_stamp("a-2")
    assert before is not None and before == shelf.feature_stamp("a-2")
    moved = shelf.get_feature("c-1").model_copy(update={"title": "Elsewhere, changed"})
    shelf.import_features([ImportItem(moved, "c-1.txt", "c" * 64)])  # another series
    assert shelf.feature_stamp("a-2") == before
    neighbour = shelf.get_feature("a-10").model_copy(update={"title": "Ten, renamed"})
    shelf.import_features([ImportItem(neighbour, "a-10.txt", "d" * 64)])  # its next part's card
    after = shelf.feature_stamp("a-2")
    assert after != before
    shelf.set_series_title("series_a", "A new name")
    assert shelf.feature_stamp("a-2") != after
    assert shelf.feature_stamp("no-such-feature") is None
    shelf.approve_quiz_items("a-2", ["some-item"])  # self-checks draw on the whole series: no stamp
    assert shelf.feature_stamp("a-2") is None
