"""Imports: idempotent by content hash, updated in place, atomic per batch."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event

from factories import make_feature
from handscroll.config import Settings
from handscroll.errors import StoreError
from handscroll.ingest.decode import decode_bytes
from handscroll.ingest.legacy_text import read_legacy_text
from handscroll.model import BLOCK_TYPES, Feature, Paragraph
from handscroll.store import ImportItem, Library, Outcome

from .conftest import Dump

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_cc4507d8b73957ad.txt"


def item(feature: Feature, source: str = "features/a.txt", source_hash: str = "a" * 64) -> ImportItem:
    return ImportItem(feature=feature, source=source, source_hash=source_hash)


def feature_id(dump: Dump, slug: str) -> int:
    (row,) = [row for row in dump["features"] if slug in row]
    return int(row[0])


def test_import_then_get_returns_an_equal_feature(library: Library) -> None:
    feature = make_feature()
    assert {type(block) for block in feature.blocks} == set(BLOCK_TYPES)  # every block type travels

    report = library.import_features([item(feature)])

    assert report.outcomes == ((feature.slug, Outcome.ADDED),)
    assert library.get_feature(feature.slug) == feature


def test_a_bare_feature_round_trips(library: Library) -> None:
    bare = make_feature(slug="bare", series=None, part=None, hero=None, language="zh-Hant", blocks=())
    library.import_features([item(bare)])
    assert library.get_feature("bare") == bare


@pytest.mark.skipif(not SEED.is_file(), reason=f"seed not found at {SEED}")
def test_the_seed_feature_round_trips(library: Library) -> None:
    data = SEED.read_bytes()
    feature = read_legacy_text(decode_bytes(data, str(SEED)), source=str(SEED), settings=Settings()).feature
    library.import_features([item(feature, source=str(SEED))])
    assert library.get_feature(feature.slug) == feature


def test_reimporting_unchanged_skips_and_writes_nothing(library: Library, dump: Callable[[], Dump]) -> None:
    feature = make_feature()
    library.import_features([item(feature)])
    before = dump()

    report = library.import_features([item(make_feature())])

    assert report.outcomes == ((feature.slug, Outcome.SKIPPED),)
    assert (report.added, report.updated, report.skipped) == (0, 0, 1)
    assert dump() == before


def test_an_unchanged_feature_from_a_moved_source_refreshes_only_the_source(
    library: Library, dump: Callable[[], Dump]
) -> None:
    feature = make_feature()
    library.import_features([item(feature, source="old/a.txt", source_hash="1" * 64)])
    (old_summary,) = library.list_features()
    before = dump()

    report = library.import_features([item(feature, source="new/a.txt", source_hash="2" * 64)])

    assert report.outcomes == ((feature.slug, Outcome.SKIPPED),)
    assert library.known_source_hashes() == {"2" * 64: feature.slug}
    (summary,) = library.list_features()
    assert summary.source == "new/a.txt"
    after = dump()
    assert after["blocks"] == before["blocks"]
    assert len(after["features"]) == 1
    assert summary.updated_at == old_summary.updated_at  # the content did not change


def test_a_changed_feature_is_updated_in_place(library: Library, dump: Callable[[], Dump]) -> None:
    old = make_feature()
    library.import_features([item(old)])
    old_updated = library.list_features()[0].updated_at
    before = dump()
    new = make_feature(
        title="Soviet Withdrawal from Manchuria",
        series="testsite_other",
        blocks=(Paragraph(text="改寫後的段落。"), *old.blocks[2:4]),
    )

    report = library.import_features([item(new, source_hash="b" * 64)])

    assert report.outcomes == ((old.slug, Outcome.UPDATED),)
    assert library.get_feature(old.slug) == new
    after = dump()
    assert feature_id(after, old.slug) == feature_id(before, old.slug)
    assert len(after["features"]) == 1
    assert [row[1] for row in after["blocks"]] == [feature_id(before, old.slug)] * 3
    (summary,) = library.list_features()
    assert summary.updated_at >= old_updated
    assert summary.series == "testsite_other"
    assert library.known_source_hashes() == {"b" * 64: old.slug}


def test_a_mixed_batch_reports_in_input_order(library: Library) -> None:
    kept, changed = make_feature(slug="kept"), make_feature(slug="changed")
    library.import_features([item(kept, "kept.txt"), item(changed, "changed.txt")])
    new = make_feature(slug="new", series="testsite_new")

    report = library.import_features(
        [
            item(new, "new.txt"),
            item(make_feature(slug="changed", part=5), "changed.txt"),
            item(kept, "kept.txt"),
        ]
    )

    assert report.outcomes == (
        ("new", Outcome.ADDED),
        ("changed", Outcome.UPDATED),
        ("kept", Outcome.SKIPPED),
    )
    assert (report.added, report.updated, report.skipped) == (1, 1, 1)
    assert library.count_features() == 3
    assert library.get_feature("changed").part == 5
    assert library.get_feature("new") == new


def test_an_empty_batch_does_nothing(library: Library) -> None:
    assert library.import_features([]).outcomes == ()
    assert library.count_features() == 0


def test_the_same_slug_twice_in_a_batch_is_refused(library: Library, dump: Callable[[], Dump]) -> None:
    library.import_features([item(make_feature(slug="present"))])
    before = dump()
    batch = [
        item(make_feature(slug="fresh"), "one/fresh.txt"),
        item(make_feature(slug="twice"), "one/twice.txt"),
        item(make_feature(slug="twice", title="Another"), "two/twice.md"),
    ]

    with pytest.raises(StoreError, match=r"'twice'.*one/twice\.txt and two/twice\.md"):
        library.import_features(batch)

    assert dump() == before


@pytest.fixture
def fail_on_block_insert() -> Iterator[list[str]]:
    """Once armed, make every connection raise when a batch's blocks are inserted.

    Blocks go in last, so the batch has already inserted, updated and deleted
    rows by then. Yields the list of statement verbs seen since arming; the
    test arms it by appending "armed".
    """
    seen: list[str] = []

    def before_execute(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not seen:
            return
        seen.append(statement.split(None, 1)[0].upper())
        if statement.lstrip().upper().startswith("INSERT INTO BLOCKS"):
            raise RuntimeError("disk unplugged")

    event.listen(Engine, "before_cursor_execute", before_execute)
    yield seen
    event.remove(Engine, "before_cursor_execute", before_execute)


def test_a_failure_mid_batch_leaves_the_library_as_it_was(
    library: Library, dump: Callable[[], Dump], fail_on_block_insert: list[str]
) -> None:
    library.import_features([item(make_feature(slug="changed")), item(make_feature(slug="moved"))])
    before = dump()
    fail_on_block_insert.append("armed")

    with pytest.raises(RuntimeError, match="disk unplugged"):
        library.import_features(
            [
                item(make_feature(slug="changed", title="Changed")),
                item(make_feature(slug="moved"), source="elsewhere.txt"),
                item(make_feature(slug="added", series="testsite_brand_new")),
            ]
        )

    # The failure came after the batch had inserted, updated and deleted rows.
    assert {"INSERT", "UPDATE", "DELETE"} <= set(fail_on_block_insert)
    assert dump() == before
    assert library.get_feature("changed") == make_feature(slug="changed")


def test_an_update_can_clear_optional_fields(library: Library) -> None:
    library.import_features([item(make_feature())])
    cleared = make_feature(series=None, part=None, hero=None)

    assert library.import_features([item(cleared)]).updated == 1

    assert library.get_feature(cleared.slug) == cleared
    assert library.list_series() == []


def test_known_source_hashes_names_every_stored_feature(library: Library) -> None:
    assert library.known_source_hashes() == {}
    library.import_features(
        [item(make_feature(slug="one"), "1.txt", "1" * 64), item(make_feature(slug="two"), "2.txt", "2" * 64)]
    )
    assert library.known_source_hashes() == {"1" * 64: "one", "2" * 64: "two"}
