""" "Which place" and "which picture" items (issue 15): one right answer, nothing left to give it away."""

from __future__ import annotations

import pytest

from factories import make_feature
from handscroll.config import Settings
from handscroll.enrich import enrich_feature
from handscroll.ingest import read_path
from handscroll.learn import QuizItem, generate_items
from handscroll.learn.load import known_places
from handscroll.learn.places import NEAR_KM, distance_km
from handscroll.model import Feature, Figure, Paragraph, text_at
from handscroll.samples import edition_paths, sample_paths
from learn.described import ALTS, described_feature


def _items(feature: Feature, kind: str) -> list[QuizItem]:
    quiz = generate_items(feature, enrich_feature(feature), (), known_places())
    return [item for item in quiz.items if item.kind == kind]


@pytest.mark.parametrize(
    "path", [*sample_paths(), *edition_paths()], ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_a_place_item_blanks_the_place_and_offers_its_neighbours(path: object) -> None:
    feature = read_path(path, Settings()).feature  # type: ignore[arg-type]
    places = {known.key: known for known in known_places()}
    items = _items(feature, "place")
    assert items, "every sample edition names a city the gazetteer knows"
    for item in items:
        (source,) = item.sources
        assert source.span.ref.field != "answer" and source.span.ref.block is not None
        words = text_at(feature, source.span.ref)[source.span.start : source.span.end]
        assert item.choices[item.answer[0]] == words
        right = next(k for k in places.values() if words in k.names())
        assert not any(name in item.prompt for name in right.names())  # the blank leaves no trace
        assert len(item.points) == len(item.choices) == 4 and len(set(item.choices)) == 4
        here = item.points[item.answer[0]]
        for index, point in enumerate(item.points):
            assert distance_km(here, point) <= NEAR_KM
            if index != item.answer[0]:
                assert item.choices[index] not in source.sentence  # no distractor the sentence names
        if feature.language.startswith("zh"):
            assert all(not choice.isascii() for choice in item.choices)


def test_a_place_far_from_the_gazetteer_cities_is_not_asked() -> None:
    feature = make_feature(blocks=(Paragraph(text="The three leaders met at Yalta in February 1945."),))
    quiz = generate_items(feature, enrich_feature(feature), (), known_places())
    assert not [item for item in quiz.items if item.kind == "place"]
    reasons = {r.reason for r in quiz.rejections if r.kind == "place"}
    assert f"fewer than 3 gazetteer cities within {NEAR_KM} km" in reasons
    assert not [i for i in generate_items(feature, enrich_feature(feature)).items if i.kind == "place"]


def test_a_picture_item_names_each_picture_by_its_alt_text() -> None:
    feature = described_feature()
    items = _items(feature, "picture")
    assert len(items) == 2
    captions = {f.media: f.caption[0] for f in feature.blocks if isinstance(f, Figure)}
    for item in items:
        assert len(set(item.media)) == 3
        assert list(item.choices) == [ALTS[media] for media in item.media]
        right = item.media[item.answer[0]]
        assert captions[right] in item.prompt
        assert item.sources[0].sentence == captions[right]


def test_pictures_without_alt_text_are_not_asked() -> None:
    feature = read_path(sample_paths()[1], Settings()).feature
    quiz = generate_items(feature, enrich_feature(feature))
    assert not [item for item in quiz.items if item.kind == "picture"]
    reasons = {r.reason for r in quiz.rejections if r.kind == "picture"}
    assert "no alt text, so a reader who cannot see it could not answer" in reasons
