"""Alt text (issue 14 item 7): a figure's own alt where it has one; otherwise alt="" and the caption
describes the picture, so a screen reader never hears a caption twice or a caption cut short."""

from __future__ import annotations

import re

from handscroll.model import Feature, Figure, Paragraph
from handscroll.publish.chapters import build_chapter
from publish.conftest import ClientFactory

LONG_CAPTION = "A long caption that goes on. " * 20


def _feature() -> Feature:
    return Feature(
        title="Boats",
        slug="boats",
        hero="altsite_boats01_1",
        blocks=(
            Paragraph(text="Harbours."),
            Figure(media="altsite_boats01_1", alt="Junks moored in a row", caption=(LONG_CAPTION,)),
            Figure(media="altsite_boats01_2", caption=(LONG_CAPTION,)),
        ),
    )


def _alts(html: str) -> list[str]:
    return re.findall(r'<img [^>]*alt="([^"]*)"', html)


def test_the_reader_uses_the_figures_own_alt_or_none(make_client: ClientFactory) -> None:
    html = make_client([_feature()]).get("/features/boats").text
    # The lead picture and figure 1 share a picture and its alt; figure 2 has none of its own.
    assert _alts(html) == ["Junks moored in a row", "Junks moored in a row", ""]
    assert "…" not in "".join(_alts(html))
    assert html.count("A long caption that goes on.") >= 20  # the caption is there, whole, as text


def test_the_book_chapter_never_cuts_a_caption_into_alt_text() -> None:
    chapter = build_chapter(_feature(), "boats.xhtml", lambda media, slug: (f"{media}.jpg", 8, 6))
    figures = [b for b in chapter.blocks if b.kind == "figure"]
    assert [f.alt for f in figures] == ["Junks moored in a row", ""]
    assert figures[1].lines == (LONG_CAPTION,)
