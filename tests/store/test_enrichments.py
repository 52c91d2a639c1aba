"""Enrichments in the library: stored with their feature, queried as timelines and glossaries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from factories import make_feature
from handscroll.enrich import enrich_feature
from handscroll.model import Paragraph, sort_key
from handscroll.pipeline import enrich_library
from handscroll.store import ImportItem, Library

from .conftest import Dump


def _item(**overrides: object) -> ImportItem:
    feature = make_feature(**overrides)
    return ImportItem(feature, f"{feature.slug}.txt", "0" * 64, enrich_feature(feature))


def test_an_imported_enrichment_comes_back_equal(library: Library) -> None:
    item = _item()
    library.import_features([item])
    assert item.enrichment is not None and item.enrichment.events and item.enrichment.terms
    assert library.get_enrichment(item.feature.slug) == item.enrichment
    assert library.stale_enrichments() == []


def test_the_timeline_is_in_time_order_across_features(library: Library) -> None:
    first = _item(
        slug="first", blocks=(Paragraph(text="Talks opened in August 1945 and closed on 10 October 1945."),)
    )
    second = _item(
        slug="second", blocks=(Paragraph(text="In 1945 the war ended; in spring 1949 the army crossed."),)
    )
    library.import_features([first, second])
    entries = library.timeline()
    assert [(e.value, e.slug) for e in entries] == [
        ("1945", "second"),
        ("1945-08", "first"),
        ("1945-10-10", "first"),
        ("1949-SP", "second"),
    ]
    assert [sort_key(e.value, e.mod) for e in entries] == sorted(sort_key(e.value, e.mod) for e in entries)
    assert entries[2].text == "10 October 1945" and entries[2].year == 1945
    assert [e.value for e in library.timeline(slug="first")] == ["1945-08", "1945-10-10"]
    assert library.timeline(series="no-such-series") == []


def test_the_glossary_joins_a_term_across_features(library: Library) -> None:
    text = "Troops entered Shenyang (瀋陽) in March 1946."
    library.import_features(
        [_item(slug="one", blocks=(Paragraph(text=text),)), _item(slug="two", blocks=(Paragraph(text=text),))]
    )
    [entry] = library.glossary()
    assert (entry.english, entry.traditional, entry.simplified) == ("Shenyang", "瀋陽", "沈阳")
    assert entry.pinyin_plain == "shen yang"
    assert entry.slugs == ("one", "two")


def test_an_update_replaces_and_a_delete_removes_the_enrichment(
    library: Library, dump: Callable[[], Dump]
) -> None:
    library.import_features([_item(blocks=(Paragraph(text="It began in 1945 in Harbin (哈爾濱)."),))])
    changed = _item(blocks=(Paragraph(text="It ended in 1949."),))
    library.import_features([changed])
    assert [e.value for e in library.timeline()] == ["1949"]
    assert library.glossary() == []
    library.delete_feature(changed.feature.slug)
    rows = dump()
    assert rows["enrichments"] == rows["events"] == rows["terms"] == []


def test_enrichment_is_redone_only_when_stale_and_is_idempotent(
    library: Library, dump: Callable[[], Dump]
) -> None:
    bare = _item()
    library.import_features([replace(bare, enrichment=None)])
    assert library.stale_enrichments() == [bare.feature.slug]
    assert enrich_library(library) == [bare.feature.slug]
    assert library.get_enrichment(bare.feature.slug) == bare.enrichment
    assert enrich_library(library) == []  # nothing stale any more
    before = dump()
    assert enrich_library(library, everything=True) == [bare.feature.slug]
    after = dump()
    assert after["enrichments"] == before["enrichments"]
    for table in ("events", "terms"):  # the same rows, though PostgreSQL gives them new ids
        assert [row[1:] for row in after[table]] == [row[1:] for row in before[table]]
