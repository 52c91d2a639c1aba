"""User search text -> a safe, structured query that both databases compile the same way.

Nothing the user types ever reaches FTS5's MATCH or PostgreSQL's tsquery
parser as syntax (issue 5): the text is cut into clauses of plain tokens
(letters and digits only, folded), and each backend quotes every token when
it builds its own query. A clause matches when any of its alternatives does;
a query matches when every clause does.

Folding is the same at index and query time (`fold_text`): lowercase,
diacritics and pinyin tone marks removed, Traditional Chinese converted to
Simplified (OpenCC), and each Han character made a token of its own, so a
one-character query works and a longer one is a phrase of characters.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from handscroll.text.cjk import HAN, pinyin_plain, to_simplified

MAX_QUERY_CHARS = 500
"""Longer queries are cut here (with a message), so a 10 KB paste cannot build a huge query."""

MAX_CLAUSES = 12
"""At most this many clauses are kept; more are dropped with a message."""

_HAN_CHAR = re.compile(f"[{HAN}]")
_PIECE = re.compile(r'"(?P<phrase>[^"]*)(?:"|$)|(?P<word>[^\W_]+)(?P<star>\*)?')
_TOKEN = re.compile(f"[{HAN}]|[^\\W_{HAN}]+")
_ASCII_TOKEN = re.compile("[a-z0-9]+")
"""`_TOKEN` on lowercase ASCII text, several times faster (a large class costs per character)."""


@dataclass(frozen=True)
class Alternative:
    """One way a clause can match: a phrase of folded tokens, the last one a prefix if `prefix`."""

    tokens: tuple[str, ...]
    prefix: bool = False

    @property
    def is_han(self) -> bool:
        """Whether the tokens are Han characters (a phrase of characters)."""
        return bool(self.tokens) and _HAN_CHAR.fullmatch(self.tokens[0]) is not None


@dataclass(frozen=True)
class Clause:
    """What the user typed for one word, phrase or place name, with the alternatives that match it."""

    text: str
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class QueryCut:
    """Part of a query was dropped: only its first `kept` characters or words were used."""

    unit: Literal["characters", "words"]
    kept: int


@dataclass(frozen=True)
class SearchQuery:
    """A parsed query: clauses that must all match, and what was dropped (as data; publish words it)."""

    text: str
    clauses: tuple[Clause, ...]
    cuts: tuple[QueryCut, ...] = field(default=())

    @property
    def empty(self) -> bool:
        """True when nothing searchable is left."""
        return not self.clauses


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
"""Combining marks (pinyin tones among them), dropped after NFKD in one regex pass."""


def fold_text(text: str) -> str:
    """The searchable form of a text: lowercase, no marks, Simplified, Han characters spaced out."""
    if text.isascii():  # most of an English library: nothing to decompose, no Han to space out
        return " ".join(_ASCII_TOKEN.findall(text.lower()))
    plain = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    plain = unicodedata.normalize("NFC", plain).lower()
    if _HAN_CHAR.search(plain):
        plain = to_simplified(plain)
    return " ".join(_TOKEN.findall(plain))


def fold_tokens(text: str) -> tuple[str, ...]:
    """The folded tokens of a text (words and single Han characters)."""
    return tuple(fold_text(text).split())


def parse_query(text: str) -> SearchQuery:
    """Cut user text into clauses; never raises, whatever the text holds."""
    cuts: list[QueryCut] = []
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        cuts.append(QueryCut("characters", MAX_QUERY_CHARS))
    clauses: list[Clause] = []
    pending_words: list[tuple[str, bool]] = []

    def flush_words() -> None:
        clauses.extend(_word_clauses(pending_words))
        pending_words.clear()

    for piece in _PIECE.finditer(text):
        if piece.group("phrase") is not None:
            flush_words()
            tokens = fold_tokens(piece.group("phrase"))
            if tokens:
                phrase = piece.group("phrase").strip()
                clauses.append(Clause(f'"{phrase}"', (Alternative(tokens),)))
        else:
            pending_words.append((piece.group("word"), piece.group("star") is not None))
    flush_words()
    if len(clauses) > MAX_CLAUSES:
        clauses = clauses[:MAX_CLAUSES]
        cuts.append(QueryCut("words", MAX_CLAUSES))
    return SearchQuery(text=text.strip(), clauses=tuple(clauses), cuts=tuple(cuts))


def _word_clauses(words: list[tuple[str, bool]]) -> list[Clause]:
    """Clauses for a run of loose words: place names (also of several words) expand to their aliases."""
    parts: list[tuple[str, bool]] = []
    for word, star in words:
        # "沈阳shenyang" is two clauses: a Han run and a Latin run.
        runs = re.findall(f"[{HAN}]+|[^{HAN}]+", word)
        parts.extend((run, star and index == len(runs) - 1) for index, run in enumerate(runs))
    clauses: list[Clause] = []
    index = 0
    while index < len(parts):
        matched = False
        for size in (3, 2):  # multi-word place names first: "Port Arthur"
            chunk = parts[index : index + size]
            if len(chunk) == size and not any(star for _, star in chunk):
                name = " ".join(word for word, _ in chunk)
                aliases = place_aliases(name)
                if aliases:
                    clauses.append(Clause(name, _alternatives(fold_tokens(name), aliases)))
                    index += size
                    matched = True
                    break
        if matched:
            continue
        word, star = parts[index]
        index += 1
        tokens = fold_tokens(word)
        if not tokens:
            continue
        if star and not _HAN_CHAR.match(tokens[-1]):
            clauses.append(Clause(f"{word}*", (Alternative(tokens, prefix=True),)))
            continue
        clauses.append(Clause(word, _alternatives(tokens, place_aliases(word))))
    return clauses


def _alternatives(tokens: tuple[str, ...], aliases: tuple[tuple[str, ...], ...]) -> tuple[Alternative, ...]:
    seen = [tokens, *[alias for alias in aliases if alias != tokens]]
    return tuple(Alternative(alias) for alias in seen)


def place_aliases(name: str) -> tuple[tuple[str, ...], ...]:
    """Folded token tuples of every name of the place `name` means ("mukden" -> shenyang, 沈阳...)."""
    return place_index().get(fold_text(name), ())


@cache
def place_index() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Folded name -> all folded names of the place, from the curated historical places list.

    A name written in pinyin is a key with its syllables spaced too: "chong qing"
    is 重慶 as much as "Chongqing" is (issue 12).
    """
    from handscroll.store.pinyin_terms import segmentations  # it builds on this module

    index: dict[str, tuple[tuple[str, ...], ...]] = {}
    for place in _places():
        names = [*place.get("names", ()), place.get("modern_name", ""), *place.get("chinese", ())]
        forms: list[tuple[str, ...]] = []
        for name in names:
            tokens = fold_tokens(name)
            if tokens and tokens not in forms:
                forms.append(tokens)
        for tokens in forms:
            index.setdefault(" ".join(tokens), tuple(forms))
        for name in [*place.get("names", ()), place.get("modern_name", "")]:
            # Spaced pinyin of a name that is pinyin: "chong qing" as the reader may type it.
            for spaced in segmentations(fold_text(name).replace(" ", "")):
                if " " in spaced:
                    index.setdefault(spaced, tuple(forms))
    return index


@cache
def older_names() -> dict[str, tuple[str, str]]:
    """Folded older name -> (the name as written, the modern name): "mukden" -> ("Mukden", "Shenyang").

    A name is older when it is not the modern one nor a spelling of it; a
    Chinese name when its pinyin is one of the place's older names (奉天 is
    Fengtian, so older; 瀋陽 reads as Shenyang).
    """
    found: dict[str, tuple[str, str]] = {}
    for place in _places():
        modern = place.get("modern_name", "")
        plain = fold_text(modern).replace(" ", "")
        older = {fold_text(name).replace(" ", ""): name for name in place.get("names", ())}
        older = {key: name for key, name in older.items() if key != plain}
        for name in older.values():
            found.setdefault(fold_text(name), (name, modern))
        for chinese in place.get("chinese", ()):
            if pinyin_plain(chinese).replace(" ", "") in older:
                found.setdefault(fold_text(chinese), (chinese, modern))
    return found


@cache
def _places() -> list[dict[str, Any]]:
    path = resources.files("handscroll.enrich") / "data" / "historical_places.json"
    places: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["places"]
    return places
