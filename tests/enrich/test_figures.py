"""Key figures: amounts with unit and what they count, and the numbers that are not figures (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from factories import make_feature
from handscroll.config import Settings
from handscroll.enrich.figures import find_figures, find_figures_in_text
from handscroll.ingest import read_path
from handscroll.model import Paragraph, text_at

SEED_TEXT = Path(__file__).parents[2].parent / "shared" / "seed" / "000_cc4507d8b73957ad.txt"

# (sentence, [(value, unit, counted, text), ...]) in our own words
FORMS: list[tuple[str, list[tuple[float, str | None, str | None, str]]]] = [
    (
        "Some 1.5 million Soviet troops crossed the border.",
        [(1_500_000, None, "Soviet troops", "1.5 million Soviet troops")],
    ),
    (
        "They faced 700,000 Japanese Kwantung Army and won.",
        [(700_000, None, "Japanese Kwantung Army", "700,000 Japanese Kwantung Army")],
    ),
    (
        "Losses reached USD 2 billion in industry alone.",
        [(2e9, "USD", "in industry alone", "USD 2 billion in industry alone")],
    ),
    ("Looting exceeded USD 6 billion during the occupation.", [(6e9, "USD", None, "USD 6 billion")]),
    ("The loan was US$500 million.", [(5e8, "USD", None, "US$500 million")]),
    ("A fine of $20,000 was paid.", [(20_000, "USD", None, "$20,000")]),
    ("The bank held 3 billion yuan in reserve.", [(3e9, "CNY", "in reserve", "3 billion yuan in reserve")]),
    ("About 30 per cent of factories closed.", [(30, "%", "factories", "30 per cent of factories")]),
    ("About 30% of factories closed.", [(30, "%", "factories", "30% of factories")]),
    ("Two million refugees fled south.", [(2_000_000, None, "refugees", "Two million refugees")]),
    ("Half a million people lost their homes.", [(500_000, None, "people", "Half a million people")]),
    (
        "The army lost 30 tanks and 12 aircraft.",
        [(30, None, "tanks", "30 tanks"), (12, None, "aircraft", "12 aircraft")],
    ),
    ("He commanded 45,000 men.", [(45_000, None, "men", "45,000 men")]),
    ("He commanded 45,000 armed men.", [(45_000, None, "armed men", "45,000 armed men")]),
    ("In all 6,360,000 surrendered.", [(6_360_000, None, None, "6,360,000")]),
    ("The fleet sailed 18,000 miles east.", [(18_000, "mi", None, "18,000 miles")]),
    ("The railway ran 2,400 kilometres north.", [(2_400, "km", None, "2,400 kilometres")]),
    ("They shipped 10,000 tons of steel.", [(10_000, "t", "steel", "10,000 tons of steel")]),
    (
        "About 200,000 civilian casualties were counted.",
        [(200_000, None, "civilian casualties", "200,000 civilian casualties")],
    ),
    ("The city had 800,000 inhabitants.", [(800_000, None, "inhabitants", "800,000 inhabitants")]),
    (
        "蘇軍150萬人進入東北，損失20億美元。",
        [(1_500_000, None, None, "150萬"), (2e9, "USD", None, "20億美元")],
    ),
]

NOT_FIGURES = [
    "(4) Soviet Withdrawal",
    "The treaty was signed on 14 August 1945.",
    "On August 14, 1945, the war ended.",
    "In 1924 the republic was declared.",
    "The flag was used from 1945 to 1992.",
    "The civil war (1945-1949) ended.",
    "Troops left within three months.",
    "A history of two thousand years.",
    "Article 5 of the treaty applied.",
    "They drove along Route 66.",
    "Part 4 of the series.",
    "The 1930s were hard; the 19th century harder.",
    "On 10 March, the troops left.",
    "It lasted 3 years.",
    "The 4 Years' War ended.",
    "The first article of the agreement.",
    "Both sides agreed.",
]


@pytest.mark.parametrize(("sentence", "expected"), FORMS)
def test_form(sentence: str, expected: list[tuple[float, str | None, str | None, str]]) -> None:
    found = find_figures_in_text(sentence)
    assert [(f.value, f.unit, f.counted, f.text) for f in found] == expected
    for figure in found:
        assert sentence[figure.span.start : figure.span.end] == figure.text
        assert figure.text.startswith(figure.amount)


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_not_a_figure(sentence: str) -> None:
    assert find_figures_in_text(sentence) == []


def test_values_are_whole_numbers_when_they_can_be() -> None:
    (figure,) = find_figures_in_text("Some 1.5 million Soviet troops.")
    assert isinstance(figure.value, int) and figure.value == 1_500_000
    (share,) = find_figures_in_text("Prices rose 2.5 per cent.")
    assert share.value == 2.5


def test_feature_spans_point_at_their_text() -> None:
    feature = make_feature(
        title="A test feature",
        blocks=(
            Paragraph(text="In 1946, 300,000 workers lost their jobs."),
            Paragraph(text="Reparations of USD 1 billion were asked."),
        ),
    )
    figures = find_figures(feature)
    assert [f.text for f in figures] == ["300,000 workers", "USD 1 billion"]
    for figure in figures:
        assert text_at(feature, figure.span.ref)[figure.span.start : figure.span.end] == figure.text
    assert [f.span.ref.block for f in figures] == [0, 1]
    assert [(f.value, f.unit) for f in figures] == [(300_000, None), (10**9, "USD")]


@pytest.mark.skipif(not SEED_TEXT.exists(), reason="the seed (../shared/seed/) is not present")
def test_seed_figures() -> None:
    feature = read_path(SEED_TEXT, Settings()).feature
    figures = find_figures(feature)
    assert [(f.value, f.unit, f.counted) for f in figures] == [
        (1_500_000, None, "Soviet troops"),
        (700_000, None, "Japanese Kwantung Army"),
        (2_000_000_000, "USD", "in industry alone"),
        (6_000_000_000, "USD", None),
    ]
    for figure in figures:
        assert text_at(feature, figure.span.ref)[figure.span.start : figure.span.end] == figure.text
