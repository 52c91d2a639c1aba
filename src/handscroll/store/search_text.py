"""What the search index holds for a feature, and where a query matched it (snippets, deep links).

Both backends index the same three folded fields per feature (`IndexDocument`):
title, glossary terms (with places and pinyin) and body. Snippets are cut in
Python from the feature's stored blocks, so SQLite and PostgreSQL return the
same snippet and the same `#fig-N` link. A snippet is plain text with the
offsets of its matches (`Snippet`): marking them up is publish's job
(publish/search_marks.py), for HTML and for the terminal alike (issue 9).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from handscroll.model import Enrichment, Feature
from handscroll.store.query import Alternative, SearchQuery, fold_text
from handscroll.text.cjk import HAN, to_simplified
from handscroll.text.stem import stem, stem_text

SNIPPET_CHARS = 200
"""About how long a snippet is, marks not counted."""

_TOKEN = re.compile(f"[{HAN}]|[^\\W_{HAN}]+")
_SPLIT = re.compile(f"([{HAN}]|[^\\W_{HAN}]+)")
"""Tokens as `_TOKEN`, captured: `split` gives gap, word, gap, word... gap."""
_ASCII_SPLIT = re.compile("([a-z0-9]+)")
"""The same on folded ASCII text (lowercase, no Han), where it is five times faster."""
_ASCII_TOKEN = re.compile("[a-z0-9]+")
_LETTER = re.compile(f"[^\\W_{HAN}]")
"""A character of a word that is not a Han character (those are words of one character)."""
_ASCII_LETTER = re.compile("[a-z0-9]")


@dataclass(frozen=True)
class IndexDocument:
    """One feature's row in the search index: folded title, terms and body text, what filters read,
    and what a result shows (kept by an index that stores documents, so a search reads no table)."""

    feature_id: int
    title: str
    terms: str
    body: str
    language: str = "en"
    series: str | None = None
    shown: Shown | None = None


@dataclass(frozen=True)
class TermForms:
    """The names of a glossary term or place that go into the index's terms field."""

    names: tuple[str | None, ...]
    pinyin_plain: str | None = None


@dataclass(frozen=True)
class SearchMatch:
    """Where in a feature the best match is: a figure (`#fig-3`), a note, a question or the narrative."""

    kind: str
    number: int | None
    anchor: str | None
    label: str


@dataclass(frozen=True)
class Snippet:
    """A window of a section's text around its first match, with the matches' offsets in it.

    `spans` are `[start, end)` offsets into `text`, sorted and not overlapping;
    `cut_before`/`cut_after` say whether the section goes on before or after the window.
    """

    text: str
    spans: tuple[tuple[int, int], ...] = ()
    cut_before: bool = False
    cut_after: bool = False


@dataclass(frozen=True)
class Section:
    """A piece of a feature a reader can be sent to, with its text for snippets."""

    match: SearchMatch
    text: str


@dataclass(frozen=True)
class Shown:
    """What a result shows of a feature: its head and its searchable sections in reading order."""

    slug: str
    title: str
    part: int | None
    language: str
    series: str | None
    sections: tuple[Section, ...]


def index_document(feature_id: int, feature: Feature, terms: Iterable[TermForms]) -> IndexDocument:
    """The index row of a feature: its text folded and stemmed once, as queries are (issue 9)."""
    folded = folded_document(feature, terms)
    shown = Shown(
        feature.slug or "", feature.title, feature.part, feature.language, feature.series, folded.sections
    )
    return IndexDocument(
        feature_id=feature_id,
        title=stem_text(folded.title),
        terms=stem_text(folded.terms),
        body=stem_text(folded.body),
        language=feature.language,
        series=feature.series,
        shown=shown,
    )


@dataclass(frozen=True)
class FoldedDocument:
    """A feature's title, glossary terms and body folded (not yet stemmed), and its sections."""

    title: str
    terms: str
    body: str
    sections: tuple[Section, ...]


def folded_document(feature: Feature, terms: Iterable[TermForms]) -> FoldedDocument:
    """What every search path indexes of a feature, folded once (store/query.py fold_text)."""
    term_text: list[str] = []
    for term in terms:
        term_text.extend(name for name in term.names if name)
        if term.pinyin_plain:
            # "shen yang" and "shenyang" both find it; tones are folded away anyway.
            term_text += [term.pinyin_plain, term.pinyin_plain.replace(" ", "")]
    sections = tuple(feature_sections(feature))
    return FoldedDocument(
        title=fold_text(feature.title),
        terms=fold_text(" \n".join(term_text)),
        body=fold_text(" \n".join(section.text for section in sections)),
        sections=sections,
    )


def enrichment_terms(enrichment: Enrichment | None) -> list[TermForms]:
    """The glossary terms and places of an enrichment, as the index takes them."""
    if enrichment is None:
        return []
    forms = [
        TermForms((t.english, t.abbreviation, t.traditional, t.simplified, t.chinese), t.pinyin_plain)
        for t in enrichment.terms
    ]
    forms += [TermForms((p.name, p.modern_name, p.chinese)) for p in enrichment.places]
    return forms


def index_tokens(alternative: Alternative) -> tuple[str, ...]:
    """An alternative's tokens as the index holds them: stemmed, a prefix too ("happy*" is "happi*")."""
    return tuple(stem(token) for token in alternative.tokens)


def feature_sections(feature: Feature) -> list[Section]:
    """The feature's searchable pieces in reading order, numbered as the reader numbers them."""
    return block_sections((block.type, vars(block)) for block in feature.blocks)


def block_sections(blocks: Iterable[tuple[str, Mapping[str, Any]]]) -> list[Section]:
    """Sections of blocks given as (type, fields): a model's fields, or a stored block row's JSON.

    Figures count from 1 in reading order (`#fig-N`, publish/contexts.py) and
    questions likewise (`#question-N`); notes have no anchor of their own. A
    question's model answer is a section of its own (kind `answer`), so a
    snippet never shows it unasked (issue 14).
    """
    sections: list[Section] = []
    figures = questions = notes = paragraphs = 0
    for block_type, fields in blocks:
        if block_type in ("paragraph", "unclassified"):
            paragraphs += 1
            match = SearchMatch("paragraph", paragraphs, None, f"Paragraph {paragraphs}")
            sections.append(Section(match, fields["text"]))
        elif block_type == "figure":
            figures += 1
            match = SearchMatch("figure", figures, f"fig-{figures}", f"Figure {figures}")
            sections.append(Section(match, " ".join(fields["caption"])))
        elif block_type == "note":
            notes += 1
            kind = fields.get("kind", "ebook")
            label = "Extended reading" if kind == "ebook" else kind.capitalize()
            sections.append(
                Section(SearchMatch("note", notes, None, f"{label} {notes}"), " ".join(fields["text"]))
            )
        elif block_type == "question":
            questions += 1
            anchor = f"question-{questions}"
            prompt = SearchMatch("question", questions, anchor, f"Question {questions}")
            sections.append(Section(prompt, fields["prompt"]))
            answer = SearchMatch("answer", questions, anchor, f"Question {questions}, model answer")
            sections.append(Section(answer, " ".join(fields.get("answer", ()))))
    return [section for section in sections if section.text.strip()]


@dataclass(frozen=True)
class SectionHit:
    """A section of a feature that a query matches: where it is, its snippet and what matched.

    `aliases` pairs a clause as typed with the text it matched when that was
    another form of the name (typed "Mukden", matched "Shenyang"), so the
    reader can be told why (issue 14).
    """

    match: SearchMatch
    snippet: Snippet
    clauses: int
    aliases: tuple[tuple[str, str], ...] = ()


def match_sections(sections: Sequence[Section], query: SearchQuery) -> list[SectionHit]:
    """Every section matching a clause of the query, best first: most clauses, then reading order.

    A match in a model answer is shown by its question's prompt, unmarked: the
    reader learns where it is without being told the answer.
    """
    wanted = _Wanted(query)
    hits = []
    prompts: dict[str | None, str] = {}
    for section in sections:
        if section.match.kind == "question":
            prompts[section.match.anchor] = section.text
        spans, clauses, aliases = _find(section.text, wanted)
        if not clauses:
            continue
        if section.match.kind == "answer":
            snippet = cut_snippet(prompts.get(section.match.anchor, ""), [])
        else:
            snippet = cut_snippet(section.text, spans)
        hits.append(SectionHit(section.match, snippet, clauses, aliases))
    hits.sort(key=lambda hit: -hit.clauses)  # stable: reading order among equals
    return hits


class _Wanted:
    """A query's clauses with each alternative's stems and root, worked out once for every text searched."""

    def __init__(self, query: SearchQuery) -> None:
        self.clauses = [
            (
                clause.text,
                [
                    (stems, alt.prefix, _root(stems[0]))
                    for alt in clause.alternatives
                    if (stems := index_tokens(alt))
                ],
            )
            for clause in query.clauses
        ]
        self.firsts = {stems[0] for _, alts in self.clauses for stems, prefix, _ in alts if not prefix}
        self.prefixes = tuple(stems[-1] for _, alts in self.clauses for stems, prefix, _ in alts if prefix)
        self.by_roots = all(root for _, alts in self.clauses for _, _, root in alts)
        """Whether every alternative can be looked for by its root (a stem of two letters cannot)."""


def _root(token_stem: str) -> str:
    """What every word with this stem (or, for a prefix, a stem starting with it) begins with.

    Snowball's English stemmer changes at most the last two letters of what it
    keeps ("happy" -> "happi", "dying" -> "die"), so a word begins with its stem
    less two letters (tests/store/test_search_text.py checks it on many words);
    a token it leaves alone (Han, digits) is its own stem.
    """
    return token_stem[:-2] if token_stem.isascii() and token_stem.isalpha() else token_stem


def best_snippet(feature: Feature, query: SearchQuery) -> tuple[Snippet, SearchMatch | None]:
    """The section matching most clauses, cut to a snippet around its matches."""
    sections = feature_sections(feature)
    hits = match_sections(sections, query)
    if hits:
        return hits[0].snippet, hits[0].match
    return cut_snippet(sections[0].text if sections else feature.title, []), None


def find_matches(text: str, query: SearchQuery) -> tuple[list[tuple[int, int]], int]:
    """Character spans of `text` that match the query, and how many clauses matched."""
    spans, clauses, _ = _find(text, _Wanted(query))
    return spans, clauses


Found = tuple[list[tuple[int, int]], int, tuple[tuple[str, str], ...]]
"""What `_find` gives: the spans, how many clauses matched, and (typed, matched) other forms."""

SpansOf = Callable[[tuple[str, ...], bool, str], list[tuple[int, int]]]
"""Where one alternative (its stems, whether the last is a prefix, its root) matches a text."""


def _find(text: str, wanted: _Wanted) -> Found:
    """The spans, the number of clauses matched and the other forms matched, of a query in a text.

    Each alternative is looked for where its root stands at the start of a
    word, and only the words there are stemmed: a section costs what its
    matches cost, not what its length does. Alternatives too short to have a
    root send the text to `_find_by_splitting`, which stems every word.
    """
    folded = _fold(text)
    if not wanted.by_roots:
        return _find_by_splitting(text, folded, wanted)
    ascii_only = folded.isascii()
    return _gather(
        text, wanted, lambda tokens, prefix, root: _occurrences(folded, tokens, prefix, root, ascii_only)
    )


def _gather(text: str, wanted: _Wanted, spans_of: SpansOf) -> Found:
    """Every clause's matches: the spans, how many clauses matched, and for each clause that matched
    first by another form than the one typed, that form as the text writes it."""
    spans: list[tuple[int, int]] = []
    aliases: list[tuple[str, str]] = []
    matched = 0
    for typed, alternatives in wanted.clauses:
        found = False
        for number, (tokens, prefix, root) in enumerate(alternatives):
            for span in spans_of(tokens, prefix, root):
                spans.append(span)
                if number and not found and (typed, text[span[0] : span[1]]) not in aliases:
                    aliases.append((typed, text[span[0] : span[1]]))
                found = True
        matched += found
    return sorted(spans), matched, tuple(aliases)


def _occurrences(
    folded: str, tokens: tuple[str, ...], prefix: bool, root: str, ascii_only: bool
) -> list[tuple[int, int]]:
    """Spans of `folded` where words with these stems stand in a row (the last one a prefix, if so)."""
    token, letter = (_ASCII_TOKEN, _ASCII_LETTER) if ascii_only else (_TOKEN, _LETTER)
    last = len(tokens) - 1
    found = []
    at = folded.find(root)
    while at != -1:
        # A word starts here unless a letter of the same word comes before (a Han character is a word).
        if at == 0 or not (letter.match(folded, at - 1) and letter.match(folded, at)):
            end, k = at, 0
            while k <= last:
                word = token.match(folded, end) if k == 0 else token.search(folded, end)
                if word is None:
                    break
                word_stem = stem(word.group())
                if not (word_stem.startswith(tokens[k]) if prefix and k == last else word_stem == tokens[k]):
                    break
                end, k = word.end(), k + 1
            if k > last:
                found.append((at, end))
        at = folded.find(root, at + 1)
    return found


def _find_by_splitting(text: str, folded: str, wanted: _Wanted) -> Found:
    """`_find` by stemming every word: one regex split gives the words and the gaps between them, so
    words and their offsets come without a Python step per word; a text with none of the stems the
    query starts with is left at that."""
    parts = (_ASCII_SPLIT if folded.isascii() else _SPLIT).split(folded)
    stems = list(map(stem, parts[1::2]))
    present = set(stems)
    if present.isdisjoint(wanted.firsts) and not (
        wanted.prefixes and any(s.startswith(wanted.prefixes) for s in present)
    ):
        return [], 0, ()
    ends = list(accumulate(map(len, parts)))  # word k is text[ends[2k]:ends[2k + 1]]
    return _gather(
        text,
        wanted,
        lambda tokens, prefix, _root: [
            (ends[2 * first], ends[2 * last + 1]) for first, last in _match_stems(stems, tokens, prefix)
        ],
    )


def cut_snippet(text: str, spans: Sequence[tuple[int, int]], limit: int = SNIPPET_CHARS) -> Snippet:
    """A window of about `limit` characters of `text` starting a little before the first span.

    Overlapping spans are merged; spans are clipped to the window and given
    relative to it. The window starts after a space when one comes before the match.
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    lo = max(0, merged[0][0] - limit // 3) if merged else 0
    hi = min(len(text), lo + limit)
    if lo > 0:
        space = text.find(" ", lo, merged[0][0] if merged else hi)
        lo = space + 1 if space != -1 else lo
    inside = tuple(
        (max(start, lo) - lo, min(end, hi) - lo) for start, end in merged if end > lo and start < hi
    )
    return Snippet(text[lo:hi], inside, cut_before=lo > 0, cut_after=hi < len(text))


class _FoldTable(dict[int, str]):
    """`str.translate` table folding one character at a time (same length), filled as characters come."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if _HAN.match(ch):
            value = to_simplified(ch)[:1] or ch
        else:
            plain = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
            value = plain.lower()[:1] or " "
        self[code] = value
        return value


_FOLD = _FoldTable()
_HAN = re.compile(f"[{HAN}]")


def _fold(text: str) -> str:
    """`text` folded character by character, so positions stay those of the original text."""
    return text.lower() if text.isascii() else text.translate(_FOLD)


def _match_stems(stems: list[str], wanted: tuple[str, ...], prefix: bool) -> list[tuple[int, int]]:
    """(first, last) word indexes where the wanted stems stand in a row, as the index decides:
    the same Snowball stem, or for a prefix (the last) a stem starting with it."""
    if not wanted:
        return []
    last = len(wanted) - 1
    if prefix and last == 0:
        return [(i, i) for i, word_stem in enumerate(stems) if word_stem.startswith(wanted[0])]
    found = []
    for first in _positions(stems, wanted[0]):
        if first + last >= len(stems):
            break
        if all(stems[first + k] == wanted[k] for k in range(1, last)) and (
            last == 0
            or (
                stems[first + last].startswith(wanted[last])
                if prefix
                else stems[first + last] == wanted[last]
            )
        ):
            found.append((first, first + last))
    return found


def _positions(items: list[str], wanted: str) -> list[int]:
    """Every index of `wanted` in `items` (list.index does the scanning)."""
    found: list[int] = []
    try:
        while True:
            found.append(items.index(wanted, found[-1] + 1 if found else 0))
    except ValueError:
        return found
