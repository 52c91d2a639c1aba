"""The bilingual glossary of a feature: its terms, their forms, and every place they are used.

A feature defines a term once, as "Harbin (哈爾濱)" or "National Revolutionary
Army (NRA)", and then uses the bare name. The glossary keeps each term with
its Traditional and Simplified forms and pinyin (so it is searchable in every
script) and with the spans of the definition and of each later mention, so
the reader can link a mention to its entry (issue 4).

The forms themselves are read by `term_forms.find_terms_in_text`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handscroll.enrich.term_forms import TermMatch, find_terms_in_text
from handscroll.model import Feature, Span, Term, TextRef, feature_texts
from handscroll.text.cjk import pinyin_plain, pinyin_with_tones, script_forms

__all__ = ["Term", "TermMatch", "find_terms", "find_terms_in_text"]


def find_terms(feature: Feature) -> list[Term]:
    """The feature's glossary, in the order the terms are first defined.

    A term defined twice is one entry: later definitions fill in what the
    first left out (an abbreviation, the Chinese) and count as mentions.
    """
    texts = list(feature_texts(feature))
    entries: dict[str, _Entry] = {}
    for order, (ref, text) in enumerate(texts):
        for match in find_terms_in_text(text):
            key = match.english.casefold()
            span = Span(ref, match.start, match.end)
            if key in entries:
                entries[key].absorb(match, span)
            else:
                entries[key] = _Entry(match, span, order)
    return [entry.to_term(texts) for entry in entries.values()]


class _Entry:
    """A term while the feature is read: its first definition and any later ones."""

    def __init__(self, match: TermMatch, span: Span, order: int) -> None:
        self.match = match
        self.definitions = [span]
        self.order = order

    def absorb(self, match: TermMatch, span: Span) -> None:
        self.definitions.append(span)
        self.match = replace(
            self.match,
            chinese=self.match.chinese or match.chinese,
            abbreviation=self.match.abbreviation or match.abbreviation,
            note=self.match.note or match.note,
        )

    def to_term(self, texts: list[tuple[TextRef, str]]) -> Term:
        match = self.match
        traditional = simplified = pinyin = plain = None
        if match.chinese:
            traditional, simplified = script_forms(match.chinese)
            pinyin, plain = pinyin_with_tones(match.chinese), pinyin_plain(match.chinese)
        forms = [match.english, match.abbreviation, traditional, simplified, match.chinese]
        mentions = _later_mentions(texts, self.order, self.definitions, forms)
        return Term(
            english=match.english,
            chinese=match.chinese,
            abbreviation=match.abbreviation,
            note=match.note,
            traditional=traditional,
            simplified=simplified,
            pinyin=pinyin,
            pinyin_plain=plain,
            mentions=(self.definitions[0], *mentions),
        )


def _mention_pattern(forms: list[str | None]) -> re.Pattern[str]:
    # Longest first, so "Chinese Communist Party" wins over a shorter form at
    # the same place; Latin forms must stand as whole words ("NRA", not "NRAs").
    alternatives = []
    for form in sorted({f for f in forms if f}, key=len, reverse=True):
        escaped = re.escape(form)
        alternatives.append(rf"(?<![^\W_]){escaped}(?![^\W_])" if form.isascii() else escaped)
    return re.compile("|".join(alternatives))


def _later_mentions(
    texts: list[tuple[TextRef, str]], first: int, definitions: list[Span], forms: list[str | None]
) -> list[Span]:
    """Spans of the term after its first definition, each later definition as one span."""
    pattern = _mention_pattern(forms)
    found: list[Span] = []
    head = definitions[0]
    for ref, text in texts[first:]:
        own = [span for span in definitions if span.ref == ref]
        for span in own:
            if span != head:
                found.append(span)
        for hit in pattern.finditer(text):
            if ref == head.ref and hit.start() < head.end:
                continue
            if any(span.start <= hit.start() < span.end for span in own):
                continue
            found.append(Span(ref, hit.start(), hit.end()))
    order = {ref: number for number, (ref, _) in enumerate(texts)}
    return sorted(found, key=lambda span: (order[span.ref], span.start))
