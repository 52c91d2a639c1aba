"""The library's reference pages: the glossary here, the timeline in `timeline_page`.

Like every page, each is a documented frozen dataclass built from the library
and rendered by the same template on the live server and in the static site.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar, Literal, Protocol
from urllib.parse import urlencode

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
from handscroll.publish.cursors import BadCursor, decode, glossary_token, read_glossary
from handscroll.publish.editions import choose, works_of
from handscroll.publish.enriched import TermEntry, use_anchor
from handscroll.publish.i18n import Translator
from handscroll.publish.places_page import PlacesPage
from handscroll.publish.timeline_page import TimelinePage
from handscroll.publish.urls import Urls
from handscroll.store.glossary import GlossaryKey, GlossarySlice, letter_key
from handscroll.store.records import FeatureSummary, GlossaryEntry, SeriesSummary, TimelineEntry
from handscroll.store.works import StoredEdition
from handscroll.text.order import name_order
from handscroll.text.pinyin_words import pinyin_words

GlossarySort = Literal["english", "pinyin"]
"""The orders the glossary page offers."""

GLOSSARY_PAGE = 100
"""Terms on one page of the live glossary."""

TERM_LINKS = 5
"""Features a glossary term links to; past these, a search finds every one (issue 11)."""

GLOSSARY_SORTS: tuple[GlossarySort, ...] = ("english", "pinyin")


class ReferenceReader(Protocol):
    """What the reference pages read from the library."""

    def list_features(
        self, *, series: str | None = None, offset: int = 0, limit: int | None = None
    ) -> list[FeatureSummary]: ...

    def list_series(self) -> list[SeriesSummary]: ...

    def timeline(self, *, series: str | None = None, slug: str | None = None) -> list[TimelineEntry]: ...

    def glossary(self, *, series: str | None = None) -> list[GlossaryEntry]: ...

    def glossary_slice(
        self,
        *,
        order: GlossarySort,
        after: GlossaryKey | None = None,
        before: GlossaryKey | None = None,
        limit: int,
        links: int,
    ) -> GlossarySlice: ...

    def glossary_letters(self, order: GlossarySort) -> tuple[str, ...]: ...

    def feature_titles(self, slugs: Sequence[str]) -> dict[str, str]: ...

    def work_keys(self, slugs: Sequence[str]) -> dict[str, tuple[str, bool]]: ...

    def work_editions(self, keys: Sequence[str]) -> dict[str, list[StoredEdition]]: ...


@dataclass(frozen=True)
class GlossaryItem:
    """One term of the library glossary, with the passages of each feature that uses it."""

    term: TermEntry
    features: tuple[Link, ...]
    letter: str = ""
    """The letter it is listed under in the A-Z index."""
    heading: str = ""
    """The id of the letter's heading above it: set on the first term of each letter on the page."""
    more_url: str = ""
    """Where every feature that uses it is found (a search), when more use it than are linked."""
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
    previous_url: str | None = None
    next_url: str | None = None


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
    items: list[tuple[GlossaryItem, GlossaryEntry]] = []
    for anchor, e in zip(anchors, entries, strict=True):
        pinyin = pinyin_words(e.chinese, e.english) if e.pinyin and e.chinese else e.pinyin
        forms = (e.english, e.chinese, e.traditional, e.simplified, pinyin, e.pinyin_plain, e.abbreviation)
        works = list(dict.fromkeys(seen.get(s, s) for s in e.slugs))
        item = GlossaryItem(
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
                for s in works[:TERM_LINKS]
            ),
            search=" ".join(f.casefold() for f in forms if f),
            more_url=_more_url(urls, e) if e.more or len(works) > TERM_LINKS else "",
        )
        items.append((item, e))
    if sort == "pinyin":  # the library's order: pinyin, then English; terms without pinyin last
        items.sort(key=lambda i: (i[1].pinyin_plain is None, i[1].pinyin_plain or "", *_english_key(i[1])))
    else:
        items.sort(key=lambda i: _english_key(i[1]))
    by = "pinyin" if sort == "pinyin" else "english"
    listed: list[GlossaryItem] = []
    ids: set[str] = set()
    for item, _ in items:
        letter = _letter((item.term.pinyin if by == "pinyin" else None) or item.term.english)
        heading = f"letter-{letter}" if letter != (listed[-1].letter if listed else None) else ""
        heading = heading if heading not in ids else ""
        ids.add(heading)
        listed.append(replace(item, letter=letter, heading=heading))
    ui = Translator(urls.language)
    labels = {"english": ui.gettext("English"), "pinyin": ui.gettext("Pinyin")}
    letters = tuple(Link(f"#{i.heading}", i.letter) for i in listed if i.heading)
    return GlossaryPage(
        chrome=make_chrome(urls, lambda other: other.glossary(sort)),
        sort=sort,
        sorts=tuple(Link(urls.glossary(s), labels[s], s == sort) for s in GLOSSARY_SORTS),
        items=tuple(listed),
        letters=letters,
    )


def _english_key(entry: GlossaryEntry) -> tuple[str, str, str]:
    """The library glossary's English order (`store.glossary`): name order, name, form."""
    return (name_order(entry.english), entry.english, entry.traditional or "")


def _more_url(urls: Urls, entry: GlossaryEntry) -> str:
    """A search for the term, which lists every feature that uses it."""
    return f"{urls.search()}?{urlencode({'q': entry.english})}"


def _letter(name: str) -> str:
    """The A-Z letter a name is listed under (by its name order, as the library's letters are;
    "#" for anything else)."""
    plain = name_order(name)[:1].upper()
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
    return f"{name_order(term.pinyin or '')}\x00{term.pinyin or ''}"


def load_glossary(
    library: ReferenceReader,
    urls: Urls,
    sort: GlossarySort = "english",
    asked: Mapping[str, str] | None = None,
) -> GlossaryPage:
    """A page of the library glossary in the given order: from the start, from a letter (`from`),
    or after or before a cursor; each read is bounded by the page (issue 11)."""
    asked = asked or {}
    after, before = _glossary_at(asked.get("after")), _glossary_at(asked.get("before"))
    if after is None and before is None:
        after = letter_key(asked.get("from", ""), sort)
    # Three times the links shown: the editions of one work are one link.
    found = library.glossary_slice(
        order=sort, after=after, before=before, limit=GLOSSARY_PAGE, links=TERM_LINKS * 3
    )
    slugs = sorted({slug for entry in found.entries for slug in entry.slugs})
    shown, titles = _editions_shown(library, slugs, urls.language)
    titles |= library.feature_titles([slug for slug in {*slugs, *shown.values()} if slug not in titles])
    page = glossary_page(found.entries, titles, urls, sort, shown)
    base = urls.glossary(sort)
    first, last = found.entries[:1], found.entries[-1:]
    return replace(
        page,
        letters=tuple(
            Link(_glossary_url(base, {"from": letter}), letter) for letter in library.glossary_letters(sort)
        ),
        previous_url=_glossary_url(base, {"before": glossary_token(GlossaryKey.of(first[0], sort))})
        if found.earlier and first
        else None,
        next_url=_glossary_url(base, {"after": glossary_token(GlossaryKey.of(last[0], sort))})
        if found.later and last
        else None,
    )


def _glossary_at(token: str | None) -> GlossaryKey | None:
    """The position a glossary cursor names; None when absent or not one of ours."""
    if not token:
        return None
    try:
        return read_glossary(decode(token))
    except BadCursor:
        return None


def _glossary_url(base: str, params: Mapping[str, str]) -> str:
    return f"{base}{'&' if '?' in base else '?'}{urlencode(params)}"


def _editions_shown(
    library: ReferenceReader, slugs: Sequence[str], language: str
) -> tuple[dict[str, str], dict[str, str]]:
    """For the editions among `slugs`, the edition a reader of `language` sees, and the titles of
    every edition of their works."""
    keys = sorted({key for key, _ in library.work_keys(slugs).values()})
    shown: dict[str, str] = {}
    titles: dict[str, str] = {}
    for editions in library.work_editions(keys).values():
        chosen = choose(language, {e.language: e.slug for e in editions})
        for edition in editions:
            titles[edition.slug] = edition.title
            if chosen:
                shown[edition.slug] = chosen
    return shown, titles
