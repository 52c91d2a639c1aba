"""The block diff: figures by media ID, text by position, words within a changed block."""

from __future__ import annotations

from handscroll.model import Feature, Figure, Paragraph
from handscroll.workspace.diff import changed_only, diff_features, diff_revisions, word_ops
from workspace.texts import feature_text


def _feature(*blocks: Paragraph | Figure, title: str = "T") -> Feature:
    return Feature(title=title, blocks=blocks)


def test_the_same_text_has_no_changes() -> None:
    assert changed_only(diff_revisions(feature_text(), feature_text())) == []


def test_figures_pair_by_media_even_when_moved_past_text() -> None:
    a_1, a_2 = Figure(media="a_1", caption=("One.",)), Figure(media="a_2", caption=("Two.",))
    old = _feature(Paragraph(text="Intro."), a_1, Paragraph(text="Middle."), a_2)
    new = _feature(
        Paragraph(text="Intro."), Paragraph(text="New words."), a_2, Paragraph(text="Middle."), a_1
    )
    changes = diff_features(old, new)
    figures = {c.label: (c.kind, c.before, c.after) for c in changes if c.label.startswith("figure")}
    assert figures["figure a_2"] == ("equal", 3, 2)
    assert "figure a_1" in figures and figures["figure a_1"][0] != "changed"  # never paired with a_2


def test_a_replaced_photo_is_a_removal_and_an_addition() -> None:
    old = _feature(Figure(media="a_1", caption=("Same caption.",)))
    new = _feature(Figure(media="b_1", caption=("Same caption.",)))
    kinds = [(c.kind, c.label) for c in changed_only(diff_features(old, new))]
    assert kinds == [("removed", "figure a_1"), ("added", "figure b_1")]


def test_text_pairs_by_position_with_words_marked() -> None:
    old = _feature(Paragraph(text="The port grew with the trade."), Paragraph(text="Second."))
    new = _feature(
        Paragraph(text="The port shrank with the trade."), Paragraph(text="Second."), Paragraph(text="Third.")
    )
    changes = changed_only(diff_features(old, new))
    assert [(c.kind, c.before, c.after) for c in changes] == [("changed", 0, 0), ("added", None, 2)]
    assert [(w.op, w.text) for w in changes[0].words] == [
        ("equal", "The port "),
        ("delete", "grew"),
        ("insert", "shrank"),
        ("equal", " with the trade."),
    ]


def test_alt_text_and_title_changes_show() -> None:
    old = _feature(Figure(media="a_1", caption=("C.",)))
    new = _feature(Figure(media="a_1", alt="A junk under sail", caption=("C.",)), title="New title")
    labels = [c.label for c in changed_only(diff_features(old, new))]
    assert labels == ["front matter", "figure a_1"]


def test_chinese_words_are_single_characters() -> None:
    ops = word_ops("重慶是山城", "重慶是霧都")
    assert [(w.op, w.text) for w in ops] == [("equal", "重慶是"), ("delete", "山城"), ("insert", "霧都")]
