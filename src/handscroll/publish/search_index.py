"""Search for the static site: a prebuilt index as a script, and the search page that uses it.

`file://` pages may not fetch JSON in Chromium, so the index is a `.js` file
that assigns one global (`HANDSCROLL_SEARCH`), loaded by a `<script src>`
like any other (CSP `script-src 'self'`, no inline script). `static/search.js`
folds the query as the server does (store/query.py): lowercase, no marks,
Traditional to Simplified through a table of just the characters this
library uses, Han characters one token each (the Han ranges of text/cjk.py
are in the index), place names expanded through the same places list. Words
are stemmed by the one Snowball stemmer (text/stem.py): the index carries the
stem of every word of the library, and `static/vendor/porter2.js` (npm's
porter2, the same algorithm, checked against it by a test) stems a query word
the library does not hold.

Pagefind, the usual choice, splits its index into fragments fetched on
demand, which scales to huge sites but needs `fetch` (so no `file://`) and
knows nothing of Traditional/Simplified or pinyin; this index is one file,
loaded once, scanned linearly: right for a classroom library of hundreds to
a few thousand features, not for 100,000.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

from handscroll.model import Enrichment, Feature
from handscroll.publish.chrome import make_chrome
from handscroll.publish.i18n import LOCALES
from handscroll.publish.render import Renderer
from handscroll.publish.search_page import SearchPage, render_search_page
from handscroll.publish.urls import SiteUrls, site_folder
from handscroll.store.query import fold_text, place_index
from handscroll.store.records import FeatureSummary, GlossaryEntry
from handscroll.store.search_text import feature_sections
from handscroll.text.cjk import HAN_RANGES, han_js_class, is_han, to_simplified
from handscroll.text.stem import stem

INDEX_FILE = "search-index.js"
PAGE_FILE = "search.html"
INDEX_VERSION = 2
STEMMER_FILE = "vendor/porter2.js"
"""Where in the site's `static/` the Porter2 script goes (from npm's porter2, when installed)."""


class SearchSource(Protocol):
    """What the static search index reads from the library."""

    def list_features(
        self, *, series: str | None = None, offset: int = 0, limit: int | None = None
    ) -> list[FeatureSummary]: ...

    def get_feature(self, slug: str) -> Feature: ...

    def glossary(self, *, series: str | None = None) -> list[GlossaryEntry]: ...

    def get_enrichment(self, slug: str) -> Enrichment | None: ...


def write_static_search(library: SearchSource, out_dir: Path, renderer: Renderer) -> None:
    """Write `search.html` (and `zh-hant/search.html`, `zh-hans/search.html`) and `search-index.js`
    into a static site folder."""
    urls = SiteUrls(0)
    index = build_index(library, urls)
    body = (
        "window.HANDSCROLL_SEARCH = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ";\n"
    )
    # "</script" cannot end a .js file early, but keep the file safe to inline anyway.
    _write_if_changed(out_dir / INDEX_FILE, body.replace("</", "<\\/"))
    porter2 = find_porter2()
    if porter2 is not None:
        # CommonJS as npm ships it, wrapped to a classic script (file:// pages cannot import modules).
        code = porter2.read_text(encoding="utf-8")
        wrapped = f"(function (exports) {{\n{code}\n}})(window.handscrollPorter2 = {{}});\n"
        (out_dir / "static" / "vendor").mkdir(parents=True, exist_ok=True)
        _write_if_changed(out_dir / "static" / STEMMER_FILE, wrapped)
    for language in LOCALES:  # one page per interface language, all on the one index (issue 12)
        folder = site_folder(language)
        _write_if_changed(
            out_dir / folder / PAGE_FILE,
            render_search_page(renderer, _static_page(SiteUrls(folder.count("/"), language), porter2)),
        )


def _static_page(urls: SiteUrls, porter2: Path | None) -> SearchPage:
    """The static search page in the language of `urls`, its results filled by a script."""
    return SearchPage(
        chrome=make_chrome(urls, lambda other: other.search()),
        query="",
        series="",
        year_from="",
        year_to="",
        results=(),
        total_label="",
        notices=(),
        previous_url=None,
        next_url=None,
        static=True,
        index_url=urls.prefix + INDEX_FILE,
        script_url=urls.static("search.js"),
        stemmer_url=urls.static(STEMMER_FILE) if porter2 is not None else "",
    )


def find_porter2() -> Path | None:
    """npm's porter2 (`node_modules/porter2/dist/index.js`) above this package or the working folder."""
    for start in (Path(__file__).resolve(), Path.cwd().resolve() / "_"):
        for folder in start.parents:
            candidate = folder / "node_modules" / "porter2" / "dist" / "index.js"
            if candidate.is_file():
                return candidate
    return None


def _write_if_changed(path: Path, text: str) -> None:
    """Write a file only when its content changes: a rebuild with no change writes nothing."""
    data = text.encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def build_index(library: SearchSource, urls: SiteUrls) -> dict[str, Any]:
    """The index as plain data: documents, the Traditional->Simplified table, the place names."""
    terms: dict[str, list[str]] = {}
    readings: dict[str, list[str]] = {}
    for entry in library.glossary():
        if entry.pinyin_plain and entry.simplified:
            # "guominzhengfu" -> 国 民 政 府, for features that write it without defining it.
            chars = fold_text(entry.simplified)
            known = readings.setdefault(entry.pinyin_plain.replace(" ", ""), [])
            if chars not in known:
                known.append(chars)
        names = [entry.english, entry.traditional, entry.simplified, entry.abbreviation, entry.pinyin_plain]
        if entry.pinyin_plain:
            names.append(entry.pinyin_plain.replace(" ", ""))
        for slug in entry.slugs:
            terms.setdefault(slug, []).extend(name for name in names if name)
    documents = []
    han: set[str] = set()
    words: set[str] = set()
    for summary in library.list_features():
        feature = library.get_feature(summary.slug)
        found = feature_sections(feature)
        sections = [[section.match.label, section.match.anchor, section.text] for section in found]
        term_names = list(terms.get(summary.slug, ()))
        enrichment = library.get_enrichment(summary.slug)
        for place in enrichment.places if enrichment else ():
            # As the server indexes them (store/library.py _term_forms).
            term_names += [name for name in (place.name, place.modern_name, place.chinese) if name]
        term_text = fold_text(" ".join(term_names))
        documents.append(
            {
                "u": urls.feature(summary.slug),
                "t": feature.title,
                "s": summary.series,
                "x": term_text,
                "f": sections,
            }
        )
        han.update(
            ch
            for ch in fold_text(feature.title + " " + " ".join(section.text for section in found))
            if is_han(ch)
        )
        han.update(ch for ch in term_text if is_han(ch))
        words.update(fold_text(feature.title + " " + " ".join(section.text for section in found)).split())
        words.update(term_text.split())
    places = place_index()
    words.update(token for forms in places.values() for form in forms for token in form)
    return {
        "version": INDEX_VERSION,
        # "Is this a Chinese character" as text/cjk.py says, so search.js has no ranges of its own.
        "han": han_js_class(),
        "t2s": _t2s_table(han),
        "places": {name: [" ".join(form) for form in forms] for name, forms in places.items()},
        "readings": readings,
        "stems": {word: stem(word) for word in sorted(words) if stem(word) != word},
        "docs": documents,
    }


def _t2s_table(simplified: set[str]) -> dict[str, str]:
    """Traditional -> Simplified for every Traditional character whose Simplified form the library uses.

    One OpenCC pass over every Han block: converting the library's characters
    back with `s2t` would miss one-to-many pairs (沈 is 沈 and 瀋).
    """
    block = "".join(chr(code) for lo, hi, _ in HAN_RANGES for code in range(lo, hi + 1))
    converted = to_simplified(block)
    if len(converted) != len(block):  # never seen; fall back to one character at a time
        converted = "".join(to_simplified(ch)[:1] or ch for ch in block)
    return {t: s for t, s in zip(block, converted, strict=True) if t != s and s in simplified}
