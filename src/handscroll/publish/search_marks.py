"""Search hits marked up for people: `<mark>` in HTML, «» on a terminal, notices as sentences.

The store returns a hit's snippet as plain text with the offsets of its
matches (store/search_text.Snippet) and a suggestion as data; this module
is the one place that turns them into what the reader, the API and the CLI
show (issue 9). Text is escaped piece by piece before marks are added, so
library text can never become markup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from handscroll.store.query import QueryCut
from handscroll.store.search import SearchResult, SearchResults
from handscroll.store.search_results import Edition
from handscroll.store.search_text import SearchMatch, Snippet

ELLIPSIS = "…"
"""Stands where a snippet's section goes on before or after it."""


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


def result_dict(
    result: SearchResult, url: Callable[[str, SearchMatch | None], str] | None = None
) -> dict[str, Any]:
    """The JSON shape of one hit in the CLI and the API (snippets as escaped HTML).

    With `url` (the API's), each match carries its link.
    """
    source = result.matched.slug if result.matched else result.slug
    more = []
    for hit in result.more:
        place = {"match": _match_dict(hit.match), "snippet": str(snippet_html(hit.snippet))}
        more.append({**place, "url": url(source, hit.match)} if url else place)
    return {
        "slug": result.slug,
        "title": result.title,
        "series": result.series,
        "part": result.part,
        "language": result.language,
        "snippet": str(snippet_html(result.snippet)),
        "match": None if result.match is None else _match_dict(result.match),
        "matched": None if result.matched is None else _edition_dict(result.matched),
        "more": more,
        "editions": [_edition_dict(edition) for edition in result.editions],
        "names": [{"name": note.name, "modern": note.modern} for note in result.names],
    }


def _match_dict(match: SearchMatch) -> dict[str, Any]:
    return {"kind": match.kind, "number": match.number, "anchor": match.anchor, "label": match.label}


def _edition_dict(edition: Edition) -> dict[str, str]:
    return {"slug": edition.slug, "language": edition.language, "title": edition.title}


def search_notices(results: SearchResults, gettext: Callable[[str], str] = str) -> list[str]:
    """Lines telling the reader about a blank query, a correction, a suggestion or a cut query;
    `gettext` words them in a page's language (the API and the terminal keep English)."""
    lines = [_cut_notice(cut, gettext) for cut in results.cuts]
    query, suggestion = repr(results.query), repr(results.suggestion)
    if results.blank:
        lines.append(gettext("Type a word, a phrase in quotes, a name in Chinese or pinyin to search."))
    elif results.corrected and results.suggestion:
        message = gettext("Nothing matched %(query)s; showing results for %(suggestion)s.")
        lines.append(message % {"query": query, "suggestion": suggestion})
    elif results.suggestion:
        lines.append(gettext("Did you mean %(suggestion)s?") % {"suggestion": suggestion})
    elif not results.results and results.query.strip() and not results.cuts:
        lines.append(gettext("Nothing matched %(query)s.") % {"query": query})
    return lines


def _cut_notice(cut: QueryCut, gettext: Callable[[str], str]) -> str:
    if cut.unit == "characters":
        return gettext("The query was cut to its first %(count)s characters.") % {"count": cut.kept}
    return gettext("Only the first %(count)s words of the query were used.") % {"count": cut.kept}


def results_text(results: SearchResults) -> str:
    """Plain text for a terminal: each numbered result with its link, where it matched, the snippet,
    the edition it came from, the older names that matched and how many more matches it has."""
    lines = []
    for number, result in enumerate(results.results, 1):
        anchor = f"#{result.match.anchor}" if result.match and result.match.anchor else ""
        where = f"{result.match.label}: " if result.match else ""
        lines.append(f"{number}. {result.title}  [{result.slug}{anchor}]")
        if result.matched:
            lines.append(f"   in the {result.matched.language} edition [{result.matched.slug}]")
        lines.append(f"   {where}{snippet_text(result.snippet)}")
        lines += [f"   {older_name(note.name, note.modern)}" for note in result.names]
        if result.more:
            lines.append(f"   {more_label(len(result.more))}")
    return "\n".join(lines)


def older_name(name: str, modern: str) -> str:
    """ "Mukden is an older name of Shenyang." """
    return f"{name} is an older name of {modern}."


def more_label(count: int) -> str:
    """ "5 more in this feature" """
    return f"{count} more in this feature"
