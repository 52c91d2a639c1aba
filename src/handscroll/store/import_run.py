"""One `handscroll import` as the store sees it: batches, each a transaction or all of them one.

An import streams (issue 11 item 3): the pipeline hands the store a batch of
features at a time and forgets it once written, so memory stays flat however
many files there are. Each batch is written whole or not at all. With
`all_or_nothing`, every batch goes into one transaction that is committed
only at the end of a run without errors; a run that fails (or is killed)
leaves the library as it was. The look-ups the pipeline makes between
batches (known hashes, stored editions) go through that same transaction,
so they see the batches written before. The search index is written after the
run's rows, in bulk (search_deferred.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from handscroll.errors import NotFoundError, StoreError
from handscroll.model import Enrichment, Feature
from handscroll.store.engine import describe_error
from handscroll.store.enrichments import replace_enrichments
from handscroll.store.importing import chunks, write_import
from handscroll.store.mapping import build_feature
from handscroll.store.records import ImportItem, ImportReport
from handscroll.store.search import reindex_stored
from handscroll.store.search_deferred import defer_index
from handscroll.store.tables import BlockRow, EnrichmentRow, FeatureRow, SeriesRow
from handscroll.store.works import StoredEdition, editions_of

_T = TypeVar("_T")


class ImportRun:
    """Writes an import's batches and answers its look-ups; made by `Library.import_run`."""

    def __init__(self, engine: Engine, writer: Engine, *, all_or_nothing: bool) -> None:
        self._engine = engine
        self._writer = writer
        # Their index writes are queued, and replayed once the run is written (search_deferred.py).
        self._whole: Session | None = defer_index(Session(writer)) if all_or_nothing else None
        self._discarded = False
        self.batches = 0
        """How many batches were written (committed, or held for the end of an all-or-nothing run)."""

    def known_source_hashes(self, hashes: Sequence[str]) -> dict[str, str]:
        """Map each of `hashes` that a stored feature was read from to that feature's slug."""
        found: dict[str, str] = {}
        with self._reading() as session:
            for chunk in chunks(list(hashes)):
                query = select(FeatureRow.source_hash, FeatureRow.slug).where(
                    FeatureRow.source_hash.in_(chunk)
                )
                found.update((source_hash, slug) for source_hash, slug in session.execute(query))
        return found

    def work_editions(self, keys: Sequence[str]) -> dict[str, list[StoredEdition]]:
        """Per work key, its stored editions (those written earlier in this run included)."""
        with self._reading() as session:
            return editions_of(session, keys)

    def load_features(self, slugs: Sequence[str]) -> list[Feature]:
        """The stored features of these slugs, in that order."""
        with self._reading() as session:
            return [load_feature(session, slug) for slug in slugs]

    def load_enrichments(self, slugs: Sequence[str]) -> list[Enrichment | None]:
        """The stored enrichments of these slugs, in that order (None: never enriched)."""
        with self._reading() as session:
            return load_enrichments(session, slugs)

    def write(
        self,
        items: Sequence[ImportItem],
        *,
        enrichments: Sequence[tuple[str, Enrichment]] = (),
        then: Callable[[Session, ImportReport], None] | None = None,
    ) -> ImportReport:
        """Write one batch: add, update in place or skip each item; the batch is written whole or not at all.

        `enrichments` replaces the enrichment of stored features (by slug) with the batch: the
        editions of a work whose terms an edition of the batch changed (issue 12). `then` runs
        in the batch's transaction after its features are written (the workspace records their
        revisions there, issue 13). Raises StoreError when two items share a slug or the
        database refuses the batch; nothing of the batch is written then (nor, all or nothing,
        of the batches before it: the run is then rolled back).
        """

        def work(session: Session) -> ImportReport:
            report = write_import(session, items)
            # A derived edition the batch replaced is gone: its aligned terms go with it.
            replace_by_slug(session, [(slug, e) for slug, e in enrichments if slug not in report.replaced])
            if then is not None:
                then(session, report)
            return report

        return self.transact(work)

    def transact(self, work: Callable[[Session], _T]) -> _T:
        """Run `work` as one batch: in a transaction of its own, or in the run's when all or nothing."""
        try:
            if self._whole is not None:
                result = work(self._whole)
                self._whole.flush()
            else:
                with defer_index(Session(self._writer)) as session, session.begin():
                    result = work(session)
        except SQLAlchemyError as exc:
            kept = (
                "nothing was written"
                if self._whole is not None or not self.batches
                else (f"nothing of this batch was written; the {self.batches} batches before it were")
            )
            raise StoreError(f"import failed and {kept}: {describe_error(exc)}") from exc
        self.batches += 1
        return result

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        if self._whole is not None:
            yield self._whole
        else:
            with Session(self._engine) as session:
                yield session

    def discard(self) -> None:
        """All or nothing: roll back every batch of the run when it ends (a file failed)."""
        self._discarded = True

    def finish(self, *, failed: bool = False) -> None:
        """End the run: all or nothing, commit it unless it failed or was discarded, else roll it back."""
        if self._whole is None:
            return
        try:
            if not (failed or self._discarded):
                self._whole.commit()
            else:
                self._whole.rollback()
        except SQLAlchemyError as exc:
            self._whole.rollback()
            raise StoreError(f"import failed and nothing was written: {describe_error(exc)}") from exc
        finally:
            self._whole.close()


def load_enrichments(session: Session, slugs: Sequence[str]) -> list[Enrichment | None]:
    """The stored enrichments of these slugs, in that order (None: never enriched), in `session`."""
    found: dict[str, Enrichment] = {}
    for chunk in chunks(list(slugs)):
        query = (
            select(FeatureRow.slug, EnrichmentRow.data)
            .join(EnrichmentRow, EnrichmentRow.feature_id == FeatureRow.id)
            .where(FeatureRow.slug.in_(chunk))
        )
        found.update((slug, Enrichment.from_dict(data)) for slug, data in session.execute(query))
    return [found.get(slug) for slug in slugs]


def load_feature(session: Session, slug: str) -> Feature:
    """Load one feature, rebuilt from its block rows; NotFoundError if the slug is unknown."""
    head = session.execute(
        select(FeatureRow, SeriesRow.key).outerjoin(FeatureRow.series).where(FeatureRow.slug == slug)
    ).one_or_none()
    if head is None:
        raise NotFoundError(f"no feature {slug!r} in the library")
    row, key = head
    blocks = session.execute(
        select(BlockRow.type, BlockRow.data).where(BlockRow.feature_id == row.id).order_by(BlockRow.position)
    )
    return build_feature(
        slug=row.slug,
        title=row.title,
        part=row.part,
        series=key,
        language=row.language,
        hero=row.hero,
        date=row.date,
        blocks=((block_type, data) for block_type, data in blocks),
    )


def replace_by_slug(session: Session, enrichments: Sequence[tuple[str, Enrichment]]) -> None:
    """Replace the enrichments of features given by slug; NotFoundError names an unknown one."""
    if not enrichments:
        return
    slugs = [slug for slug, _ in enrichments]
    ids: dict[str, int] = {}
    for chunk in chunks(slugs):
        query = select(FeatureRow.slug, FeatureRow.id).where(FeatureRow.slug.in_(chunk))
        ids.update((slug, id_) for slug, id_ in session.execute(query))
    missing = [slug for slug in slugs if slug not in ids]
    if missing:
        raise NotFoundError(f"no feature {missing[0]!r} in the library")
    replace_enrichments(session, [(ids[slug], enrichment) for slug, enrichment in enrichments])
    reindex_stored(session, list(ids.values()))  # the index holds the glossary terms
