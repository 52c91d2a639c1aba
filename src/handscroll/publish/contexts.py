"""One documented, frozen dataclass per page: what each template may use, and nothing else.

The web reader and the static site build these same contexts from the
library and render the same templates; only the `Urls` they are given differ:
only transport differs. Contexts are hashable, so the web
reader can cache a rendered page keyed by its context. The frame every page
shares (`Chrome`) lives in `chrome.py` and is re-exported here.

A test checks that each template uses the fields its dataclass declares.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from markupsafe import Markup

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
from handscroll.publish.annotate import Mark
from handscroll.publish.cards import (
    CreditLine as CreditLine,
)
from handscroll.publish.cards import (
    FigureCard as FigureCard,
)
from handscroll.publish.cards import (
    Gallery as Gallery,
)
from handscroll.publish.cards import (
    Link as Link,
)
from handscroll.publish.cards import (
    Narrative as Narrative,
)
from handscroll.publish.cards import (
    NoteCard as NoteCard,
)
from handscroll.publish.cards import (
    PartCard as PartCard,
)
from handscroll.publish.cards import (
    Picture as Picture,
)
from handscroll.publish.cards import (
    QuestionCard as QuestionCard,
)
from handscroll.publish.cards import (
    Section as Section,
)
from handscroll.publish.cards import (
    SeriesCard as SeriesCard,
)
from handscroll.publish.cards import (
    Zoom as Zoom,
)
from handscroll.publish.cards import (
    make_picture as make_picture,
)
from handscroll.publish.cards import (
    part_card as part_card,
)
from handscroll.publish.checks import CheckSection
from handscroll.publish.chrome import Chrome as Chrome
from handscroll.publish.chrome import LanguageLink as LanguageLink
from handscroll.publish.chrome import make_chrome as make_chrome
from handscroll.publish.editions import edition_slugs, translations
from handscroll.publish.enriched import (
    NO_MAP,
    FeatureExtras,
    MapSetup,
    MarkedEnrichment,
    feature_extras,
    marked_text,
)
from handscroll.publish.i18n import Translator
from handscroll.publish.jsonld import KeptNodes, page_jsonld
from handscroll.publish.media import MediaLibrary
from handscroll.publish.urls import Urls
from handscroll.store.records import FeatureSummary, SeriesSummary
from handscroll.store.works import StoredEdition

HOME_PARTS_SHOWN = 8
"""How many parts of a series the home page shows as cards before linking to the series page."""

HOME_SERIES_SHOWN = 24
"""How many series (or features in no series, one each) a home page shows; more are on the
next page, so each page stays small however large the library grows (issue 11)."""


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
class HomePage:
    """One page of the library's front: series with their first parts, then features outside a
    series; `previous_url` and `next_url` lead to the pages before and after (None: none)."""

    template: ClassVar[str] = "home.html"
    chrome: Chrome
    series: tuple[SeriesCard, ...]
    standalone: tuple[PartCard, ...]
    previous_url: str | None = None
    next_url: str | None = None


@dataclass(frozen=True)
class SeriesPage:
    """One series: its parts in order, `count` in all; a long series is paged (`previous_url`,
    `next_url`: the pages before and after, None when there is none)."""

    template: ClassVar[str] = "series.html"
    chrome: Chrome
    key: str
    title: str
    parts: tuple[PartCard, ...]
    timeline_url: str
    count: int = 0
    previous_url: str | None = None
    next_url: str | None = None


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


def series_title(summary: SeriesSummary | None, key: str) -> str:
    """A series' display title: its own title, else its first part's (`SeriesSummary.display_title`);
    its key only when the library knows nothing else of it."""
    return summary.display_title if summary is not None else key


def home_page(
    series: Sequence[tuple[SeriesSummary, Sequence[FeatureSummary]]],
    standalone: Sequence[FeatureSummary],
    media: MediaLibrary,
    urls: Urls,
    *,
    previous_url: str | None = None,
    next_url: str | None = None,
) -> HomePage:
    """A home page from its series, each with its first parts (at most `HOME_PARTS_SHOWN` are
    shown), and the features in no series it lists: each work once, in the edition the page's
    language shows (`editions.pick_editions`); `SeriesSummary.features` counts works."""
    cards = tuple(
        SeriesCard(
            url=urls.series(head.key),
            title=series_title(head, head.key),
            count=head.features,
            parts=tuple(part_card(p, media, urls) for p in parts[:HOME_PARTS_SHOWN]),
            more=max(0, head.features - HOME_PARTS_SHOWN),
        )
        for head, parts in series
    )
    return HomePage(
        chrome=make_chrome(urls),
        series=cards,
        standalone=tuple(part_card(s, media, urls) for s in standalone),
        previous_url=previous_url,
        next_url=next_url,
    )


def series_page(
    key: str,
    summary: SeriesSummary | None,
    parts: Sequence[FeatureSummary],
    media: MediaLibrary,
    urls: Urls,
    *,
    previous_url: str | None = None,
    next_url: str | None = None,
) -> SeriesPage:
    """A series page from its parts (ordered by part, each work once in the edition the page's
    language shows: `editions.pick_editions`), all of them or one page of them; `summary.features`
    counts the series' works."""
    return SeriesPage(
        chrome=make_chrome(urls, lambda other: other.series(key)),
        key=key,
        title=series_title(summary, key),
        parts=tuple(part_card(p, media, urls) for p in parts),
        timeline_url=urls.timeline(key),
        count=summary.features if summary is not None else len(parts),
        previous_url=previous_url,
        next_url=next_url,
    )


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
    marked: MarkedEnrichment | None = None,
    kept_nodes: KeptNodes | None = None,
) -> FeaturePage:
    """A feature page: blocks grouped into narrative, gallery, question and credit sections,
    its texts marked with the events and terms of its `enrichment`, and its self-checks.

    `editions` gives the work's editions, language -> slug (the switcher leads to the
    one each language's readers see; JSON-LD links the translations); `derived` marks an
    edition that was converted by machine (issue 12). `marked` (`mark_enrichment(enrichment)`)
    is shared by a feature's pages in every language, with its marked texts (issue 11); with
    `kept_nodes`, the JSON-LD of what enrichment found (`jsonld.keep_nodes`), they stand for the
    enrichment, which is then not read (`page_parts`).
    """
    ui = Translator(urls.language)
    extras, marks = feature_extras(enrichment, map_setup, _parts_named(feature, ui), marked)
    texts = marked.texts if marked is not None else {}
    hero = None
    if feature.hero:
        # The lead picture says in words only what its figure's own alt says (issue 14): the
        # title stands right above it, and its caption is read out in the gallery.
        alts = [f.alt for f in feature.figures if f.media == feature.hero and f.alt]
        hero = make_picture(media, feature.hero, alts[0] if alts else "", urls)
    work = dict(editions or {})
    slugs = edition_slugs(work.items())
    series_link = None
    if feature.series:
        series_link = Link(urls.series(feature.series), series_title(series, feature.series))
    return FeaturePage(
        chrome=make_chrome(urls, lambda other: other.feature(slugs.get(other.language, feature.slug))),
        slug=feature.slug,
        title=feature.title,
        title_html=marked_text(texts, (None, "title", 0), feature.title, marks, feature.language),
        part=feature.part,
        language=feature.language,
        series=series_link,
        hero=hero,
        sections=_sections(feature, media, urls, marks, ui, texts),
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
            kept=kept_nodes,
        ),
        checks=checks,
        derived_note=ui.gettext("converted automatically from Traditional Chinese") if derived else "",
    )


def _parts_named(feature: Feature, ui: Translator) -> Callable[[TextRef], str]:
    """What part of the feature a text is, in words ("Figure 3", "Paragraph 2"), for the links
    from a place to the sentences that name it (issue 14)."""
    paragraph = ui.gettext("Paragraph %(number)s")
    kinds: dict[type, str] = {Paragraph: paragraph, Unclassified: paragraph}
    kinds |= {Figure: ui.gettext("Figure %(number)s"), Note: ui.gettext("Note %(number)s")}
    kinds |= {Question: ui.gettext("Question %(number)s"), Credit: ui.gettext("Credit")}
    counted: dict[str, int] = {}
    names: dict[int, str] = {}
    for at, block in enumerate(feature.blocks):
        words = kinds[type(block)]
        counted[words] = counted.get(words, 0) + 1
        names[at] = words % {"number": counted[words]} if "%(number)s" in words else words
    title = ui.gettext("Title")
    return lambda ref: title if ref.block is None else names.get(ref.block, "")


NOT_FOUND_SERIES = 24
"""How many series the 404 page offers (the first by key), so it costs the same in any library."""


def not_found_page(path: str, series: Sequence[SeriesSummary], urls: Urls) -> NotFoundPage:
    """The 404 page, offering the first `NOT_FOUND_SERIES` of `series`."""
    links = tuple(Link(urls.series(s.key), series_title(s, s.key)) for s in series[:NOT_FOUND_SERIES])
    return NotFoundPage(chrome=make_chrome(urls), path=path, series=links)


def _sections(
    feature: Feature,
    media: MediaLibrary,
    urls: Urls,
    marks: Mapping[TextRef, tuple[Mark, ...]],
    ui: Translator,
    texts: dict[tuple[int | None, str, int], Markup],
) -> tuple[Section, ...]:
    """Group blocks in reading order: prose runs, gallery runs (figures and notes), questions, credit.

    Each text is annotated with the marks of its address (block number, field, paragraph),
    the same address `feature_texts` gave the enrichers.
    """

    def html(number: int, field: str, text: str, index: int = 0) -> Markup:
        return marked_text(texts, (number, field, index), text, marks, feature.language)

    sections: list[Section] = []
    prose: list[tuple[Markup, bool]] = []
    strip: list[FigureCard | NoteCard] = []
    figure_number = question_number = gallery_number = note_number = 0

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
                # The figure's own alt, else none: the caption below describes the picture, and
                # a screen reader would otherwise hear it twice (issue 14).
                picture = make_picture(media, block.media, block.alt, urls)
                caption = tuple(html(number, "caption", t, i) for i, t in enumerate(block.caption))
                strip.append(FigureCard(figure_number, f"fig-{figure_number}", picture, caption))
            else:
                note_number += 1
                label = ui.gettext("Extended reading") if block.kind == "ebook" else block.kind.capitalize()
                text = tuple(html(number, "text", t, i) for i, t in enumerate(block.text))
                strip.append(NoteCard(label, text, note_number))
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
