"""Search hits marked up in publish (issue 9): the store gives text and offsets, publish escapes and marks."""

from __future__ import annotations

import ast
from pathlib import Path

import handscroll.store as store
from handscroll.publish.search_marks import results_text, search_notices, snippet_html, snippet_text
from handscroll.store.search import SearchResult, SearchResults
from handscroll.store.search_text import SearchMatch, Snippet, cut_snippet

HOSTILE = Snippet("<b>Mukden</b> & the yard", spans=((3, 9), (20, 24)), cut_after=True)


def test_html_escapes_text_and_marks_only_the_spans() -> None:
    assert str(snippet_html(HOSTILE)) == "&lt;b&gt;<mark>Mukden</mark>&lt;/b&gt; &amp; the <mark>yard</mark>…"


def test_terminal_text_marks_with_guillemets_and_never_sees_html() -> None:
    assert snippet_text(HOSTILE) == "<b>«Mukden»</b> & the «yard»…"


def test_cut_window_gives_offsets_in_the_window() -> None:
    text = "word " * 100 + "Harbin in winter"
    snippet = cut_snippet(text, [(500, 506)], limit=60)
    assert snippet.cut_before and not snippet.cut_after
    assert [snippet.text[a:b] for a, b in snippet.spans] == ["Harbin"]
    assert str(snippet_html(snippet)).startswith("…word") and "<mark>Harbin</mark>" in str(
        snippet_html(snippet)
    )


def _results(**fields: object) -> SearchResults:
    base: dict[str, object] = {"query": "shenyangg", "results": (), "total": 0}
    return SearchResults(**{**base, **fields})  # type: ignore[arg-type]


def test_notices_word_the_suggestion_and_the_blank_query() -> None:
    assert search_notices(_results(suggestion="shenyang", corrected=True)) == [
        "Nothing matched 'shenyangg'; showing results for 'shenyang'."
    ]
    assert search_notices(_results(suggestion="shenyang")) == ["Did you mean 'shenyang'?"]
    assert search_notices(_results()) == ["Nothing matched 'shenyangg'."]
    blank = search_notices(_results(query="", blank=True))
    assert blank == ["Type a word, a phrase in quotes, a name in Chinese or pinyin to search."]


def test_results_text_numbers_results_with_their_links() -> None:
    match = SearchMatch("figure", 2, "fig-2", "Figure 2")
    hit = SearchResult("arsenal", "The Arsenal", None, None, HOSTILE, match, 1.0)
    assert results_text(_results(results=(hit,), total=1)) == (
        "1. The Arsenal  [arsenal#fig-2]\n   Figure 2: <b>«Mukden»</b> & the «yard»…"
    )


def test_the_store_renders_nothing() -> None:
    # Issue 9: no HTML, markup library or UI sentence of search in store/.
    folder = Path(store.__file__).parent
    for path in sorted(folder.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        modules = {
            alias.name if isinstance(node, ast.Import) else node.module or ""
            for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        assert not any(module.startswith("markupsafe") for module in modules), path.name
        assert "<mark>" not in source and "Did you mean" not in source, path.name


def test_a_cut_query_is_worded_here() -> None:
    from handscroll.store.query import QueryCut

    cut = _results(cuts=(QueryCut("characters", 500), QueryCut("words", 12)), results=(), total=0)
    assert search_notices(cut) == [
        "The query was cut to its first 500 characters.",
        "Only the first 12 words of the query were used.",
    ]
