"""Unicode normalisation on reading: one spelling per text, so one slug and one feature (issue 10).

"Café" typed with a combining accent and with a precomposed é look the same
and must be the same feature: every reader's text is put in NFC first. The
CJK compatibility ideographs (U+F900-U+FAFF, U+2F800-U+2FA1F) are kept as
written: NFC would replace them with their unified twins, and a legacy text
that chose one (豈 U+F900) must read back as it was written.
"""

from __future__ import annotations

import re
import unicodedata

_COMPATIBILITY_IDEOGRAPH = re.compile("([\uf900-\ufaff\U0002f800-\U0002fa1f])")


def to_nfc(text: str) -> str:
    """The text in NFC, CJK compatibility ideographs left as they are."""
    if unicodedata.is_normalized("NFC", text):
        return text
    pieces = _COMPATIBILITY_IDEOGRAPH.split(text)
    # split() with a group puts the ideographs at the odd positions.
    return "".join(p if i % 2 else unicodedata.normalize("NFC", p) for i, p in enumerate(pieces))
