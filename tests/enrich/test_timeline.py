"""Events from the narrative and their order across granularities."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from factories import make_feature
from handscroll.config import Settings
from handscroll.enrich.timeline import events_of, sentence_around
from handscroll.ingest import read_path
from handscroll.model import Figure, Paragraph, sort_key, text_at
from handscroll.model import in_time_order as ordered

SEED = Path(__file__).parents[2].parent / "shared" / "seed"


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("18", "194"),  # the 19th century before the 1940s
        ("194", "1940"),  # a decade before its first year
        ("1945", "1945-02"),  # a year before its months
        ("1945-SP", "1945-05"),  # spring (March) before May
        ("1945-08", "1945-08-14"),  # a month before its days
        ("1945-08-14", "1945-08-14TNI"),  # the day before its night
        ("1945/1992", "1946"),  # a range by its start
        ("BC0221", "0001"),  # before Christ first
        ("-0220", "1945"),
        ("1949", "not-a-date"),  # unknown values last
    ],
)
def test_sort_key_orders_across_granularities(earlier: str, later: str) -> None:
    assert sort_key(earlier) < sort_key(later)


def test_mod_orders_within_one_value() -> None:
    assert sort_key("1946", "START") < sort_key("1946") < sort_key("1946", "END")


def test_sentence_around_finds_the_sentence_of_a_span() -> None:
    text = "The talks began in August 1945. They ended on 10 October 1945. Fighting resumed."
    start = text.index("10 October")
    assert sentence_around(text, start, start + 10) == "They ended on 10 October 1945."
    assert sentence_around(text, 0, 3) == "The talks began in August 1945."


def test_events_point_back_to_their_words() -> None:
    feature = make_feature(
        blocks=(
            Paragraph(text="The ceasefire took effect on 13 January 1946. It broke down the following year."),
            Figure(media="testsite_civilwar04_1", caption=("Delegates met again in March the same year.",)),
        )
    )
    events = events_of(feature)
    assert [(e.value, e.text) for e in events] == [
        ("1946-01-13", "13 January 1946"),
        ("1947", "the following year"),
        ("1947-03", "March the same year"),  # the same year as the one just named
    ]
    for event in events:
        text = text_at(feature, event.span.ref)
        assert text[event.span.start : event.span.end] == event.text
        assert event.text in event.sentence
    assert events[2].span.ref.field == "caption"


def test_durations_are_not_events() -> None:
    feature = make_feature(
        blocks=(Paragraph(text="The mission lasted thirteen months, from December 1945."),)
    )
    assert [e.value for e in events_of(feature)] == ["1945-12"]


def test_the_seed_gives_its_32_gold_events_in_order() -> None:
    if not SEED.is_dir():
        pytest.skip(f"the seed is not at {SEED}")
    feature = read_path(SEED / "000_cc4507d8b73957ad.txt", Settings()).feature
    events = events_of(feature)
    gold = json.loads((SEED / "gold-timeline.json").read_text(encoding="utf-8"))["expressions"]
    assert Counter((e.value, e.mod) for e in events) == Counter((g["value"], g.get("mod")) for g in gold)
    timeline = [e.value for e in ordered(events)]
    assert timeline[:2] == ["1924", "1924-11"]
    assert timeline[-3:] == ["1953", "1992-02-12", "2002"]
