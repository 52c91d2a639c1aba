"""The bilingual glossary of a feature: its terms, their forms, and every place they are used.

A feature defines a term once, as "Harbin (哈爾濱)" or "National Revolutionary
Army (NRA)", and then uses the bare name. The glossary keeps each term with
its Traditional and Simplified forms and pinyin (so it is searchable in every
script) and with the spans of the definition and of each later mention, so
the reader can link a mention to its entry (issue 4).

The forms themselves are read by `term_forms.find_terms_in_text`; the later
mentions of all terms are found in one scan by `form_scan.find_forms`.
"""

from __future__ import annotations

from dataclasses import replace

from handscroll.enrich.form_scan import TermHits, find_forms
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
                entries[key].absorb(match, span, order)
            else:
                entries[key] = _Entry(match, span, order)
    found = list(entries.values())
    # One scan of each text for every form of every term (issue 11), not a search per term.
    hits = find_forms(texts, [(entry.forms(), entry.order) for entry in found])
    return [entry.to_term(texts, term_hits) for entry, term_hits in zip(found, hits, strict=True)]


class _Entry:
    """A term while the feature is read: its first definition and any later ones."""

    def __init__(self, match: TermMatch, span: Span, order: int) -> None:
        self.match = match
        self.definitions = [span]
        self.by_text: dict[int, list[Span]] = {order: [span]}  # the definitions in each text, by index
        self.order = order

    def absorb(self, match: TermMatch, span: Span, order: int) -> None:
        self.definitions.append(span)
        self.by_text.setdefault(order, []).append(span)
        self.match = replace(
            self.match,
            chinese=self.match.chinese or match.chinese,
            abbreviation=self.match.abbreviation or match.abbreviation,
            note=self.match.note or match.note,
        )

    def scripts(self) -> tuple[str | None, str | None]:
        """(traditional, simplified) of the term's Chinese, when it has any."""
        return script_forms(self.match.chinese) if self.match.chinese else (None, None)

    def forms(self) -> list[str]:
        """Every form a later mention may take: English, abbreviation and Chinese in each script."""
        match = self.match
        traditional, simplified = self.scripts()
        return [f for f in (match.english, match.abbreviation, traditional, simplified, match.chinese) if f]

    def to_term(self, texts: list[tuple[TextRef, str]], hits: TermHits) -> Term:
        match = self.match
        traditional, simplified = self.scripts()
        pinyin = plain = None
        if match.chinese:
            pinyin, plain = pinyin_with_tones(match.chinese), pinyin_plain(match.chinese)
        mentions = _later_mentions(texts, self.definitions[0], self.by_text, hits)
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


def _later_mentions(
    texts: list[tuple[TextRef, str]], head: Span, definitions: dict[int, list[Span]], hits: TermHits
) -> list[Span]:
    """Spans of the term after its first definition, each later definition as one span.

    Only the texts with a definition or a hit are visited: a term is used in a
    few of a feature's texts, and visiting all of them per term was quadratic.
    """
    found: list[tuple[int, Span]] = []
    for index in sorted(definitions.keys() | hits.keys()):
        ref = texts[index][0]
        own = definitions.get(index, [])
        found.extend((index, span) for span in own if span is not head)
        for start, end in hits.get(index, ()):
            if own and (
                (own[0] is head and start < head.end) or any(span.start <= start < span.end for span in own)
            ):
                continue
            found.append((index, Span(ref, start, end)))
    return [span for _, span in sorted(found, key=lambda item: (item[0], item[1].start))]
