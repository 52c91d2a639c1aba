"""Self-check items (issue 15): made only where the data is unambiguous, never from hidden answers."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from factories import make_feature
from handscroll.config import Settings
from handscroll.enrich import enrich_feature
from handscroll.ingest import read_path
from handscroll.learn import QuizItem, QuizSet, generate_items
from handscroll.learn.dated import stretch, usable_events
from handscroll.learn.load import known_places
from handscroll.model import Feature, Paragraph, Question, Term, text_at
from handscroll.samples import sample_paths

SEED = Path(__file__).parents[2] / ".." / "shared" / "seed" / "000_cc4507d8b73957ad.txt"
ANSWER_ONLY = ("1953", "2002", "16 October")
"""Dates the seed gives only in its hidden model answer (issue 15)."""


def _quiz(path: Path) -> tuple[Feature, QuizSet]:
    feature = read_path(path, Settings()).feature
    return feature, generate_items(feature, enrich_feature(feature), (), known_places())


@pytest.fixture(scope="module")
def seed() -> tuple[Feature, QuizSet]:
    if not SEED.is_file():
        pytest.skip(f"the seed is not at {SEED}")
    return _quiz(SEED)


def _texts(item: QuizItem) -> list[str]:
    return [item.prompt, item.feedback, *item.choices, *(s.sentence for s in item.sources)]


def test_the_seed_gets_four_kinds_and_nothing_from_its_hidden_answer(seed: tuple[Feature, QuizSet]) -> None:
    _, quiz = seed
    assert {item.kind for item in quiz.items} == {"order", "first", "date", "term", "place"}
    for item in quiz.items:
        assert all(source.span.ref.field != "answer" for source in item.sources), item.id
        for text in _texts(item):
            assert not any(words in text for words in ANSWER_ONLY), (item.id, text)
        if item.year is not None:
            assert item.year not in (1949, 1953, 2002)
    assert any(r.reason == "in a hidden model answer" for r in quiz.rejections)


def test_the_samples_get_four_kinds_each() -> None:
    for path in sample_paths():
        _, quiz = _quiz(path)
        assert {item.kind for item in quiz.items} >= {"order", "first", "term", "place"}, path.name


def test_every_source_points_at_its_sentence(seed: tuple[Feature, QuizSet]) -> None:
    feature, quiz = seed
    for item in quiz.items:
        for source in item.sources:
            text = text_at(feature, source.span.ref)
            assert text[source.span.start : source.span.end] in source.sentence
            assert source.sentence in text


def test_order_items_use_stretches_that_do_not_overlap(seed: tuple[Feature, QuizSet]) -> None:
    _, quiz = seed
    enrichment = enrich_feature(seed[0])
    by_sentence = {d.blanked: d for d in usable_events(seed[0], enrichment)[0]}
    (order,) = [item for item in quiz.items if item.kind == "order"]
    assert 3 <= len(order.choices) <= 5
    in_order = [by_sentence[order.choices[i]] for i in order.answer]
    for earlier, later in itertools.pairwise(in_order):
        assert earlier.end <= later.start
    assert list(order.answer) != sorted(order.answer)  # never shown already in order
    for item in quiz.items:
        if item.kind == "first":
            right = by_sentence[item.choices[item.answer[0]]]
            other = by_sentence[item.choices[1 - item.answer[0]]]
            assert right.end <= other.start and (other.start - right.start).days >= 30


def test_term_distractors_are_never_a_form_of_the_answer(seed: tuple[Feature, QuizSet]) -> None:
    _, quiz = seed
    terms = [item for item in quiz.items if item.kind == "term"]
    assert terms
    for item in terms:
        right = item.choices[item.answer[0]]
        assert len(set(item.choices)) == 4
        for index, choice in enumerate(item.choices):
            if index != item.answer[0]:
                assert choice not in right and right not in choice


def _feature(*paragraphs: str, answer: str = "") -> Feature:
    blocks: list[Paragraph | Question] = [Paragraph(text=p) for p in paragraphs]
    if answer:
        blocks.append(Question(prompt="Why did it happen?", answer=(answer,)))
    return make_feature(blocks=tuple(blocks))


def test_overlapping_dates_make_no_order_item() -> None:
    feature = _feature(
        "The army crossed the river in 1946.",
        "The city fell in March 1946.",
        "Talks opened on 10 March 1946.",
    )
    quiz = generate_items(feature, enrich_feature(feature))
    assert not [item for item in quiz.items if item.kind in ("order", "first")]
    reasons = {(r.kind, r.reason) for r in quiz.rejections}
    assert ("order", "too few events that can be told apart") in reasons


def test_relative_dates_and_winters_are_left_out() -> None:
    feature = _feature(
        "The truce began on 10 January 1946.",
        "Fighting resumed three days later.",
        "Porters carried grain in the winter of 1948.",
    )
    events, left = usable_events(feature, enrich_feature(feature))
    assert [d.event.text for d in events] == ["10 January 1946"]
    reasons = {reason for reason, _ in left}
    assert "the words give no year of their own" in reasons
    assert any("winter" in reason for reason in reasons)
    assert stretch("1948-WI") is None and stretch("1946-SU") is not None


def test_an_answer_only_date_never_reaches_an_item() -> None:
    feature = _feature(
        "The first talks were held in 1921.",
        "A treaty was signed in 1930.",
        "The border was redrawn in 1940.",
        answer="Only in 1953 did the last troops leave, and in 1930 the treaty was signed.",
    )
    quiz = generate_items(feature, enrich_feature(feature))
    assert quiz.items
    for item in quiz.items:
        assert not any("1953" in text for text in _texts(item))


def test_terms_without_enough_distractors_are_not_asked() -> None:
    feature = _feature("Mao Zedong (毛澤東) flew to Chongqing (重慶) in August 1945.")
    quiz = generate_items(feature, enrich_feature(feature))
    assert not [item for item in quiz.items if item.kind == "term"]
    assert any(r.reason == "too few distractors" for r in quiz.rejections)
    pool = [
        Term(name, zh, None, None, zh, None, None, None, enrich_feature(feature).terms[0].mentions)
        for name, zh in (("Harbin", "哈爾濱"), ("Dalian", "大連"), ("Yan'an", "延安"), ("Mao", "毛澤東"))
    ]
    quiz = generate_items(feature, enrich_feature(feature), pool)
    mao = [item for item in quiz.items if item.prompt.endswith("Mao Zedong?")]
    assert mao and "毛澤東" in mao[0].choices
    # "Mao" shares the right answer's Chinese: never a distractor.
    assert mao[0].choices.count("毛澤東") == 1


def test_ids_are_stable_and_follow_the_content(seed: tuple[Feature, QuizSet]) -> None:
    feature, quiz = seed
    again = generate_items(feature, enrich_feature(feature), (), known_places())
    assert [item.id for item in again.items] == [item.id for item in quiz.items]
    assert len({item.id for item in quiz.items}) == len(quiz.items)
