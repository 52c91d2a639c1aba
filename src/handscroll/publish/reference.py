"""The library's reference pages: the timeline (library or series) and the glossary.

Like every page, each is a documented frozen dataclass built from the library
and rendered by the same template on the live server and in the static site.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol

from markupsafe import Markup

from handscroll.errors import NotFoundError
from handscroll.model import TextRef, sort_key
from handscroll.publish.annotate import anchor_ids, han_lang, stress
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
from handscroll.publish.editions import choose, one_per_event, works_of
from handscroll.publish.enriched import TermEntry, event_anchor
from handscroll.publish.i18n import Translator
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
class EditionSentence:
    """An event's sentence as another edition of the work writes it, linked to its words there."""

    language: str
    sentence: Markup
    url: str


@dataclass(frozen=True)
class TimelineItem:
    """One event on a timeline page: its date in words, its sentence (the date stressed), and
    a link to the very words in its feature; `editions` holds the same event's sentence in the
    work's other editions (issue 12), so the event is listed once."""

    label: str
    sentence: Markup
    url: str
    feature: str
    part: int | None
    language: str = "en"
    editions: tuple[EditionSentence, ...] = ()


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


def group_key(value: str, language: str = "en") -> tuple[str, str]:
    """The label and element id of the group an event's value belongs to: its (start) year,
    or its decade or century when it names no year."""
    year, rank = sort_key(value)[:2]
    chinese = language.startswith("zh")
    era = ("公元前" if chinese else " BC") if year < 0 else ""
    if rank == 0:
        century = abs(year) // 100 + 1
        if chinese:
            label = f"{era}{century}世{'纪' if language == 'zh-Hans' else '紀'}"
        else:
            label = f"The {ordinal(century)} century{era}"
        return label, f"c{year}"
    if rank == 1:
        return (f"{era}{abs(year)}年代" if chinese else f"The {abs(year)}s{era}"), f"d{year}"
    return year_label(year, language), f"y{year}"


def timeline_page(
    entries: Sequence[TimelineEntry],
    urls: Urls,
    *,
    series: Link | None = None,
    key: str | None = None,
) -> TimelinePage:
    """A timeline page from entries already in time order (`Library.timeline`), in the language
    of `urls`: of the library, or of the series `key` (linked as `series`). An event told by
    several editions of a work is listed once, in the reader's edition, with its sentence in
    the others (issue 12)."""
    ui = Translator(urls.language)
    groups: dict[str, tuple[str, list[TimelineItem]]] = {}
    events = one_per_event([e for e in entries if on_the_calendar(e.value)], urls.language)
    for entry, others in events:
        label, anchor = group_key(entry.value, urls.language)
        item = TimelineItem(
            label=date_label(entry.value, entry.mod, urls.language),
            sentence=stress(entry.sentence, entry.text, han_lang(entry.language)),
            url=entry_url(urls, entry),
            feature=entry.title,
            part=entry.part,
            language=entry.language,
            editions=tuple(
                EditionSentence(
                    other.language,
                    stress(other.sentence, other.text, han_lang(other.language)),
                    entry_url(urls.in_language(other.language), other),
                )
                for other in others
            ),
        )
        groups.setdefault(anchor, (label, []))[1].append(item)
    title = ui.gettext("Timeline: %(name)s") % {"name": series.label} if series else ui.gettext("Timeline")
    return TimelinePage(
        chrome=make_chrome(urls, lambda other: other.timeline(key)),
        title=title,
        series=series,
        groups=tuple(TimelineGroup(label, anchor, tuple(items)) for anchor, (label, items) in groups.items()),
        count=len(events),
    )


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
            features=tuple(
                Link(urls.feature(s), titles.get(s, s))
                for s in dict.fromkeys(seen.get(s, s) for s in e.slugs)
            ),
        )
        for anchor, e in zip(anchors, entries, strict=True)
    ]
    if sort == "pinyin":
        # Terms without Chinese have no pinyin: they follow, by English name.
        items.sort(key=lambda i: (i.term.pinyin is None, _pinyin_key(i.term), i.term.english.casefold()))
    else:
        items.sort(key=lambda i: i.term.english.casefold())
    ui = Translator(urls.language)
    labels = {"english": ui.gettext("English"), "pinyin": ui.gettext("Pinyin")}
    return GlossaryPage(
        chrome=make_chrome(urls, lambda other: other.glossary(sort)),
        sort=sort,
        sorts=tuple(Link(urls.glossary(s), labels[s], s == sort) for s in GLOSSARY_SORTS),
        items=tuple(items),
    )


def shown_editions(summaries: Sequence[FeatureSummary], language: str) -> dict[str, str]:
    """Per edition of a work, the slug of the edition a reader of `language` sees."""
    shown: dict[str, str] = {}
    for editions in works_of(summaries).values():
        chosen = choose(language, editions)
        shown.update((slug, chosen) for slug in editions.values() if chosen)
    return shown


def entry_url(urls: Urls, entry: TimelineEntry) -> str:
    """The very words of a timeline entry in its feature."""
    ref = TextRef(entry.block, entry.field, entry.paragraph)
    return f"{urls.feature(entry.slug)}#{event_anchor(ref, entry.start)}"


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
        library.timeline(series=series), urls, series=Link(urls.series(series), name), key=series
    )


def load_glossary(library: ReferenceReader, urls: Urls, sort: GlossarySort = "english") -> GlossaryPage:
    """The library glossary in the given order."""
    summaries = library.list_features()
    titles = {f.slug: f.title for f in summaries}
    return glossary_page(library.glossary(), titles, urls, sort, shown_editions(summaries, urls.language))
