"""Make a feature's self-check items: every kind, in a fixed order, with the reasons for what was left out."""

from __future__ import annotations

import re
from collections.abc import Sequence

from handscroll.learn.dated import answer_only_dates, is_hidden, usable_events
from handscroll.learn.events import date_items, first_items, order_item
from handscroll.learn.items import QuizItem, QuizSet, Rejection
from handscroll.learn.pictures import picture_items
from handscroll.learn.places import KnownPlace, place_items
from handscroll.learn.terms import term_items
from handscroll.model import Enrichment, Feature, Term


def generate_items(
    feature: Feature,
    enrichment: Enrichment,
    series_terms: Sequence[Term] = (),
    gazetteer: Sequence[KnownPlace] = (),
) -> QuizSet:
    """The proposed items of one feature; `series_terms` (the glossary of its series) supplies
    distractors, and the feature's own terms are always among them; `gazetteer` (the curated
    cities, `learn.load.known_places`) supplies a place's neighbours: without it no place item is made."""
    events, left_out = usable_events(feature, enrichment)
    rejections = [Rejection("order", reason, detail) for reason, detail in left_out]
    items: list[QuizItem] = []
    for made, rejected in (
        order_item(feature.slug, events),
        first_items(feature.slug, events),
        date_items(events),
        term_items(feature, enrichment.terms, [*enrichment.terms, *series_terms]),
        place_items(feature, enrichment.places, gazetteer),
        picture_items(feature),
    ):
        items.extend(made)
        rejections.extend(rejected)
    # A last guard (issue 15): no item may show a date that only a hidden answer gives.
    hidden = answer_only_dates(enrichment)
    shown = sorted({e.text for e in enrichment.events if not is_hidden(e.span.ref)}, key=len, reverse=True)
    kept = []
    for item in items:
        texts = [_without(text, shown) for text in (item.prompt, item.feedback, *item.choices)]
        leaked = sorted(h for h in hidden if any(_has_words(text, h) for text in texts))
        if leaked:
            reason = "shows a date only a hidden answer gives"
            rejections.append(Rejection(item.kind, reason, ", ".join(leaked)))
        else:
            kept.append(item)
    return QuizSet(feature.slug, _unique(kept), tuple(rejections))


def _without(text: str, phrases: list[str]) -> str:
    """The text with visible date words cut out ("10 October 1945" is not the hidden "October 1945")."""
    for phrase in phrases:
        text = text.replace(phrase, " ")
    return text


def _has_words(text: str, words: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None


def _unique(items: list[QuizItem]) -> tuple[QuizItem, ...]:
    seen: set[str] = set()
    unique = []
    for item in items:
        if item.id not in seen:
            seen.add(item.id)
            unique.append(item)
    return tuple(unique)
