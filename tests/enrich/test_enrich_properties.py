"""Any text, however odd, gives terms and figures whose spans point inside it, and never an error."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from handscroll.enrich.figures import find_figures_in_text
from handscroll.enrich.glossary import find_terms_in_text

# Pieces that make the patterns fire, mixed with arbitrary text.
PIECES = st.sampled_from(
    [
        " (",
        ")",
        "（",
        "）",
        "哈爾濱",
        "中國共產黨",
        "Harbin",
        "National Revolutionary Army",
        "NRA",
        ", ",
        "’s",
        " the ",
        "1.5 million",
        "700,000",
        "USD ",
        " billion",
        "%",
        " troops",
        "14 August 1945",
        "(4)",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_term_spans_stay_inside_the_text(text: str) -> None:
    for match in find_terms_in_text(text):
        assert 0 <= match.start <= match.english_start < match.english_end <= match.end <= len(text)
        assert text[match.english_start : match.english_end] == match.english
        assert match.chinese is not None or match.abbreviation is not None


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_figure_spans_stay_inside_the_text(text: str) -> None:
    for figure in find_figures_in_text(text):
        assert text[figure.span.start : figure.span.end] == figure.text
        assert figure.text.startswith(figure.amount)
        assert figure.value > 0
