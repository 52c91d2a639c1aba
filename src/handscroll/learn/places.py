"""Items from places: which place a sentence names, the right one among its neighbours on the map.

The sentence is shown with the place's name blanked out; the choices are that
place and the three nearest cities of the curated gazetteer, each with its
coordinates, so a reader can choose by name or on a map. A place is asked
only when the blank leaves no trace of it (no second name, no Chinese form in
brackets) and its words are a name the gazetteer knows, so the right choice
is the one the text wrote.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from handscroll.learn.dated import BLANK, MAX_SENTENCE, is_hidden, leans_on_context, sentence_around
from handscroll.learn.items import QuizItem, Rejection, Source
from handscroll.model import Feature, Place, Span, text_at
from handscroll.text.cjk import to_simplified

NEIGHBOURS = 3
MAX_PLACES = 3
NEAR_KM = 1500
"""Neighbours further than this are no neighbours: a choice that far off gives the answer away."""
_BRACKETED = re.compile(r"\s*[(（][^()（）]{1,40}[)）]")
"""A name's other form in brackets right after it ("Siping (四平)", "四平(Siping)")."""


@dataclass(frozen=True)
class KnownPlace:
    """A city of the curated gazetteer: every name it goes by, and where it is."""

    key: str
    english: tuple[str, ...]
    """Its English names, the modern one first ("Shenyang", "Mukden", "Fengtian")."""
    chinese: tuple[str, ...]
    """Its Chinese names, the Traditional form first."""
    lat: float
    lon: float

    def names(self) -> tuple[str, ...]:
        return (*self.english, *self.chinese)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _named(text: str, name: str) -> bool:
    """Whether `text` holds `name` as a word (Chinese names anywhere: they have no word breaks)."""
    if not name.isascii():
        return name in text
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None


def _known(place: Place, gazetteer: Sequence[KnownPlace]) -> KnownPlace | None:
    for known in gazetteer:
        if known.english[0] == place.modern_name and abs(known.lat - place.lat) < 0.5:
            return known
    return None


def _blanked(feature: Feature, span: Span, known: KnownPlace) -> tuple[str, str, str] | None:
    """(sentence, sentence with the name blanked, the words blanked), or None when that fails."""
    text = text_at(feature, span.ref)
    words = text[span.start : span.end]
    end = span.end
    bracket = _BRACKETED.match(text, end)
    if bracket and any(name in bracket.group() for name in known.names()):
        end = bracket.end()  # the other form in brackets goes too, or it would give the answer
    sentence = sentence_around(text, span.start, span.end)
    offset = text.find(sentence)
    if offset < 0 or not offset <= span.start < end <= offset + len(sentence):
        return None
    blanked = sentence[: span.start - offset] + BLANK + sentence[end - offset :]
    return sentence, blanked, words


def place_items(
    feature: Feature, places: Sequence[Place], gazetteer: Sequence[KnownPlace]
) -> tuple[list[QuizItem], list[Rejection]]:
    """Up to three "which place" items, one per city, from its first mention that blanks cleanly."""
    items: list[QuizItem] = []
    rejections: list[Rejection] = []
    script = feature.language if feature.language.startswith("zh") else None
    for place in places:
        if place.kind != "city":
            reason = "not a city (regions, countries and sites are not asked)"
            rejections.append(Rejection("place", reason, place.name))
            continue
        known = _known(place, gazetteer)
        if known is None:
            rejections.append(Rejection("place", "not a city of the curated gazetteer", place.name))
            continue
        if len(items) == MAX_PLACES:
            rejections.append(Rejection("place", f"cap: already {MAX_PLACES} place items", place.name))
            continue
        item, reason = _item(feature, place, known, gazetteer, script)
        if item is None:
            rejections.append(Rejection("place", reason, place.name))
        else:
            items.append(item)
    return items, rejections


def _item(
    feature: Feature, place: Place, known: KnownPlace, gazetteer: Sequence[KnownPlace], script: str | None
) -> tuple[QuizItem | None, str]:
    """The item of the first mention that blanks cleanly; else None and why the last one failed."""
    reason = "mentioned only in hidden answers or the title"
    for span in place.mentions:
        if is_hidden(span.ref) or span.ref.block is None:
            continue
        found = _blanked(feature, span, known)
        if found is None:
            reason = "the sentence around the name could not be found"
            continue
        sentence, blanked, words = found
        if words not in known.names():
            reason = "the words naming it are not a name the gazetteer knows"
            continue
        if len(sentence) > MAX_SENTENCE:
            reason = "sentence too long"
            continue
        if leans_on_context(sentence):
            reason = "its sentence opens with a pronoun and leans on the one before"
            continue
        if any(_named(blanked, name) for name in (*known.names(), place.name)):
            reason = "the sentence names the place again"
            continue
        others = [
            k for k in gazetteer
            if k.key != known.key and not any(_named(sentence, name) for name in k.names())
            and (k.chinese if script else k.english)
        ]  # fmt: skip
        if len(others) < NEIGHBOURS:
            return None, "too few neighbours in the gazetteer"
        here = (known.lat, known.lon)
        near = sorted(others, key=lambda k: (distance_km(here, (k.lat, k.lon)), k.key))[:NEIGHBOURS]
        if distance_km(here, (near[-1].lat, near[-1].lon)) > NEAR_KM:
            return None, f"fewer than {NEIGHBOURS} gazetteer cities within {NEAR_KM} km"
        options = [(words, here), *((_label(k, script), (k.lat, k.lon)) for k in near)]
        random.Random(feature.slug + blanked).shuffle(options)
        right = [label for label, _ in options].index(words)
        return (
            QuizItem(
                kind="place",
                subject=blanked,
                choices=tuple(label for label, _ in options),
                answer=(right,),
                sources=(Source(span, sentence),),
                points=tuple(point for _, point in options),
            ),
            "",
        )
    return None, reason


def _label(known: KnownPlace, script: str | None) -> str:
    """A neighbour's name in the feature's language and script (modern English, or Chinese)."""
    if script is None:
        return known.english[0]
    return to_simplified(known.chinese[0]) if script == "zh-Hans" else known.chinese[0]
