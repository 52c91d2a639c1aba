"""Keyset cursors in URLs: where a page of a listing starts, as an opaque token (issue 11).

A cursor names the last item shown (or the first, for "previous"), never a page number,
so the next page costs what the first did and does not shift when features are added.
The token is URL-safe base64 of a small JSON array; a token that does not decode to the
expected shape is `None` (`BadCursor` for the API, which says so with a 400).
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from handscroll.store.glossary import GlossaryKey
from handscroll.store.listing import EventKey, PartKey, TermKey
from handscroll.store.records import FeatureSummary, SeriesSummary

MAX_TOKEN = 2000
"""Longer tokens are refused before decoding (a title is at most a few hundred characters)."""


class BadCursor(ValueError):
    """The cursor is not one this server made."""


def encode(kind: str, *values: object) -> str:
    """A token for a position: its kind and its key's values."""
    raw = json.dumps([kind, *values], ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(token: str) -> list[Any]:
    """The kind and values of a token; raises BadCursor."""
    if len(token) > MAX_TOKEN:
        raise BadCursor("the cursor is too long")
    try:
        value = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError) as exc:
        raise BadCursor("the cursor is not one this server made") from exc
    if not isinstance(value, list) or not value or not isinstance(value[0], str):
        raise BadCursor("the cursor is not one this server made")
    return value


def part_token(summary: FeatureSummary) -> str:
    """The position of a feature in its series (or among the features in no series)."""
    return encode("p", summary.part, summary.title, summary.slug)


def series_token(summary: SeriesSummary) -> str:
    """The position of a series, by key."""
    return encode("s", summary.key)


def event_token(key: EventKey) -> str:
    """The position of an event in the timeline."""
    return encode("e", key.sort_key, key.slug, key.position)


def term_token(key: TermKey) -> str:
    """The position of a glossary entry."""
    return encode("t", key.english, key.traditional)


def glossary_token(key: GlossaryKey) -> str:
    """The position of an entry on a glossary page, in either order."""
    return encode("g", key.pinyin, key.english, key.traditional)


def feature_token(summary: FeatureSummary) -> str:
    """The position of a feature in the whole library (its series, then its place there)."""
    return encode("f", summary.series, summary.part, summary.title, summary.slug)


def read_part(values: list[Any]) -> PartKey:
    """A `p` token's position; raises BadCursor."""
    match values:
        case ["p", int() | None as part, str() as title, str() as slug]:
            return PartKey(part, title, slug)
    raise BadCursor("the cursor is not a position in a series")


def read_series(values: list[Any]) -> str:
    """An `s` token's series key; raises BadCursor."""
    match values:
        case ["s", str() as key]:
            return key
    raise BadCursor("the cursor is not a series")


def read_feature(values: list[Any]) -> tuple[str | None, PartKey]:
    """An `f` token's series and position; raises BadCursor."""
    match values:
        case ["f", str() | None as series, int() | None as part, str() as title, str() as slug]:
            return series, PartKey(part, title, slug)
    raise BadCursor("the cursor is not a position in the library")


def read_event(values: list[Any]) -> EventKey:
    """An `e` token's timeline position; raises BadCursor."""
    match values:
        case ["e", str() as sort_key, str() as slug, int() as position]:
            return EventKey(sort_key, slug, position)
    raise BadCursor("the cursor is not a position in the timeline")


def read_term(values: list[Any]) -> TermKey:
    """A `t` token's glossary position; raises BadCursor."""
    match values:
        case ["t", str() as english, str() as traditional]:
            return TermKey(english, traditional)
    raise BadCursor("the cursor is not a position in the glossary")


def read_glossary(values: list[Any]) -> GlossaryKey:
    """A `g` token's glossary page position; raises BadCursor."""
    match values:
        case ["g", str() | None as pinyin, str() as english, str() as traditional]:
            return GlossaryKey(pinyin, english, traditional)
    raise BadCursor("the cursor is not a position in the glossary")
