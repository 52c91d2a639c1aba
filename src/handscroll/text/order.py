"""Where a name stands in a list a reader scans by eye (issue 11).

Code point order puts "de Gaulle" after "Zhou Enlai" and "Émile" after every
unaccented name. Readers look for a name under its first letter whatever its case
or accents, so lists keep this key beside the name: the name with its accents
dropped and its case folded. Equal keys ("Deng" and "deng") fall back to the
name itself, so the order stays total and an index can serve it.
"""

from __future__ import annotations

import unicodedata


def name_order(name: str) -> str:
    """The key a name is listed by: accents dropped (NFD without combining marks), case folded."""
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
