"""A text with its date expressions marked as TimeML TIMEX3 elements (`handscroll dates --format timeml`).

TempEval-3's scorer, and most tools that read TimeML, take a whole document
with the expressions tagged in place, not offsets: this writes the file such
a tool reads (TimeML 1.2.1's TimeML, DOCID, DCT and TEXT elements, as the
TimeBank and AQUAINT files have them), the text outside the tags unchanged
but for XML escaping.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from handscroll.publish.shapes import DateShape

HEAD = (
    '<?xml version="1.0" ?>\n'
    '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    ' xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n'
)


def timeml_document(
    text: str, dates: Sequence[DateShape], *, doc_id: str, dct: str | None = None, start: int = 0
) -> str:
    """The TimeML document of `text` from `start` (after its front matter) with each of `dates` tagged
    where it stands (`tid` t1, t2...; an expression overlapping the one before it is left out, as
    TIMEX3 elements do not nest)."""
    parts = [HEAD, f"<DOCID>{escape(doc_id)}</DOCID>\n\n"]
    if dct is not None:
        parts.append(
            '<DCT><TIMEX3 tid="t0" type="DATE" value=' + quoteattr(dct) + ' temporalFunction="false"'
            f' functionInDocument="CREATION_TIME">{escape(dct)}</TIMEX3></DCT>\n\n'
        )
    parts.append("<TEXT>")
    at = start
    number = 0
    for date in sorted(dates, key=lambda d: (d.start, -d.end)):
        if date.start < at:  # before `start`, or inside the expression before
            continue
        number += 1
        parts.append(escape(text[at : date.start]))
        parts.append(f"<TIMEX3 {_attributes(date, number)}>{escape(text[date.start : date.end])}</TIMEX3>")
        at = date.end
    parts.append(escape(text[at:]))
    parts.append("</TEXT>\n\n</TimeML>\n")
    return "".join(parts)


def _attributes(date: DateShape, number: int) -> str:
    pairs = [("tid", f"t{number}"), ("type", date.type), ("value", date.value)]
    pairs += [(name, value) for name, value in _optional(date) if value]
    return " ".join(f"{name}={quoteattr(value)}" for name, value in pairs)


def _optional(date: DateShape) -> list[tuple[str, str | None]]:
    return [("mod", date.mod), ("quant", date.quant), ("freq", date.freq)]
