"""The library's places (issue 11): copied out of each enrichment when it is written, read a page
at a time, each place once with its first few features and the count of the others."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine

from factories import make_feature
from handscroll.model import Enrichment, Paragraph, Place, Span, TextRef
from handscroll.model.annotations import PlaceKind
from handscroll.store import ImportItem, Library, places
from handscroll.store.places import LINKS, PlaceGroup
from handscroll.store.tables import PlaceRow

from .conftest import downgrade


def place(name: str, lat: float, *, field: str = "text", at: int = 0, kind: PlaceKind = "city") -> Place:
    """A place named once, in the first paragraph (or where `field` says)."""
    span = Span(TextRef(0, field), at, at + len(name))
    return Place(name, name, kind, lat, 100.0, None, (span,), "gazetteer")


def item(slug: str, *places: Place, title: str | None = None) -> ImportItem:
    """A feature of the library naming `places`."""
    feature = make_feature(
        slug=slug,
        title=title or slug.title(),
        blocks=(Paragraph(text="Words."),),
    )
    return ImportItem(feature, f"{slug}.txt", "0" * 64, Enrichment(feature.content_hash(), places=places))


def all_pages(library: Library, limit: int) -> list[list[PlaceGroup]]:
    """Every page of the places list, read forwards by cursor."""
    pages, after = [], None
    while True:
        found = library.places_slice(after=after, limit=limit)
        pages.append(list(found.groups))
        if found.after is None:
            return pages
        after = found.after


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    """The SQL statements run on `engine` inside the block."""
    statements: list[str] = []

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", seen)


def test_each_feature_names_a_place_once_and_never_from_a_hidden_answer(library: Library) -> None:
    library.import_features(
        [
            item(
                "one",
                place("Mukden", 41.8, at=3),
                place("Mukden", 41.8, at=9),  # the same place again: its first mention is kept
                place("Nowhere", 10.0, field="answer"),  # named only in a model answer
            )
        ]
    )
    [group] = library.places_slice(limit=10).groups
    assert (group.name, group.count, group.kind) == ("Mukden", 1, "city")
    [link] = group.links
    assert (link.slug, link.block, link.field, link.paragraph, link.start) == ("one", 0, "text", 0, 3)


def test_paging_returns_each_place_once_in_order_both_ways(library: Library) -> None:
    names = [f"Town {n:02d}" for n in range(11)] + ["town 05b", "Ürümqi"]
    library.import_features([item(f"f{n}", place(name, 30.0 + n)) for n, name in enumerate(names)])
    pages = all_pages(library, limit=4)
    listed = [g.modern_name for page in pages for g in page]
    assert sorted(listed) == sorted(names) and len(listed) == len(set(listed))
    assert listed == sorted(names, key=str.casefold) and [len(p) for p in pages] == [4, 4, 4, 1]
    last = library.places_slice(after=pages[-2][-1].key, limit=4)
    assert last.after is None and last.before is not None
    back = library.places_slice(before=last.before, limit=4)
    assert back.groups == tuple(pages[-2]) and back.before == pages[-2][0].key


def test_a_page_costs_the_same_whatever_the_number_of_features(library: Library) -> None:
    """China named by 30 features is one place with `LINKS` links; reading the page takes the same
    statements as with 3 (issue 11: no request's cost grows with the library)."""
    china = place("China", 35.9, kind="country")
    shown: list[tuple[int, int, int]] = []
    for size in (3, 30):
        library.import_features([item(f"f{n:03d}", china, place(f"Town {n}", n)) for n in range(size)])
        with counted(library.engine) as statements:
            found = library.places_slice(limit=5)
        head = next(g for g in found.groups if g.modern_name == "China")
        shown.append((len(statements), len(found.groups), len(head.links)))
        assert head.count == size
        assert [link.title for link in head.links] == sorted(link.title for link in head.links)
    assert shown == [(shown[0][0], 4, 3), (shown[0][0], 5, LINKS)]


def test_a_place_in_very_many_features_is_counted_only_so_far(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The count of a place on a page stops `COUNTED` past its links, so China in every feature of
    a large library costs what China in a thousand does; the places with fewer are counted exactly."""
    monkeypatch.setattr(places, "COUNTED", 4)
    china, tibet = place("China", 35.9, kind="country"), place("Tibet", 29.6, kind="region")
    library.import_features([item(f"f{n:02d}", china, *([tibet] if n < 9 else [])) for n in range(20)])
    found = {g.modern_name: g for g in library.places_slice(limit=5).groups}
    assert (found["China"].count, found["China"].counted_all) == (LINKS + 4 + 1, False)
    assert (found["Tibet"].count, found["Tibet"].counted_all) == (9, True)
    assert len(found["China"].links) == LINKS
    assert [g.count for g in library.all_places()] == [20, 9]  # the static site counts them all


def test_rows_follow_their_enrichment_and_feature(library: Library) -> None:
    library.import_features([item("one", place("Harbin", 45.8)), item("two", place("Harbin", 45.8))])
    feature = library.get_feature("one")
    library.save_enrichments([("one", Enrichment(feature.content_hash(), places=(place("Dalian", 38.9),)))])
    assert [(g.modern_name, g.count) for g in library.places_slice(limit=10).groups] == [
        ("Dalian", 1),
        ("Harbin", 1),
    ]
    library.delete_feature("two")
    assert [g.modern_name for g in library.places_slice(limit=10).groups] == ["Dalian"]


def test_the_migration_fills_the_table_from_stored_enrichments(library_url: str) -> None:
    with Library.open(library_url) as library:
        library.import_features(
            [item(f"f{n}", place("Yan'an", 36.6), place(f"Town {n}", n)) for n in range(7)]
        )
        before = [g for page in all_pages(library, limit=3) for g in page]
    downgrade(library_url, "0015_glossary_order")
    with Library.open(library_url) as library:  # upgraded to head on opening: 0016 fills the table
        after = [g for page in all_pages(library, limit=3) for g in page]
        with library.engine.connect() as conn:
            rows = conn.execute(select(func.count()).select_from(PlaceRow)).scalar_one()
    assert after == before and len(after) == 8 and rows == 14
