"""The English glossary in the order readers look for names (issue 11): accents and case do not
move a name to the end of the list, on both databases, in new and in migrated libraries."""

from __future__ import annotations

from factories import make_feature
from handscroll.model import Paragraph
from handscroll.store import Library
from handscroll.store.glossary import GlossaryKey
from handscroll.store.listing import TermKey
from handscroll.text.order import name_order
from publish.builders import fill_enriched_library

from .conftest import downgrade

SENTENCES = (
    "Zhou Enlai (周恩來) spoke first.",
    "The novelist Émile Zola (左拉) wrote about it.",
    "Ōkubo Toshimichi (大久保利通) led the mission.",
    "Mao Zedong (毛澤東) answered.",
    "Deng Xiaoping (鄧小平) travelled.",
)
READERS_ORDER = ["Deng Xiaoping", "Émile Zola", "Mao Zedong", "Ōkubo Toshimichi", "Zhou Enlai"]


def _fill(url: str) -> None:
    features = [
        make_feature(title=f"Talk {n}", slug=f"talk-{n}", blocks=(Paragraph(text=sentence),))
        for n, sentence in enumerate(SENTENCES)
    ]
    fill_enriched_library(url, features)


def _english_walk(library: Library, limit: int) -> list[str]:
    names: list[str] = []
    after = None
    while True:
        part = library.glossary_slice(order="english", after=after, limit=limit, links=2)
        names += [e.english for e in part.entries]
        if not part.later:
            return names
        after = GlossaryKey.of(part.entries[-1], "english")


def test_name_order_drops_accents_and_case() -> None:
    assert name_order("Émile Zola") == "emile zola"
    assert name_order("de Gaulle") < name_order("Deng Xiaoping") < name_order("Zhou Enlai")
    assert sorted(["Zhou", "de Gaulle", "Ōkubo", "Chiang"], key=name_order) == [
        "Chiang",
        "de Gaulle",
        "Ōkubo",
        "Zhou",
    ]


def test_accented_names_stand_under_their_letter(library_url: str) -> None:
    _fill(library_url)
    with Library.open(library_url) as library:
        assert _english_walk(library, 2) == READERS_ORDER  # paged: each seek in the same order
        assert _english_walk(library, 50) == READERS_ORDER
        assert library.glossary_letters("english") == ("D", "E", "M", "O", "Z")
        # The API's per-series listing keeps the same order, and its cursor resumes inside it.
        first = library.glossary_page(series=None, after=None, limit=2)
        rest = library.glossary_page(series=None, after=TermKey.of(first[-1]), limit=10)
        assert [e.english for e in first + rest] == READERS_ORDER


def test_the_migration_fills_the_order_of_existing_terms(library_url: str) -> None:
    _fill(library_url)
    downgrade(library_url, "0017_render_parts")
    with Library.open(library_url) as library:  # upgraded again on opening: 0018 fills the keys
        assert _english_walk(library, 3) == READERS_ORDER
        assert library.glossary_letters("english") == ("D", "E", "M", "O", "Z")
