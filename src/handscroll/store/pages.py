"""The Library's reads for pages that hold at any size (issue 11): each bounded, by indexed queries.

A reader's page never costs time in proportion to the library: a feature with
its neighbours and series title by single-row queries, lists a page at a time
after a keyset cursor, and the version every rendered page is keyed on.
`Library` inherits these; they live apart so that what a page may read is
plain to see.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine

from handscroll.errors import NotFoundError
from handscroll.store import glossary, listing
from handscroll.store.feature_view import FeatureView, read_feature_stamp, read_feature_view
from handscroll.store.glossary import GlossaryKey, GlossarySlice, Order
from handscroll.store.listing import EventKey, PartKey, TermKey
from handscroll.store.places import PlaceGroup, PlaceSlice, read_all_places, read_places
from handscroll.store.records import FeatureSummary, GlossaryEntry, SeriesSummary, TimelineEntry
from handscroll.store.version import read_version


class PagedReads:
    """Bounded reads of a library's engine, for the reader's pages and the API's lists."""

    _engine: Engine

    def version(self) -> int:
        """The library's version: it changes in the same transaction as any write to what readers see,
        by any process (`store.version`); readers key what they rendered on it (issue 11)."""
        with self._engine.connect() as conn:
            return read_version(conn)

    def feature_view(self, slug: str) -> FeatureView:
        """A feature with its enrichment, approved self-checks, series title and neighbours, read by
        indexed single-row queries (issue 11); NotFoundError if the slug is unknown."""
        with self._engine.connect() as conn:
            view = read_feature_view(conn, slug)
        if view is None:
            raise NotFoundError(f"no feature {slug!r} in the library")
        return view

    def feature_stamp(self, slug: str) -> tuple[object, ...] | None:
        """What a feature page shows, in brief (`feature_view.read_feature_stamp`): equal stamps,
        equal pages; None when the page cannot be checked that way."""
        with self._engine.connect() as conn:
            return read_feature_stamp(conn, slug)

    def parts_page(
        self,
        series: str | None,
        *,
        after: PartKey | None = None,
        before: PartKey | None = None,
        limit: int,
    ) -> list[FeatureSummary]:
        """Up to `limit` parts of a series (None: the features in no series) in reading order, after
        `after` or just before `before`; empty for an unknown series."""
        with self._engine.connect() as conn:
            found = listing.series_id(conn, series) if series is not None else None
            if series is not None and found is None:
                return []
            if before is not None:
                return listing.parts_before(conn, found, before, limit)
            return listing.parts_after(conn, found, after, limit)

    def series_page(
        self,
        *,
        after: str | None = None,
        before: str | None = None,
        last: bool = False,
        limit: int,
        works: bool = False,
    ) -> list[SeriesSummary]:
        """Up to `limit` series with features, by key: after `after`, just before `before`, or the
        `last` ones; with `works`, `features` counts works (a work's editions once)."""
        with self._engine.connect() as conn:
            return listing.series_page(conn, after=after, before=before, last=last, limit=limit, works=works)

    def count_works(self, series: str) -> int:
        """How many works a series has (a work's editions count once, issue 12)."""
        with self._engine.connect() as conn:
            found = listing.series_id(conn, series)
            return 0 if found is None else listing.series_sizes(conn, [found], works=True).get(found, 0)

    def features_page(
        self, *, series: str | None = None, after: tuple[str | None, PartKey] | None = None, limit: int
    ) -> list[FeatureSummary]:
        """Up to `limit` features in `list_features` order after `after` (a series key and a
        position in it), of the library or one series."""
        if series is not None:
            return self.parts_page(series, after=after[1] if after else None, limit=limit)
        with self._engine.connect() as conn:
            return listing.library_page(conn, after, limit)

    def timeline_page(
        self, *, series: str | None = None, after: EventKey | None = None, limit: int
    ) -> list[tuple[TimelineEntry, EventKey]]:
        """Up to `limit` events in time order after `after`, each with its position."""
        with self._engine.connect() as conn:
            return listing.timeline_page(conn, series=series, after=after, limit=limit)

    def glossary_page(
        self, *, series: str | None = None, after: TermKey | None = None, limit: int
    ) -> list[GlossaryEntry]:
        """Up to `limit` glossary entries by English name and Traditional form after `after`."""
        with self._engine.connect() as conn:
            return listing.glossary_page(conn, series=series, after=after, limit=limit)

    def glossary_slice(
        self,
        *,
        order: Order,
        after: GlossaryKey | None = None,
        before: GlossaryKey | None = None,
        limit: int,
        links: int,
    ) -> GlossarySlice:
        """Up to `limit` glossary entries in `order` after `after` or before `before`, each with a
        few of its features (`glossary.glossary_slice`)."""
        with self._engine.connect() as conn:
            return glossary.glossary_slice(
                conn, order=order, after=after, before=before, limit=limit, links=links
            )

    def glossary_letters(self, order: Order) -> tuple[str, ...]:
        """The letters the glossary's entries start with in `order`, one seek each."""
        with self._engine.connect() as conn:
            return glossary.glossary_letters(conn, order)

    def feature_titles(self, slugs: Sequence[str]) -> dict[str, str]:
        """The titles of some features, by slug."""
        with self._engine.connect() as conn:
            return glossary.feature_titles(conn, slugs)

    def places_slice(self, *, after: str | None = None, before: str | None = None, limit: int) -> PlaceSlice:
        """Up to `limit` places of the library by name after the key `after` (or before `before`),
        each with its count of features and the first few of them (`store.places`)."""
        return read_places(self._engine, after=after, before=before, limit=limit)

    def all_places(self) -> list[PlaceGroup]:
        """Every place of the library by name, read at once (the static site's places pages)."""
        return read_all_places(self._engine)
