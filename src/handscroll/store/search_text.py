"""What the search index holds for a feature, and where a query matched it (snippets, deep links).

Both backends index the same three folded fields per feature (`IndexDocument`):
title, glossary terms (with places and pinyin) and body. Snippets are cut in
Python from the feature's stored blocks, so SQLite and PostgreSQL return the
same snippet and the same `#fig-N` link; the text is escaped before `<mark>`
is added around matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from markupsafe import Markup, escape

from handscroll.model import Credit, Feature, Figure, Note, Paragraph, Question, Unclassified
from handscroll.store.query import Alternative, SearchQuery, fold_text
from handscroll.text.cjk import HAN, to_simplified

SNIPPET_CHARS = 200
"""About how long a snippet is, marks not counted."""

_TOKEN = re.compile(f"[{HAN}]|[^\\W_{HAN}]+")
_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ed", "als", "al", "ies", "es", "s", "ly")


@dataclass(frozen=True)
class IndexDocument:
    """One feature's row in the search index: folded title, terms and body text."""

    feature_id: int
    title: str
    terms: str
    body: str


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
class Section:
    """A piece of a feature a reader can be sent to, with its text for snippets."""

    match: SearchMatch
    text: str


def index_document(feature_id: int, feature: Feature, terms: Iterable[TermForms]) -> IndexDocument:
    """The index row of a feature: its text folded once, as queries are folded."""
    term_text: list[str] = []
    for term in terms:
        term_text.extend(name for name in term.names if name)
        if term.pinyin_plain:
            # "shen yang" and "shenyang" both find it; tones are folded away anyway.
            term_text += [term.pinyin_plain, term.pinyin_plain.replace(" ", "")]
    body = [section.text for section in feature_sections(feature)]
    return IndexDocument(
        feature_id=feature_id,
        title=fold_text(feature.title),
        terms=fold_text(" \n".join(term_text)),
        body=fold_text(" \n".join(body)),
    )


def feature_sections(feature: Feature) -> list[Section]:
    """The feature's searchable pieces in reading order, numbered as the reader numbers them.

    Figures count from 1 in reading order (`#fig-N`, publish/contexts.py) and
    questions likewise (`#question-N`); notes have no anchor of their own.
    """
    sections: list[Section] = []
    figures = questions = notes = paragraphs = 0
    for block in feature.blocks:
        if isinstance(block, Paragraph | Unclassified):
            paragraphs += 1
            match = SearchMatch("paragraph", paragraphs, None, f"Paragraph {paragraphs}")
            sections.append(Section(match, block.text))
        elif isinstance(block, Figure):
            figures += 1
            match = SearchMatch("figure", figures, f"fig-{figures}", f"Figure {figures}")
            sections.append(Section(match, " ".join(block.caption)))
        elif isinstance(block, Note):
            notes += 1
            label = "Extended reading" if block.kind == "ebook" else block.kind.capitalize()
            sections.append(
                Section(SearchMatch("note", notes, None, f"{label} {notes}"), " ".join(block.text))
            )
        elif isinstance(block, Question):
            questions += 1
            match = SearchMatch("question", questions, f"question-{questions}", f"Question {questions}")
            sections.append(Section(match, " ".join((block.prompt, *block.answer))))
        elif isinstance(block, Credit):
            continue
    return [section for section in sections if section.text.strip()]


def best_snippet(feature: Feature, query: SearchQuery) -> tuple[Markup, SearchMatch | None]:
    """The section matching most clauses, as an escaped snippet with `<mark>`ed matches."""
    best: tuple[int, Section, list[tuple[int, int]]] | None = None
    for section in feature_sections(feature):
        spans, clauses = find_matches(section.text, query)
        if clauses and (best is None or clauses > best[0]):
            best = (clauses, section, spans)
    if best is None:
        sections = feature_sections(feature)
        text = sections[0].text if sections else feature.title
        return highlight(text, []), None
    return highlight(best[1].text, best[2]), best[1].match


def find_matches(text: str, query: SearchQuery) -> tuple[list[tuple[int, int]], int]:
    """Character spans of `text` that match the query, and how many clauses matched."""
    folded = _fold(text)
    spans: list[tuple[int, int]] = []
    matched = 0
    for clause in query.clauses:
        found = False
        for alternative in clause.alternatives:
            for start, end in _match_alternative(folded, alternative):
                spans.append((start, end))
                found = True
        matched += found
    return sorted(spans), matched


def highlight(text: str, spans: Sequence[tuple[int, int]], limit: int = SNIPPET_CHARS) -> Markup:
    """Escape `text`, wrap the spans in `<mark>`, and cut a window around the first span."""
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
    parts: list[str] = ["…" if lo > 0 else ""]
    cursor = lo
    for start, end in merged:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        parts.append(str(escape(text[cursor:start])))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(str(escape(text[cursor:hi])))
    if hi < len(text):
        parts.append("…")
    return Markup("".join(parts))


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


def _match_alternative(folded: str, alternative: Alternative) -> list[tuple[int, int]]:
    """Spans where the alternative's tokens stand in a row: a regex finds candidates, stems confirm."""
    pattern = _pattern(alternative)
    found = []
    for match in pattern.finditer(folded):
        words = _TOKEN.findall(match.group())
        if len(words) == len(alternative.tokens) and all(
            _same(word, token, prefix=alternative.prefix and at == len(words) - 1)
            for at, (word, token) in enumerate(zip(words, alternative.tokens, strict=True))
        ):
            found.append((match.start(), match.end()))
    return found


@cache
def _pattern(alternative: Alternative) -> re.Pattern[str]:
    parts = []
    for token in alternative.tokens:
        if _HAN.fullmatch(token):
            parts.append(re.escape(token))
        else:
            # A word starting with the token's stem: every word with the same stem does.
            parts.append(f"(?<![^\\W_]){re.escape(_stem(token))}[^\\W_{HAN}]*")
    return re.compile("[\\W_]*".join(parts))


def _same(word: str, token: str, *, prefix: bool) -> bool:
    if prefix:
        return word.startswith(token)
    return word == token or _stem(word) == _stem(token)


@cache
def _stem(word: str) -> str:
    """A crude English stem, enough to highlight "withdrawal" for "withdraw" (the index stems properly)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word
