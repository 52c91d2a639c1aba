"""CSV of the timeline and the glossary, UTF-8 with a BOM so spreadsheet programs read Chinese right.

`OUT` is a folder; it gets `timeline.csv` (one row per dated event, in time
order) and `glossary.csv` (one row per term), in the shapes of
`docs/formats.md`, written by the one CSV writer (`rows.csv_bytes`).
"""

from __future__ import annotations

from pathlib import Path

from handscroll.publish.exports import ExportReport, ExportRequest, select_features
from handscroll.publish.jsonld import reader_urls
from handscroll.publish.rows import csv_bytes
from handscroll.publish.shapes import GlossaryTerm, TimelineEvent, glossary_shapes, timeline_shapes
from handscroll.store import Library


def export_csv(library: Library, request: ExportRequest, out: Path) -> ExportReport:
    """Write `timeline.csv` and `glossary.csv` into the folder `out`."""
    selection = select_features(library, request)
    page, _, _ = reader_urls(request.base_url)
    out.mkdir(parents=True, exist_ok=True)
    report = ExportReport()
    for name, data in (
        ("timeline.csv", csv_bytes(TimelineEvent, timeline_shapes(selection.timeline, page))),
        ("glossary.csv", csv_bytes(GlossaryTerm, glossary_shapes(selection.glossary))),
    ):
        target = out / name
        target.write_bytes(data)
        report.written.append(target)
    if not selection.timeline:
        report.skipped.append(
            "timeline.csv has no events: nothing dated was found (run `handscroll enrich`?)"
        )
    return report
