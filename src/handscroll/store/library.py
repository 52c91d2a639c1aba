"""The Library: the one object the rest of handscroll uses to save and load features.

Each method runs in its own short transaction and speaks only models and the
records of `handscroll.store.records`; ORM rows and sessions stay inside.
Imports are built for speed: one SELECT finds which slugs of a batch exist,
then rows go in with bulk (executemany) statements, never one round trip per
feature or block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlalchemy import ColumnElement, Engine, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import QueryableAttribute, Session

from handscroll.errors import NotFoundError, StoreError
from handscroll.model import ENRICHMENT_VERSION, Enrichment, Feature
from handscroll.store import listing
from handscroll.store.engine import describe_error, open_engine, writer
from handscroll.store.import_run import ImportRun, load_feature, replace_by_slug
from handscroll.store.importing import chunks, write_import
from handscroll.store.listing import first_title
from handscroll.store.mapping import build_summary
from handscroll.store.pages import PagedReads
from handscroll.store.records import (
    FeatureSummary,
    GlossaryEntry,
    ImportItem,
    ImportReport,
    SeriesSummary,
    TimelineEntry,
)
from handscroll.store.redirects import all_redirects, redirect_target
from handscroll.store.render_parts import StoredParts
from handscroll.store.search import (
    EditionsCache,
    SearchFilters,
    SearchResults,
    VocabularyCache,
    close_index,
    open_index,
    rebuild_index,
    search_library,
    unindex_features,
)
from handscroll.store.search_deferred import replay_after_import
from handscroll.store.search_documents import load_features
from handscroll.store.search_tantivy import index_path
from handscroll.store.tables import (
    EditionRow,
    EnrichmentRow,
    EventRow,
    FeatureRow,
    SeriesRow,
    TermRow,
)
from handscroll.store.timeline_slices import (
    TimelineFilter,
    TimelineSlice,
    read_slice,
    timeline_select,
    to_entry,
)
from handscroll.store.timeline_stream import TimelineDate
from handscroll.store.works import StoredEdition, editions_of, work_keys


class Library(PagedReads, StoredParts):
    """A library of features in a SQLite file or a PostgreSQL database.

    A series row stays when its last feature is deleted (so a title given to
    it survives deleting and re-importing its features); `list_series` shows
    only series that have features.
    """

    def __init__(self, engine: Engine) -> None:
        """Wrap an engine whose schema is already at head; use `Library.open`."""
        self._engine = engine
        self._writer = writer(engine)
        self._vocabulary = VocabularyCache()
        self._editions = EditionsCache()

    @classmethod
    def open(cls, url: str) -> Library:
        """Open the library at a SQLAlchemy URL, creating the database schema if it is missing.

        On SQLite the search index beside the file is built if it is missing and
        brought up to date if a crash left it behind (search_embedded.py).
        """
        engine = open_engine(url)
        try:
            open_index(engine)
        except (StoreError, SQLAlchemyError) as exc:
            engine.dispose()
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"cannot open the search index: {describe_error(exc)}") from exc
        return cls(engine)

    @property
    def engine(self) -> Engine:
        """The library's engine, for the editors' workspace (issue 13), which keeps its own tables
        and writes the public ones through `store.importing` in its own transactions."""
        return self._engine

    def close(self) -> None:
        """Release the library's connections (and its search index)."""
        close_index(self._engine)
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def own_paths(self) -> tuple[Path, ...]:
        """The files the library keeps on disk (a SQLite database and its search index folder), so
        an import of the folder it sits in leaves them alone; none for a server database."""
        url = self._engine.url
        index = index_path(url)
        if index is None:
            return ()
        return (Path(str(url.database)).resolve(), index)

    def known_source_hashes(self) -> dict[str, str]:
        """Map the source hash of every stored feature to its slug, in one query."""
        with Session(self._engine) as session:
            rows = session.execute(select(FeatureRow.source_hash, FeatureRow.slug))
            return {source_hash: slug for source_hash, slug in rows}

    def import_features(
        self, items: Sequence[ImportItem], *, then: Callable[[Session, ImportReport], None] | None = None
    ) -> ImportReport:
        """Add new features, update changed ones in place, skip unchanged ones: all or nothing.

        `then` runs in the same transaction after the features are written (the
        workspace records their revisions there, issue 13). Raises StoreError (and
        writes nothing) when two items share a slug or the database refuses the batch.
        """
        try:
            with Session(self._writer) as session, session.begin():
                report = write_import(session, items)
                if then is not None:
                    then(session, report)
            self._editions.clear()  # search counts works anew
            return report
        except SQLAlchemyError as exc:
            raise StoreError(f"import failed and nothing was written: {describe_error(exc)}") from exc

    @contextmanager
    def import_run(
        self,
        *,
        all_or_nothing: bool = False,
        batch: int = 250,
        indexed: Callable[[int, int], None] | None = None,
    ) -> Iterator[ImportRun]:
        """An import written batch by batch: a transaction each, or one for the run (issue 11).

        All or nothing, the run is committed when the block ends without an
        error and without `ImportRun.discard`; otherwise nothing of it stays.
        On SQLite the search index is written once the run's rows are, in bulk
        (search_deferred.py; `batch` features a transaction when in this process), and
        `indexed` is told (done, total) as it goes.
        """
        run = ImportRun(self._engine, self._writer, all_or_nothing=all_or_nothing)
        try:
            yield run
        except BaseException:
            run.finish(failed=True)
            raise  # what its batches committed is indexed when the library is next opened
        run.finish()
        replay_after_import(self._engine, batch, indexed)  # the search index, in bulk after the rows
        self._editions.clear()  # search counts works anew

    def work_editions(self, keys: Sequence[str]) -> dict[str, list[StoredEdition]]:
        """Per work key, its stored editions (issue 12)."""
        with Session(self._engine) as session:
            return editions_of(session, keys)

    def work_keys(self, slugs: Sequence[str]) -> dict[str, tuple[str, bool]]:
        """Per slug that is an edition of a work, its work key and whether it is derived (issue 12)."""
        with Session(self._engine) as session:
            return work_keys(session, slugs)

    def editions_of_feature(self, slug: str) -> list[StoredEdition]:
        """Every stored edition of the work `slug` is an edition of (itself included), or [] when
        it is an edition of no work (issue 12)."""
        with Session(self._engine) as session:
            key = work_keys(session, [slug]).get(slug)
            return editions_of(session, [key[0]])[key[0]] if key else []

    def list_features(
        self, *, series: str | None = None, offset: int = 0, limit: int | None = None
    ) -> list[FeatureSummary]:
        """Summaries ordered by series key, part and title; features without a series come last."""
        query = (
            select(FeatureRow, SeriesRow.key, listing.FIGURES, EditionRow.work_key, EditionRow.derived)
            .outerjoin(FeatureRow.series)
            .outerjoin(EditionRow, EditionRow.feature_id == FeatureRow.id)
            .order_by(
                self._text_order(SeriesRow.key).nulls_last(),
                FeatureRow.part.nulls_last(),
                self._text_order(FeatureRow.title),
                FeatureRow.slug,
            )
            .offset(offset)
            .limit(limit)
        )
        if series is not None:
            query = query.where(SeriesRow.key == series)
        with Session(self._engine) as session:
            return [
                build_summary(
                    slug=row.slug,
                    title=row.title,
                    part=row.part,
                    series=key,
                    language=row.language,
                    hero=row.hero,
                    figures=count,
                    source=row.source,
                    updated_at=row.updated_at,
                    work=work,
                    derived=bool(derived),
                )
                for row, key, count, work, derived in session.execute(query)
            ]

    def count_features(self, *, series: str | None = None) -> int:
        """How many features the library holds, in all or in one series."""
        query = select(func.count(FeatureRow.id))
        if series is not None:
            query = query.join(FeatureRow.series).where(SeriesRow.key == series)
        with Session(self._engine) as session:
            return session.execute(query).scalar_one()

    def get_feature(self, slug: str) -> Feature:
        """Load one feature, rebuilt from its block rows; NotFoundError if the slug is unknown."""
        with Session(self._engine) as session:
            return load_feature(session, slug)

    def read_features(self, slugs: Sequence[str]) -> Iterator[tuple[Feature, Enrichment | None]]:
        """Features and their enrichments in the order of `slugs`, read a chunk at a time: a static
        build reads each feature once this way (issue 11); unknown slugs are skipped."""
        for chunk in chunks(list(slugs)):
            with Session(self._engine) as session:
                query = select(FeatureRow.slug, FeatureRow.id).where(FeatureRow.slug.in_(chunk))
                ids = {slug: fid for slug, fid in session.execute(query)}
                loaded = load_features(session, list(ids.values()))
                stored = session.execute(
                    select(EnrichmentRow.feature_id, EnrichmentRow.data).where(
                        EnrichmentRow.feature_id.in_(list(ids.values()))
                    )
                )
                enrichments = {fid: Enrichment.from_dict(data) for fid, data in stored}
            for slug in chunk:
                if slug in ids:
                    yield loaded[ids[slug]], enrichments.get(ids[slug])

    def redirect_for(self, slug: str) -> str | None:
        """The slug a feature has now, if `slug` is one it had before a re-import renamed it."""
        with Session(self._engine) as session:
            return redirect_target(session, slug)

    def redirects(self) -> dict[str, str]:
        """Every old slug with the current slug of its feature (the static build writes pages for them)."""
        with Session(self._engine) as session:
            return all_redirects(session)

    def delete_feature(self, slug: str) -> None:
        """Delete a feature and its blocks; NotFoundError if the slug is unknown."""
        with Session(self._writer) as session, session.begin():
            row = session.execute(select(FeatureRow).where(FeatureRow.slug == slug)).scalar_one_or_none()
            if row is None:
                raise NotFoundError(f"no feature {slug!r} in the library")
            unindex_features(session, [row.id])  # FTS5 rows have no foreign key to cascade from
            session.delete(row)

    def list_series(self) -> list[SeriesSummary]:
        """Every series with at least one feature, by key, with its feature count."""
        query = (
            select(SeriesRow.key, SeriesRow.title, func.count(FeatureRow.id), first_title())
            .join(SeriesRow.features)
            .group_by(SeriesRow.id, SeriesRow.key, SeriesRow.title)
            .order_by(self._text_order(SeriesRow.key))
        )
        with Session(self._engine) as session:
            return [SeriesSummary(k, t, n, first) for k, t, n, first in session.execute(query)]

    def get_series(self, key: str) -> SeriesSummary:
        """One series with its feature count; NotFoundError if no feature is in it."""
        query = (
            select(SeriesRow.key, SeriesRow.title, func.count(FeatureRow.id), first_title())
            .join(SeriesRow.features)
            .where(SeriesRow.key == key)
            .group_by(SeriesRow.id, SeriesRow.key, SeriesRow.title)
        )
        with Session(self._engine) as session:
            row = session.execute(query).one_or_none()
        if row is None:
            raise NotFoundError(f"no series {key!r} in the library")
        return SeriesSummary(key=row[0], title=row[1], features=row[2], first_title=row[3])

    def set_series_title(self, key: str, title: str | None) -> None:
        """Give a series its display title (None clears it); NotFoundError if no such series."""
        with Session(self._writer) as session, session.begin():
            found = session.execute(select(SeriesRow.id).where(SeriesRow.key == key)).scalar_one_or_none()
            if found is None:
                raise NotFoundError(f"no series {key!r} in the library")
            session.execute(update(SeriesRow).where(SeriesRow.id == found).values(title=title))

    def get_enrichment(self, slug: str) -> Enrichment | None:
        """A feature's stored enrichment (None if never enriched); NotFoundError if no such slug."""
        with Session(self._engine) as session:
            row = session.execute(
                select(FeatureRow.id, EnrichmentRow.data)
                .outerjoin(EnrichmentRow, EnrichmentRow.feature_id == FeatureRow.id)
                .where(FeatureRow.slug == slug)
            ).one_or_none()
        if row is None:
            raise NotFoundError(f"no feature {slug!r} in the library")
        return None if row.data is None else Enrichment.from_dict(row.data)

    def enrichment_stamps(self) -> dict[str, tuple[str, int]]:
        """Per slug, the (feature hash, enrichers' version) of its stored enrichment; unenriched
        features are absent. One query, so a static build can key every feature page on what
        it shows (issue 9.8) without loading every enrichment."""
        query = select(FeatureRow.slug, EnrichmentRow.feature_hash, EnrichmentRow.version).join(
            EnrichmentRow, EnrichmentRow.feature_id == FeatureRow.id
        )
        with Session(self._engine) as session:
            return {slug: (digest, version) for slug, digest, version in session.execute(query)}

    def save_enrichments(self, enrichments: Sequence[tuple[str, Enrichment]]) -> None:
        """Replace the enrichments of features given by slug, in one transaction."""
        try:
            with Session(self._writer) as session, session.begin():
                replace_by_slug(session, enrichments)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"saving enrichments failed and nothing was written: {describe_error(exc)}"
            ) from exc

    def approve_quiz_items(self, slug: str, item_ids: list[str]) -> None:
        """Mark self-check items of a feature approved, so readers and exports show them (issue 15)."""
        from handscroll.store.quizzes import approve_items

        approve_items(self._writer, slug, item_ids)

    def approved_quiz_items(self, slug: str) -> frozenset[str]:
        """The ids of a feature's approved self-check items (issue 15)."""
        from handscroll.store.quizzes import approved_items

        return approved_items(self._engine, slug)

    def approved_quiz_features(self) -> frozenset[str]:
        """The slugs of the features with an approved self-check item, in one query (issue 11)."""
        from handscroll.store.quizzes import approved_features

        return approved_features(self._engine)

    def stale_enrichments(self) -> list[str]:
        """Slugs of features never enriched, changed since, or enriched by older enrichers."""
        query = (
            select(FeatureRow.slug)
            .outerjoin(EnrichmentRow, EnrichmentRow.feature_id == FeatureRow.id)
            .where(
                (EnrichmentRow.feature_id.is_(None))
                | (EnrichmentRow.feature_hash != FeatureRow.content_hash)
                | (EnrichmentRow.version != ENRICHMENT_VERSION)
            )
            .order_by(FeatureRow.slug)
        )
        with Session(self._engine) as session:
            return list(session.execute(query).scalars())

    def search(
        self,
        query: str,
        *,
        series: str | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        language: str | None = None,
        reader_language: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResults:
        """Works matching a query in any script, best first (issues 5, 12); never fails on user text.

        `language` keeps only editions in that language; `reader_language` is
        the language a work is shown in when it has an edition in it.
        """
        filters = SearchFilters(series=series, year_from=year_from, year_to=year_to, language=language)
        try:
            return search_library(
                self._engine,
                query,
                filters,
                limit=limit,
                offset=offset,
                language=reader_language,
                vocabularies=self._vocabulary,
                editions=self._editions,
            )
        except SQLAlchemyError as exc:
            raise StoreError(f"search failed: {describe_error(exc)}") from exc

    def rebuild_search_index(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Index every feature again from the tables (`handscroll reindex`); returns how many."""
        try:
            rebuild_index(self._engine, progress)
        except SQLAlchemyError as exc:
            raise StoreError(f"rebuilding the search index failed: {describe_error(exc)}") from exc
        return self.count_features()

    def timeline(self, *, series: str | None = None, slug: str | None = None) -> list[TimelineEntry]:
        """Events of the library, a series or a feature, in time order (see timeline.sort_key);
        never one read from a model answer (issue 14)."""
        query = timeline_select().order_by(
            self._text_order(EventRow.sort_key), FeatureRow.slug, EventRow.position
        )
        if series is not None:
            query = query.where(SeriesRow.key == series)
        if slug is not None:
            query = query.where(FeatureRow.slug == slug)
        with Session(self._engine) as session:
            return [to_entry(row) for row in session.execute(query)]

    def stream_timeline(self, *, by_series: bool = False) -> Iterator[TimelineEntry]:
        """Every event of `timeline()` read a batch at a time (or of each series in turn, `by_series`):
        a static build writes every page without holding the timeline (issue 11)."""
        from handscroll.store.timeline_stream import timeline_entries

        return timeline_entries(self._engine, by_series=by_series)

    def timeline_dates(self, *, by_series: bool = False) -> Iterator[TimelineDate]:
        """The series, feature and date of each event `stream_timeline` gives, in the same order."""
        from handscroll.store.timeline_stream import timeline_dates

        return timeline_dates(self._engine, by_series=by_series)

    def timeline_slice(
        self, wanted: TimelineFilter, *, after: str | None = None, before: str | None = None, limit: int = 100
    ) -> TimelineSlice:
        """About `limit` events of a filtered timeline after (or before) a cursor: what one page of
        the timeline shows, whatever the size of the library (issue 14)."""
        try:
            return read_slice(self._engine, wanted, after=after, before=before, limit=limit)
        except SQLAlchemyError as exc:
            raise StoreError(f"reading the timeline failed: {describe_error(exc)}") from exc

    def glossary(self, *, series: str | None = None, slug: str | None = None) -> list[GlossaryEntry]:
        """The library's terms (or a series' or one feature's), one entry per English name and
        Chinese form, by English name. The whole library's grows with it: pages read
        `glossary_slice`."""
        query = (
            select(TermRow, FeatureRow.slug)
            .join(FeatureRow, TermRow.feature_id == FeatureRow.id)
            .order_by(self._text_order(TermRow.english), FeatureRow.slug, TermRow.position)
        )
        if series is not None:
            query = query.outerjoin(FeatureRow.series).where(SeriesRow.key == series)
        if slug is not None:
            query = query.where(FeatureRow.slug == slug)
        with Session(self._engine) as session:
            return listing.group_terms(session.execute(query))

    def _text_order(self, column: QueryableAttribute[str]) -> ColumnElement[str]:
        # Sort by code point on both databases: PostgreSQL would otherwise use
        # the server's locale collation and list features in another order than SQLite.
        if self._engine.dialect.name == "postgresql":
            return column.collate("C")
        return column.expression
