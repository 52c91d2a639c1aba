"""The timeline page (library or series) that teaches (issue 14) and stays small (issue 11).

Each happening is listed once, under its date, with every sentence that tells it
(`happenings`), each sentence whole and linked to its words; an event told by a
work's other editions shows their sentences too (issue 12). Nothing read from a
model answer appears (the store leaves those out).

The live reader shows a slice of about `PAGE_EVENTS` mentions at a time,
filtered by words, series, feature and years, with links to the slices before
and after: a page of a 10,000-event timeline costs what a page of a 100-event
one costs. The static site writes the same pages as files
(`timeline.html`, `timeline-page-2.html`, ...) with an index of decades.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol
from urllib.parse import urlencode

from markupsafe import Markup

from handscroll.model import TextRef, sort_key
from handscroll.publish.annotate import han_lang, stress
from handscroll.publish.contexts import Chrome, Link, make_chrome, series_title
from handscroll.publish.datelabels import date_label, on_the_calendar, ordinal, year_label
from handscroll.publish.editions import one_per_event
from handscroll.publish.enriched import event_anchor
from handscroll.publish.happenings import Mention, group_happenings
from handscroll.publish.i18n import Translator
from handscroll.publish.series_choices import series_choices
from handscroll.publish.urls import Urls
from handscroll.store.records import SeriesSummary, TimelineEntry
from handscroll.store.timeline_slices import COUNT_CAP, TimelineFilter, TimelineSlice, year_cursor

PAGE_EVENTS = 100
"""About how many mentions one page of a timeline shows (a date is not cut where it can be helped)."""

YEAR_RANGE = (-5000, 3000)
"""Years a filter accepts; anything outside is ignored as a typing slip."""


class TimelineReader(Protocol):
    """What the timeline page reads from the library."""

    def version(self) -> int: ...

    def list_series(self) -> list[SeriesSummary]: ...

    def get_series(self, key: str) -> SeriesSummary: ...

    def timeline_slice(
        self, wanted: TimelineFilter, *, after: str | None = None, before: str | None = None, limit: int = 100
    ) -> TimelineSlice: ...


@dataclass(frozen=True)
class EditionSentence:
    """An event's sentence as another edition of the work writes it, linked to its words there."""

    language: str
    sentence: Markup
    url: str


@dataclass(frozen=True)
class TimelineSentence:
    """One sentence that tells a happening: whole, its date stressed, linked to its words in its
    feature; `only_url` narrows the timeline to that feature (empty where there are no filters)."""

    sentence: Markup
    url: str
    feature: str
    part: int | None
    language: str = "en"
    editions: tuple[EditionSentence, ...] = ()
    only_url: str = ""


@dataclass(frozen=True)
class Happening:
    """One thing that happened on a date, with every sentence that tells it."""

    label: str
    sentences: tuple[TimelineSentence, ...]


@dataclass(frozen=True)
class TimelineGroup:
    """The happenings of one year on the page; a decade or a century named as such has its own."""

    label: str
    anchor: str
    items: tuple[Happening, ...]


@dataclass(frozen=True)
class Choice:
    """An option of a filter's list."""

    value: str
    label: str
    selected: bool


@dataclass(frozen=True)
class TimelineFilters:
    """The filter form of the live timeline: words, series, years, and the feature chosen."""

    action: str
    words: str
    year_from: str
    year_to: str
    series: tuple[Choice, ...]
    """Empty on a series' own timeline (its series is fixed)."""
    feature: str
    feature_title: str
    without_feature: str
    """The same timeline without the feature filter."""
    clear: str
    active: bool


@dataclass(frozen=True)
class TimelinePage:
    """One page of the timeline of the library, or of one series (`series` set)."""

    template: ClassVar[str] = "timeline.html"
    chrome: Chrome
    title: str
    series: Link | None
    groups: tuple[TimelineGroup, ...]
    count: int | None
    """Mentions in the whole (filtered) timeline, counted up to `COUNT_CAP`; None when words are
    looked for, a stretch of the timeline at a time (`WORDS_WINDOW`)."""
    more: bool
    """True when there are more mentions than were counted."""
    previous: str
    next: str
    index: tuple[Link, ...]
    """Decades (or centuries) to jump to; in the static site, where there is no filter form."""
    filters: TimelineFilters | None


def entry_url(urls: Urls, entry: TimelineEntry) -> str:
    """The very words of a timeline entry in its feature."""
    ref = TextRef(entry.block, entry.field, entry.paragraph)
    return f"{urls.feature(entry.slug)}#{event_anchor(ref, entry.start)}"


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


Stressed = dict[tuple[str, int | None, str, int, int], Markup]
"""Each mention's sentence as HTML, by its place in its feature: a static build marks each once
for all the languages of a page (issue 11)."""


def timeline_groups(
    entries: Sequence[TimelineEntry],
    urls: Urls,
    only: Mapping[str, str] | None = None,
    stressed: Stressed | None = None,
) -> tuple[TimelineGroup, ...]:
    """Entries in time order as year groups of happenings, in the language of `urls`; `only`
    gives per slug the address of the timeline narrowed to that feature; `stressed` keeps the
    sentences marked before."""
    language = urls.language
    events = one_per_event([e for e in entries if on_the_calendar(e.value)], language)
    happenings = group_happenings(
        events,
        lambda pair: Mention(
            pair, (pair[0].value, pair[0].mod), pair[0].text, pair[0].sentence, pair[0].slug
        ),
    )
    groups: dict[str, tuple[str, list[Happening]]] = {}
    marked = {} if stressed is None else stressed
    for happening in happenings:
        first = happening[0][0]
        label, anchor = group_key(first.value, language)
        sentences = tuple(
            _sentence(entry, others, urls, (only or {}).get(entry.slug, ""), marked)
            for entry, others in happening
        )
        groups.setdefault(anchor, (label, []))[1].append(
            Happening(date_label(first.value, first.mod, language), sentences)
        )
    return tuple(TimelineGroup(label, anchor, tuple(items)) for anchor, (label, items) in groups.items())


def _sentence(
    entry: TimelineEntry, others: tuple[TimelineEntry, ...], urls: Urls, only: str, stressed: Stressed
) -> TimelineSentence:
    return TimelineSentence(
        sentence=_stressed(entry, stressed),
        url=entry_url(urls, entry),
        feature=entry.title,
        part=entry.part,
        language=entry.language,
        editions=tuple(
            EditionSentence(
                other.language,
                _stressed(other, stressed),
                entry_url(urls.in_language(other.language), other),
            )
            for other in others
        ),
        only_url=only,
    )


def _stressed(entry: TimelineEntry, stressed: Stressed) -> Markup:
    """The entry's sentence with its date in `<strong>`, marked once."""
    key = (entry.slug, entry.block, entry.field, entry.paragraph, entry.start)
    found = stressed.get(key)
    if found is None:
        found = stressed[key] = stress(entry.sentence, entry.text, han_lang(entry.language))
    return found


def timeline_title(urls: Urls, series: Link | None) -> str:
    ui = Translator(urls.language)
    return ui.gettext("Timeline: %(name)s") % {"name": series.label} if series else ui.gettext("Timeline")


def numbered_page(base: str, number: int) -> str:
    """`timeline.html` -> `timeline-page-2.html`: the n-th page of a static listing (timeline, places)."""
    stem, dot, suffix = base.rpartition(".")
    return f"{stem}-page-{number}.{suffix}" if dot else f"{base}-page-{number}"


def load_timeline(
    library: TimelineReader, urls: Urls, series: str | None = None, asked: Mapping[str, str] | None = None
) -> TimelinePage:
    """One page of the live timeline of the library, or of a series (NotFoundError when the
    series has no features), filtered and placed as the query `asked` says."""
    asked = asked or {}
    link = None
    if series is not None:  # NotFoundError when no feature is in it
        link = Link(urls.series(series), series_title(library.get_series(series), series))
    wanted = TimelineFilter(
        series=series or (asked.get("series") or None),
        slug=asked.get("feature") or None,
        year_from=_year(asked.get("from")),
        year_to=_year(asked.get("to")),
        words=(asked.get("q") or "").strip()[:200] or None,
    )
    if wanted.year_from is not None and wanted.year_to is not None and wanted.year_from > wanted.year_to:
        wanted = TimelineFilter(wanted.series, wanted.slug, wanted.year_to, wanted.year_from, wanted.words)
    at = _year(asked.get("at"))
    after = asked.get("after") or (year_cursor(at) if at is not None else None)
    found = library.timeline_slice(wanted, after=after, before=asked.get("before") or None, limit=PAGE_EVENTS)
    base = urls.timeline(series)
    kept = _query(wanted, fixed_series=series is not None)

    def address(**extra: str) -> str:
        query = urlencode({**kept, **extra})
        return f"{base}?{query}" if query else base

    only = {e.slug: address(**{**kept, "feature": e.slug}) for e in found.entries}
    feature_title = next((e.title for e in found.entries if e.slug == wanted.slug), wanted.slug or "")
    without = {k: v for k, v in kept.items() if k != "feature"}
    # The series filter: every series, or in a large library the chosen one and the page's (issue 11).
    shown = [wanted.series, *(e.series for e in found.entries)]
    offered = () if series is not None else series_choices(library).offered(shown)
    filters = TimelineFilters(
        action=base,
        words=wanted.words or "",
        year_from="" if wanted.year_from is None else str(wanted.year_from),
        year_to="" if wanted.year_to is None else str(wanted.year_to),
        series=tuple(Choice(key, title, key == wanted.series) for key, title in offered),
        feature=wanted.slug or "",
        feature_title=feature_title,
        without_feature=f"{base}?{urlencode(without)}" if without else base,
        clear=base,
        active=bool(kept),
    )
    return TimelinePage(
        chrome=make_chrome(urls, lambda other: other.timeline(series)),
        title=timeline_title(urls, link),
        series=link,
        groups=timeline_groups(found.entries, urls, only),
        count=None if found.count is None else min(found.count, COUNT_CAP),
        more=found.count is not None and found.count > COUNT_CAP,
        previous=address(before=found.before) if found.before else "",
        next=address(after=found.after) if found.after else "",
        index=(),
        filters=filters,
    )


def _query(wanted: TimelineFilter, *, fixed_series: bool) -> dict[str, str]:
    """The query string that asks for the same filters."""
    pairs = {
        "q": wanted.words or "",
        "series": "" if fixed_series else wanted.series or "",
        "feature": wanted.slug or "",
        "from": "" if wanted.year_from is None else str(wanted.year_from),
        "to": "" if wanted.year_to is None else str(wanted.year_to),
    }
    return {k: v for k, v in pairs.items() if v}


def _year(text: str | None) -> int | None:
    """A year typed in a filter, or None when it is not one."""
    try:
        year = int((text or "").strip())
    except ValueError:
        return None
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None
