"""What enrichment adds to a feature page: a compact timeline, the feature's glossary, its places
and a map, key figures as fact cards, and the marks that tie the text to them.

Every mark is a span into a text exactly as `feature_texts` gives it, so a
timeline link lands on the very words the date was read from (issue 4).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from handscroll.config import Settings
from handscroll.enrich.gazetteer import load_gazetteer
from handscroll.model import HIDDEN_FIELDS, Enrichment, Span, TextRef, in_time_order
from handscroll.publish.annotate import Mark, anchor_ids, annotate, han_lang, stress
from handscroll.publish.datelabels import date_label, on_the_calendar
from handscroll.publish.happenings import Mention, group_happenings
from handscroll.publish.urls import Urls
from handscroll.text.cjk import script_forms
from handscroll.text.pinyin_words import pinyin_words

LEAFLET_FILES = ("leaflet.js", "leaflet.css")
"""What a folder must hold to count as Leaflet's `dist`."""


def event_anchor(ref: TextRef, start: int) -> str:
    """The element id of an event, from its provenance alone: `ev-4-caption-0-161`.

    Derived from where the words are, not from a count, so the library
    timeline can link to a feature's event without loading the feature.
    """
    block = "t" if ref.block is None else str(ref.block)
    return f"ev-{block}-{ref.field}-{ref.index}-{start}"


@dataclass(frozen=True)
class Telling:
    """One sentence of the feature that tells a happening, whole, linked to its words."""

    sentence: Markup
    url: str


@dataclass(frozen=True)
class TimelineLink:
    """One happening in a feature's compact timeline: its date in words and every sentence of the
    feature that tells it (issue 14: a date told three times is listed once)."""

    label: str
    tellings: tuple[Telling, ...]


@dataclass(frozen=True)
class TermEntry:
    """One glossary entry of a feature (or the library): the target of every mention's link."""

    anchor: str
    english: str
    chinese: str | None
    traditional: str | None
    simplified: str | None
    pinyin: str | None
    abbreviation: str | None
    note: str | None
    aligned: bool = False
    """True when the term was given by an aligned edition, not this text (issue 12)."""


@dataclass(frozen=True)
class PlaceMention:
    """Where the feature names a place: a link to the words, and what part of the feature it is."""

    url: str
    label: str


@dataclass(frozen=True)
class PlaceItem:
    """A place on the feature's map and in its list (the list shows even without a map).

    A region carries its extent (`bbox`, "south,west,north,east"), so the map outlines it
    instead of pinning its middle; `mentions` link to each sentence that names it (issue 14).
    """

    name: str
    modern_name: str
    chinese: str | None
    kind: str
    lat: float
    lon: float
    bbox: str = ""
    mentions: tuple[PlaceMention, ...] = ()
    more: int = 0
    """How many more features name it than `mentions` link to (the library's places page, issue 11)."""
    more_counted_all: bool = True
    """False when `more` is where counting stopped: at least that many more."""

    def label(self, language: str) -> str:
        """The name the map writes in a `language` interface: the Chinese form, in that interface's
        script, for a Chinese reader; the English name otherwise or when there is no Chinese form."""
        if not self.chinese or not language.startswith("zh"):
            return self.name
        return _in_script(self.chinese, language)

    def today(self, language: str) -> str | None:
        """What the place is called today in a `language` interface ("today Shenyang", "今沈阳"), or
        None when that is the name already shown: the gazetteer's Chinese name of the modern place
        for a Chinese reader, its English name where the gazetteer has none."""
        if language.startswith("zh") and (entry := load_gazetteer().lookup_english(self.modern_name)):
            modern = _in_script(entry.chinese, language) if entry.chinese else self.modern_name
        else:
            modern = self.modern_name
        return None if modern == self.label(language) or modern == self.name else modern


def _in_script(chinese: str, language: str) -> str:
    """A Chinese name in the script of a Chinese interface (Traditional unless `zh-Hans`)."""
    traditional, simplified = script_forms(chinese)
    return simplified if language == "zh-Hans" else traditional


@dataclass(frozen=True)
class FactCard:
    """A key figure: the amount as written and what it counts ("1.5 million — Soviet troops")."""

    amount: str
    counted: str | None
    text: str


@dataclass(frozen=True)
class MapSetup:
    """How maps are drawn: Leaflet and its helpers on our own server (loaded only when a map comes
    into view), the base map shipped with the reader, and tiles on top when configured (issue 14).

    `leaflet_js` is empty when Leaflet is not installed; the places list then
    stands alone with a note.
    """

    leaflet_js: str
    leaflet_css: str
    script: str
    tiles: str
    attribution: str
    cluster_js: str = ""
    cluster_css: str = ""
    topojson_js: str = ""
    world_js: str = ""


@dataclass(frozen=True)
class FeatureExtras:
    """Everything enrichment adds to one feature page."""

    timeline: tuple[TimelineLink, ...]
    terms: tuple[TermEntry, ...]
    places: tuple[PlaceItem, ...]
    figures: tuple[FactCard, ...]
    map: MapSetup

    @property
    def empty(self) -> bool:
        """True when there is nothing to show."""
        return not (self.timeline or self.terms or self.places or self.figures)


def find_leaflet(settings: Settings) -> Path | None:
    """Leaflet's `dist` folder: `settings.leaflet_dir`, else `node_modules/leaflet/dist` in a
    folder above this package (a checkout after `npm ci`) or above the working folder."""
    if settings.leaflet_dir is not None:
        return settings.leaflet_dir if _is_leaflet(settings.leaflet_dir) else None
    for start in (Path(__file__).resolve(), Path.cwd().resolve() / "_"):
        for folder in start.parents:
            candidate = folder / "node_modules" / "leaflet" / "dist"
            if _is_leaflet(candidate):
                return candidate
    return None


def _is_leaflet(folder: Path) -> bool:
    return all((folder / name).is_file() for name in LEAFLET_FILES)


def map_setup(settings: Settings, urls: Urls, leaflet: bool) -> MapSetup:
    """The map's setup for pages addressed by `urls`; `leaflet` says whether Leaflet is installed."""
    return MapSetup(
        leaflet_js=urls.static("vendor/leaflet/leaflet.js") if leaflet else "",
        leaflet_css=urls.static("vendor/leaflet/leaflet.css") if leaflet else "",
        script=urls.static("places.js"),
        tiles=settings.map_tiles,
        attribution=settings.map_attribution,
        cluster_js=urls.static("vendor/markercluster/leaflet.markercluster.js"),
        cluster_css=urls.static("vendor/markercluster/MarkerCluster.css"),
        topojson_js=urls.static("vendor/topojson/topojson-client.min.js"),
        world_js=urls.static("vendor/world-atlas/countries-50m.js"),
    )


NO_MAP = MapSetup("", "", "", "", "")
"""No map at all (pages built without settings, as in unit tests)."""


def use_anchor(english: str) -> str:
    """The element id of a term's first use in a feature, from its English name alone, so the
    library glossary links to the very passage without reading the feature (issue 14)."""
    return anchor_ids([english], "use")[0]


def place_anchor(ref: TextRef, start: int) -> str:
    """The element id of a place's mention, from its provenance: `pl-4-caption-0-12`."""
    return "pl" + event_anchor(ref, start).removeprefix("ev")


@dataclass(frozen=True)
class MarkedEnrichment:
    """The part of a feature's extras that is the same in every interface language: its timeline,
    glossary, fact cards and the marks per text. A static build works it out once per feature for
    its pages in every language, and keeps the texts marked with it (`texts`; issue 11)."""

    timeline: tuple[TimelineLink, ...]
    terms: tuple[TermEntry, ...]
    figures: tuple[FactCard, ...]
    marks: Mapping[TextRef, tuple[Mark, ...]]
    texts: dict[tuple[int | None, str, int], Markup] = field(default_factory=dict, compare=False)
    """Each text of the feature as marked HTML, by (block, field, paragraph), filled as pages ask."""
    places: tuple[PlacePlan, ...] = ()
    """Its places, each with its mentions' links and the part of the feature each is in, which a
    page names in its own language (`feature_extras`)."""


PlacePlan = tuple[PlaceItem, tuple[tuple[str, TextRef], ...]]
"""A place of a feature without its mentions, and each mention's link and part of the feature."""


def mark_enrichment(enrichment: Enrichment | None) -> MarkedEnrichment:
    """The timeline, glossary, fact cards and marks of a feature's stored enrichment (None: nothing)."""
    if enrichment is None:
        return MarkedEnrichment((), (), (), {})
    marks: dict[TextRef, list[Mark]] = {}

    def add(span: Span, mark: Mark) -> None:
        marks.setdefault(span.ref, []).append(mark)

    shown = in_time_order(
        e for e in enrichment.events if on_the_calendar(e.value) and e.span.ref.field not in HIDDEN_FIELDS
    )
    timeline = [
        TimelineLink(
            date_label(happening[0].value, happening[0].mod),
            tuple(
                Telling(stress(e.sentence, e.text), f"#{event_anchor(e.span.ref, e.span.start)}")
                for e in happening
            ),
        )
        for happening in group_happenings(
            shown, lambda e: Mention(e, (e.value, e.mod), e.text, e.sentence, "")
        )
    ]
    for event in enrichment.events:
        if not on_the_calendar(event.value):
            continue
        add(
            event.span,
            Mark(event.span.start, event.span.end, "event", event_anchor(event.span.ref, event.span.start)),
        )

    anchors = anchor_ids([t.english for t in enrichment.terms], "term")
    entries = []
    first_uses: set[str] = set()
    for anchor, term in zip(anchors, enrichment.terms, strict=True):
        entries.append(
            TermEntry(
                anchor=anchor,
                english=term.english,
                chinese=term.chinese,
                traditional=term.traditional,
                simplified=term.simplified,
                # Words with capitals, as names are written (issue 14); search keeps the syllables.
                pinyin=pinyin_words(term.chinese, term.english)
                if term.pinyin and term.chinese
                else term.pinyin,
                abbreviation=term.abbreviation,
                note=term.note,
                aligned=term.aligned_from is not None,
            )
        )
        used = next((m for m in term.mentions if m.ref.field not in HIDDEN_FIELDS), None)
        if used is not None and use_anchor(term.english) not in first_uses:
            first_uses.add(use_anchor(term.english))
            add(used, Mark(used.start, used.start, "point", use_anchor(term.english)))
        linked: set[TextRef] = set()
        for span in term.mentions:
            # One link per term per paragraph: enough to reach the entry, calm to read.
            if span.ref not in linked:
                linked.add(span.ref)
                add(span, Mark(span.start, span.end, "term", anchor))

    for place in enrichment.places:
        for span in place.mentions:
            if span.ref.field not in HIDDEN_FIELDS:
                add(span, Mark(span.start, span.start, "point", place_anchor(span.ref, span.start)))
    # A figure that counts nothing ("USD 6 billion" alone) says nothing on a card (issue 14).
    figures = tuple(FactCard(f.amount, f.counted, f.text) for f in enrichment.figures if f.counted)
    return MarkedEnrichment(
        tuple(timeline),
        tuple(entries),
        figures,
        {ref: tuple(found) for ref, found in marks.items()},
        places=_place_plans(enrichment),
    )


def _place_plans(enrichment: Enrichment) -> tuple[PlacePlan, ...]:
    """Each place with one link per part of the feature that names it ("Figure 3"), to its first
    mention there."""
    plans = []
    for place in enrichment.places:
        by_part: dict[TextRef, str] = {}
        for m in place.mentions:
            if m.ref.field not in HIDDEN_FIELDS:
                by_part.setdefault(TextRef(m.ref.block, m.ref.field, 0), f"#{place_anchor(m.ref, m.start)}")
        bbox = ",".join(f"{v:g}" for v in place.bbox) if place.bbox else ""
        item = PlaceItem(place.name, place.modern_name, place.chinese, place.kind, place.lat, place.lon, bbox)
        plans.append((item, tuple((url, part) for part, url in by_part.items())))
    return tuple(plans)


def feature_extras(
    enrichment: Enrichment | None,
    map_setup: MapSetup = NO_MAP,
    where: Callable[[TextRef], str] | None = None,
    marked: MarkedEnrichment | None = None,
) -> tuple[FeatureExtras, Mapping[TextRef, tuple[Mark, ...]]]:
    """The page parts and the marks per text, from a feature's stored enrichment (None: nothing);
    `where` names the part of the feature a text is ("Figure 3"), for the places' mentions;
    `marked` is `mark_enrichment(enrichment)` when the caller has it already (then `enrichment`
    is not read: a page of stored parts has not parsed it)."""
    if marked is None:
        if enrichment is None:
            return FeatureExtras((), (), (), (), map_setup), {}
        marked = mark_enrichment(enrichment)
    places = tuple(
        PlaceItem(
            *(item.name, item.modern_name, item.chinese, item.kind, item.lat, item.lon, item.bbox),
            tuple(PlaceMention(url, where(part) if where else "") for url, part in links),
        )
        for item, links in marked.places
    )
    extras = FeatureExtras(marked.timeline, marked.terms, places, marked.figures, map_setup)
    return extras, marked.marks


def marked_text(
    texts: dict[tuple[int | None, str, int], Markup],
    at: tuple[int | None, str, int],
    text: str,
    marks: Mapping[TextRef, tuple[Mark, ...]],
    language: str,
) -> Markup:
    """A text of a feature in `language` at (block, field, paragraph) `at`, with its marks:
    annotated once for its pages in every interface language (`MarkedEnrichment.texts`)."""
    found = texts.get(at)
    if found is None:
        found = texts[at] = annotate(text, marks.get(TextRef(*at), ()), lang=han_lang(language))
    return found
