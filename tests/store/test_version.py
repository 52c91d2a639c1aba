"""The library's version (issue 11): every write to what readers see changes it, reads never do."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect, text

from factories import make_feature
from handscroll.enrich import enrich_feature
from handscroll.store import ImportItem, Library
from handscroll.store.tables import Base, LibraryVersionRow, RenderPartsRow
from handscroll.store.version import VERSIONED_TABLES


def test_every_public_write_changes_the_version(library: Library, library_url: str) -> None:
    feature = make_feature()
    seen = [library.version()]

    def changed() -> bool:
        seen.append(library.version())
        return seen[-1] != seen[-2]

    library.import_features([ImportItem(feature, "a.txt", "a" * 64)])
    assert changed()
    library.list_features(), library.feature_view(feature.slug), library.timeline(), library.glossary()
    assert not changed()  # reading is not writing
    library.save_enrichments([(feature.slug, enrich_feature(feature))])
    assert changed()
    library.set_series_title("testsite_civilwar", "The civil war")
    assert changed()
    library.approve_quiz_items(feature.slug, ["item-1"])
    assert changed()
    revised = feature.model_copy(update={"title": "Revised"})
    library.import_features([ImportItem(revised, "a.txt", "b" * 64)])
    assert changed()
    library.delete_feature(revised.slug)
    assert changed()
    # Another process writing through its own connection changes it too: triggers, not code paths.
    engine = create_engine(library_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE series SET title = 'Renamed elsewhere'"))
    finally:
        engine.dispose()
    assert changed()


def test_each_public_table_has_its_trigger(library: Library, library_url: str) -> None:
    public = {
        mapper.local_table.name  # type: ignore[union-attr]
        for mapper in Base.registry.mappers
        if mapper.class_.__module__ == "handscroll.store.tables"
        and mapper.class_ not in (LibraryVersionRow, RenderPartsRow)  # kept page parts change no page
    }
    assert public == set(VERSIONED_TABLES)
    engine = create_engine(library_url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                rows = conn.execute(text("SELECT tbl_name FROM sqlite_master WHERE type = 'trigger'"))
            else:
                rows = conn.execute(
                    text("SELECT event_object_table FROM information_schema.triggers GROUP BY 1")
                )
            triggered = {name for (name,) in rows}
        assert "library_version" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
    assert triggered == set(VERSIONED_TABLES)


def test_a_transaction_of_many_writes_bumps_the_version_once_on_postgresql(
    library: Library, library_url: str
) -> None:
    """A bump per statement made one-transaction imports quadratic on PostgreSQL (issue 11)."""
    before = library.version()
    engine = create_engine(library_url)
    try:
        with engine.begin() as conn:
            for n in range(50):
                conn.execute(text("INSERT INTO series (key, title) VALUES (:key, NULL)"), {"key": f"s{n}"})
        after_one = library.version()
        with engine.connect() as conn, conn.begin():  # a savepoint rolled back takes its bump with it
            with conn.begin_nested() as inner:
                conn.execute(text("UPDATE series SET title = 'gone' WHERE key = 's1'"))
                inner.rollback()
            conn.execute(text("UPDATE series SET title = 'kept' WHERE key = 's2'"))
    finally:
        engine.dispose()
    if engine.dialect.name == "postgresql":
        assert after_one == before + 1
    assert library.version() > after_one  # the kept write still counts
