"""The one English stemmer of every search path: Snowball's English (Porter2) stemmer.

The index stores stemmed text, queries are stemmed before they reach SQL,
the highlighter compares stems, and the static search gets the stems of the
library's words in its index (publish/search_index.py), so SQLite, PostgreSQL
and the static site agree on what "withdrawing" matches (issue 9). The
databases' own stemmers (FTS5 porter, PostgreSQL's `english`) are not used.

snowballstemmer is kept below 3: Snowball 3.0 changed a few English rules
("added", "university"), and the JavaScript Porter2 the static site uses for
words the library does not hold follows the rules before that change.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import snowballstemmer  # type: ignore[import-untyped]  # ships no type information


@cache
def _stemmer() -> Any:
    return snowballstemmer.stemmer("english")


@cache
def stem(word: str) -> str:
    """The stem of one folded (lowercase) token; Han characters, digits and mixed tokens stay as they are."""
    if not word.isascii() or not word.isalpha():
        return word
    return str(_stemmer().stemWord(word))


def stem_text(folded: str) -> str:
    """A folded text (space-separated tokens, query.fold_text) with every token stemmed."""
    return " ".join(map(stem, folded.split()))  # no generator frame per token: most of an index's text
