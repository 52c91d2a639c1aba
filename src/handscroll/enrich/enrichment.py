"""The Enrichment record: everything derived from one feature, and how it travels as JSON.

It records the content hash of the feature it was made from, so the store can
tell a current enrichment from a stale one and re-running is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from handscroll.enrich.figures import FactFigure
from handscroll.enrich.glossary import Term
from handscroll.enrich.places import Place
from handscroll.enrich.timeline import Event

ENRICHMENT_VERSION = 1
"""Bumped when the enrichers change what they find, so stored enrichments are redone."""


@dataclass(frozen=True)
class Enrichment:
    """Dated events, glossary terms, places and key figures of one feature, each with its span."""

    feature_hash: str
    events: tuple[Event, ...] = ()
    terms: tuple[Term, ...] = ()
    places: tuple[Place, ...] = ()
    figures: tuple[FactFigure, ...] = ()
    version: int = ENRICHMENT_VERSION

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, for a JSON database column."""
        data: dict[str, Any] = _ADAPTER.dump_python(self, mode="json")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Enrichment:
        """Read `to_dict` data back."""
        return _ADAPTER.validate_python(data)

    def to_json(self) -> bytes:
        """Serialise for storage."""
        return _ADAPTER.dump_json(self)

    @classmethod
    def from_json(cls, data: str | bytes) -> Enrichment:
        """Read a stored enrichment back."""
        return _ADAPTER.validate_json(data)


_ADAPTER = TypeAdapter(Enrichment)
