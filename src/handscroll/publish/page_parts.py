"""The parts of a feature page that depend on the feature and its enrichment alone, made once and kept
in the library (issue 11).

A first render spent about half its CPU marking the feature's texts with their events, terms and
places, building its extras (timeline, glossary, places, fact cards) and the JSON-LD of what
enrichment found: the same for every request and interface language, and lost with the process.
`make_parts` works them out; the reader keeps them in `store.render_parts` under `parts_key`, a
digest of everything they were made from (the feature's content hash, its enrichment as stored,
and the code that makes them), fills a row the first time it renders a page without
a fresh one, and `handscroll prepare-pages` fills them all. A page made from them is byte for
byte the page made without them (`tests/publish/test_page_parts.py`).
"""

from __future__ import annotations

import hashlib
import json
import sys
import zlib
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from handscroll import __version__
from handscroll.model import Enrichment, Feature, TextRef, feature_texts
from handscroll.publish import annotate as annotate_module
from handscroll.publish import datelabels, enriched, happenings, jsonld
from handscroll.publish.annotate import annotate, han_lang
from handscroll.publish.enriched import (
    FactCard,
    MarkedEnrichment,
    PlaceItem,
    PlacePlan,
    Telling,
    TermEntry,
    TimelineLink,
    mark_enrichment,
)
from handscroll.publish.jsonld import KeptNodes, keep_nodes
from handscroll.store import Library
from handscroll.store.feature_view import FeatureView
from handscroll.text import cjk
from handscroll.text import pinyin_words as pinyin_words_module

FORMAT = 2
"""The shape of kept parts: raise it when what they hold changes."""

MADE_BY = (annotate_module, enriched, datelabels, happenings, jsonld, pinyin_words_module, cjk)
"""The modules whose code shapes the parts: a change to any of them makes every kept part stale."""


@cache
def _code_digest() -> str:
    """A digest of the code that makes the parts (`MADE_BY` and this module), so parts kept by other
    code are never read as these (a new release, or a fix in how texts are marked)."""
    digest = hashlib.blake2b(f"{FORMAT}\0{__version__}".encode(), digest_size=16)
    for module in (*MADE_BY, sys.modules[__name__]):
        digest.update(Path(module.__file__).read_bytes() if module.__file__ else module.__name__.encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class PageParts:
    """A feature's marked enrichment with every text marked, and its JSON-LD nodes (None: no enrichment)."""

    marked: MarkedEnrichment
    nodes: KeptNodes | None


def parts_key(content_hash: str, enrichment_json: str | None) -> str:
    """The key parts are kept under: equal keys, equal parts."""
    made_of = f"{_code_digest()}\0{content_hash}\0{enrichment_json or ''}"
    return hashlib.blake2b(made_of.encode(), digest_size=16).hexdigest()


def make_parts(feature: Feature, enrichment: Enrichment | None) -> PageParts:
    """Every text of `feature` marked with its `enrichment`, its extras and its JSON-LD nodes."""
    marked = mark_enrichment(enrichment)
    lang = han_lang(feature.language)
    for ref, text in feature_texts(feature):
        marked.texts[(ref.block, ref.field, ref.index)] = annotate(text, marked.marks.get(ref, ()), lang=lang)
    return PageParts(marked, None if enrichment is None else keep_nodes(enrichment))


def encode(parts: PageParts) -> bytes:
    """Parts as compressed JSON, for the library."""
    m = parts.marked
    data = {
        "texts": [[*at, str(html)] for at, html in m.texts.items()],
        "timeline": [[t.label, [[str(w.sentence), w.url] for w in t.tellings]] for t in m.timeline],
        "terms": [astuple(e) for e in m.terms],
        "figures": [astuple(f) for f in m.figures],
        "places": [[*astuple(p)[:7], [[u, r.block, r.field] for u, r in links]] for p, links in m.places],
        "nodes": parts.nodes,
    }
    return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode(), 6)


def decode(kept: bytes) -> PageParts:
    """Parts as `encode` kept them."""
    data: dict[str, Any] = json.loads(zlib.decompress(kept))
    places: list[PlacePlan] = [
        (PlaceItem(*place[:7]), tuple((url, TextRef(block, field, 0)) for url, block, field in place[7]))
        for place in data["places"]
    ]
    marked = MarkedEnrichment(
        tuple(
            TimelineLink(label, tuple(Telling(Markup(s), url) for s, url in tellings))
            for label, tellings in data["timeline"]
        ),
        tuple(TermEntry(*entry) for entry in data["terms"]),
        tuple(FactCard(*figure) for figure in data["figures"]),
        {},
        {(block, field, index): Markup(html) for block, field, index, html in data["texts"]},
        tuple(places),
    )
    return PageParts(marked, data["nodes"])


def kept_parts(library: Library, view: FeatureView) -> PageParts:
    """The parts of a feature's page: those kept in the library when fresh, else made now and kept
    (best-effort: a library that cannot be written to leaves them to be made next time)."""
    key = parts_key(view.content_hash, view.enrichment_json)
    if view.parts is not None and view.parts[0] == key:
        return decode(view.parts[1])
    parts = make_parts(view.feature, view.enrichment)
    library.save_render_parts([(view.feature_id, key, encode(parts))], wait=False)
    return parts


def prepare_pages(library: Library, slugs: Sequence[str], batch: int = 200) -> int:
    """Make and keep the parts of these features' pages where they are missing or stale, `batch`
    features a transaction; how many were made."""
    made: list[tuple[int, str, bytes]] = []
    count = 0
    for slug in slugs:
        view = library.feature_view(slug)
        key = parts_key(view.content_hash, view.enrichment_json)
        if view.parts is None or view.parts[0] != key:
            made.append((view.feature_id, key, encode(make_parts(view.feature, view.enrichment))))
        if len(made) >= batch:
            count += len(made) if library.save_render_parts(made) else 0
            made = []
    return count + (len(made) if library.save_render_parts(made) else 0)
