"""The library glossary a page at a time, in either order, at any size (issue 11).

A glossary entry is an English name with one Chinese form. A page's entries are
found by seeking the next one in an index, once per entry (a loose index scan):
the cost is the page's, however many features use each term. Each entry brings
at most `links` of its features (the first by id) and says whether more use it,
so "Chiang Kai-shek" in 40,000 features is still one short line.

Entries stand in the order of (name order, English name, Traditional form), where
the name order is `text.order.name_order` (accents dropped, case folded: "de Gaulle"
under D), or of (plain pinyin, the same), terms without pinyin after the others in
English order; migration 0018's indexes hold both orders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Literal

from sqlalchemy import ColumnElement, Connection, Select, bindparam, select, true, union_all

from handscroll.store.listing import TERM_COLUMNS, group_terms
from handscroll.store.records import GlossaryEntry
from handscroll.store.tables import TERM_FORM, FeatureRow, TermRow
from handscroll.text.order import name_order

Order = Literal["english", "pinyin"]


@dataclass(frozen=True)
class GlossaryKey:
    """Where an entry stands: its plain pinyin (None in English order, or for a term without
    pinyin), English name and Traditional form ('' for none).

    The key of a letter, ("C", "", "") or ("c", "", "") in pinyin order, stands just before the
    first entry under that letter.
    """

    pinyin: str | None
    english: str
    traditional: str
    order: str | None = None
    """Where the English name stands (`name_order(english)` when None; a letter's key sets it)."""

    @property
    def name_order(self) -> str:
        """The first column of the English order."""
        return name_order(self.english) if self.order is None else self.order

    def parameters(self) -> dict[str, str | None]:
        """The key's values as the seek queries' parameters (see `_PARAMETERS`)."""
        return {
            "pinyin": self.pinyin,
            "order": self.name_order,
            "english": self.english,
            "form": self.traditional,
        }

    @classmethod
    def of(cls, entry: GlossaryEntry, order: Order) -> GlossaryKey:
        """The position of an entry in `order`."""
        return cls(entry.pinyin_plain if order == "pinyin" else None, entry.english, entry.traditional or "")


@dataclass(frozen=True)
class GlossarySlice:
    """Up to a page of entries, and whether the order goes on before and after them."""

    entries: tuple[GlossaryEntry, ...]
    earlier: bool
    later: bool


def glossary_slice(
    conn: Connection,
    *,
    order: Order,
    after: GlossaryKey | None,
    before: GlossaryKey | None,
    limit: int,
    links: int,
) -> GlossarySlice:
    """Up to `limit` entries after `after`, or before `before`, or from the start, each with up
    to `links` features."""
    forward = before is None
    keys: list[GlossaryKey] = []
    current = after if forward else before
    while len(keys) <= limit and (found := _seek(conn, order, current, forward=forward)) is not None:
        keys.append(found)
        current = found
    beyond = len(keys) > limit
    keys = keys[:limit]
    if before is not None:
        keys.reverse()
        earlier, later = beyond, True
    else:
        earlier = bool(keys) and _seek(conn, order, keys[0], forward=False) is not None
        later = beyond
    return GlossarySlice(tuple(_entry(conn, key, links) for key in keys), earlier, later)


def _seek(conn: Connection, order: Order, key: GlossaryKey | None, *, forward: bool) -> GlossaryKey | None:
    """The entry next to `key` (the first or last entry when None), by one query of index seeks:
    the first of its branches that finds a row answers."""
    shape = None if key is None else key.pinyin is not None
    values = {} if key is None else key.parameters()
    row = conn.execute(_seek_query(order, shape, forward), values).first()
    if row is None:
        return None
    return GlossaryKey(row[0] if order == "pinyin" else None, row[1], row[2])


@cache
def _seek_query(order: Order, with_pinyin: bool | None, forward: bool) -> Select[Any]:
    """The seek for a key of one shape (None: no key; else whether it has pinyin), built once and
    run with the key's values as parameters."""
    branches = _branches(order, with_pinyin, forward)
    return union_all(*branches).limit(1).subquery().select() if len(branches) > 1 else branches[0]


def _branches(order: Order, with_pinyin: bool | None, forward: bool) -> list[Select[Any]]:
    """The parts of the order to look in, nearest first, each one seek."""
    english: list[ColumnElement[Any]] = [
        TermRow.english_order.expression,
        TermRow.english.expression,
        TERM_FORM,
    ]
    if order == "english":
        return _steps(english, with_pinyin is not None, forward, true())
    pinyin: list[ColumnElement[Any]] = [TermRow.pinyin_plain.expression, *english]
    has, lacks = TermRow.pinyin_plain.is_not(None), TermRow.pinyin_plain.is_(None)
    if with_pinyin is None:
        first = [*_steps(pinyin, False, forward, has), *_steps(english, False, forward, lacks)]
        return first if forward else first[::-1]
    if not with_pinyin:  # in the tail of terms without pinyin
        tail = _steps(english, True, forward, lacks)
        return tail if forward else [*tail, *_steps(pinyin, False, False, has)]
    found = _steps(pinyin, True, forward, has)
    return [*found, *_steps(english, False, True, lacks)] if forward else found


_PARAMETERS = {"pinyin_plain": "pinyin", "english_order": "order", "english": "english"}


def _steps(
    columns: Sequence[ColumnElement[Any]], past_key: bool, forward: bool, where: ColumnElement[bool]
) -> list[Select[Any]]:
    """One-row queries for the nearest row past the key in the order of `columns`: equal on a
    prefix and past it on the next column, longest prefix first (so each is an index seek), or the
    first row of the order when there is no key."""
    shown = [TermRow.pinyin_plain, TermRow.english, TERM_FORM]
    ordering = [c.asc() if forward else c.desc() for c in columns]
    if not past_key:
        return [select(*shown).where(where).order_by(*ordering).limit(1).subquery().select()]
    values: list[Any] = [bindparam(_PARAMETERS.get(getattr(c, "name", ""), "form")) for c in columns]
    steps = []
    for i in reversed(range(len(columns))):
        past = columns[i] > values[i] if forward else columns[i] < values[i]
        same = [columns[j] == values[j] for j in range(i)]
        query = select(*shown).where(where, *same, past).order_by(*ordering[i:]).limit(1)
        steps.append(query.subquery().select())
    return steps


ENTRY = (
    select(*TERM_COLUMNS, FeatureRow.slug)
    .select_from(TermRow)
    .join(FeatureRow, TermRow.feature_id == FeatureRow.id)
    .where(TermRow.english == bindparam("english"), bindparam("form") == TERM_FORM)
    .order_by(TermRow.feature_id)
    .limit(bindparam("rows"))
)
"""An entry's first rows, through the (English, form, feature) index."""


def _entry(conn: Connection, key: GlossaryKey, links: int) -> GlossaryEntry:
    """An entry's names and its first `links` features (read twice over, for a term a feature
    defines twice)."""
    rows = list(conn.execute(ENTRY, {"english": key.english, "form": key.traditional, "rows": links * 2 + 1}))
    entry = group_terms((row, row.slug) for row in rows)[0]  # one English name and form: one entry
    more = len(entry.slugs) > links or len(rows) > links * 2
    return replace(entry, slugs=entry.slugs[:links], more=more)


LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def glossary_letters(conn: Connection, order: Order) -> tuple[str, ...]:
    """The letters some entry's name (or pinyin) starts with, by one seek a letter; '#' first when
    some name starts with something that sorts before 'a' (a digit, a quotation mark)."""
    found: list[str] = []
    first = _seek(conn, order, None, forward=True)
    if first is not None and order == "english" and first.name_order < "a":
        found.append("#")
    for letter in LETTERS:
        key = _seek(conn, order, _letter_key(letter, order), forward=True)
        name = None if key is None else (key.pinyin if order == "pinyin" else key.name_order)
        if name is not None and name[:1].upper() == letter:
            found.append(letter)
    return tuple(found)


def _letter_key(letter: str, order: Order) -> GlossaryKey:
    """The key just before the first entry under `letter` (an upper-case letter A-Z)."""
    if order == "pinyin":
        return GlossaryKey(letter.lower(), "", "")
    return GlossaryKey(None, "", "", order=letter.lower())


def letter_key(letter: str, order: Order) -> GlossaryKey | None:
    """Where the page of a letter starts; None (the start) for '#' or anything else."""
    return _letter_key(letter, order) if len(letter) == 1 and letter in LETTERS else None


def feature_titles(conn: Connection, slugs: Sequence[str]) -> dict[str, str]:
    """The titles of the features a glossary page links to, by slug."""
    query = select(FeatureRow.slug, FeatureRow.title).where(FeatureRow.slug.in_(sorted(set(slugs))))
    return {slug: title for slug, title in conn.execute(query)}
