"""Shapes as CSV: the one CSV writer, UTF-8 with a BOM and CRLF line ends, as spreadsheet
programs (and RFC 4180) expect, for the CLI and the CSV export alike (issue 9).

A row has the shape's own field names. Being flat, CSV spreads a nested span
into its five columns (`block`, `field`, `paragraph`, `start`, `end`), joins a
list of strings with `;` and writes a list of spans as how many there are; a
null is an empty cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from handscroll.publish.shapes import Shape, SpanShape

BOM = "\ufeff"


def csv_columns(shape: type[Shape]) -> list[str]:
    """The CSV columns of a shape: its fields, a span spread into the span's fields."""
    columns: list[str] = []
    for name, info in shape.model_fields.items():
        if _is_span(info.annotation):
            columns.extend(SpanShape.model_fields)
        else:
            columns.append(name)
    return columns


def csv_row(item: Shape) -> dict[str, Any]:
    """One shape as a flat CSV row, keyed by `csv_columns`."""
    row: dict[str, Any] = {}
    for name in type(item).model_fields:
        value, annotation = getattr(item, name), type(item).model_fields[name].annotation
        if _is_span(annotation):
            row.update(value.dump() if value is not None else dict.fromkeys(SpanShape.model_fields))
        elif annotation in (list[SpanShape], list[SpanShape] | None):
            row[name] = None if value is None else len(value)
        elif isinstance(value, list):
            row[name] = ";".join(str(v) for v in value)
        else:
            row[name] = value
    return row


def csv_bytes(shape: type[Shape], items: Iterable[Shape]) -> bytes:
    """The header and rows of `items` (all of class `shape`) as UTF-8 CSV with a BOM and CRLF."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(shape), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_row(item) for item in items)
    return (BOM + buffer.getvalue()).encode("utf-8")


def _is_span(annotation: object) -> bool:
    return annotation in (SpanShape, SpanShape | None)
