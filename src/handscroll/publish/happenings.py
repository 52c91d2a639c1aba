"""One event per date and happening (issue 14): the mentions of one date that tell one thing.

A feature tells its important dates more than once: in the narrative, again in a
caption, again in a note. A timeline that lists each mention repeats itself
("5 January 1946" three times), so mentions are gathered into happenings: the
same date told in the same feature to the day, or the same date told in words
that overlap enough (two features on one treaty). A happening lists every
sentence that tells it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from handscroll.text.cjk import HAN

T = TypeVar("T")

_WORD = re.compile(f"[{HAN}]+|(?:(?![{HAN}])[^\\W\\d_]){{3,}}")
_HAN = re.compile(f"[{HAN}]")
_DAY = re.compile(r"^-?\d{4}-\d{2}-\d{2}")

STOP_WORDS = frozenset(
    re.findall(
        r"[a-z]+",
        """the and for with from that this was were are had has have his her its their they them
        who whom which what when where after before during into onto over under about than then
        also only both each other same such been being not but all any one two three
        january february march april may june july august september october november december
        spring summer autumn winter year years day days month months early late middle night""",
    )
)
"""English words too common to say two sentences tell the same thing."""

SHARED_WORDS = 2
"""Two sentences must share at least this many words to tell the same happening..."""

SHARED_SHARE = 0.3
"""...and the shared words must be at least this share of the shorter sentence's words."""


@dataclass(frozen=True)
class Mention(Generic[T]):
    """One mention of a date, as the grouping sees it: the date, its words, the sentence, where."""

    item: T
    date: tuple[str, str | None]
    """The TIMEX value and modifier."""
    date_text: str
    sentence: str
    source: str
    """The feature that tells it (its slug)."""


def group_happenings(items: Sequence[T], told: Callable[[T], Mention[T]]) -> list[tuple[T, ...]]:
    """Gather `items` (in time order) into happenings, each in the order its mentions came;
    happenings keep the order of their first mention."""
    by_date: dict[tuple[str, str | None], list[list[Mention[T]]]] = {}
    order: list[list[Mention[T]]] = []
    for item in items:
        mention = told(item)
        clusters = by_date.setdefault(mention.date, [])
        home = next((c for c in clusters if any(_same(mention, other) for other in c)), None)
        if home is None:
            home = []
            clusters.append(home)
            order.append(home)
        home.append(mention)
    return [tuple(t.item for t in cluster) for cluster in order]


def _same(one: Mention[T], other: Mention[T]) -> bool:
    """Whether two mentions of one date tell one happening."""
    if one.source == other.source and _DAY.match(one.date[0]):
        return True  # a feature that names the same day twice is telling the same thing twice
    words, others = _words(one), _words(other)
    if not words or not others:
        return one.sentence == other.sentence
    shared = len(words & others)
    return shared >= SHARED_WORDS and shared >= SHARED_SHARE * min(len(words), len(others))


def _words(mention: Mention[T]) -> frozenset[str]:
    """The telling words of a sentence: not the date, not common words; Chinese as pairs of characters."""
    return _telling_words(mention.sentence, mention.date_text)


@lru_cache(maxsize=8192)
def _telling_words(sentence: str, date_text: str) -> frozenset[str]:
    """`_words`, once per sentence and date: a mention is compared with every other of its date."""
    sentence = sentence.replace(date_text, " ")
    found: set[str] = set()
    for word in _WORD.findall(sentence):
        if _HAN.match(word):
            found.update(word[i : i + 2] for i in range(max(1, len(word) - 1)))
        elif word.casefold() not in STOP_WORDS:
            found.add(word.casefold())
    return frozenset(found)
