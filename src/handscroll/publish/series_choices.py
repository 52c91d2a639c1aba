"""The series a filter offers (the search page's, the timeline's), bounded for a large library.

A library with more series than `SERIES_SHOWN` offers the series chosen and those of what the page
shows, in the order all of them would have: listing 9,700 series made each page 1.1 MB and slowed
it with the library (issue 11). Every series is read once per library version.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol
from weakref import WeakKeyDictionary

from handscroll.store.records import SeriesSummary

SERIES_SHOWN = 200
"""A library with more series than this offers, in a series filter, only the series chosen and
those of the page: a list of every series would grow the page with the library."""


class SeriesLister(Protocol):
    """What the choices are read from."""

    def version(self) -> int: ...

    def list_series(self) -> list[SeriesSummary]: ...


@dataclass(frozen=True)
class SeriesChoices:
    """Every series as (key, display title), by display title, and where each key stands."""

    every: tuple[tuple[str, str], ...]
    at: Mapping[str, int]

    def offered(self, wanted: Iterable[str | None]) -> tuple[tuple[str, str], ...]:
        """Every series, or past SERIES_SHOWN the `wanted` ones (the chosen, the page's), in title
        order as all of them would be."""
        if len(self.every) <= SERIES_SHOWN:
            return self.every
        return tuple(
            self.every[i]
            for i in sorted({self.at[key] for key in wanted if key is not None and key in self.at})
        )


_CHOICES: WeakKeyDictionary[object, tuple[int, SeriesChoices]] = WeakKeyDictionary()
"""Per open library, its version and the choices at that version."""


def series_choices(store: SeriesLister) -> SeriesChoices:
    """Every series as a choice, by display title (never a bare media stem, issue 14): read once
    per library version (15 ms of a 10,000-feature library's page; issue 11)."""
    version = store.version()
    held = _CHOICES.get(store)
    if held is None or held[0] != version:
        every = tuple(
            (s.key, s.display_title)
            for s in sorted(store.list_series(), key=lambda s: s.display_title.casefold())
        )
        held = _CHOICES[store] = (version, SeriesChoices(every, {key: i for i, (key, _) in enumerate(every)}))
    return held[1]
