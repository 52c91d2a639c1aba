"""The library's reference pages: the glossary here, the timeline in `timeline_page`.

Like every page, each is a documented frozen dataclass built from the library
and rendered by the same template on the live server and in the static site.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar, Literal, Protocol

from handscroll.publish.annotate import anchor_ids
from handscroll.publish.contexts import (
    Chrome,
    FeaturePage,
    HomePage,
    Link,
    NotFoundPage,
    SeriesPage,
    make_chrome,
)
from handscroll.publish.editions import choose, works_of
from handscroll.publish.enriched import TermEntry, use_anchor
from handscroll.publish.i18n import Translator
from handscroll.publish.places_page import PlacesPage
from handscroll.publish.timeline_page import TimelinePage
from handscroll.publish.urls import Urls
from handscroll.store.records import FeatureSummary, GlossaryEntry, SeriesSummary, TimelineEntry
from handscroll.text.pinyin_words import pinyin_words

GlossarySort = Literal["english", "pinyin"]
"""The orders the glossary page offers."""

GLOSSARY_SORTS: tuple[GlossarySort, ...] = ("english", "pinyin")


class ReferenceReader(Protocol):
    """What the reference pages read from the library."""

    def list_features(
        self, *, series: str | None = None, offset: int = 0, limit: int | None = None
    ) -> list[FeatureSummary]: ...

    def list_series(self) -> list[SeriesSummary]: ...

    def timeline(self, *, series: str | None = None, slug: str | None = None) -> list[TimelineEntry]: ...

    def glossary(self, *, series: str | None = None) -> list[GlossaryEntry]: ...


@dataclass(frozen=True)
class GlossaryItem:
    """One term of the library glossary, with the passages of each feature that uses it."""

    term: TermEntry
    features: tuple[Link, ...]
    letter: str = ""
    """The letter it is listed under in the A-Z index."""
    search: str = ""
    """Its forms in one lowercase string (English, Chinese, pinyin with and without tones), for
    the filter box."""


@dataclass(frozen=True)
class GlossaryPage:
    """The library glossary, ordered by English name or by pinyin, with links to both orders, an
    A-Z index and a filter box (issue 14)."""

    template: ClassVar[str] = "glossary.html"
    chrome: Chrome
    sort: str
    sorts: tuple[Link, ...]
    items: tuple[GlossaryItem, ...]
    letters: tuple[Link, ...] = ()


ReaderPage = HomePage | SeriesPage | FeaturePage | NotFoundPage | TimelinePage | GlossaryPage | PlacesPage
"""Any page of the reader."""


def glossary_page(
    entries: Sequence[GlossaryEntry],
    titles: dict[str, str],
    urls: Urls,
    sort: GlossarySort = "english",
    shown: Mapping[str, str] | None = None,
) -> GlossaryPage:
    """The glossary page; `titles` names the features (slug -> title) its entries link to, and
    `shown` gives for an edition of a work the edition this language's readers see, so a term
    the editions share links to the work once (issue 12)."""
    anchors = anchor_ids([e.english for e in entries], "term")
    seen = shown or {}
    items = []
    for anchor, e in zip(anchors, entries, strict=True):
        pinyin = pinyin_words(e.chinese, e.english) if e.pinyin and e.chinese else e.pinyin
        forms = (e.english, e.chinese, e.traditional, e.simplified, pinyin, e.pinyin_plain, e.abbreviation)
        items.append(
            GlossaryItem(
                term=TermEntry(
                    anchor=anchor,
                    english=e.english,
                    chinese=e.chinese,
                    traditional=e.traditional,
                    simplified=e.simplified,
                    pinyin=pinyin,
                    abbreviation=e.abbreviation,
                    note=e.note,
                ),
                # Each feature's link lands on the passage where the term is first used (issue 14).
                features=tuple(
                    Link(f"{urls.feature(s)}#{use_anchor(e.english)}", titles.get(s, s))
                    for s in dict.fromkeys(seen.get(s, s) for s in e.slugs)
                ),
                search=" ".join(f.casefold() for f in forms if f),
            )
        )
    if sort == "pinyin":
        # Terms without Chinese have no pinyin: they follow, by English name.
        items.sort(key=lambda i: (i.term.pinyin is None, _pinyin_key(i.term), i.term.english.casefold()))
    else:
        items.sort(key=lambda i: i.term.english.casefold())
    by = "pinyin" if sort == "pinyin" else "english"
    items = [
        replace(i, letter=_letter((i.term.pinyin if by == "pinyin" else None) or i.term.english))
        for i in items
    ]
    ui = Translator(urls.language)
    labels = {"english": ui.gettext("English"), "pinyin": ui.gettext("Pinyin")}
    letters = tuple(Link(f"#letter-{letter}", letter) for letter in dict.fromkeys(i.letter for i in items))
    return GlossaryPage(
        chrome=make_chrome(urls, lambda other: other.glossary(sort)),
        sort=sort,
        sorts=tuple(Link(urls.glossary(s), labels[s], s == sort) for s in GLOSSARY_SORTS),
        items=tuple(items),
        letters=letters,
    )


def _letter(name: str) -> str:
    """The A-Z letter a name is listed under (tone marks dropped; "#" for anything else)."""
    plain = unicodedata.normalize("NFD", name)[:1].upper()
    return plain if "A" <= plain <= "Z" else "#"


def shown_editions(summaries: Sequence[FeatureSummary], language: str) -> dict[str, str]:
    """Per edition of a work, the slug of the edition a reader of `language` sees."""
    shown: dict[str, str] = {}
    for editions in works_of(summaries).values():
        chosen = choose(language, editions)
        shown.update((slug, chosen) for slug in editions.values() if chosen)
    return shown


def _pinyin_key(term: TermEntry) -> str:
    """Pinyin without tone marks, then with them, so `ma` sorts by syllable before tone."""
    plain = "".join(
        c for c in unicodedata.normalize("NFD", term.pinyin or "") if not unicodedata.combining(c)
    )
    return f"{plain.casefold()}\x00{term.pinyin or ''}"


def load_glossary(library: ReferenceReader, urls: Urls, sort: GlossarySort = "english") -> GlossaryPage:
    """The library glossary in the given order."""
    summaries = library.list_features()
    titles = {f.slug: f.title for f in summaries}
    return glossary_page(library.glossary(), titles, urls, sort, shown_editions(summaries, urls.language))
