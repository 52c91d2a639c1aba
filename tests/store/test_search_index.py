"""The search index moves with imports and deletes, in the same transaction (issue 5)."""

from __future__ import annotations

import pytest

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
