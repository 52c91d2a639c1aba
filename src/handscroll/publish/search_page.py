"""Search in the reader: the `/search` results page and `GET /api/search` (issue 5).

The page is a plain GET form and a server-rendered list, so it works without
JavaScript (its routes: `routes/search.py`); the static site renders the same
template with an empty list that `static/search.js` fills from a prebuilt index (see `search_index.py`).
Nothing a reader types can make either answer fail: bad numbers are a 400
with a message, any text is a query (store/query.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar
from urllib.parse import urlencode

from markupsafe import Markup
from starlette.exceptions import HTTPException

from handscroll.publish.chrome import Chrome, make_chrome
from handscroll.publish.i18n import NATIVE_NAMES, Translator
from handscroll.publish.render import Renderer
from handscroll.publish.search_marks import result_dict, search_notices, snippet_html
from handscroll.publish.series_choices import series_choices
from handscroll.publish.urls import Urls
from handscroll.store import Library
from handscroll.store.search import COUNT_CAP, SearchResult, SearchResults
from handscroll.store.search_results import Edition, NameNote
from handscroll.store.search_text import SearchMatch
from handscroll.text.languages import LANGUAGES, UnknownLanguageError, language_tag

PER_PAGE = 20
"""Results per page, on the page and by default in the API."""


@dataclass(frozen=True)
class EditionLink:
    """An edition of a work: its language (tag and name) and where it is read."""

    language: str
    name: str
    url: str


@dataclass(frozen=True)
class PlaceCard:
    """Another place in the same feature that the query matched."""

    where: str
    url: str
    snippet: Markup


@dataclass(frozen=True)
class ResultCard:
    """One result: a work, shown in the reader's language, linked to the very figure or note that
    matched, with its snippet, every other match in it, the other editions and the older names."""

    title: str
    url: str
    where: str | None
    snippet: Markup
    series: str | None
    language: str = "en"
    """The language of the edition shown (the title's `lang`)."""
    snippet_language: str = "en"
    """The language of the edition the snippet came from."""
    matched: EditionLink | None = None
    """The edition that matched, when it is not the one shown."""
    more: tuple[PlaceCard, ...] = ()
    """Every other match in the feature, best first ("5 more in this feature")."""
    editions: tuple[EditionLink, ...] = ()
    """The work's other editions."""
    names: tuple[NameNote, ...] = ()
    """Older names that matched: "Mukden is an older name of Shenyang"."""


@dataclass(frozen=True)
class Choice:
    """One option of a filter: the value sent and what the reader sees."""

    value: str
    label: str


@dataclass(frozen=True)
class SearchPage:
    """The results page: the query as typed, the filters, the results and what to tell the reader.

    `static` pages (the static site) have no server results: a script fills them.
    """

    template: ClassVar[str] = "search.html"
    chrome: Chrome
    query: str
    series: str
    year_from: str
    year_to: str
    results: tuple[ResultCard, ...]
    total_label: str
    """"3 features found.", "More than 1,000 features found." (empty without a query)."""
    notices: tuple[str, ...]
    previous_url: str | None
    next_url: str | None
    static: bool = False
    index_url: str = ""
    script_url: str = ""
    stemmer_url: str = ""
    """The static search's Porter2 script, when the site has it (publish/search_index.py)."""
    language: str = ""
    """The language filter ("" for every edition)."""
    series_choices: tuple[Choice, ...] = ()
    """The series to narrow to, by title (issue 14: a chooser, not a typed key)."""
    language_choices: tuple[Choice, ...] = ()
    """The editions' languages to narrow to."""
    script_words: str = ""
    """The static search script's messages in the page's language, as JSON (`script_words`)."""


@dataclass(frozen=True)
class SearchParams:
    """What a search request asked for, checked."""

    query: str
    series: str | None
    year_from: int | None
    year_to: int | None
    page: int
    per_page: int
    language: str | None = None
    """Only editions in this language."""
    reader_language: str | None = None
    """The reader's language: a work is shown in it when it has an edition in it."""


def read_params(params: Any, reader_language: str | None = None) -> SearchParams:
    """Search parameters from a query string; HTTPException(400) names a bad number or language.

    The reader's language comes from the page the reader is on (issue 12),
    or from `lang` in the query string.
    """
    return SearchParams(
        query=str(params.get("q") or ""),
        series=params.get("series") or None,
        year_from=_int(params, "from", None),
        year_to=_int(params, "to", None),
        page=_int(params, "page", 1, minimum=1) or 1,
        per_page=_int(params, "per_page", PER_PAGE, minimum=1, maximum=100) or PER_PAGE,
        language=_language(params, "language"),
        reader_language=_language(params, "lang") or reader_language,
    )


def run_search(store: Library, params: SearchParams) -> SearchResults:
    """The results of a checked request."""
    return store.search(
        params.query,
        series=params.series,
        year_from=params.year_from,
        year_to=params.year_to,
        language=params.language,
        reader_language=params.reader_language,
        limit=params.per_page,
        offset=(params.page - 1) * params.per_page,
    )


def result_url(urls: Urls, result: SearchResult) -> str:
    """The feature page, at the figure or question that matched."""
    return _at(urls, result.slug, result.match)


def _at(urls: Urls, slug: str, match: SearchMatch | None) -> str:
    anchor = match.anchor if match else None
    return urls.feature(slug) + (f"#{anchor}" if anchor else "")


def section_wordings(gettext: Callable[[str], str] = str) -> dict[str, str]:
    """How a page names each kind of section, with `%(number)s` for its number ("第 %(number)s 段")."""
    return {
        "paragraph": gettext("Paragraph %(number)s"),
        "figure": gettext("Figure %(number)s"),
        "question": gettext("Question %(number)s"),
        "answer": gettext("Question %(number)s, model answer"),
        "note": gettext("Extended reading %(number)s"),
    }


def section_label(match: SearchMatch, wordings: Mapping[str, str]) -> str:
    """Where a match is, in the page's language (`wordings`, from `section_wordings`): the index
    keeps the English label, so the words are chosen again by the section's kind; a note other
    than extended reading keeps its label."""
    if match.number is None or (match.kind == "note" and not match.label.startswith("Extended reading")):
        return match.label
    wording = wordings.get(match.kind)
    return wording % {"number": match.number} if wording else match.label


def result_card(urls: Urls, result: SearchResult, wordings: Mapping[str, str] | None = None) -> ResultCard:
    """What the page shows of one result, its places named in the page's language (`wordings`,
    from `section_wordings`; English without)."""
    wordings = wordings if wordings is not None else section_wordings()
    source = result.matched.slug if result.matched else result.slug
    return ResultCard(
        title=result.title,
        url=result_url(urls, result),
        where=section_label(result.match, wordings) if result.match else None,
        snippet=snippet_html(result.snippet),
        series=result.series,
        language=result.language,
        snippet_language=result.matched.language if result.matched else result.language,
        matched=_edition_link(urls, result.matched) if result.matched else None,
        more=tuple(
            PlaceCard(
                section_label(hit.match, wordings), _at(urls, source, hit.match), snippet_html(hit.snippet)
            )
            for hit in result.more
        ),
        editions=tuple(_edition_link(urls, e) for e in result.editions if e.slug != result.slug),
        names=result.names,
    )


def _edition_link(urls: Urls, edition: Edition) -> EditionLink:
    name = NATIVE_NAMES.get(edition.language, edition.language)
    return EditionLink(edition.language, name, urls.feature(edition.slug))


def search_json(results: SearchResults, params: SearchParams, urls: Urls) -> dict[str, Any]:
    """The JSON answer of `GET /api/search`."""
    return {
        "query": params.query,
        "total": results.total,
        "total_exact": results.total_exact,
        "page": params.page,
        "per_page": params.per_page,
        "suggestion": results.suggestion,
        "corrected": results.corrected,
        "messages": search_notices(results),
        "results": [
            {
                **result_dict(result, lambda slug, match: _at(urls, slug, match)),
                "url": result_url(urls, result),
            }
            for result in results.results
        ],
    }


def load_search_page(store: Library, params: SearchParams, urls: Urls) -> SearchPage:
    """The results page of a request (an empty query shows just the form)."""
    results = run_search(store, params) if params.query.strip() else None
    ui = Translator(urls.language)  # the page's labels, counts and notices in its language (issue 12)
    wordings = section_wordings(ui.gettext)
    cards = tuple(result_card(urls, result, wordings) for result in (results.results if results else ()))
    total = results.total if results else 0
    shown_to = (params.page - 1) * params.per_page + len(cards)

    def page_url(page: int) -> str:
        query = {
            "q": params.query,
            "series": params.series,
            "from": params.year_from,
            "to": params.year_to,
            "language": params.language,
        }
        kept = {k: v for k, v in query.items() if v not in (None, "")}
        return f"{urls.search()}?" + urlencode({**kept, "page": page})

    asked = f"?{urlencode({'q': params.query})}" if params.query else ""
    return SearchPage(
        chrome=make_chrome(urls, lambda other: other.search() + asked),  # the same query in each language
        query=params.query,
        series=params.series or "",
        year_from="" if params.year_from is None else str(params.year_from),
        year_to="" if params.year_to is None else str(params.year_to),
        results=cards,
        total_label=_total_label(results, ui.gettext) if results else "",
        notices=tuple(search_notices(results, ui.gettext)) if results else (),
        previous_url=page_url(params.page - 1) if params.page > 1 else None,
        # PostgreSQL ranks a query past COUNT_CAP among its first COUNT_CAP candidates only.
        next_url=page_url(params.page + 1)
        if shown_to < (total if results and results.total_exact else COUNT_CAP)
        else None,
        language=params.language or "",
        series_choices=tuple(
            Choice(key, title)
            for key, title in series_choices(store).offered(
                [params.series, *(result.series for result in (results.results if results else ()))]
            )
        ),
        language_choices=tuple(Choice(tag, name) for tag, name in NATIVE_NAMES.items()),
    )


def render_search_page(renderer: Renderer, page: SearchPage) -> str:
    """The HTML of a search page (`search.html`, or an override of it)."""
    return renderer.render(page)  # in the page's interface language (issue 12)


def _total_label(results: SearchResults, gettext: Callable[[str], str]) -> str:
    if not results.total_exact:
        return gettext("More than %(count)s features found.") % {"count": f"{results.total - 1:,}"}
    if results.total == 1:
        return gettext("1 feature found.")
    return gettext("%(count)s features found.") % {"count": f"{results.total:,}"}


def script_words(ui: Translator) -> str:
    """The static search script's messages in a page's language, as JSON for its `data-words`:
    the same catalogue entries the server's page says them with (issue 12)."""
    gettext = ui.gettext
    words = {
        "one": gettext("1 feature found."),
        "many": gettext("%(count)s features found."),
        "more_than": gettext("More than %(count)s features found."),
        "more_here": ui.ngettext("%(count)s more in this feature", "%(count)s more in this feature", 2),
        "older": gettext("%(name)s is an older name of %(modern)s."),
        "more_results": gettext("More results"),
        "searching": gettext("Searching…"),
        "type": gettext("Type a word, a phrase in quotes, a name in Chinese or pinyin to search."),
        "unreadable": gettext("The search index could not be read."),
    }
    return json.dumps({**words, **section_wordings(gettext)}, ensure_ascii=False)


def _language(params: Any, name: str) -> str | None:
    raw = str(params.get(name) or "").strip()
    if not raw:
        return None
    try:
        return language_tag(raw)
    except UnknownLanguageError as exc:
        raise HTTPException(400, f"{name} must be one of {', '.join(LANGUAGES)}") from exc


def blank_page(urls: Urls, *notices: str, **static: Any) -> SearchPage:
    """The empty form: with a message instead of results (a bad number in the request), or
    the static site's page (`static` fields), its results filled by a script."""
    return SearchPage(
        chrome=make_chrome(urls, lambda other: other.search()),
        query="",
        series="",
        year_from="",
        year_to="",
        results=(),
        total_label="",
        notices=notices,
        previous_url=None,
        next_url=None,
        **static,
    )


def _int(
    params: Any, name: str, default: int | None, *, minimum: int = -100_000, maximum: int = 100_000
) -> int | None:
    raw = params.get(name)
    if raw is None or str(raw).strip() == "":
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise HTTPException(400, f"{name} must be a whole number") from None
    if not minimum <= value <= maximum:
        raise HTTPException(400, f"{name} must be between {minimum} and {maximum}")
    return value
