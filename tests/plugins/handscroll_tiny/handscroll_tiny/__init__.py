"""A tiny handscroll plugin: `.scroll` files, a seal-mark enricher and a plain-text seal list.

A `.scroll` file is a `= Title` line, then one paragraph per line. The
enricher glosses every "seal" it finds as a glossary term (印章); the exporter
writes one line per feature with the terms the library holds for it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from handscroll.ingest.result import LineKind, ReadResult
from handscroll.model import Enrichment, Feature, Paragraph, Span, Term, TextRef

_SEAL = re.compile(r"\bseals?\b", re.IGNORECASE)


def read_scroll(text: str, *, source: str, settings: Any) -> ReadResult:
    """Read `= Title` and one paragraph per non-blank line."""
    lines = text.splitlines()
    title = lines[0].removeprefix("=").strip() if lines else ""
    paragraphs = tuple(Paragraph(text=line.strip()) for line in lines[1:] if line.strip())
    kinds = [LineKind.TITLE] + [LineKind.CONTENT if line.strip() else LineKind.BLANK for line in lines[1:]]
    return ReadResult(feature=Feature(title=title, blocks=paragraphs), source=source, lines=tuple(kinds))


def add_seals(feature: Feature, found: Enrichment) -> Enrichment:
    """Gloss every mention of a seal as the term "seal" (印章)."""
    mentions = []
    for at, block in enumerate(feature.blocks):
        if isinstance(block, Paragraph):
            for match in _SEAL.finditer(block.text):
                mentions.append(Span(TextRef(at, "text"), match.start(), match.end()))
    if not mentions:
        return found
    term = Term(
        english="seal",
        chinese="印章",
        abbreviation=None,
        note="marked by the handscroll-tiny plugin",
        traditional="印章",
        simplified="印章",
        pinyin="yìn zhāng",
        pinyin_plain="yin zhang",
        mentions=tuple(mentions),
    )
    return replace(found, terms=(*found.terms, term))


def export_seal_list(library: Any, request: Any, out: Path) -> Any:
    """Write `slug<TAB>title<TAB>terms` for every feature, terms as the library's glossary has them."""
    from handscroll.publish.exports import ExportReport

    terms: dict[str, list[str]] = {}
    for entry in library.glossary():
        for slug in entry.slugs:
            terms.setdefault(slug, []).append(f"{entry.english}={entry.chinese}")
    rows = [f"{f.slug}\t{f.title}\t{','.join(terms.get(f.slug, []))}" for f in library.list_features()]
    out.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return ExportReport(written=[out])


def read_boom(text: str, *, source: str, settings: Any) -> ReadResult:
    """A reader that always fails (not declared here: the broken-plugin test declares it)."""
    raise ValueError("this reader always fails")
