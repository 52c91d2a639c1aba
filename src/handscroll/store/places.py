"""The library's places a page at a time (issue 11): one place per key, a few features each.

Each feature's places are copied out of its enrichment into `places` when the
enrichment is written (`place_values`), one row per place and feature. A page
of the places list is a grouped keyset read of the index on `(key, feature_id)`
and, for the places on it, the first `LINKS` features stored (listed by title):
its cost is the rows of the places it shows, never a read of every feature. The
static site reads every place the same way, all pages at once (`read_all_places`).
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
    """Features that name it, all of them."""
    links: tuple[PlaceLink, ...]
    """The first `LINKS` of them stored, by title."""


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
    its count of features and its first `LINKS` of them."""
    key = PlaceRow.key  # collated "C" on PostgreSQL: code-point order, as SQLite's
    counted = select(key, func.count()).group_by(key)
    with Session(engine) as session:
        if before is not None:
            rows = list(session.execute(counted.where(key < before).order_by(key.desc()).limit(limit)))
            rows.reverse()
        else:
            query = counted.order_by(key)
            if after is not None:
                query = query.where(key > after)
            rows = list(session.execute(query.limit(limit)))
        groups = _groups(session, {k: n for k, n in rows})
        first, last = (groups[0].key, groups[-1].key) if groups else (None, None)
        more_before = first is not None and _exists(session, key < first)
        more_after = last is not None and _exists(session, key > last)
    return PlaceSlice(groups, first if more_before else None, last if more_after else None)


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
