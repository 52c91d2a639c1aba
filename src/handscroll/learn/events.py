"""The three kinds of item made from dated events: put in order, which came first, date it."""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence
from datetime import date

from handscroll.learn.dated import DatedEvent, disjoint_chain, spread
from handscroll.learn.items import QuizItem, Rejection, Source

ORDER_SIZE = (3, 5)
"""An ordering item has 3 to 5 events."""

MIN_GAP_DAYS = 30
"""Two events in a "which came first" item start at least a month apart."""

MAX_FIRST = 3
MAX_DATE = 3


def _source(dated: DatedEvent) -> Source:
    return Source(dated.event.span, dated.sentence)


def _shuffled(count: int, seed: str) -> list[int]:
    """A fixed shuffle (seeded by content) that never leaves the events in time order."""
    order = list(range(count))
    rng = random.Random(seed)
    while order == sorted(order):
        rng.shuffle(order)
    return order


def order_item(slug: str, events: Sequence[DatedEvent]) -> tuple[list[QuizItem], list[Rejection]]:
    """One "put these in order" item from events whose stretches pairwise do not overlap."""
    chain = disjoint_chain(events)
    if len(chain) < ORDER_SIZE[0]:
        detail = f"{len(chain)} events with stretches that do not overlap (need {ORDER_SIZE[0]})"
        return [], [Rejection("order", "too few events that can be told apart", detail)]
    picked = spread(chain, ORDER_SIZE[1])
    shown = _shuffled(len(picked), slug + "|".join(d.blanked for d in picked))
    choices = tuple(picked[i].blanked for i in shown)
    # answer: the shown positions in time order (picked is in time order).
    answer = tuple(shown.index(i) for i in range(len(picked)))
    item = QuizItem(
        kind="order",
        subject="",
        choices=choices,
        answer=answer,
        sources=tuple(_source(d) for d in picked),
        events=tuple(d.event.text for d in picked),
    )
    return [item], []


def first_items(slug: str, events: Sequence[DatedEvent]) -> tuple[list[QuizItem], list[Rejection]]:
    """Up to three "which came first" items, from pairs a month or more apart that do not overlap."""
    chain = disjoint_chain(events)
    pairs = [(a, b) for a, b in itertools.pairwise(chain) if (b.start - a.start).days >= MIN_GAP_DAYS]
    if not pairs:
        return [], [Rejection("first", "no two events a month apart", f"{len(chain)} usable events")]
    items = []
    for earlier, later in spread(pairs, MAX_FIRST):
        flip = random.Random(slug + earlier.blanked + later.blanked).random() < 0.5
        choices = (later.blanked, earlier.blanked) if flip else (earlier.blanked, later.blanked)
        items.append(
            QuizItem(
                kind="first",
                subject="",
                choices=choices,
                answer=(1 if flip else 0,),
                sources=(_source(earlier), _source(later)),
                events=(earlier.event.text, later.event.text),
            )
        )
    return items, []


def date_items(events: Sequence[DatedEvent]) -> tuple[list[QuizItem], list[Rejection]]:
    """Up to three "in which year" items, one per year, from events the text dates to a year or finer.

    The tolerance is 0: a value with a year is exact to the year. Values vaguer
    than a year (decades) never get here.
    """
    by_year: dict[int, DatedEvent] = {}
    rejections = []
    for dated in events:
        last = date.fromordinal(dated.end.toordinal() - 1)
        if dated.start.year != last.year:  # a winter runs from December into the next year
            rejections.append(Rejection("date", "stretch spans two years", dated.event.value))
            continue
        by_year.setdefault(dated.start.year, dated)
    if not by_year:
        return [], [*rejections, Rejection("date", "no event dated to a year", "")]
    items = []
    for dated in spread(sorted(by_year.values(), key=lambda d: d.start), MAX_DATE):
        items.append(
            QuizItem(
                kind="date",
                subject=dated.blanked,
                choices=(),
                answer=(),
                sources=(_source(dated),),
                events=(dated.event.text,),
                year=dated.start.year,
                tolerance=0,
            )
        )
    return items, rejections
