"""A document date through the model, Markdown, the library, the timeline and the API (issue 16).

A feature that is a dated document (a letter, a report) carries its `date`;
the Python API takes it as `dct=` or as a whole-day `anchor=`. Sentences are
our own.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from factories import make_feature
from handscroll.config import Settings
from handscroll.enrich.dates import find_dates, find_dates_in_blocks
from handscroll.enrich.timeline import events_of
from handscroll.errors import ReadError
from handscroll.ingest.markdown import read_markdown
from handscroll.model import Feature, Paragraph
from handscroll.publish.markdown import write_markdown
from handscroll.store import ImportItem, Library

LETTER = "On Friday the minister resigned. Last year the party lost. In November it split."


def _letter(date: str | None) -> Feature:
    return make_feature(slug="a-letter", date=date, blocks=(Paragraph(text=LETTER),))


def test_a_feature_takes_a_document_date_and_refuses_what_is_not_a_day() -> None:
    assert _letter("2013-03-22").date == "2013-03-22"
    for bad in ("2013-03", "22/03/2013", "2013-02-30"):
        with pytest.raises(ValidationError, match="date"):
            _letter(bad)


def test_an_undated_feature_keeps_its_json_and_hash() -> None:
    undated = _letter(None)
    assert '"date"' not in undated.to_json()
    dated = _letter("2013-03-22")
    assert '"date": "2013-03-22"' in dated.to_json()
    assert Feature.from_json(dated.to_json()) == dated
    assert dated.content_hash() != undated.content_hash()


def test_the_timeline_of_a_dated_feature_counts_from_its_date() -> None:
    values = [(e.text, e.value) for e in events_of(_letter("2013-03-22"))]
    assert ("Friday", "2013-03-22") in values
    assert ("Last year", "2012") in values
    assert ("November", "2012-11") in values
    undated = [(e.text, e.value) for e in events_of(_letter(None))]
    assert ("Friday", "XXXX-WXX-5") in undated


def test_markdown_reads_and_writes_the_date() -> None:
    text = f"---\ntitle: A letter\ndate: 2013-03-22\n---\n\n{LETTER}\n"
    feature = read_markdown(text, source="letter.md", settings=Settings()).feature
    assert feature.date == "2013-03-22"  # YAML reads an unquoted day as a date; the model keeps text
    again = read_markdown(write_markdown(feature), source="again.md", settings=Settings()).feature
    assert again == feature


def test_markdown_names_the_line_of_a_date_that_is_not_a_day() -> None:
    with pytest.raises(ReadError, match="date") as caught:
        read_markdown(
            "---\ntitle: A letter\ndate: [1, 2]\n---\n\nText.\n", source="l.md", settings=Settings()
        )
    assert caught.value.location.line == 3


def test_the_library_keeps_the_date(library_url: str) -> None:
    feature = _letter("2013-03-22")
    with Library.open(library_url) as library:
        library.import_features([ImportItem(feature=feature, source="letter.md", source_hash="a" * 64)])
        assert library.get_feature("a-letter") == feature


def test_the_api_takes_the_document_date_as_dct_or_as_a_whole_day_anchor() -> None:
    by_dct = [(x.text, x.value) for x in find_dates(LETTER, dct="2013-03-22")]
    by_anchor = [(x.text, x.value) for x in find_dates(LETTER, anchor="2013-03-22")]
    assert by_dct == by_anchor == [("Friday", "2013-03-22"), ("Last year", "2012"), ("November", "2012-11")]
    blocks = find_dates_in_blocks(LETTER.split(". "), anchor="2013-03-22")
    assert [x.value for block in blocks for x in block] == ["2013-03-22", "2012", "2012-11"]


def test_a_year_anchor_stays_the_narrative_context() -> None:
    found = [(x.text, x.value) for x in find_dates(LETTER, anchor="1945")]
    assert found == [("Friday", "XXXX-WXX-5"), ("Last year", "1944"), ("November", "1945-11")]


def test_narrative_mode_keeps_the_story_year_with_a_document_date() -> None:
    text = "In 1945 the war ended. In November it rained."
    found = {x.text: x.value for x in find_dates(text, dct="2013-03-22", mode="narrative")}
    assert found == {"1945": "1945", "November": "1945-11"}


def test_a_dated_feature_keeps_a_range_one_event_where_the_api_splits_it() -> None:
    text = "The talks ran 1915-1916."
    dated = make_feature(slug="a-report", date="2013-03-22", blocks=(Paragraph(text=text),))
    assert [e.value for e in events_of(dated)] == ["1915/1916"]  # the reader's timeline joins
    assert [e.value for e in find_dates(text, dct="2013-03-22")] == ["1915", "1916"]  # news: TimeML's ends
    assert [e.value for e in find_dates(text)] == ["1915/1916"]
