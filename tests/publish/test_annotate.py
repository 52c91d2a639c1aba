"""Annotated text is escaped piece by piece; date labels say no more than the value does."""

from __future__ import annotations

import pytest

from handscroll.publish.annotate import Mark, anchor_ids, annotate, keep_apart, stress
from handscroll.publish.datelabels import date_label


def test_every_piece_is_escaped_and_only_our_tags_are_added() -> None:
    text = "<b>1946</b> & 長春"
    html = annotate(text, [Mark(3, 7, "event", 'ev-"x'), Mark(14, 16, "term", "term-changchun")])
    assert html == (
        '&lt;b&gt;<span class="event" id="ev-&#34;x">1946</span>&lt;/b&gt; &amp; '
        '<a class="term" href="#term-changchun" data-term="term-changchun">'
        '<span lang="zh-Hant">長春</span></a>'
    )


def test_overlapping_marks_keep_events_then_the_first_and_longest() -> None:
    marks = [
        Mark(0, 10, "term", "a"),
        Mark(5, 12, "event", "e"),
        Mark(0, 4, "term", "b"),
        Mark(0, 3, "term", "c"),
        Mark(20, 30, "term", "out of range"),
    ]
    kept = keep_apart(marks, 15)
    assert [(m.start, m.end, m.target) for m in kept] == [(0, 4, "b"), (5, 12, "e")]


def test_stress_marks_the_date_in_its_sentence() -> None:
    assert stress("By <March 1946> all", "March 1946") == "By &lt;<strong>March 1946</strong>&gt; all"
    assert stress("No date here", "1946") == "No date here"


def test_anchor_ids_are_ascii_and_unique() -> None:
    assert anchor_ids(["Harbin", "Harbin", "中國", "Port Arthur (旅順)"], "term") == [
        "term-harbin",
        "term-harbin-2",
        "term-item",
        "term-port-arthur",
    ]


@pytest.mark.parametrize(
    ("value", "mod", "label"),
    [
        ("1945-08-14", None, "14 August 1945"),
        ("1946-03", None, "March 1946"),
        ("1946", "START", "early 1946"),
        ("1946-04", "END", "late April 1946"),
        ("1946", "MID", "mid-1946"),
        ("1949-SP", None, "spring 1949"),
        ("1945/1992", None, "1945–1992"),
        ("1926/1928", None, "1926–1928"),
        ("193", None, "the 1930s"),
        ("18", None, "the 19th century"),
        ("1946-03-10TNI", None, "night of 10 March 1946"),
        ("1911-10-10TEV", None, "evening of 10 October 1911"),
        ("1946-Q2", None, "the second quarter of 1946"),
        ("BC0221", None, "221 BC"),
        ("PAST_REF", None, "PAST_REF"),
    ],
)
def test_date_labels(value: str, mod: str | None, label: str) -> None:
    assert date_label(value, mod) == label


def test_values_without_a_place_in_time_stay_off_the_timelines() -> None:
    from handscroll.publish.datelabels import on_the_calendar

    assert on_the_calendar("1949-04-20TNI") and on_the_calendar("193") and on_the_calendar("1945/1992")
    assert not on_the_calendar("PAST_REF") and not on_the_calendar("XXXX-XX-XXTNI")
