"""The feature model: the DESIGN.md JSON shape, media IDs that cannot escape, slugs."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from handscroll.model import Feature, Figure, Paragraph, is_media_id, series_of_media, slugify


def test_json_round_trip_keeps_every_field() -> None:
    feature = Feature(
        title="渡江戰役",
        part=3,
        series="sample",
        language="zh-Hant",
        hero="sample03_1",
        blocks=(Paragraph(text="一九四九年四月"), Figure(media="sample03_2", caption=("說明",))),
    )
    text = feature.to_json()
    assert "渡江戰役" in text  # Chinese stays readable, not \u-escaped
    assert Feature.from_json(text) == feature
    shape = json.loads(text)
    assert list(shape) == ["title", "part", "series", "language", "hero", "blocks", "slug"]
    assert shape["blocks"][1] == {"type": "figure", "media": "sample03_2", "caption": ["說明"]}


@pytest.mark.parametrize(
    "candidate",
    ["../../etc/passwd_1", "a/b_1", "a.b_1", "x_1 ", "1945", "photo", "_1", "a b_1", "a_1/..", "C:\\x_1"],
)
def test_media_ids_cannot_name_paths(candidate: str) -> None:
    assert not is_media_id(candidate)
    with pytest.raises(ValidationError):
        Figure(media=candidate)


def test_series_is_the_stem_without_trailing_digits() -> None:
    assert is_media_id("mainsite_psd_neizhanyi04_9")
    assert series_of_media("mainsite_psd_neizhanyi04_9") == "mainsite_psd_neizhanyi"
    assert series_of_media("gallery_12") == "gallery"


def test_slugs_are_ascii_and_lead_with_the_part() -> None:
    assert (
        slugify("Soviet Withdrawal and China’s Recognition", part=4)
        == "04-soviet-withdrawal-and-chinas-recognition"
    )
    assert slugify("開國大典") == "kai-guo-dadian"  # pinyin words as pypinyin's phrases cut them
    assert slugify("!!!") == "feature"
    assert len(slugify("word " * 100)) <= 80


def test_a_missing_slug_is_derived_and_a_given_one_kept() -> None:
    assert Feature(title="The Yangtze Crossing", part=2).slug == "02-the-yangtze-crossing"
    assert Feature(title="The Yangtze Crossing", slug="crossing").slug == "crossing"
    with pytest.raises(ValidationError):
        Feature(title="x", slug="Not A Slug")


def test_titles_are_one_line_and_not_empty() -> None:
    with pytest.raises(ValidationError):
        Feature(title="")
    with pytest.raises(ValidationError):
        Feature(title="two\nlines")


def test_an_empty_series_is_no_series() -> None:
    # A JSON feature with "series": "" used to write `series: ''` to Markdown and read back
    # as None, so the Markdown round trip changed it (benchmarks/robustness.py, 100,000 inputs).
    assert Feature(title="T", series="").series is None
