"""A feature's quiz as stored: generated from its enrichment, with the series glossary and approvals.

Reads through a small protocol (the Library satisfies it), so the reader, the
exports and the CLI make exactly the same items.
"""

from __future__ import annotations

from functools import cache
from typing import Protocol

from handscroll.enrich import enrich_feature
from handscroll.learn.generate import generate_items
from handscroll.learn.items import QuizItem, QuizSet
from handscroll.learn.places import KnownPlace
from handscroll.model import Enrichment, Feature, Term
from handscroll.store.listing import PartKey
from handscroll.store.records import FeatureSummary


class QuizReader(Protocol):
    """What loading a quiz needs from the library."""

    def get_feature(self, slug: str) -> Feature: ...

    def get_enrichment(self, slug: str) -> Enrichment | None: ...

    def parts_page(
        self,
        series: str | None,
        *,
        after: PartKey | None = None,
        before: PartKey | None = None,
        limit: int,
    ) -> list[FeatureSummary]: ...

    def approved_quiz_items(self, slug: str) -> frozenset[str]: ...


SERIES_NEIGHBOURS = 12
"""The parts on each side of a feature in its series whose terms its term items draw on (its other
editions, of the same part, are next to it). Reading every part's enrichment made a page with
self-checks cost seconds in a series of 3,333 parts, and comparing all their terms was quadratic."""


def series_terms(library: QuizReader, feature: Feature) -> list[Term]:
    """The glossary terms of the features around this one in its series (distractors for term
    items, and the other editions that confirm a Chinese-first definition), read by two keyset
    pages of the series, whatever its length (issue 11)."""
    if not feature.series:
        return []
    here = PartKey(feature.part, feature.title, feature.slug)
    around = [
        *library.parts_page(feature.series, before=here, limit=SERIES_NEIGHBOURS),
        *library.parts_page(feature.series, after=here, limit=SERIES_NEIGHBOURS),
    ]
    terms: list[Term] = []
    for summary in around:
        enrichment = library.get_enrichment(summary.slug)
        if enrichment is not None:
            terms.extend(enrichment.terms)
    return terms


@cache
def known_places() -> tuple[KnownPlace, ...]:
    """The cities of the curated gazetteer with every name each goes by: a place's neighbours."""
    from handscroll.enrich.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    english: dict[str, list[str]] = {}
    chinese: dict[str, list[str]] = {}
    entries = {}
    for names, table in ((english, gazetteer.english), (chinese, gazetteer.chinese)):
        for name, entry in table.items():
            if entry.source == "curated" and entry.kind == "city":
                entries[entry.key] = entry
                if name not in names.setdefault(entry.key, []):
                    names[entry.key].append(name)
    places = []
    for key, entry in sorted(entries.items()):
        others = [n for n in english.get(key, []) if n != entry.modern_name]
        forms = chinese.get(key, [])
        if entry.chinese in forms:  # the curated first form (Traditional) leads
            forms = [entry.chinese, *(f for f in forms if f != entry.chinese)]
        places.append(KnownPlace(key, (entry.modern_name, *others), tuple(forms), entry.lat, entry.lon))
    return tuple(places)


def load_quiz(library: QuizReader, slug: str) -> tuple[QuizSet, frozenset[str]]:
    """A feature's proposed items and the ids approved among them; NotFoundError for an unknown slug."""
    feature = library.get_feature(slug)
    enrichment = library.get_enrichment(slug) or enrich_feature(feature)
    quiz = generate_items(feature, enrichment, series_terms(library, feature), known_places())
    return quiz, library.approved_quiz_items(slug)


def approved_quiz(library: QuizReader, slug: str) -> tuple[QuizItem, ...]:
    """Only what readers and exports may show: the approved items, in generation order."""
    quiz, approved = load_quiz(library, slug)
    return quiz.approved(approved)
