"""CSV of the timeline and the glossary, UTF-8 with a BOM so spreadsheet programs read Chinese right.

`OUT` is a folder; it gets `timeline.csv` (one row per dated event, in time
order) and `glossary.csv` (one row per term). Rows end in CRLF, as RFC 4180
and spreadsheet programs expect.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from handscroll.publish.exports import ExportReport, ExportRequest, select_features
from handscroll.store import Library

TIMELINE_COLUMNS = (
    "date", "modifier", "year", "text", "sentence", "feature", "title", "part", "series",
    "block", "field", "paragraph", "start", "end",
)  # fmt: skip
"""The columns of `timeline.csv`; `date` is the TIMEX3 value at the granularity the text gives."""

GLOSSARY_COLUMNS = (
    "english", "chinese", "traditional", "simplified", "pinyin", "pinyin_plain",
    "abbreviation", "note", "features",
)  # fmt: skip
"""The columns of `glossary.csv`; `features` lists the slugs that define the term, `;`-separated."""


def export_csv(library: Library, request: ExportRequest, out: Path) -> ExportReport:
    """Write `timeline.csv` and `glossary.csv` into the folder `out`."""
    selection = select_features(library, request)
    timeline: list[tuple[object, ...]] = [
        (
            e.value, e.mod or "", "" if e.year is None else e.year, e.text, e.sentence, e.slug, e.title,
            "" if e.part is None else e.part, e.series or "", "" if e.block is None else e.block,
            e.field, e.paragraph, e.start, e.end,
        )
        for e in selection.timeline
    ]  # fmt: skip
    glossary: list[tuple[object, ...]] = [
        (
            g.english, g.chinese or "", g.traditional or "", g.simplified or "", g.pinyin or "",
            g.pinyin_plain or "", g.abbreviation or "", g.note or "", ";".join(g.slugs),
        )
        for g in selection.glossary
    ]  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    report = ExportReport()
    for name, columns, rows in (
        ("timeline.csv", TIMELINE_COLUMNS, timeline),
        ("glossary.csv", GLOSSARY_COLUMNS, glossary),
    ):
        target = out / name
        target.write_bytes(csv_bytes(columns, rows))
        report.written.append(target)
    if not selection.timeline:
        report.skipped.append(
            "timeline.csv has no events: nothing dated was found (run `handscroll enrich`?)"
        )
    return report


def csv_bytes(columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> bytes:
    """A header and rows as UTF-8 CSV with a BOM and CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")
