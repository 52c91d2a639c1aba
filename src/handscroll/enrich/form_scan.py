"""Where the forms of many terms stand in a feature's texts, found in one scan (issue 11 item 3).

Searching the texts once per glossary term made enrichment quadratic in a
term-dense feature. An Aho-Corasick automaton (pyahocorasick) of every form
of every term finds all of them in one pass over each text; each term then
keeps its own hits as a regular expression of its forms would have found
them: left to right, the longest form at each place, never overlapping one
another, and a form written in ASCII only where it stands as a whole word
("NRA", not the "NRA" of "NRAs").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

import ahocorasick

from handscroll.model import TextRef

TermHits = dict[int, list[tuple[int, int]]]
"""One term's hits: per text index, (start, end) of each, left to right."""

_WORD_CHAR = re.compile(r"[^\W_]")


def find_forms(
    texts: Sequence[tuple[TextRef, str]], terms: Sequence[tuple[list[str], int]]
) -> list[TermHits]:
    """The hits of each term's forms, `terms` given as (forms, index of the first text searched)."""
    owners: dict[str, list[int]] = defaultdict(list)
    for number, (forms, _) in enumerate(terms):
        for form in dict.fromkeys(forms):
            owners[form].append(number)
    found: list[TermHits] = [{} for _ in terms]
    if not owners:
        return found
    automaton = ahocorasick.Automaton()
    for form in owners:
        automaton.add_word(form, form)
    automaton.make_automaton()
    first = min(start for _, start in terms)
    for index in range(first, len(texts)):
        text = texts[index][1]
        candidates: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for last, form in automaton.iter(text):
            start, end = last - len(form) + 1, last + 1
            if form.isascii() and not _stands_alone(text, start, end):
                continue
            for number in owners[form]:
                if terms[number][1] <= index:
                    candidates[number].append((start, end))
        for number, spans in candidates.items():
            found[number][index] = _leftmost_longest(spans)
    return found


def _stands_alone(text: str, start: int, end: int) -> bool:
    """No letter or digit touches the span on either side."""
    before = start > 0 and _WORD_CHAR.match(text, start - 1) is not None
    return not before and _WORD_CHAR.match(text, end) is None


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans a left-to-right search takes: the longest at each start, none overlapping the one before."""
    kept: list[tuple[int, int]] = []
    position = 0
    for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
        if start >= position:
            kept.append((start, end))
            position = end
    return kept
