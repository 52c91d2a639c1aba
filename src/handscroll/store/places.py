"""The library's places a page at a time (issue 11): one place per key, a few features each.

Each feature's places are copied out of its enrichment into `places` when the
enrichment is written (`place_values`), one row per place and feature. A page
of the places list is found by seeking the index on `(key, feature_id)` once per
place; for each place on it, the first `LINKS` features stored (listed by title)
and a count that stops past `COUNTED` more: its cost is bounded by the page, not
by how many features name its places (China in every one of 100,000). The static
site reads every place with exact counts, all pages at once (`read_all_places`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Engine, TextClause, func, select, text
from sqlalchemy.orm import Session

from handscroll.model import HIDDEN_FIELDS, Place
from handscroll.store.tables import PlaceRow

LINKS = 5
"""How many features a listed place links to; the others are counted."""

COUNTED = 1_000
"""How many features past its links a place's count reads at most on a page of the live list."""


@dataclass(frozen=True)
class PlaceLink:
    """A feature that names a place, and where it first does."""

    slug: str
    title: str
    block: int | None
    field: str
    paragraph: int
    start: int


@dataclass(frozen=True)
class PlaceGroup:
    """One place of the library: how the first feature stored names it, and the features naming it."""

    key: str
    name: str
    modern_name: str
    chinese: str | None
    kind: str
    lat: float
    lon: float
    bbox: str
    count: int
    """Features that name it: all of them, or on a live page no more than `LINKS + COUNTED + 1`."""
    links: tuple[PlaceLink, ...]
    """The first `LINKS` of them stored, by title."""

    @property
    def counted_all(self) -> bool:
        """Whether `count` is every feature naming it, not a floor where counting stopped."""
        return self.count <= LINKS + COUNTED

    @property
    def others(self) -> int:
        """Features naming it beyond its links: all of them, or at least so many if not `counted_all`."""
        return self.count - len(self.links) if self.counted_all else COUNTED


@dataclass(frozen=True)
class PlaceSlice:
    """Some places in order, with the keys to read the slices before and after (None at an end)."""

    groups: tuple[PlaceGroup, ...]
    before: str | None
    after: str | None


def place_key(place: Place) -> str:
    """What makes two features' places one place: what it is today, its kind and its position to
    about 100 m; sorting by it lists places by name, any case ("\\t" sorts a name before longer ones)."""
    name = place.modern_name
    return f"{name.casefold()}\t{name}\t{place.kind}\t{place.lat:.3f}\t{place.lon:.3f}"


def place_values(feature_id: int, places: Sequence[Place]) -> list[dict[str, Any]]:
    """The `places` rows of a feature's enrichment's places: the first of each key that a reader
    sees named."""
    rows: dict[str, dict[str, Any]] = {}
    for position, place in enumerate(places):
        key = place_key(place)
        shown = next((m for m in place.mentions if m.ref.field not in HIDDEN_FIELDS), None)
        if shown is None or key in rows:
            continue
        rows[key] = {
            "feature_id": feature_id,
            "position": position,
            "key": key,
            "name": place.name,
            "modern_name": place.modern_name,
            "chinese": place.chinese,
            "kind": place.kind,
            "lat": place.lat,
            "lon": place.lon,
            "bbox": ",".join(f"{v:g}" for v in place.bbox) if place.bbox else None,
            "block": shown.ref.block,
            "field": shown.ref.field,
            "paragraph": shown.ref.index,
            "start": shown.start,
        }
    return list(rows.values())


def read_places(
    engine: Engine, *, after: str | None = None, before: str | None = None, limit: int
) -> PlaceSlice:
    """Up to `limit` places after the key `after` (or before `before`, or from the first), each with
    its count of features (up to `COUNTED` past its links) and its first `LINKS` of them."""
    forward = before is None
    with Session(engine) as session:
        keys = _page_keys(session, (after if forward else before) or "", forward, limit)
        groups = _groups(session, _capped_counts(session, keys))
        first, last = (groups[0].key, groups[-1].key) if groups else (None, None)
        more_before = first is not None and _exists(session, PlaceRow.key < first)
        more_after = last is not None and _exists(session, PlaceRow.key > last)
    return PlaceSlice(groups, first if more_before else None, last if more_after else None)


def _next_keys(step: str, compare: str) -> TextClause:
    """Up to `:rows` keys from `:start` on, one index seek each (a loose index scan: a place named
    in 100,000 features is one seek, where grouping would read its 100,000 rows)."""
    seek = f'SELECT {step}(p."key") FROM places p WHERE p."key" {compare}'
    return text(
        f"WITH RECURSIVE page(k, n) AS (SELECT ({seek} :start), 1 UNION ALL "
        f"SELECT ({seek} page.k), page.n + 1 FROM page WHERE page.k IS NOT NULL AND page.n < :rows) "
        "SELECT k FROM page WHERE k IS NOT NULL"
    )


_KEYS_AFTER = _next_keys("min", ">")
_KEYS_BEFORE = _next_keys("max", "<")


def _page_keys(session: Session, start: str, forward: bool, limit: int) -> list[str]:
    """Up to `limit` keys after `start` (every key sorts after ""), or before it, in key order."""
    rows = session.execute(_KEYS_AFTER if forward else _KEYS_BEFORE, {"start": start, "rows": limit})
    return sorted(key for (key,) in rows)


def _capped_counts(session: Session, keys: Sequence[str]) -> dict[str, int]:
    """Each place's features, counted up to `LINKS + COUNTED + 1`, `CHUNK` places in one statement."""
    counts: dict[str, int] = {}
    for at in range(0, len(keys), CHUNK):
        chunk = {f"k{n}": key for n, key in enumerate(keys[at : at + CHUNK])}
        statement = _count_statement(len(chunk))
        counts.update(
            (key, n) for key, n in session.execute(statement, {"cap": LINKS + COUNTED + 1, **chunk})
        )
    return counts


@cache
def _count_statement(count: int) -> TextClause:
    """Each of `count` places (`:k0`, `:k1`...) with its features counted up to `:cap`."""
    part = (
        'SELECT CAST(:k{n} AS VARCHAR) AS "key", (SELECT count(*) FROM (SELECT 1 FROM places p '
        'WHERE p."key" = :k{n} LIMIT :cap) AS c{n}) AS n'
    )
    return text(" UNION ALL ".join(part.format(n=n) for n in range(count)))


def read_all_places(engine: Engine) -> list[PlaceGroup]:
    """Every place of the library in order, in two queries (the static site's pages)."""
    with Session(engine) as session:
        counts = select(PlaceRow.key, func.count()).group_by(PlaceRow.key)
        return list(_groups(session, {k: n for k, n in session.execute(counts)}))


def _groups(session: Session, counts: dict[str, int]) -> tuple[PlaceGroup, ...]:
    """The places of `counts` (key: features), in key order, each with its first `LINKS` features:
    one index range of `LINKS` rows per place, `CHUNK` places in one statement."""
    keys = sorted(counts)
    found: dict[str, list[Any]] = {}
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        rows = session.execute(_first_rows(len(chunk)), {f"k{n}": key for n, key in enumerate(chunk)})
        for row in rows:
            found.setdefault(row.key, []).append(row)
    return tuple(_group(k, counts[k], found[k]) for k in keys if k in found)


CHUNK = 200
"""Places whose links one statement reads (SQLite allows 500 parts in a UNION)."""


@cache
def _first_rows(count: int) -> TextClause:
    """The first `LINKS` rows of `count` places (`:k0`, `:k1`...) in the order features were first
    stored, with their features' slugs and titles. The index on (key, feature_id) gives each
    place's rows without reading its others, as ordering by title (in `features`) could not.
    Written as SQL: SQLAlchemy's compiled-statement cache keys a 200-part union by walking it,
    which took longer than running it."""
    part = (
        'SELECT * FROM (SELECT p."key", p.name, p.modern_name, p.chinese, p.kind, p.lat, p.lon, p.bbox, '
        "p.block, p.field, p.paragraph, p.start, f.slug, f.title "
        'FROM places p JOIN features f ON f.id = p.feature_id WHERE p."key" = :k{n} '
        f"ORDER BY p.feature_id LIMIT {LINKS}) AS p{{n}}"
    )
    return text(" UNION ALL ".join(part.format(n=n) for n in range(count)))


def _group(key: str, count: int, rows: Sequence[Any]) -> PlaceGroup:
    head = rows[0]
    return PlaceGroup(
        key=key,
        name=head.name,
        modern_name=head.modern_name,
        chinese=head.chinese,
        kind=head.kind,
        lat=head.lat,
        lon=head.lon,
        bbox=head.bbox or "",
        count=count,
        links=tuple(
            PlaceLink(r.slug, r.title, r.block, r.field, r.paragraph, r.start)
            for r in sorted(rows, key=lambda r: (r.title, r.slug))
        ),
    )


def _exists(session: Session, where: ColumnElement[bool]) -> bool:
    return session.execute(select(PlaceRow.id).where(where).limit(1)).first() is not None
