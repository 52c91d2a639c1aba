"""The plain values the store takes and gives back, besides Feature models.

They are frozen dataclasses so callers (the importer, the CLI, publishers)
never see an ORM object or a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from handscroll.model import Enrichment, Feature


@dataclass(frozen=True)
class ImportItem:
    """A feature to import, with where it was read from.

    `source_hash` is the SHA-256 of the source file's bytes: the next import
    compares it (via `Library.known_source_hashes`) to skip unchanged files
    before parsing them.
    """

    feature: Feature
    source: str
    source_hash: str
    enrichment: Enrichment | None = None
    """What enrich_feature found in it; stored with the feature in the same transaction."""
    work: str | None = None
    """The key of the work it is an edition of (issue 12), stored in the same transaction."""
    derived: bool = False
    """A Simplified edition converted from the work's Traditional one, not read from a file (issue 12)."""
    quiz: tuple[str, ...] | None = None
    """The approved self-check items its source pins (issue 15): they replace the stored approvals,
    in the same transaction; None leaves the approvals alone."""


class Outcome(StrEnum):
    """What an import did with one feature."""

    ADDED = "added"
    UPDATED = "updated"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class ImportReport:
    """The outcome of each imported feature, as `(slug, outcome)` in input order."""

    outcomes: tuple[tuple[str, Outcome], ...]
    replaced: tuple[str, ...] = ()
    """Slugs of derived Simplified editions deleted because a real one of their work was imported."""

    def _count(self, outcome: Outcome) -> int:
        return sum(1 for _, got in self.outcomes if got is outcome)

    @property
    def added(self) -> int:
        """How many features were new to the library."""
        return self._count(Outcome.ADDED)

    @property
    def updated(self) -> int:
        """How many features were already there and had changed (updated in place)."""
        return self._count(Outcome.UPDATED)

    @property
    def skipped(self) -> int:
        """How many features were already there unchanged."""
        return self._count(Outcome.SKIPPED)


@dataclass(frozen=True)
class FeatureSummary:
    """One line of a library listing: a feature's head without its blocks.

    `figures` counts the gallery photos; `updated_at` (UTC) is when the
    content last changed.
    """

    slug: str
    title: str
    part: int | None
    series: str | None
    language: str
    hero: str | None
    figures: int
    source: str
    updated_at: datetime
    work: str | None = None
    """The key of the work it is an edition of (issue 12), or None."""
    derived: bool = False
    """Whether it is a Simplified edition converted by machine from the Traditional one."""


@dataclass(frozen=True)
class SeriesSummary:
    """A series in the library and how many of its features are stored."""

    key: str
    title: str | None
    features: int
    first_title: str | None = None
    """The title of its first part, which names a series that has no title of its own (issue 14)."""

    @property
    def display_title(self) -> str:
        """What readers see: its title; until it has one, its first part's title, never its key
        (a media stem such as `mainsite_psd_neizhanyi`, issue 14) unless nothing else is known."""
        return self.title or self.first_title or self.key


@dataclass(frozen=True)
class TimelineEntry:
    """One event of a library or series timeline, with the feature it links back to."""

    slug: str
    title: str
    part: int | None
    series: str | None
    value: str
    mod: str | None
    year: int | None
    text: str
    sentence: str
    block: int | None
    field: str
    paragraph: int
    start: int
    end: int
    language: str = "en"
    """The language of the feature's edition, which `sentence` is written in (issue 12)."""
    work: str | None = None
    """The key of the work the feature is an edition of, or None (issue 12)."""


@dataclass(frozen=True)
class GlossaryEntry:
    """One term of the library glossary, with every feature that defines it."""

    english: str
    chinese: str | None
    abbreviation: str | None
    note: str | None
    traditional: str | None
    simplified: str | None
    pinyin: str | None
    pinyin_plain: str | None
    slugs: tuple[str, ...]
    more: bool = False
    """More features use the term than `slugs` lists (a glossary page lists a few)."""
