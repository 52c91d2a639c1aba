"""The Library: the one object the rest of handscroll uses to save and load features.

Each method runs in its own short transaction and speaks only models and the
records of `handscroll.store.records`; ORM rows and sessions stay inside.
Imports are built for speed: one SELECT finds which slugs of a batch exist,
then rows go in with bulk (executemany) statements, never one round trip per
feature or block.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from types import TracebackType
from typing import Self

from sqlalchemy import ColumnElement, Engine, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import QueryableAttribute, Session

from handscroll.errors import NotFoundError, StoreError
from handscroll.model import ENRICHMENT_VERSION, Enrichment, Feature
from handscroll.store.engine import describe_error, open_engine, writer
from handscroll.store.import_run import ImportRun, load_feature, replace_by_slug
from handscroll.store.importing import import_items, refuse_duplicate_slugs
from handscroll.store.mapping import build_summary
from handscroll.store.quizzes import pin_approvals
from handscroll.store.records import (
    FeatureSummary,
    GlossaryEntry,
    ImportItem,
    ImportReport,
    SeriesSummary,
    TimelineEntry,
)
from handscroll.store.redirects import all_redirects, redirect_target
from handscroll.store.search import (
    SearchFilters,
    SearchResults,
    VocabularyCache,
    search_library,
    unindex_features,
)
from handscroll.store.tables import (
    BlockRow,
    EditionRow,
    EnrichmentRow,
    EventRow,
    FeatureRow,
    SeriesRow,
    TermRow,
)
from handscroll.store.works import StoredEdition, editions_of, save_works, work_keys


class Library:
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

    @classmethod
    def open(cls, url: str) -> Library:
        """Open the library at a SQLAlchemy URL, creating the database schema if it is missing."""
        return cls(open_engine(url))

    @property
    def engine(self) -> Engine:
        """The library's engine, for the editors' workspace (issue 13), which keeps its own tables
        and writes the public ones through `store.importing` in its own transactions."""
        return self._engine

    def close(self) -> None:
        """Release the library's connections."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def known_source_hashes(self) -> dict[str, str]:
        """Map the source hash of every stored feature to its slug, in one query."""
        with Session(self._engine) as session:
            rows = session.execute(select(FeatureRow.source_hash, FeatureRow.slug))
            return {source_hash: slug for source_hash, slug in rows}

    def import_features(self, items: Sequence[ImportItem]) -> ImportReport:
        """Add new features, update changed ones in place, skip unchanged ones: all or nothing.

        Raises StoreError (and writes nothing) when two items share a slug or
        the database refuses the batch.
        """
        refuse_duplicate_slugs(items)
        hashes = [item.feature.content_hash() for item in items]
        try:
            with Session(self._writer) as session, session.begin():
                report = import_items(session, items, hashes)
                replaced = save_works(session, items)  # work keys in the same transaction (issue 12)
                pin_approvals(session, items)  # and the approvals a `::: quiz` pins (issue 15)
                return ImportReport(report.outcomes, tuple(replaced))
        except SQLAlchemyError as exc:
            raise StoreError(f"import failed and nothing was written: {describe_error(exc)}") from exc

    @contextmanager
    def import_run(self, *, all_or_nothing: bool = False) -> Iterator[ImportRun]:
        """An import written batch by batch: a transaction each, or one for the run (issue 11).

        All or nothing, the run is committed when the block ends without an
        error and without `ImportRun.discard`; otherwise nothing of it stays.
        """
        run = ImportRun(self._engine, self._writer, all_or_nothing=all_or_nothing)
        try:
            yield run
        except BaseException:
            run.finish(failed=True)
            raise
        run.finish()

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
        figures = (
            select(func.count(BlockRow.id))
            .where(BlockRow.feature_id == FeatureRow.id, BlockRow.type == "figure")
            .correlate(FeatureRow)
            .scalar_subquery()
        )
        query = (
            select(FeatureRow, SeriesRow.key, figures, EditionRow.work_key, EditionRow.derived)
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
            select(SeriesRow.key, SeriesRow.title, func.count(FeatureRow.id))
            .join(SeriesRow.features)
            .group_by(SeriesRow.id, SeriesRow.key, SeriesRow.title)
            .order_by(self._text_order(SeriesRow.key))
        )
        with Session(self._engine) as session:
            return [SeriesSummary(key=k, title=t, features=n) for k, t, n in session.execute(query)]

    def get_series(self, key: str) -> SeriesSummary:
        """One series with its feature count; NotFoundError if no feature is in it."""
        query = (
            select(SeriesRow.key, SeriesRow.title, func.count(FeatureRow.id))
            .join(SeriesRow.features)
            .where(SeriesRow.key == key)
            .group_by(SeriesRow.id, SeriesRow.key, SeriesRow.title)
        )
        with Session(self._engine) as session:
            row = session.execute(query).one_or_none()
        if row is None:
            raise NotFoundError(f"no series {key!r} in the library")
        return SeriesSummary(key=row[0], title=row[1], features=row[2])

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
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResults:
        """Features matching a query in any script, best first (issue 5); never fails on user text."""
        filters = SearchFilters(series=series, year_from=year_from, year_to=year_to)
        try:
            return search_library(
                self._engine, query, filters, limit=limit, offset=offset, vocabularies=self._vocabulary
            )
        except SQLAlchemyError as exc:
            raise StoreError(f"search failed: {describe_error(exc)}") from exc

    def timeline(self, *, series: str | None = None, slug: str | None = None) -> list[TimelineEntry]:
        """Events of the library, a series or a feature, in time order (see timeline.sort_key)."""
        query = (
            select(
                EventRow,
                FeatureRow.slug,
                FeatureRow.title,
                FeatureRow.part,
                SeriesRow.key,
                FeatureRow.language,
                EditionRow.work_key,
            )
            .join(FeatureRow, EventRow.feature_id == FeatureRow.id)
            .outerjoin(FeatureRow.series)
            .outerjoin(EditionRow, EditionRow.feature_id == FeatureRow.id)
            .order_by(self._text_order(EventRow.sort_key), FeatureRow.slug, EventRow.position)
        )
        if series is not None:
            query = query.where(SeriesRow.key == series)
        if slug is not None:
            query = query.where(FeatureRow.slug == slug)
        with Session(self._engine) as session:
            return [
                TimelineEntry(
                    slug=feature_slug,
                    title=title,
                    part=part,
                    series=key,
                    value=e.value,
                    mod=e.mod,
                    year=e.year,
                    text=e.text,
                    sentence=e.sentence,
                    block=e.block,
                    field=e.field,
                    paragraph=e.paragraph,
                    start=e.start,
                    end=e.end,
                    language=language,
                    work=work,
                )
                for e, feature_slug, title, part, key, language, work in session.execute(query)
            ]

    def glossary(self, *, series: str | None = None) -> list[GlossaryEntry]:
        """The library's terms, one entry per English name and Chinese form, by English name."""
        query = (
            select(TermRow, FeatureRow.slug)
            .join(FeatureRow, TermRow.feature_id == FeatureRow.id)
            .order_by(self._text_order(TermRow.english), FeatureRow.slug, TermRow.position)
        )
        if series is not None:
            query = query.outerjoin(FeatureRow.series).where(SeriesRow.key == series)
        entries: dict[tuple[str, str | None], GlossaryEntry] = {}
        with Session(self._engine) as session:
            for term, feature_slug in session.execute(query):
                key = (term.english, term.traditional)
                known = entries.get(key)
                if known is None:
                    entries[key] = GlossaryEntry(
                        english=term.english,
                        chinese=term.chinese,
                        abbreviation=term.abbreviation,
                        note=term.note,
                        traditional=term.traditional,
                        simplified=term.simplified,
                        pinyin=term.pinyin,
                        pinyin_plain=term.pinyin_plain,
                        slugs=(feature_slug,),
                    )
                elif feature_slug not in known.slugs:
                    entries[key] = replace(known, slugs=(*known.slugs, feature_slug))
        return list(entries.values())

    def _text_order(self, column: QueryableAttribute[str]) -> ColumnElement[str]:
        # Sort by code point on both databases: PostgreSQL would otherwise use
        # the server's locale collation and list features in another order than SQLite.
        if self._engine.dialect.name == "postgresql":
            return column.collate("C")
        return column.expression
