"""Make text safe for XML 1.0 (and HTML): drop the characters XML forbids.

XML 1.0 allows tab, LF, CR and U+0020 upwards, minus surrogates and
U+FFFE/U+FFFF. A form feed in a legacy export once made four EPUB chapters
not well-formed (issue 10 item 6), so every rendered document passes through
here: layout controls (form feed, vertical tab) become a space, so words on
either side stay apart; the rest are removed.
"""

from __future__ import annotations

import re

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_AS_SPACE = frozenset("\x0b\x0c")


def clean_xml_text(text: str) -> str:
    """The text with every character XML 1.0 forbids replaced (layout controls) or removed."""
    if _FORBIDDEN.search(text) is None:
        return text  # the common case: one scan, no copy
    return _FORBIDDEN.sub(lambda m: " " if m.group() in _AS_SPACE else "", text)
