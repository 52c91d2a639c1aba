"""The library's reference pages: the timeline (library or series) and the glossary.

Like every page, each is a documented frozen dataclass built from the library
and rendered by the same template on the live server and in the static site.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol

from markupsafe import Markup

from handscroll.errors import NotFoundError
from handscroll.model import TextRef, sort_key
from handscroll.publish.annotate import anchor_ids, stress
from handscroll.publish.contexts import (
    Chrome,
    FeaturePage,
    HomePage,
    Link,
    NotFoundPage,
    SeriesPage,
    make_chrome,
    series_title,
)
from handscroll.publish.datelabels import date_label, on_the_calendar, ordinal, year_label
from handscroll.publish.enriched import TermEntry, event_anchor
from handscroll.publish.urls import Urls
from handscroll.store.records import FeatureSummary, GlossaryEntry, SeriesSummary, TimelineEntry

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
class TimelineItem:
    """One event on a timeline page: its date in words, its sentence (the date stressed), and
    a link to the very words in its feature."""

    label: str
    sentence: Markup
    url: str
    feature: str
    part: int | None


@dataclass(frozen=True)
class TimelineGroup:
    """The events of one year; a decade or a century mentioned as such has a group of its own."""

    label: str
    anchor: str
    items: tuple[TimelineItem, ...]


@dataclass(frozen=True)
class TimelinePage:
    """The timeline of the library, or of one series (`series` set), grouped by year in time order."""

    template: ClassVar[str] = "timeline.html"
    chrome: Chrome
    title: str
    series: Link | None
    groups: tuple[TimelineGroup, ...]
    count: int


@dataclass(frozen=True)
class GlossaryItem:
    """One term of the library glossary, with the features that define it."""

    term: TermEntry
    features: tuple[Link, ...]


@dataclass(frozen=True)
class GlossaryPage:
    """The library glossary, ordered by English name or by pinyin, with links to both orders."""

    template: ClassVar[str] = "glossary.html"
    chrome: Chrome
    sort: str
    sorts: tuple[Link, ...]
    items: tuple[GlossaryItem, ...]


ReaderPage = HomePage | SeriesPage | FeaturePage | NotFoundPage | TimelinePage | GlossaryPage
"""Any page of the reader."""


def group_key(value: str) -> tuple[str, str]:
    """The label and element id of the group an event's value belongs to: its (start) year,
    or its decade or century when it names no year."""
    year, rank = sort_key(value)[:2]
    era = " BC" if year < 0 else ""
    if rank == 0:
        century = abs(year) // 100 + 1
        return f"The {ordinal(century)} century{era}", f"c{year}"
    if rank == 1:
        return f"The {abs(year)}s{era}", f"d{year}"
    return year_label(year), f"y{year}"


def timeline_page(
    entries: Sequence[TimelineEntry], urls: Urls, *, series: Link | None = None, title: str = "Timeline"
) -> TimelinePage:
    """A timeline page from entries already in time order (`Library.timeline`)."""
    groups: dict[str, tuple[str, list[TimelineItem]]] = {}
    entries = [e for e in entries if on_the_calendar(e.value)]
    for entry in entries:
        label, anchor = group_key(entry.value)
        ref = TextRef(entry.block, entry.field, entry.paragraph)
        item = TimelineItem(
            label=date_label(entry.value, entry.mod),
            sentence=stress(entry.sentence, entry.text),
            url=f"{urls.feature(entry.slug)}#{event_anchor(ref, entry.start)}",
            feature=entry.title,
            part=entry.part,
        )
        groups.setdefault(anchor, (label, []))[1].append(item)
    return TimelinePage(
        chrome=make_chrome(urls),
        title=title,
        series=series,
        groups=tuple(TimelineGroup(label, anchor, tuple(items)) for anchor, (label, items) in groups.items()),
        count=len(entries),
    )


def glossary_page(
    entries: Sequence[GlossaryEntry], titles: dict[str, str], urls: Urls, sort: GlossarySort = "english"
) -> GlossaryPage:
    """The glossary page; `titles` names the features (slug -> title) its entries link to."""
    anchors = anchor_ids([e.english for e in entries], "term")
    items = [
        GlossaryItem(
            term=TermEntry(
                anchor=anchor,
                english=e.english,
                chinese=e.chinese,
                traditional=e.traditional,
                simplified=e.simplified,
                pinyin=e.pinyin,
                abbreviation=e.abbreviation,
                note=e.note,
            ),
            features=tuple(Link(urls.feature(s), titles.get(s, s)) for s in e.slugs),
        )
        for anchor, e in zip(anchors, entries, strict=True)
    ]
    if sort == "pinyin":
        # Terms without Chinese have no pinyin: they follow, by English name.
        items.sort(key=lambda i: (i.term.pinyin is None, _pinyin_key(i.term), i.term.english.casefold()))
    else:
        items.sort(key=lambda i: i.term.english.casefold())
    labels = {"english": "English", "pinyin": "Pinyin"}
    return GlossaryPage(
        chrome=make_chrome(urls),
        sort=sort,
        sorts=tuple(Link(urls.glossary(s), labels[s]) for s in GLOSSARY_SORTS),
        items=tuple(items),
    )


def _pinyin_key(term: TermEntry) -> str:
    """Pinyin without tone marks, then with them, so `ma` sorts by syllable before tone."""
    plain = "".join(
        c for c in unicodedata.normalize("NFD", term.pinyin or "") if not unicodedata.combining(c)
    )
    return f"{plain.casefold()}\x00{term.pinyin or ''}"


def load_timeline(library: ReferenceReader, urls: Urls, series: str | None = None) -> TimelinePage:
    """The library timeline, or a series' (NotFoundError when the series has no features)."""
    if series is None:
        return timeline_page(library.timeline(), urls)
    if not library.list_features(series=series, limit=1):
        raise NotFoundError(f"no series {series!r}")
    summary = next((s for s in library.list_series() if s.key == series), None)
    name = series_title(summary, series)
    return timeline_page(
        library.timeline(series=series),
        urls,
        series=Link(urls.series(series), name),
        title=f"Timeline: {name}",
    )


def load_glossary(library: ReferenceReader, urls: Urls, sort: GlossarySort = "english") -> GlossaryPage:
    """The library glossary in the given order."""
    titles = {f.slug: f.title for f in library.list_features()}
    return glossary_page(library.glossary(), titles, urls, sort)
