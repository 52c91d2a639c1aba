"""Terms and places one edition names and its aligned edition only uses (issue 12, items 2 and 4).

An English edition writes `Harbin (哈爾濱)` where the Chinese edition's paired
paragraph says only 哈爾濱; a Chinese edition writes `赫爾利(Patrick J. Hurley)`
where the English paragraph says only Patrick J. Hurley. Each edition then gets
the term from the other, found in the paired block and marked `aligned_from`
(the language of the edition that named it), so a work's glossary is one glossary
in every edition. Terms an edition defines itself are never doubled; where a
Chinese edition took a descriptor into a name (`這座長江(Yangtze)`) and the
English edition gives the bare name (`Yangtze (長江)`), the descriptor is left
out of the name, as the English edition shows.

Places go the same way from English to Chinese: the English edition resolves
`Harbin (哈爾濱)`, so a Chinese edition's 哈爾濱 in the paired block is that place,
whether or not the gazetteer knows its Chinese name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from handscroll.editions.align import Alignment, Edition, align_editions
from handscroll.model import Enrichment, Feature, Place, Span, Term, feature_texts
from handscroll.text.cjk import to_simplified, to_traditional
from handscroll.text.languages import LANGUAGES


def own_enrichment(enrichment: Enrichment) -> Enrichment:
    """The enrichment without the terms and places an earlier alignment gave it, so that deriving
    again is idempotent."""
    return replace(
        enrichment,
        terms=tuple(t for t in enrichment.terms if t.aligned_from is None),
        places=tuple(p for p in enrichment.places if p.aligned_from is None),
    )


def aligned_enrichments(alignment: Alignment, enrichments: Mapping[str, Enrichment]) -> dict[str, Enrichment]:
    """Each edition's enrichment with the terms and places its aligned editions name and it only uses.

    `enrichments` maps a language of the alignment to that edition's enrichment;
    an edition without one is left out of the answer.
    """
    own = {lang: own_enrichment(e) for lang, e in enrichments.items() if lang in alignment.editions}
    features = {lang: alignment.editions[lang].feature for lang in own}
    if "en" in own:
        own = {lang: _named_as_in(own["en"], e, lang) for lang, e in own.items()}
    terms: dict[str, list[Term]] = {lang: [] for lang in own}
    places: dict[str, list[Place]] = {lang: [] for lang in own}
    for pair in alignment.pairs:
        for source, block in pair.items():
            if source not in own:
                continue
            for target, paired in pair.items():
                if target == source or target not in own:
                    continue
                for term in own[source].terms:
                    if any(m.ref.block == block for m in term.mentions):
                        known = [*own[target].terms, *terms[target]]
                        found = _carried(term, source, features[target], paired, known)
                        if found is not None:
                            terms[target].append(found)
                if source == "en":
                    placed = [*own[target].places, *places[target]]
                    places[target].extend(_placed(own[source], block, features[target], paired, placed))
    return {
        lang: replace(
            own[lang],
            terms=own[lang].terms + tuple(terms[lang]),
            places=own[lang].places + tuple(places[lang]),
        )
        for lang in own
    }


def work_enrichments(key: str, editions: Mapping[str, tuple[Feature, Enrichment]]) -> dict[str, Enrichment]:
    """The enrichments of one work's editions (language -> feature and enrichment), each with the
    terms and places its aligned editions give it; one edition alone is given nothing.

    The editions are taken in LANGUAGES, however they come, so a term two
    editions could give is marked as from the same one by an import and by the
    workspace's publishing."""
    editions = dict(sorted(editions.items(), key=lambda item: _order(item[0])))
    if len(editions) < 2:
        return {lang: own_enrichment(enrichment) for lang, (_, enrichment) in editions.items()}
    alignment = align_editions(key, [Edition(feature.slug, feature) for feature, _ in editions.values()])
    return aligned_enrichments(alignment, {lang: enrichment for lang, (_, enrichment) in editions.items()})


def _order(language: str) -> tuple[int, str]:
    return (LANGUAGES.index(language) if language in LANGUAGES else len(LANGUAGES), language)


def _script(language: str) -> str:
    """The Term field holding a Chinese edition's own script."""
    return "simplified" if language == "zh-Hans" else "traditional"


def _named_as_in(english: Enrichment, enrichment: Enrichment, language: str) -> Enrichment:
    """A Chinese edition's terms with the Chinese names the English edition gives: a longer form
    ending in that name loses what comes before it (a descriptor, or a word of the sentence: no
    note can be told from it), and its span starts at the name."""
    if language == "en":
        return enrichment
    names = {t.english.casefold(): t for t in english.terms if getattr(t, _script(language))}
    fixed = []
    for term in enrichment.terms:
        given = names.get(term.english.casefold())
        name: str | None = getattr(given, _script(language)) if given else None
        chinese = term.chinese or ""
        if given is None or not name or not chinese.endswith(name) or chinese == name:
            fixed.append(term)
            continue
        first = term.definition
        fixed.append(
            replace(
                term,
                chinese=name,
                traditional=given.traditional,
                simplified=given.simplified,
                pinyin=given.pinyin,
                pinyin_plain=given.pinyin_plain,
                mentions=(replace(first, start=first.start + len(chinese) - len(name)), *term.mentions[1:]),
            )
        )
    return replace(enrichment, terms=tuple(fixed))


def _mentions(feature: Feature, pattern: re.Pattern[str], block: int) -> tuple[Span, ...]:
    """Every match in the feature's texts, the first one in `block` first; () when `block` has none."""
    found = [
        Span(ref, at.start(), at.end())
        for ref, text in feature_texts(feature)
        for at in pattern.finditer(text)
    ]
    first = next((m for m in found if m.ref.block == block), None)
    return () if first is None else (first, *(m for m in found if m != first))


def _carried(term: Term, source: str, feature: Feature, block: int, known: list[Term]) -> Term | None:
    """The term as the edition `feature` uses it in its block `block`, or None (not used, or known)."""
    language = feature.language
    if language == "en":
        needle = term.english
        if any(t.english.casefold() == needle.casefold() for t in known):
            return None
        pattern = re.compile(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", re.IGNORECASE)
    else:
        needle = getattr(term, _script(language)) or term.chinese or ""
        if not needle or any(needle in (t.traditional, t.simplified, t.chinese) for t in known):
            return None
        pattern = re.compile(re.escape(needle))
    mentions = _mentions(feature, pattern, block)
    if not mentions:
        return None  # the paired block does not use it: nothing to carry
    return replace(
        term,
        chinese=needle if language != "en" else term.chinese,
        note=term.note if (source == "en") == (language == "en") else None,  # a note stays in its language
        mentions=mentions,
        aligned_from=source,
    )


def _placed(
    english: Enrichment, block: int, feature: Feature, paired: int, known: list[Place]
) -> list[Place]:
    """The English edition's places named in its block `block` that the Chinese edition `feature`
    names by their Chinese name in its paired block, and does not know yet."""
    found: list[Place] = []
    for place in english.places:
        if place.chinese is None or not any(m.ref.block == block for m in place.mentions):
            continue
        if any(p.modern_name == place.modern_name for p in [*known, *found]):
            continue
        name = (
            to_simplified(place.chinese) if feature.language == "zh-Hans" else to_traditional(place.chinese)
        )
        mentions = _mentions(feature, re.compile(re.escape(name)), paired)
        if mentions:
            found.append(replace(place, chinese=name, mentions=mentions, aligned_from="en"))
    return found
