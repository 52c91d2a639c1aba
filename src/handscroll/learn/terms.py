"""Items from the glossary: the Chinese name of an English one, with distractors from the series.

A distractor is another term's Chinese name from the same series, never a
variant of the right answer (the same name in the other script, or one that
contains or is contained in it), so exactly one choice is right.

A Chinese edition defines a term Chinese first, "延安(Yan'an)", and Chinese
marks no word boundary before the name: the glossary may take in words
before it ("則以延安"). Such a term is asked only when another edition of the
series defines the same English name with the same Chinese, English first
("Yan'an (延安)"), where the brackets bound the name.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from handscroll.learn.dated import is_hidden, sentence_around
from handscroll.learn.items import QuizItem, Rejection, Source
from handscroll.model import Feature, Term, text_at

DISTRACTORS = 3
MAX_TERMS = 4
_PHRASE = re.compile(r"\b(?:for|to|from|in|at|on|with|by|after|before)\b|'s\b|’s\b")
"""Words that show an "English name" is really a phrase the glossary caught ("Nanjing for Yan'an")."""


def _forms(term: Term) -> set[str]:
    return {form for form in (term.chinese, term.traditional, term.simplified) if form}


def _shown(term: Term, simplified: bool = False) -> str | None:
    """The form a choice shows: Traditional, or Simplified in a Simplified edition."""
    return (term.simplified if simplified else term.traditional) or term.chinese


def _variant(candidate: Term, right: Term) -> bool:
    """Whether a candidate distractor is (a form of) the right answer or overlaps it."""
    if candidate.english.casefold() == right.english.casefold():
        return True
    for a in _forms(candidate):
        for b in _forms(right):
            if a in b or b in a:
                return True
    return False


def _chinese_first(feature: Feature, term: Term) -> bool:
    """Whether the feature defines the term Chinese first ("延安(Yan'an)")."""
    span = term.definition
    return text_at(feature, span.ref)[span.start : span.end].startswith(term.chinese or "\0")


def _confirmed(term: Term, pool: Sequence[Term]) -> bool:
    """Whether another definition in the pool gives the same English name the same Chinese."""
    return any(
        other is not term and other.english == term.english and _forms(other) & _forms(term) for other in pool
    )


def _overreaching(term: Term, pool: Sequence[Term]) -> bool:
    """Whether another definition of the same English name has a shorter Chinese inside this one's."""
    forms = _forms(term)
    return any(
        other.english == term.english and any(a != b and a in b for a in _forms(other) for b in forms)
        for other in pool
    )


def term_items(
    feature: Feature, terms: Sequence[Term], series_terms: Sequence[Term]
) -> tuple[list[QuizItem], list[Rejection]]:
    """Up to four "which is the Chinese name" items from terms the visible text defines."""
    items: list[QuizItem] = []
    rejections: list[Rejection] = []
    simplified = feature.language == "zh-Hans"
    pool = [
        t
        for t in series_terms
        if _shown(t)
        and not is_hidden(t.definition.ref)
        and not _PHRASE.search(t.english)
        and not _overreaching(t, series_terms)
    ]
    for term in terms:
        right = _shown(term, simplified)
        if right is None:
            rejections.append(Rejection("term", "no Chinese form", term.english))
            continue
        if is_hidden(term.definition.ref):
            rejections.append(Rejection("term", "defined in a hidden model answer", term.english))
            continue
        if _PHRASE.search(term.english):
            rejections.append(Rejection("term", "the English looks like a phrase, not a name", term.english))
            continue
        if _chinese_first(feature, term) and (
            not _confirmed(term, series_terms) or _overreaching(term, series_terms)
        ):
            reason = "defined Chinese first, and the other editions do not confirm its Chinese"
            rejections.append(Rejection("term", reason, f"{term.english}: {right}"))
            continue
        if len(items) == MAX_TERMS:
            reason = f"cap: already {MAX_TERMS} term items in this feature"
            rejections.append(Rejection("term", reason, term.english))
            continue
        candidates: dict[str, Term] = {}
        for other in pool:
            form = _shown(other, simplified)
            if form and form not in candidates and not _variant(other, term):
                candidates[form] = other
        if len(candidates) < DISTRACTORS:
            detail = f"{term.english}: {len(candidates)} other Chinese names in the series"
            rejections.append(Rejection("term", "too few distractors", detail))
            continue
        # Prefer names of similar length, so length alone does not give the answer away.
        ranked = sorted(candidates, key=lambda form: (abs(len(form) - len(right)), form))
        rng = random.Random(feature.slug + term.english)
        distractors = rng.sample(ranked[: DISTRACTORS * 2], DISTRACTORS)
        choices = [right, *distractors]
        rng.shuffle(choices)
        span = term.definition
        sentence = sentence_around(text_at(feature, span.ref), span.start, span.end)
        items.append(
            QuizItem(
                kind="term",
                subject=term.english,
                choices=tuple(choices),
                answer=(choices.index(right),),
                sources=(Source(span, sentence, term=term.english),),
                pinyin=term.pinyin or "",
            )
        )
    return items, rejections
