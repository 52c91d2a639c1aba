"""Items from the gallery: which of three pictures of the feature a caption describes.

Each choice is a picture shown by its media ID, and named by its alt text for
anyone who cannot see it. A picture without alt text cannot be a choice: a
reader using a screen reader could not answer, and a caption is no stand-in
(it is the question). The three pictures are different media with different
alt texts, so exactly one is right.
"""

from __future__ import annotations

import random

from handscroll.learn.dated import MAX_SENTENCE
from handscroll.learn.items import QuizItem, Rejection, Source
from handscroll.model import Feature, Figure, Span, TextRef

CHOICES = 3
MAX_PICTURES = 2


def picture_items(feature: Feature) -> tuple[list[QuizItem], list[Rejection]]:
    """Up to two "which picture" items, from figures with a caption, spread through the gallery."""
    figures: list[tuple[int, Figure]] = []
    seen: set[str] = set()
    for number, block in enumerate(feature.blocks):
        if isinstance(block, Figure) and block.media not in seen:
            seen.add(block.media)
            figures.append((number, block))
    described = [(n, f) for n, f in figures if f.alt.strip()]
    rejections = [
        Rejection("picture", "no alt text, so a reader who cannot see it could not answer", f.media)
        for _, f in figures
        if not f.alt.strip()
    ]
    alts = [f.alt.strip().casefold() for _, f in described]
    described = [(n, f) for n, f in described if alts.count(f.alt.strip().casefold()) == 1]
    if len(described) < CHOICES:
        detail = f"{len(described)} pictures with their own alt text (need {CHOICES})"
        return [], [*rejections, Rejection("picture", "too few pictures that can be told apart", detail)]
    asked = [(n, f) for n, f in described if f.caption and len(f.caption[0]) <= MAX_SENTENCE]
    items = []
    step = max(1, len(asked) // MAX_PICTURES)
    for number, figure in asked[::step][:MAX_PICTURES]:
        rng = random.Random(feature.slug + figure.media)
        others = [f for n, f in described if n != number]
        choices = [figure, *rng.sample(others, CHOICES - 1)]
        rng.shuffle(choices)
        caption = figure.caption[0]
        items.append(
            QuizItem(
                kind="picture",
                subject=caption,
                choices=tuple(f.alt.strip() for f in choices),
                answer=(choices.index(figure),),
                sources=(Source(Span(TextRef(number, "caption", 0), 0, len(caption)), caption),),
                media=tuple(f.media for f in choices),
            )
        )
    return items, rejections
