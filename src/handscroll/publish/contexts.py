"""One documented, frozen dataclass per page: what each template may use, and nothing else.

The web reader and the static site build these same contexts from the
library and render the same templates; only the `Urls` they are given differ:
only transport differs. Contexts are hashable, so the web
reader can cache a rendered page keyed by its context. The frame every page
shares (`Chrome`) lives in `chrome.py` and is re-exported here.

A test checks that each template uses the fields its dataclass declares.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar, Protocol

from markupsafe import Markup

from handscroll.errors import NotFoundError
from handscroll.model import (
    Credit,
    Enrichment,
    Feature,
    Figure,
    Note,
    Paragraph,
    Question,
    TextRef,
    Unclassified,
)
from handscroll.publish.annotate import Mark, annotate, han_lang
from handscroll.publish.checks import CheckSection, load_checks
from handscroll.publish.chrome import Chrome as Chrome
from handscroll.publish.chrome import LanguageLink as LanguageLink
from handscroll.publish.chrome import make_chrome as make_chrome
from handscroll.publish.editions import edition_slugs, pick_editions, translations
from handscroll.publish.enriched import NO_MAP, FeatureExtras, MapSetup, feature_extras
from handscroll.publish.i18n import Translator
from handscroll.publish.jsonld import page_jsonld
from handscroll.publish.media import MediaLibrary
from handscroll.publish.urls import Urls
from handscroll.store.records import FeatureSummary, SeriesSummary
from handscroll.store.works import StoredEdition

HOME_PARTS_SHOWN = 8
"""How many parts of a series the home page shows as cards before linking to the series page."""

HOME_SERIES_SHOWN = 24
"""How many series the home page shows with cards; the rest are listed as plain links, so
the page stays small however large the library grows."""


class LibraryReader(Protocol):
    """The part of `handscroll.store.Library` that publishing reads (it never writes)."""

    def list_features(
        self, *, series: str | None = None, offset: int = 0, limit: int | None = None
    ) -> list[FeatureSummary]: ...

    def get_feature(self, slug: str) -> Feature: ...

    def list_series(self) -> list[SeriesSummary]: ...

    def get_enrichment(self, slug: str) -> Enrichment | None: ...

    def approved_quiz_items(self, slug: str) -> frozenset[str]: ...

    def editions_of_feature(self, slug: str) -> list[StoredEdition]: ...


@dataclass(frozen=True)
class Link:
    """A labelled link (series breadcrumbs, the 404 page's suggestions)."""

    url: str
    label: str
    current: bool = False
    """Whether the link leads to the page it is on (`aria-current`)."""


@dataclass(frozen=True)
class Picture:
    """An image on a page, or the placeholder shown instead when the file is missing or unsafe.

    `src` is empty for a placeholder; otherwise `srcset` lists the WebP
    derivatives and `width`/`height` reserve the space so nothing jumps.
    """

    media: str
    alt: str
    src: str = ""
    srcset: str = ""
    width: int = 0
    height: int = 0

    @property
    def available(self) -> bool:
        """True when there is an image file to show."""
        return bool(self.src)


@dataclass(frozen=True)
class PartCard:
    """A feature as listed on the home and series pages, or as the previous/next part."""

    url: str
    title: str
    part: int | None
    language: str
    figures: int
    picture: Picture | None


@dataclass(frozen=True)
class SeriesCard:
    """A series on the home page: its first parts, and how many more the series page lists."""

    url: str
    title: str
    count: int
    parts: tuple[PartCard, ...]
    more: int


@dataclass(frozen=True)
class Narrative:
    """Consecutive paragraphs of the narrative; `unclassified` marks lines the reader could not place."""

    kind: ClassVar[str] = "narrative"
    paragraphs: tuple[Markup, ...]
    unclassified: tuple[bool, ...]


@dataclass(frozen=True)
class FigureCard:
    """A gallery photo: its number in the feature (`#fig-3`), its picture and caption."""

    kind: ClassVar[str] = "figure"
    number: int
    anchor: str
    picture: Picture
    caption: tuple[Markup, ...]


@dataclass(frozen=True)
class NoteCard:
    """An extended-reading ("ebook") card, standing in the gallery where the source put it."""

    kind: ClassVar[str] = "note"
    label: str
    text: tuple[Markup, ...]


@dataclass(frozen=True)
class Gallery:
    """A run of figures and notes shown as one horizontal strip, with its own counter."""

    kind: ClassVar[str] = "gallery"
    index: int
    items: tuple[FigureCard | NoteCard, ...]
    figures: int


@dataclass(frozen=True)
class QuestionCard:
    """A thinking question; its model answer stays folded until the reader opens it."""

    kind: ClassVar[str] = "question"
    number: int
    prompt: Markup
    answer: tuple[Markup, ...]


@dataclass(frozen=True)
class CreditLine:
    """The photo credit."""

    kind: ClassVar[str] = "credit"
    text: Markup


Section = Narrative | Gallery | QuestionCard | CreditLine
"""One stretch of a feature page, in reading order."""


@dataclass(frozen=True)
class HomePage:
    """The library's front page: series with their first parts, more series as links, then
    features outside a series."""

    template: ClassVar[str] = "home.html"
    chrome: Chrome
    series: tuple[SeriesCard, ...]
    more_series: tuple[SeriesCard, ...]
    standalone: tuple[PartCard, ...]


@dataclass(frozen=True)
class SeriesPage:
    """One series: its parts in order."""

    template: ClassVar[str] = "series.html"
    chrome: Chrome
    key: str
    title: str
    parts: tuple[PartCard, ...]
    timeline_url: str


@dataclass(frozen=True)
class FeaturePage:
    """One feature: title and part, lead picture, narrative, gallery, questions, credit, neighbours,
    and what enrichment found (`extras`: timeline, glossary, places, key figures).

    Texts are `Markup` built by `annotate`: escaped, with dates and term
    mentions marked. `template` is the general template; `feature-<slug>.html`
    is tried first.
    """

    template: ClassVar[str] = "feature.html"
    chrome: Chrome
    slug: str
    title: str
    title_html: Markup
    part: int | None
    language: str
    series: Link | None
    hero: Picture | None
    sections: tuple[Section, ...]
    previous: PartCard | None
    next: PartCard | None
    extras: FeatureExtras
    structured_data: Markup
    """schema.org JSON-LD of the feature (issue 6), escaped for a `<script type="application/ld+json">`."""
    checks: CheckSection | None = None
    """The approved self-check items ("Check yourself", issue 15), or None."""
    derived_note: str = ""
    """Said above the title of an edition converted by machine (issue 12): "converted automatically
    from Traditional Chinese"; empty for an edition as written."""
    worksheet_url: str = ""
    """The printable worksheet (PDF, issue 15); the live reader makes it, a static site has none."""


@dataclass(frozen=True)
class NotFoundPage:
    """The 404 page: says what was not found and offers the way home and the series."""

    template: ClassVar[str] = "404.html"
    chrome: Chrome
    path: str
    series: tuple[Link, ...]


Page = HomePage | SeriesPage | FeaturePage | NotFoundPage
"""Any page context."""


def make_picture(media: MediaLibrary, media_id: str, alt: str, urls: Urls) -> Picture:
    """A picture with its derivatives, or a placeholder when the image is missing or unsafe."""
    info = media.info(media_id)
    if info is None:
        return Picture(media=media_id, alt=alt)
    medium = info.rendition("medium")
    srcset = ", ".join(f"{urls.media(media_id, r.size)} {r.width}w" for r in info.renditions)
    return Picture(
        media=media_id,
        alt=alt,
        src=urls.media(media_id, medium.size),
        srcset=srcset,
        width=medium.width,
        height=medium.height,
    )


def series_title(summary: SeriesSummary | None, key: str) -> str:
    """A series' display title: its own title, or its key when it has none."""
    return summary.title if summary is not None and summary.title else key


def part_card(summary: FeatureSummary, media: MediaLibrary, urls: Urls) -> PartCard:
    """A listing card for one feature, with its lead picture when it has one."""
    picture = None
    if summary.hero:
        picture = make_picture(media, summary.hero, "", urls)
    return PartCard(
        url=urls.feature(summary.slug),
        title=summary.title,
        part=summary.part,
        language=summary.language,
        figures=summary.figures,
        picture=picture,
    )


def home_page(
    summaries: Sequence[FeatureSummary], series: Sequence[SeriesSummary], media: MediaLibrary, urls: Urls
) -> HomePage:
    """The home page from the library listing (ordered by series, part, title), each work once in
    the edition its language's readers see."""
    by_key: dict[str, list[FeatureSummary]] = {}
    standalone: list[PartCard] = []
    for summary in pick_editions(summaries, urls.language):
        if summary.series is None:
            standalone.append(part_card(summary, media, urls))
        else:
            by_key.setdefault(summary.series, []).append(summary)
    known = {s.key: s for s in series}
    cards = []
    for at, (key, parts) in enumerate(by_key.items()):
        shown = HOME_PARTS_SHOWN if at < HOME_SERIES_SHOWN else 0
        cards.append(
            SeriesCard(
                url=urls.series(key),
                title=series_title(known.get(key), key),
                count=len(parts),
                parts=tuple(part_card(p, media, urls) for p in parts[:shown]),
                more=max(0, len(parts) - shown),
            )
        )
    return HomePage(
        chrome=make_chrome(urls),
        series=tuple(cards[:HOME_SERIES_SHOWN]),
        more_series=tuple(cards[HOME_SERIES_SHOWN:]),
        standalone=tuple(standalone),
    )


def series_page(
    key: str, summary: SeriesSummary | None, parts: Sequence[FeatureSummary], media: MediaLibrary, urls: Urls
) -> SeriesPage:
    """A series page from its parts (ordered by part), each work once."""
    return SeriesPage(
        chrome=make_chrome(urls, lambda other: other.series(key)),
        key=key,
        title=series_title(summary, key),
        parts=tuple(part_card(p, media, urls) for p in pick_editions(parts, urls.language)),
        timeline_url=urls.timeline(key),
    )


def neighbours(
    slug: str, parts: Sequence[FeatureSummary]
) -> tuple[FeatureSummary | None, FeatureSummary | None]:
    """The parts just before and after `slug` in its series listing."""
    slugs = [p.slug for p in parts]
    if slug not in slugs:
        return None, None
    at = slugs.index(slug)
    return (parts[at - 1] if at > 0 else None, parts[at + 1] if at + 1 < len(parts) else None)


def feature_page(
    feature: Feature,
    *,
    series: SeriesSummary | None,
    previous: FeatureSummary | None,
    next: FeatureSummary | None,
    media: MediaLibrary,
    urls: Urls,
    enrichment: Enrichment | None = None,
    map_setup: MapSetup = NO_MAP,
    checks: CheckSection | None = None,
    editions: Mapping[str, str] | None = None,
    derived: bool = False,
) -> FeaturePage:
    """A feature page: blocks grouped into narrative, gallery, question and credit sections,
    its texts marked with the events and terms of its `enrichment`, and its self-checks.

    `editions` gives the work's editions, language -> slug (the switcher leads to the
    one each language's readers see; JSON-LD links the translations); `derived` marks an
    edition that was converted by machine (issue 12).
    """
    extras, marks = feature_extras(enrichment, map_setup)
    ui = Translator(urls.language)
    captions = {f.media: f.caption[0] for f in feature.figures if f.caption}
    hero = None
    if feature.hero:
        alt = captions.get(feature.hero) or ui.gettext("Lead picture: %(title)s") % {"title": feature.title}
        hero = make_picture(media, feature.hero, alt, urls)
    work = dict(editions or {})
    slugs = edition_slugs(work.items())
    series_link = None
    if feature.series:
        series_link = Link(urls.series(feature.series), series_title(series, feature.series))
    return FeaturePage(
        chrome=make_chrome(urls, lambda other: other.feature(slugs.get(other.language, feature.slug))),
        slug=feature.slug,
        title=feature.title,
        title_html=annotate(
            feature.title, marks.get(TextRef(None, "title"), ()), lang=han_lang(feature.language)
        ),
        part=feature.part,
        language=feature.language,
        series=series_link,
        hero=hero,
        sections=_sections(feature, media, urls, marks, ui),
        previous=part_card(previous, media, urls) if previous else None,
        next=part_card(next, media, urls) if next else None,
        extras=extras,
        structured_data=page_jsonld(
            feature,
            enrichment,
            page_url=urls.feature(feature.slug),
            image_url=lambda media_id: urls.media(media_id, "large") if media.info(media_id) else None,
            series=(series_link.url, series_link.label) if series_link else None,
            editions=translations(
                feature, work, derived, lambda lang, slug: urls.in_language(lang).feature(slug)
            ),
        ),
        checks=checks,
        derived_note=ui.gettext("converted automatically from Traditional Chinese") if derived else "",
    )


def not_found_page(path: str, series: Sequence[SeriesSummary], urls: Urls) -> NotFoundPage:
    """The 404 page, offering every series."""
    links = tuple(Link(urls.series(s.key), series_title(s, s.key)) for s in series)
    return NotFoundPage(chrome=make_chrome(urls), path=path, series=links)


def _sections(
    feature: Feature,
    media: MediaLibrary,
    urls: Urls,
    marks: Mapping[TextRef, tuple[Mark, ...]],
    ui: Translator,
) -> tuple[Section, ...]:
    """Group blocks in reading order: prose runs, gallery runs (figures and notes), questions, credit.

    Each text is annotated with the marks of its address (block number, field, paragraph),
    the same address `feature_texts` gave the enrichers.
    """

    def html(number: int, field: str, text: str, index: int = 0) -> Markup:
        return annotate(text, marks.get(TextRef(number, field, index), ()), lang=han_lang(feature.language))

    sections: list[Section] = []
    prose: list[tuple[Markup, bool]] = []
    strip: list[FigureCard | NoteCard] = []
    figure_number = question_number = gallery_number = 0

    def flush() -> None:
        nonlocal gallery_number
        if prose:
            sections.append(Narrative(tuple(t for t, _ in prose), tuple(u for _, u in prose)))
            prose.clear()
        if strip:
            gallery_number += 1
            count = sum(1 for item in strip if isinstance(item, FigureCard))
            sections.append(Gallery(gallery_number, tuple(strip), count))
            strip.clear()

    for number, block in enumerate(feature.blocks):
        if isinstance(block, Paragraph | Unclassified):
            if strip:
                flush()
            prose.append((html(number, "text", block.text), isinstance(block, Unclassified)))
        elif isinstance(block, Figure | Note):
            if prose:
                flush()
            if isinstance(block, Figure):
                figure_number += 1
                alt = (
                    block.caption[0]
                    if block.caption
                    else ui.gettext("Figure %(number)s") % {"number": figure_number}
                )
                picture = make_picture(media, block.media, _short(alt), urls)
                caption = tuple(html(number, "caption", t, i) for i, t in enumerate(block.caption))
                strip.append(FigureCard(figure_number, f"fig-{figure_number}", picture, caption))
            else:
                label = ui.gettext("Extended reading") if block.kind == "ebook" else block.kind.capitalize()
                strip.append(
                    NoteCard(label, tuple(html(number, "text", t, i) for i, t in enumerate(block.text)))
                )
        else:
            flush()
            if isinstance(block, Question):
                question_number += 1
                answer = tuple(html(number, "answer", t, i) for i, t in enumerate(block.answer))
                sections.append(QuestionCard(question_number, html(number, "prompt", block.prompt), answer))
            elif isinstance(block, Credit):
                sections.append(CreditLine(html(number, "text", block.text)))
    flush()
    return tuple(sections)


def _short(text: str, limit: int = 160) -> str:
    """Alt text from a caption: its first sentence-ish stretch, cut at a word boundary."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def load_home(library: LibraryReader, media: MediaLibrary, urls: Urls) -> HomePage:
    """The home page, read from the library."""
    return home_page(library.list_features(), library.list_series(), media, urls)


def load_series(library: LibraryReader, key: str, media: MediaLibrary, urls: Urls) -> SeriesPage:
    """A series page, read from the library; NotFoundError when the series has no features."""
    parts = library.list_features(series=key)
    if not parts:
        raise NotFoundError(f"no series {key!r}")
    summary = next((s for s in library.list_series() if s.key == key), None)
    return series_page(key, summary, parts, media, urls)


def load_feature(
    library: LibraryReader, slug: str, media: MediaLibrary, urls: Urls, map_setup: MapSetup = NO_MAP
) -> FeaturePage:
    """A feature page with its enrichment, read from the library; NotFoundError for an unknown slug."""
    feature = library.get_feature(slug)
    previous = following = None
    summary = None
    if feature.series:
        parts = pick_editions(library.list_features(series=feature.series), urls.language)
        previous, following = neighbours(slug, parts)
        summary = next((s for s in library.list_series() if s.key == feature.series), None)
    enrichment = library.get_enrichment(slug)
    editions = library.editions_of_feature(slug)
    page = feature_page(
        feature,
        series=summary,
        previous=previous,
        next=following,
        media=media,
        urls=urls,
        enrichment=enrichment,
        map_setup=map_setup,
        checks=load_checks(
            library, feature, enrichment, urls, lambda m, alt: make_picture(media, m, alt, urls)
        ),
        editions={e.language: e.slug for e in editions},
        derived=any(e.derived and e.slug == slug for e in editions),
    )
    return replace(page, worksheet_url=f"{urls.feature(slug)}/worksheet.pdf")  # issue 15
