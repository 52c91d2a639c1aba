"""What enrichment adds to a feature page: a compact timeline, the feature's glossary, its places
and a map, key figures as fact cards, and the marks that tie the text to them.

Every mark is a span into a text exactly as `feature_texts` gives it, so a
timeline link lands on the very words the date was read from (issue 4).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from handscroll.config import Settings
from handscroll.model import Enrichment, Event, Span, TextRef, in_time_order
from handscroll.publish.annotate import Mark, anchor_ids, mark_chinese
from handscroll.publish.datelabels import date_label, on_the_calendar
from handscroll.publish.urls import Urls

SENTENCE_SHOWN = 150
"""How many characters of an event's sentence the compact timeline shows."""

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
class TimelineLink:
    """One event in a feature's compact timeline: its date in words and a link to its words."""

    label: str
    sentence: Markup
    url: str


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
class PlaceItem:
    """A place on the feature's map and in its list (the list shows even without a map)."""

    name: str
    modern_name: str
    chinese: str | None
    kind: str
    lat: float
    lon: float


@dataclass(frozen=True)
class FactCard:
    """A key figure: the amount as written and what it counts ("1.5 million — Soviet troops")."""

    amount: str
    counted: str | None
    text: str


@dataclass(frozen=True)
class MapSetup:
    """How the feature map is drawn: Leaflet's files on our own server, the tiles and their credit.

    `leaflet_js` is empty when Leaflet is not installed; the places list then
    stands alone with a note.
    """

    leaflet_js: str
    leaflet_css: str
    script: str
    tiles: str
    attribution: str


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
    )


NO_MAP = MapSetup("", "", "", "", "")
"""No map at all (pages built without settings, as in unit tests)."""


def feature_extras(
    enrichment: Enrichment | None, map_setup: MapSetup = NO_MAP
) -> tuple[FeatureExtras, Mapping[TextRef, tuple[Mark, ...]]]:
    """The page parts and the marks per text, from a feature's stored enrichment (None: nothing)."""
    if enrichment is None:
        return FeatureExtras((), (), (), (), map_setup), {}
    marks: dict[TextRef, list[Mark]] = {}

    def add(span: Span, mark: Mark) -> None:
        marks.setdefault(span.ref, []).append(mark)

    timeline = []
    for event in in_time_order(e for e in enrichment.events if on_the_calendar(e.value)):
        anchor = event_anchor(event.span.ref, event.span.start)
        timeline.append(TimelineLink(date_label(event.value, event.mod), _clip(event), f"#{anchor}"))
    for event in enrichment.events:
        if not on_the_calendar(event.value):
            continue
        add(
            event.span,
            Mark(event.span.start, event.span.end, "event", event_anchor(event.span.ref, event.span.start)),
        )

    anchors = anchor_ids([t.english for t in enrichment.terms], "term")
    entries = []
    for anchor, term in zip(anchors, enrichment.terms, strict=True):
        entries.append(
            TermEntry(
                anchor=anchor,
                english=term.english,
                chinese=term.chinese,
                traditional=term.traditional,
                simplified=term.simplified,
                pinyin=term.pinyin,
                abbreviation=term.abbreviation,
                note=term.note,
                aligned=term.aligned_from is not None,
            )
        )
        linked: set[TextRef] = set()
        for span in term.mentions:
            # One link per term per paragraph: enough to reach the entry, calm to read.
            if span.ref not in linked:
                linked.add(span.ref)
                add(span, Mark(span.start, span.end, "term", anchor))

    places = tuple(
        PlaceItem(p.name, p.modern_name, p.chinese, p.kind, p.lat, p.lon) for p in enrichment.places
    )
    figures = tuple(FactCard(f.amount, f.counted, f.text) for f in enrichment.figures)
    extras = FeatureExtras(tuple(timeline), tuple(entries), places, figures, map_setup)
    return extras, {ref: tuple(found) for ref, found in marks.items()}


def _clip(event: Event) -> Markup:
    """The event's sentence, cut at a word boundary, Chinese tagged."""
    sentence = event.sentence
    if len(sentence) > SENTENCE_SHOWN:
        sentence = sentence[:SENTENCE_SHOWN].rsplit(" ", 1)[0] + "…"
    return mark_chinese(sentence)
