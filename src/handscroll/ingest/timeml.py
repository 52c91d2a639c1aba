"""A TimeML document as the input of `handscroll dates` (issue 16): its text and its own date.

TimeBank, AQUAINT and the TempEval-3 sets are TimeML files. What a scorer scores is the
content of `<TEXT>` with its tags (the gold TIMEX3, EVENT and SIGNAL elements) taken out and
its entities read, counted from the date of the `<DCT>`'s TIMEX3. Read so, `handscroll dates
doc.tml` tags that text from that date with no extraction step of the user's own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from handscroll.errors import Location, ReadError

_TIMEML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*"
    r"(?:<!DOCTYPE\s+TimeML\b[^\[>]*(?:\[.*?\])?\s*>\s*)?<TimeML\b",
    re.S,
)
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


@dataclass(frozen=True)
class TimeMLSource:
    """The parts of a TimeML document a tagger needs."""

    text: str
    """The content of `<TEXT>`, tags out and entities read: the offsets count into it."""
    dct: str | None
    """The day of the `<DCT>` (2013-03-22), or None when the document has none."""
    doc_id: str | None


def is_timeml(text: str) -> bool:
    """True when the text is a TimeML document (its root element is `TimeML`)."""
    return _TIMEML_START.match(text[:65536]) is not None


def read_timeml(text: str, shown: str) -> TimeMLSource:
    """The text and date of a TimeML document, or a ReadError naming the line at fault.

    Expat (2.4.1 and later) refuses the entity expansions of a hostile document.
    """
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        line, _ = error.position
        reason = str(error).split(": line ")[0]
        raise ReadError(f"not well-formed TimeML ({reason})", Location(shown, line)) from None
    body = root.find("TEXT")
    if body is None:
        raise ReadError("a TimeML document without a <TEXT> element", Location(shown))
    stamp = root.find("DCT/TIMEX3")
    value = stamp.get("value", "") if stamp is not None else ""
    day = _DAY.match(value)
    doc_id = root.findtext("DOCID")
    return TimeMLSource("".join(body.itertext()), day.group() if day else None, doc_id and doc_id.strip())
