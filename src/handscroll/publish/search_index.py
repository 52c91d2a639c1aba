"""Search for the static site: an index in small files, loaded per query, also from `file://`.

What a search downloads (issue 11) is `search/meta.js` (a few KB), the
chunks of the sorted key space that hold the query's keys, and one file per
feature shown, not the whole library's index. Every file is a script that
hands its data to `window.handscrollSearchChunk` and is loaded by adding a
`<script src>` (CSP `script-src 'self'`, no inline script): pages opened from
disk cannot `fetch`, but they can load scripts beside them, so the search
works from a USB stick as on a server. Pagefind splits its index the same way
but loads it with `fetch` and WebAssembly (no `file://`), and knows nothing of
Traditional/Simplified, pinyin or old place names; benchmarks/README.md
compares the bytes.

The keys (`search/k/N.js`, chunks of about CHUNK_BYTES) are `NAME|KIND`, so
that everything about one word sorts together and one chunk usually holds it:

- `STEM|s` -> postings: the documents whose title, glossary terms or body hold
  the stem (or Han character), as the server indexes them
  (`search_text.folded_document`, stemmed by text/stem.py), delta-coded;
- `WORD|w` -> its stem, for every library word that stems to something else,
  so the page stems a query word exactly as the server (`static/vendor/porter2.js`,
  the same Snowball algorithm, stems words the library does not hold);
- `CHAR|t` -> its Simplified form, for the Traditional characters the library uses;
- `PINYIN|r` -> the Chinese of glossary terms that read so ("guominzhengfu");
- `NAME|p` -> every name of a place (store/query.py place_index), `NAME|o` -> an
  older name and its modern one ("mukden" -> Mukden, Shenyang).

One file per feature (`search/d/N.js`) holds its link, title, series, glossary
names and searchable sections, and the Traditional characters it uses with
their Simplified forms: what the page needs to check a match, cut a snippet
and show every match in it.

The index is built from each feature as the build reads it (`StaticIndex.add`),
with regexes and sets, never a Python step per character. A feature's file is
written as it is added, and the postings are kept as arrays of machine integers,
so a build holds no feature's text past its page (issue 11: at 10,000 features the
texts held until the end took most of a worker's gigabyte).
"""

from __future__ import annotations

import json
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

from handscroll.model import Enrichment, Feature
from handscroll.publish.editions import pick_editions
from handscroll.publish.i18n import LOCALES, Translator
from handscroll.publish.render import Renderer
from handscroll.publish.search_page import SearchPage, blank_page, render_search_page, script_words
from handscroll.publish.urls import SiteUrls, site_folder
from handscroll.store.query import fold_text, older_names, place_index
from handscroll.store.records import FeatureSummary
from handscroll.store.search_text import enrichment_terms, folded_document
from handscroll.text.cjk import HAN, HAN_RANGES, han_js_class, to_simplified
from handscroll.text.stem import stem

PAGE_FILE = "search.html"
INDEX_DIR = "search"
META_FILE = f"{INDEX_DIR}/meta.js"
INDEX_VERSION = 3
CHUNK_BYTES = 16_000
"""About how large one chunk of keys is: a query loads a few of these."""
STEMMER_FILE = "vendor/porter2.js"
"""Where in the site's `static/` the Porter2 script goes (from npm's porter2, when installed)."""
OLD_FILES = ("search-index.js",)
"""Files of the one-file index earlier builds wrote, removed by this one."""

_HAN_CHAR = re.compile(f"[{HAN}]")


class SearchSource(Protocol):
    """What `write_static_search` reads from the library."""

    def list_features(
        self, *, series: str | None = None, offset: int = 0, limit: int | None = None
    ) -> list[FeatureSummary]: ...

    def get_feature(self, slug: str) -> Feature: ...

    def get_enrichment(self, slug: str) -> Enrichment | None: ...


Postings = tuple["array[int]", "array[int]", "array[int]"]
"""A stem's documents by field: title ids, terms ids, body (id, count) pairs."""


class StaticIndex:
    """The static search index, filled one feature at a time as the build reads them (each
    feature's file written then), and its keys written at the end."""

    def __init__(self, urls: SiteUrls, out_dir: Path, *, first_doc: int = 0) -> None:
        self._urls = urls
        self._out_dir = out_dir
        self._first = first_doc
        """The number of this index's first feature: slices of one build number their features in turn."""
        self._languages: list[str] = []
        """Each feature's language, in order (what the editions' meta needs of it)."""
        self._postings: dict[str, Postings] = {}
        self._words: set[str] = set()
        self._han: set[str] = set()
        self._readings: dict[str, list[str]] = {}
        self._works: list[str | None] = []
        """Each feature's work key, so a search shows a work once (issue 12)."""

    def add(
        self,
        summary: FeatureSummary,
        feature: Feature,
        enrichment: Enrichment | None,
        folders: Sequence[str] = ("",),
    ) -> None:
        """Index one feature with its glossary terms and places; `folders` are the interface
        languages' folders that have its page (`""`, `zh-hant/`...), so a result links to the
        page in the reader's language when there is one (issue 12)."""
        doc_id = self._first + len(self._languages)
        folded = folded_document(feature, enrichment_terms(enrichment))
        fields = (folded.title.split(), folded.terms.split(), folded.body.split())
        for number, tokens in enumerate(fields):
            self._words.update(tokens)
            for token, count in Counter(map(stem, tokens)).items():
                lists = self._postings.get(token)
                if lists is None:
                    lists = self._postings[token] = (array("i"), array("i"), array("i"))
                lists[number].extend((doc_id, count) if number == 2 else (doc_id,))
        for term in enrichment.terms if enrichment else ():
            if term.pinyin_plain and term.simplified:
                # "guominzhengfu" -> 国 民 政 府, for features that write it without defining it.
                known = self._readings.setdefault(term.pinyin_plain.replace(" ", ""), [])
                chars = fold_text(term.simplified)
                if chars not in known:
                    known.append(chars)
        # Characters by sets, each tested once: a regex over the text would test every character.
        written = set(feature.title).union(*(s.text for s in folded.sections))
        traditional = {char for char in written if _HAN_CHAR.match(char)}
        han = {token for token in set().union(*fields) if len(token) < 3 and _HAN_CHAR.match(token)}
        self._han |= han
        self._works.append(summary.work)
        self._languages.append(feature.language)
        t2s = _t2s()
        _write_script(
            self._out_dir,
            f"d/{doc_id}",
            {
                "u": self._urls.feature(summary.slug),
                "v": list(folders) or [""],
                "t": feature.title,
                "s": summary.series,
                "l": feature.language,
                "x": folded.terms,
                "f": [[s.match.label, s.match.anchor, s.text, s.match.kind] for s in folded.sections],
                # Its Traditional characters with their Simplified forms that it holds as words.
                "m": {char: t2s[char] for char in sorted(traditional) if t2s.get(char) in han},
            },
        )

    def _editions(self) -> dict[str, Any]:
        return _editions_meta(self._first, self._works, self._languages)

    def join(self, other: StaticIndex) -> None:
        """Append the index of the next slice of the same build (its features numbered after these)."""
        for token, lists in other._postings.items():
            mine = self._postings.get(token)
            if mine is None:
                self._postings[token] = lists
                continue
            for field, more in zip(mine, lists, strict=True):
                field.extend(more)
        self._languages += other._languages
        self._works += other._works
        self._words |= other._words
        self._han |= other._han
        for reading, chars in other._readings.items():
            known = self._readings.setdefault(reading, [])
            known += [c for c in chars if c not in known]

    def write(self) -> None:
        """Write the chunks and the meta script; remove what a build left before."""
        out_dir = self._out_dir
        t2s = {t: s for t, s in _t2s().items() if s in self._han}
        places = place_index()
        words = set(self._words)
        words.update(token for forms in places.values() for form in forms for token in form)
        # Postings stay arrays until their chunk is written: encoded all at once as lists of Python
        # ints they took 400 MB at 10,000 features (issue 11).
        keys: dict[str, Any] = {f"{token}|s": lists for token, lists in self._postings.items()}
        keys.update((f"{word}|w", stem(word)) for word in words if word.isascii() and stem(word) != word)
        keys.update((f"{char}|t", simplified) for char, simplified in t2s.items())
        keys.update((f"{reading}|r", chars) for reading, chars in self._readings.items())
        keys.update((f"{name}|p", [" ".join(form) for form in forms]) for name, forms in places.items())
        keys.update((f"{name}|o", list(pair)) for name, pair in older_names().items())
        written: set[Path] = set()
        firsts = []
        for number, chunk in enumerate(_chunks(keys)):
            firsts.append(next(iter(chunk), ""))
            written.add(_write_script(out_dir, f"k/{number}", chunk))
        docs = len(self._languages)
        written.update(
            out_dir / INDEX_DIR / "d" / f"{doc_id}.js" for doc_id in range(self._first, self._first + docs)
        )
        meta = {
            "version": INDEX_VERSION,
            "han": han_js_class(),
            "chunks": firsts,
            "docs": docs,
            "folders": {language: site_folder(language) for language in LOCALES},
            **self._editions(),
        }
        meta_path = out_dir / META_FILE
        _write_if_changed(meta_path, "window.HANDSCROLL_SEARCH = " + _json(meta) + ";\n")
        written.add(meta_path)
        for folder in ("k", "d"):
            for path in (out_dir / INDEX_DIR / folder).glob("*.js"):
                if path not in written:
                    path.unlink()
        for name in OLD_FILES:
            (out_dir / name).unlink(missing_ok=True)


def write_search_page(out_dir: Path, renderer: Renderer, languages: Sequence[str] = tuple(LOCALES)) -> None:
    """`search.html` in each interface language built (and the Porter2 script they load, when npm's
    porter2 is installed)."""
    porter2 = find_porter2()
    if porter2 is not None:
        # CommonJS as npm ships it, wrapped to a classic script (file:// pages cannot import modules).
        code = porter2.read_text(encoding="utf-8")
        wrapped = f"(function (exports) {{\n{code}\n}})(window.handscrollPorter2 = {{}});\n"
        (out_dir / "static" / "vendor").mkdir(parents=True, exist_ok=True)
        _write_if_changed(out_dir / "static" / STEMMER_FILE, wrapped)
    built = tuple(languages)
    for language in LOCALES:  # one page per interface language, all on the one index (issue 12)
        folder = site_folder(language)
        if language not in built:  # left from a build in more languages
            (out_dir / folder / PAGE_FILE).unlink(missing_ok=True)
            continue
        _write_if_changed(
            out_dir / folder / PAGE_FILE,
            render_search_page(renderer, _static_page(SiteUrls(folder.count("/"), language, built), porter2)),
        )


def _static_page(urls: SiteUrls, porter2: Path | None) -> SearchPage:
    """The static search page in the language of `urls`, its results filled by a script."""
    return blank_page(
        urls,
        static=True,
        index_url=urls.prefix + META_FILE,
        script_url=urls.static("search.js"),
        stemmer_url=urls.static(STEMMER_FILE) if porter2 is not None else "",
        script_words=script_words(Translator(urls.language)),
    )


def _editions_meta(first: int, works: Sequence[str | None], languages: Sequence[str]) -> dict[str, Any]:
    """What lets a search show each work once, in the reader's language where that edition
    matched: per feature, how far back its work's first feature is (0 for the first and for a
    feature of no work) and its language's number in `locales`. Nothing when no work has two
    editions. Runs of small numbers, so they cost little gzipped."""
    at: dict[str, int] = {}
    back = [doc_id - at.setdefault(work, doc_id) if work else 0 for doc_id, work in enumerate(works, first)]
    if not any(back):
        return {}
    locales = list(LOCALES)
    return {
        "works": back,
        "langs": [locales.index(language) if language in locales else -1 for language in languages],
        "locales": locales,
    }


def write_static_search(library: SearchSource, out_dir: Path, renderer: Renderer) -> None:
    """The whole static search of a library: its pages and its index (each feature read once)."""
    index = StaticIndex(SiteUrls(0), out_dir)
    summaries = library.list_features()
    shown: dict[str, list[str]] = {}
    for language in LOCALES:  # where `build` writes each feature's pages (site.py)
        for summary in pick_editions(summaries, language):
            shown.setdefault(summary.slug, []).append(site_folder(language))
    for summary in summaries:
        feature, enrichment = library.get_feature(summary.slug), library.get_enrichment(summary.slug)
        index.add(summary, feature, enrichment, shown.get(summary.slug, [""]))
    index.write()
    write_search_page(out_dir, renderer)


def find_porter2() -> Path | None:
    """npm's porter2 (`node_modules/porter2/dist/index.js`) above this package or the working folder."""
    for start in (Path(__file__).resolve(), Path.cwd().resolve() / "_"):
        for folder in start.parents:
            candidate = folder / "node_modules" / "porter2" / "dist" / "index.js"
            if candidate.is_file():
                return candidate
    return None


def _encode(lists: Postings) -> list[list[int]]:
    """Postings as [title ids, terms ids, body (id, count) pairs], ids as gaps from the one before."""
    title, terms, body = lists
    return [
        _gaps(title),
        _gaps(terms),
        [n for pair in zip(_gaps(body[::2]), body[1::2], strict=True) for n in pair],
    ]


def _gaps(ids: Sequence[int]) -> list[int]:
    return [ids[0], *(b - a for a, b in pairwise(ids))] if ids else []


def _chunks(keys: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """The keys in the page's order (JavaScript compares UTF-16 code units), in about CHUNK_BYTES each."""
    chunk: dict[str, Any] = {}
    size = 0
    for key in sorted(keys, key=lambda k: k.encode("utf-16-be")):
        value = chunk[key] = _encode(keys[key]) if key.endswith("|s") else keys[key]
        size += len(key) + len(_json(value)) + 4
        if size >= CHUNK_BYTES:
            yield chunk
            chunk, size = {}, 0
    if chunk or not keys:
        yield chunk


def _write_script(out_dir: Path, name: str, data: Any) -> Path:
    path = out_dir / INDEX_DIR / f"{name}.js"
    _write_if_changed(path, f"window.handscrollSearchChunk({json.dumps(name)}, {_json(data)});\n")
    return path


def _json(data: Any) -> str:
    # "</script" cannot end a .js file early, but keep the files safe to inline anyway.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def _write_if_changed(path: Path, text: str) -> None:
    """Write a file only when its content changes: a rebuild with no change writes nothing."""
    data = text.encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@cache
def _t2s() -> dict[str, str]:
    """Traditional -> Simplified for every Han character OpenCC changes, worked out once per process.

    One OpenCC pass over every Han block: converting the library's characters
    back with `s2t` would miss one-to-many pairs (沈 is 沈 and 瀋).
    """
    block = "".join(chr(code) for lo, hi, _ in HAN_RANGES for code in range(lo, hi + 1))
    converted = to_simplified(block)
    if len(converted) != len(block):  # never seen; fall back to one character at a time
        converted = "".join(to_simplified(ch)[:1] or ch for ch in block)
    return {t: s for t, s in zip(block, converted, strict=True) if t != s}
