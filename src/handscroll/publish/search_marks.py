"""Search hits marked up for people: `<mark>` in HTML, «» on a terminal, notices as sentences.

The store returns a hit's snippet as plain text with the offsets of its
matches (store/search_text.Snippet) and a suggestion as data; this module
is the one place that turns them into what the reader, the API and the CLI
show (issue 9). Text is escaped piece by piece before marks are added, so
library text can never become markup.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from handscroll.store.query import QueryCut
from handscroll.store.search import SearchResult, SearchResults
from handscroll.store.search_text import Snippet

ELLIPSIS = "…"
"""Stands where a snippet's section goes on before or after it."""

EMPTY_QUERY = "Type a word, a phrase in quotes, a name in Chinese or pinyin to search."


def _pieces(snippet: Snippet) -> list[tuple[str, bool]]:
    """The snippet's text in order, as (piece, is_a_match) pairs, ellipses included."""
    pieces: list[tuple[str, bool]] = [(ELLIPSIS, False)] if snippet.cut_before else []
    cursor = 0
    for start, end in snippet.spans:
        pieces.append((snippet.text[cursor:start], False))
        pieces.append((snippet.text[start:end], True))
        cursor = end
    pieces.append((snippet.text[cursor:], False))
    if snippet.cut_after:
        pieces.append((ELLIPSIS, False))
    return [(piece, marked) for piece, marked in pieces if piece]


def snippet_html(snippet: Snippet) -> Markup:
    """Escaped HTML of a snippet, each match in `<mark>`."""
    return Markup("").join(
        Markup("<mark>{}</mark>").format(piece) if marked else escape(piece)
        for piece, marked in _pieces(snippet)
    )


def snippet_text(snippet: Snippet, *, open_mark: str = "«", close_mark: str = "»") -> str:
    """Plain text of a snippet for a terminal, each match between «»."""
    return "".join(
        f"{open_mark}{piece}{close_mark}" if marked else piece for piece, marked in _pieces(snippet)
    )


def result_dict(result: SearchResult) -> dict[str, Any]:
    """The JSON shape of one hit in the CLI and the API (the snippet as escaped HTML)."""
    match = result.match
    return {
        "slug": result.slug,
        "title": result.title,
        "series": result.series,
        "part": result.part,
        "snippet": str(snippet_html(result.snippet)),
        "match": None
        if match is None
        else {"kind": match.kind, "number": match.number, "anchor": match.anchor, "label": match.label},
    }


def search_notices(results: SearchResults) -> list[str]:
    """Lines telling the reader about a blank query, a correction, a suggestion or a cut query."""
    lines = [_cut_notice(cut) for cut in results.cuts]
    if results.blank:
        lines.append(EMPTY_QUERY)
    elif results.corrected and results.suggestion:
        lines.append(f"Nothing matched {results.query!r}; showing results for {results.suggestion!r}.")
    elif results.suggestion:
        lines.append(f"Did you mean {results.suggestion!r}?")
    elif not results.results and results.query.strip() and not results.cuts:
        lines.append(f"Nothing matched {results.query!r}.")
    return lines


def _cut_notice(cut: QueryCut) -> str:
    if cut.unit == "characters":
        return f"The query was cut to its first {cut.kept} characters."
    return f"Only the first {cut.kept} words of the query were used."


def results_text(results: SearchResults) -> str:
    """Plain text for a terminal: each numbered result with its link, where it matched and the snippet."""
    lines = []
    for number, result in enumerate(results.results, 1):
        anchor = f"#{result.match.anchor}" if result.match and result.match.anchor else ""
        where = f"{result.match.label}: " if result.match else ""
        lines.append(f"{number}. {result.title}  [{result.slug}{anchor}]")
        lines.append(f"   {where}{snippet_text(result.snippet)}")
    return "\n".join(lines)
