"""The search index moves with imports and deletes, in the same transaction (issue 5)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from factories import make_feature
from handscroll.enrich import enrich_feature
from handscroll.errors import StoreError
from handscroll.model import Paragraph
from handscroll.store import ImportItem, Library


def _item(**overrides: object) -> ImportItem:
    feature = make_feature(**overrides)
    return ImportItem(feature, f"{feature.slug}.txt", "0" * 64, enrich_feature(feature))


def _slugs(library: Library, query: str) -> list[str]:
    return [result.slug for result in library.search(query).results]


def test_delete_removes_the_feature_from_the_index(library: Library) -> None:
    library.import_features([_item()])
    assert _slugs(library, "harbin")
    library.delete_feature("04-soviet-withdrawal-from-the-northeast")
    assert _slugs(library, "harbin") == []
    assert library.search("harbin").total == 0


def test_update_replaces_the_indexed_text(library: Library) -> None:
    library.import_features([_item()])
    library.import_features([_item(blocks=(Paragraph(text="Only about Lüshun now."),))])
    assert _slugs(library, "harbin") == []
    assert _slugs(library, "lushun") == ["04-soviet-withdrawal-from-the-northeast"]
    assert _slugs(library, "Port Arthur") == ["04-soviet-withdrawal-from-the-northeast"]


def test_a_failed_import_leaves_the_index_as_it_was(library: Library) -> None:
    library.import_features([_item()])
    with pytest.raises(StoreError):
        library.import_features([_item(slug="a", title="Arsenal"), _item(slug="a", title="Arsenal")])
    assert _slugs(library, "arsenal") == []
    assert len(_slugs(library, "harbin")) == 1


def test_saved_enrichments_are_reindexed(library: Library) -> None:
    feature = make_feature()
    library.import_features([ImportItem(feature, "a.txt", "0" * 64)])
    assert _slugs(library, "guo min zheng fu") == []
    library.save_enrichments([(feature.slug or "", enrich_feature(feature))])
    assert _slugs(library, "guo min zheng fu") == [feature.slug]


# The embedded index beside a SQLite library (issue 11): derived, caught up, rebuilt.


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'library.db'}"


def test_a_missing_index_is_built_again_when_the_library_opens(sqlite_url: str, tmp_path: Path) -> None:
    with Library.open(sqlite_url) as library:
        library.import_features([_item()])
    shutil.rmtree(tmp_path / "library.db-search")
    with Library.open(sqlite_url) as library:
        assert _slugs(library, "harbin") == ["04-soviet-withdrawal-from-the-northeast"]


def test_a_change_made_behind_the_index_is_caught_up_on_opening(sqlite_url: str) -> None:
    with Library.open(sqlite_url) as library:
        library.import_features([_item(), _item(slug="other", title="Harbin Again")])
    # A plain connection, as a crash between the two commits would leave it: the
    # database changed, the index did not; the trigger queued the feature.
    engine = create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(text("PRAGMA foreign_keys=ON"))
        connection.execute(text("DELETE FROM features WHERE slug = 'other'"))
    engine.dispose()
    with Library.open(sqlite_url) as library:
        assert _slugs(library, "harbin") == ["04-soviet-withdrawal-from-the-northeast"]
        assert library.search("harbin").total == 1


def test_a_savepoint_rolled_back_leaves_no_document(sqlite_url: str) -> None:
    from sqlalchemy.orm import Session

    from handscroll.store.engine import writer
    from handscroll.store.search import write_documents
    from handscroll.store.search_text import index_document

    with Library.open(sqlite_url) as library:
        library.import_features([_item()])
        feature = make_feature(slug="ghost", title="Ghost of Harbin")
        with Session(writer(library.engine)) as session, session.begin():
            nested = session.begin_nested()
            # The row is there for the index write, then rolled back with the savepoint.
            session.execute(
                text(
                    "INSERT INTO features (id, slug, title, language, content_hash, source, source_hash, "
                    "created_at, updated_at) VALUES (999, 'ghost', 'Ghost of Harbin', 'en', '', 'x', '', "
                    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
                )
            )
            write_documents(session, [index_document(999, feature, [])])
            nested.rollback()
        assert _slugs(library, "ghost") == []
        assert library.search("harbin").total == 1


def test_a_library_opened_elsewhere_sees_a_commit(sqlite_url: str) -> None:
    with Library.open(sqlite_url) as reader, Library.open(sqlite_url) as writer_library:
        assert reader.search("harbin").total == 0
        writer_library.import_features([_item()])
        assert reader.search("harbin").total == 1


def test_reindex_builds_the_index_anew(sqlite_url: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from handscroll.cli import app

    with Library.open(sqlite_url) as library:
        library.import_features([_item(), _item(slug="other", title="Harbin Again")])
    result = CliRunner().invoke(app, ["reindex", "--db", sqlite_url])
    assert result.exit_code == 0, result.stderr
    assert "indexed 2 features" in result.stdout
    with Library.open(sqlite_url) as library:
        assert sorted(_slugs(library, "harbin")) == ["04-soviet-withdrawal-from-the-northeast", "other"]
