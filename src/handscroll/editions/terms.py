"""Glossary terms one edition names and its aligned edition only uses (issue 12, item 4).

An English edition writes `Harbin (哈爾濱)` where the Chinese edition's paired
paragraph says only 哈爾濱; a Chinese edition writes `赫爾利(Patrick J. Hurley)`
where the English paragraph says only Patrick J. Hurley. Each edition then gets
the term from the other, found in the paired block and marked `aligned_from`
(the language of the edition that named it), so a work's glossary is one glossary
in every edition. Terms an edition defines itself are never doubled; where a
Chinese edition took a descriptor into a name (`戰時首都重慶(Chongqing)`) and the
English edition gives the bare name (`Chongqing (重慶)`), the descriptor is left
out of the name, as the English edition shows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from handscroll.editions.align import Alignment, Edition, align_editions
from handscroll.model import Enrichment, Feature, Span, Term, feature_texts


def own_terms(enrichment: Enrichment) -> Enrichment:
    """The enrichment without the terms an earlier alignment gave it (so deriving again is idempotent)."""
    return replace(enrichment, terms=tuple(t for t in enrichment.terms if t.aligned_from is None))


def aligned_terms(alignment: Alignment, enrichments: Mapping[str, Enrichment]) -> dict[str, Enrichment]:
    """Each edition's enrichment with the terms its aligned editions name and it only uses.

    `enrichments` maps a language of the alignment to that edition's enrichment;
    an edition without one is left out of the answer.
    """
    own = {lang: own_terms(e) for lang, e in enrichments.items() if lang in alignment.editions}
    features = {lang: alignment.editions[lang].feature for lang in own}
    if "en" in own:
        own = {lang: _named_as_in(own["en"], e, lang) for lang, e in own.items()}
    added: dict[str, list[Term]] = {lang: [] for lang in own}
    for pair in alignment.pairs:
        for source, block in pair.items():
            if source not in own:
                continue
            for term in own[source].terms:
                if not any(m.ref.block == block for m in term.mentions):
                    continue
                for target, paired in pair.items():
                    if target == source or target not in own:
                        continue
                    found = _carried(
                        term, source, features[target], paired, [*own[target].terms, *added[target]]
                    )
                    if found is not None:
                        added[target].append(found)
    return {lang: replace(own[lang], terms=own[lang].terms + tuple(added[lang])) for lang in own}


def _named_as_in(english: Enrichment, enrichment: Enrichment, language: str) -> Enrichment:
    """A Chinese edition's terms with the Chinese names the English edition gives: a longer form
    ending in that name loses what comes before it (a descriptor, or a word of the sentence: no
    note can be told from it), and its span starts at the name."""
    if language == "en":
        return enrichment
    names = {
        t.english.casefold(): t
        for t in english.terms
        if (t.simplified if language == "zh-Hans" else t.traditional)
    }
    terms = []
    for term in enrichment.terms:
        given = names.get(term.english.casefold())
        name = (given.simplified if language == "zh-Hans" else given.traditional) if given else None
        chinese = term.chinese or ""
        if given is None or not name or not chinese.endswith(name) or chinese == name:
            terms.append(term)
            continue
        before = chinese[: -len(name)]
        first = term.definition
        terms.append(
            replace(
                term,
                chinese=name,
                traditional=given.traditional,
                simplified=given.simplified,
                pinyin=given.pinyin,
                pinyin_plain=given.pinyin_plain,
                note=term.note,
                mentions=(replace(first, start=first.start + len(before)), *term.mentions[1:]),
            )
        )
    return replace(enrichment, terms=tuple(terms))


def _carried(term: Term, source: str, feature: Feature, block: int, known: list[Term]) -> Term | None:
    """The term as the edition `feature` uses it in its block `block`, or None (not used, or known)."""
    language = feature.language
    if language == "en":
        needle = term.english
        if any(t.english.casefold() == needle.casefold() for t in known):
            return None
        pattern = re.compile(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", re.IGNORECASE)
    else:
        needle = (term.simplified if language == "zh-Hans" else term.traditional) or term.chinese or ""
        if not needle or any(needle in (t.traditional, t.simplified, t.chinese) for t in known):
            return None
        pattern = re.compile(re.escape(needle))
    mentions = [
        Span(ref, found.start(), found.end())
        for ref, text in feature_texts(feature)
        for found in pattern.finditer(text)
    ]
    first = next((m for m in mentions if m.ref.block == block), None)
    if first is None:
        return None  # the paired block does not use it: nothing to carry
    return replace(
        term,
        chinese=needle if language != "en" else term.chinese,
        note=term.note if (source == "en") == (language == "en") else None,  # a note stays in its language
        mentions=(first, *(m for m in mentions if m != first)),
        aligned_from=source,
    )


def work_terms(key: str, editions: Mapping[str, tuple[Feature, Enrichment]]) -> dict[str, Enrichment]:
    """The enrichments of one work's editions (language -> feature and enrichment), each with the
    terms its aligned editions give it; one edition alone is given nothing."""
    if len(editions) < 2:
        return {lang: own_terms(enrichment) for lang, (_, enrichment) in editions.items()}
    alignment = align_editions(key, [Edition(feature.slug, feature) for feature, _ in editions.values()])
    return aligned_terms(alignment, {lang: enrichment for lang, (_, enrichment) in editions.items()})
