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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from handscroll.model import Credit, Feature, Figure, Note, Paragraph, Question, Unclassified
from handscroll.store.query import Alternative, SearchQuery, fold_text
from handscroll.text.cjk import HAN, to_simplified
from handscroll.text.stem import stem, stem_text

SNIPPET_CHARS = 200
"""About how long a snippet is, marks not counted."""

_TOKEN = re.compile(f"[{HAN}]|[^\\W_{HAN}]+")


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


def index_document(feature_id: int, feature: Feature, terms: Iterable[TermForms]) -> IndexDocument:
    """The index row of a feature: its text folded and stemmed once, as queries are (issue 9)."""
    term_text: list[str] = []
    for term in terms:
        term_text.extend(name for name in term.names if name)
        if term.pinyin_plain:
            # "shen yang" and "shenyang" both find it; tones are folded away anyway.
            term_text += [term.pinyin_plain, term.pinyin_plain.replace(" ", "")]
    body = [section.text for section in feature_sections(feature)]
    return IndexDocument(
        feature_id=feature_id,
        title=stem_text(fold_text(feature.title)),
        terms=stem_text(fold_text(" \n".join(term_text))),
        body=stem_text(fold_text(" \n".join(body))),
    )


def index_tokens(alternative: Alternative) -> tuple[str, ...]:
    """An alternative's tokens as the index holds them: stemmed, a prefix too ("happy*" is "happi*")."""
    return tuple(stem(token) for token in alternative.tokens)


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


def best_snippet(feature: Feature, query: SearchQuery) -> tuple[Snippet, SearchMatch | None]:
    """The section matching most clauses, cut to a snippet around its matches."""
    best: tuple[int, Section, list[tuple[int, int]]] | None = None
    for section in feature_sections(feature):
        spans, clauses = find_matches(section.text, query)
        if clauses and (best is None or clauses > best[0]):
            best = (clauses, section, spans)
    if best is None:
        sections = feature_sections(feature)
        text = sections[0].text if sections else feature.title
        return cut_snippet(text, []), None
    return cut_snippet(best[1].text, best[2]), best[1].match


def find_matches(text: str, query: SearchQuery) -> tuple[list[tuple[int, int]], int]:
    """Character spans of `text` that match the query, and how many clauses matched."""
    words = _words(_fold(text))
    spans: list[tuple[int, int]] = []
    matched = 0
    for clause in query.clauses:
        found = False
        for alternative in clause.alternatives:
            for start, end in _match_alternative(words, alternative):
                spans.append((start, end))
                found = True
        matched += found
    return sorted(spans), matched


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


Word = tuple[str, int, int]
"""A folded token of a text with its `[start, end)` in the original text."""


def _words(folded: str) -> list[Word]:
    return [(match.group(), match.start(), match.end()) for match in _TOKEN.finditer(folded)]


def _match_alternative(words: Sequence[Word], alternative: Alternative) -> list[tuple[int, int]]:
    """Spans where the alternative's tokens stand in a row, compared by their Snowball stems."""
    wanted = alternative.tokens
    last = len(wanted) - 1
    stems = index_tokens(alternative)
    found = []
    for at in range(len(words) - last):
        if all(
            _same(words[at + k][0], stems[k], prefix=alternative.prefix and k == last)
            for k in range(len(wanted))
        ):
            found.append((words[at][1], words[at + last][2]))
    return found


def _same(word: str, token_stem: str, *, prefix: bool) -> bool:
    """As the index decides: the word's stem is the token's, or starts with it for a prefix."""
    word_stem = stem(word)
    return word_stem.startswith(token_stem) if prefix else word_stem == token_stem
