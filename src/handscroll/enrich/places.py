"""The places of a feature: names from its glossary and its text, resolved to coordinates for a map.

A place is found two ways. Glossary terms that name a place ("Harbin (哈爾濱)",
"Changchun Airport (長春機場)") bring their definition and every later mention.
The text is then read for capitalised names the gazetteer knows ("Ulaanbaatar",
"the Northeast", "Shenyang Railway Station") and for curated Chinese names.
Every mention keeps its span, and all the names of one place ("Mukden",
"Shenyang", "瀋陽") become one Place (issue 4).

A name followed by a site noun ("Airport", "Railway Station", "機場") is a
site: it is drawn at its city, and keeps its own name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from handscroll.enrich.capitals import capitalised_words, next_word, word_before
from handscroll.enrich.gazetteer import (
    CHINESE_SITE_NOUNS,
    Gazetteer,
    GazetteerEntry,
    load_gazetteer,
)
from handscroll.enrich.glossary import find_terms
from handscroll.model import Feature, Place, Span, Term, TextRef, feature_texts
from handscroll.text.cjk import HAN, has_han, to_traditional

_POSSESSIVE = re.compile(r"[’']s$")
_SITE_NOUNS = re.compile(
    r"(?:Central |Railway |International |Train )?(?:Airport|Airfield|Station|Square|Harbour|Harbor|Arsenal)"
)
_ENGLISH_SITE = re.compile(rf"(?P<head>.+?) (?P<site>{_SITE_NOUNS.pattern})")
_CHINESE_SITE = re.compile(f"(?P<head>.+?)(?P<site>{CHINESE_SITE_NOUNS})")

NAME_PREFIXES = frozenset({"New", "Nueva", "Nouvelle", "Neu"})
"""Words that make a different place of the name after them: New Guinea is not Guinea."""

BODY_NOUNS = re.compile(r" (?:Army|Party|Government|Bank)\b")
"""Words after a place's name that make it a body's name: the Kwantung Army is not a place."""

BODIES_OF = re.compile(r"\b(?:Party|Bank|Army) of $")
"""Words before a place's name that make it a body's: the Communist Party of China, the Bank of China."""

CHINESE_BODY_NOUNS = re.compile(
    f"(?:(?![的之和與与及在])[{HAN}]){{0,2}}[黨党]|民主同盟|政府|銀行|银行|人民解放[軍军]|[軍军](?![事艦舰])"
)
"""Chinese nouns after a place's name that make it a body's, not a mention of it: 中國共產黨,
中國青年黨, 中國民主同盟, 日本政府, 東北軍 (a party's name is up to two characters before 黨)."""

MAX_NAME_WORDS = 5
"""The longest place name looked up, in words ("Kwantung Leased Territory" has three)."""


@dataclass(frozen=True)
class _Hit:
    entry: GazetteerEntry
    site: str | None
    name: str | None
    chinese: str | None
    span: Span


def find_places(feature: Feature, terms: Sequence[Term] | None = None) -> list[Place]:
    """The feature's places, in the order they are first named.

    `terms` is the feature's glossary; it is computed when not given.
    """
    gazetteer = load_gazetteer()
    texts = list(feature_texts(feature))
    terms = find_terms(feature) if terms is None else terms
    by_ref: dict[TextRef, list[_Hit]] = defaultdict(list)
    for hit in _term_hits(gazetteer, terms):
        by_ref[hit.span.ref].append(hit)
    # A name inside another term is part of it: 中國 in 中國共產黨 is not China.
    placed = {hit.span for hits in by_ref.values() for hit in hits}
    blocked: dict[TextRef, list[tuple[int, int]]] = defaultdict(list)
    for span in (span for term in terms for span in term.mentions if span not in placed):
        blocked[span.ref].append((span.start, span.end))
    for ref, text in texts:
        hits = [*_english_hits(gazetteer, ref, text), *_chinese_hits(gazetteer, ref, text)]
        inside = blocked.get(ref, ())
        for hit in hits:
            if not any(hit.span.start < end and start < hit.span.end for start, end in inside):
                by_ref[ref] = _admit(by_ref[ref], hit)
    order = {ref: number for number, (ref, _) in enumerate(texts)}
    return _group([hit for hits in by_ref.values() for hit in hits], order)


def _overlap(one: Span, other: Span) -> bool:
    return one.ref == other.ref and one.start < other.end and other.start < one.end


def _admit(hits: list[_Hit], hit: _Hit) -> list[_Hit]:
    """Add a text hit to the hits of its text unless it overlaps one already found.

    A site wins over the bare city inside it: "Shenyang Airport" replaces the
    glossary's mention of "Shenyang" there.
    """
    overlapping = [other for other in hits if _overlap(other.span, hit.span)]
    if not overlapping:
        return [*hits, hit]
    if hit.site and all(
        other.entry.key == hit.entry.key
        and other.site is None
        and hit.span.start <= other.span.start
        and other.span.end <= hit.span.end
        for other in overlapping
    ):
        return [*(other for other in hits if other not in overlapping), hit]
    return hits


def _resolve(
    gazetteer: Gazetteer, english: str | None, chinese: str | None
) -> tuple[GazetteerEntry, str | None] | None:
    """The place a name means and, for a site, the site's name; None if it is no place."""
    if english:
        entry = gazetteer.lookup_english(english)
        if entry is not None:
            return entry, None
        site = _ENGLISH_SITE.fullmatch(english)
        if site and (entry := gazetteer.lookup_english(site["head"])) and entry.kind == "city":
            return entry, english
    if chinese:
        entry = gazetteer.lookup_chinese(chinese)
        if entry is not None:
            return entry, None
        site = _CHINESE_SITE.fullmatch(chinese)
        if site and (entry := gazetteer.lookup_chinese(site["head"])) and entry.kind == "city":
            return entry, english or chinese
    return None


def _term_hits(gazetteer: Gazetteer, terms: Sequence[Term]) -> list[_Hit]:
    """Every mention of each glossary term that names a place."""
    hits: list[_Hit] = []
    for term in terms:
        chinese = term.traditional or term.chinese
        resolved = _resolve(gazetteer, term.english, chinese) or _resolve(gazetteer, None, term.simplified)
        if resolved is None:
            continue
        entry, site = resolved
        hits.extend(_Hit(entry, site, term.english, chinese, span) for span in term.mentions)
    return hits


def _english_hits(gazetteer: Gazetteer, ref: TextRef, text: str) -> list[_Hit]:
    """Capitalised names the gazetteer knows, longest first, each extended by a site noun."""
    hits = []
    position = 0  # where the name found last ends: nothing before it is looked at again
    for first in capitalised_words(text):
        if first.start() < position or not gazetteer.may_start_name(first.group()):
            continue
        found = _longest_name(gazetteer, text, first)
        if found is None:
            continue
        entry, end = found
        start = first.start()
        position = end
        if entry.source == "gazetteer" and word_before(text, start, NAME_PREFIXES):
            continue  # "New Guinea" is not Guinea
        if BODY_NOUNS.match(text, end) or BODIES_OF.search(text, max(0, start - 12), start):
            continue  # "the Kwantung Army", "the Bank of China"
        site = (
            _SITE_NOUNS.match(text, end + 1) if entry.kind == "city" and text[end : end + 1] == " " else None
        )
        name = text[start:end]
        if site:
            name, end = text[start : site.end()], site.end()
        hits.append(_Hit(entry, name if site else None, name, None, Span(ref, start, end)))
        position = end
    return hits


def _longest_name(gazetteer: Gazetteer, text: str, first: re.Match[str]) -> tuple[GazetteerEntry, int] | None:
    """The longest run of words from `first` that names a place: (entry, end offset)."""
    words = [first]
    most = min(MAX_NAME_WORDS, gazetteer.longest_from(first.group()))
    while len(words) < most and (word := next_word(text, words[-1].end())) is not None:
        words.append(word)
    for word in reversed(words):
        end = word.end()
        possessive = _POSSESSIVE.search(text, word.start(), end)
        if possessive is not None:
            end = possessive.start()
        entry = gazetteer.lookup_english(text[first.start() : end])
        if entry is not None:
            return entry, end
    return None


def _chinese_hits(gazetteer: Gazetteer, ref: TextRef, text: str) -> list[_Hit]:
    """Curated Chinese names in the text ("瀋陽", "東北"), each extended by a site noun ("機場")."""
    hits = []
    for start, found, site_noun in gazetteer.find_chinese(text):
        if site_noun is None and CHINESE_BODY_NOUNS.match(text, start + len(found)):
            continue  # 中國共產黨 and 東北軍 name a party and an army, not China and the Northeast
        entry = gazetteer.chinese[found]
        site = site_noun if entry.kind == "city" else None
        end = start + len(found) + (len(site) if site else 0)
        name = text[start:end] if site else None
        hits.append(_Hit(entry, name, None, found if not site else name, Span(ref, start, end)))
    return hits


def _group(hits: list[_Hit], order: dict[TextRef, int]) -> list[Place]:
    """One Place per place (and per site), its mentions in reading order without repeats."""
    # A site named in Chinese ("长春机场") is the one the glossary named ("Changchun Airport").
    aliases = {to_traditional(hit.chinese): hit.site for hit in hits if hit.site and hit.chinese and hit.name}
    groups: dict[tuple[str, str | None], list[_Hit]] = {}
    for hit in sorted(hits, key=lambda h: (order[h.span.ref], h.span.start)):
        site = aliases.get(to_traditional(hit.site), hit.site) if hit.site and has_han(hit.site) else hit.site
        groups.setdefault((hit.entry.key, site), []).append(hit)
    places = []
    for (_, site), group in groups.items():
        entry = group[0].entry
        spans = tuple(dict.fromkeys(hit.span for hit in group))
        places.append(
            Place(
                name=site or next((h.name for h in group if h.name), entry.modern_name),
                modern_name=entry.modern_name,
                kind="site" if site else entry.kind,
                lat=entry.lat,
                lon=entry.lon,
                chinese=next((h.chinese for h in group if h.chinese), None if site else entry.chinese),
                mentions=spans,
                source=entry.source,
                bbox=None if site else entry.bbox,
                geonameid=entry.geonameid,
            )
        )
    return places
