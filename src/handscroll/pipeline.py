"""The one place that runs the stages in order: files -> features -> library.

An import streams (issue 11 item 3): files go through in batches of
`BATCH_SIZE`, each hashed, read (on every core for a big batch), enriched,
aligned and written before the next but one is started, so memory stays
flat however many files there are. Each batch is one transaction; with
`all_or_nothing` the run is one, and a failed run leaves the library as it was.
What the run keeps for its report (outcomes, warnings, errors, slug claims)
is in a temporary database (`run_log.RunLog`), not in memory; the files are
listed as they are walked, never all at once; and on SQLite the search index
is written in bulk once the rows are, apart from this process
(`store.search_deferred`).
"""

from __future__ import annotations

import contextlib
import itertools
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol, TypeVar

from handscroll.config import Settings
from handscroll.editions.align import align_results, work_key
from handscroll.editions.aligned import work_enrichments
from handscroll.enrich import Enrichment, enrich_feature
from handscroll.errors import Location, NotFoundError, ReadError, display_path
from handscroll.heap import release_freed_memory
from handscroll.ingest import ReadResult, ReadWarning, expand_paths, load_source
from handscroll.ingest.series_titles import read_series_titles, series_files
from handscroll.model import Feature
from handscroll.reading_pool import PARALLEL_FROM, PendingBatch, Readers
from handscroll.run_log import ERROR, PIN, REPLACED, WARNING, ImportSummary, RunLog
from handscroll.store import ImportItem, Library, Outcome
from handscroll.store.import_run import ImportRun
from handscroll.store.works import StoredEdition
from handscroll.workspace.derived import derived_editions
from handscroll.workspace.imports import record_published, save_drafts

__all__ = ["BATCH_SIZE", "PARALLEL_FROM", "ImportSummary", "Progress", "enrich_library", "import_paths"]

BATCH_SIZE = 250
"""Files per batch: one transaction each, and what memory holds at once (two batches at most)."""

_T = TypeVar("_T")


class Progress(Protocol):
    """Told how many items there are, then of each one as it is done (the CLI's progress bar)."""

    def start(self, total: int) -> None: ...

    def advance(self, item: object) -> None: ...


@dataclass
class _Run:
    """What the whole run keeps: counts and a log on disk, never a list of files or features."""

    settings: Settings
    store: ImportRun
    progress: Progress | None
    force: bool
    all_or_nothing: bool
    enrich: bool
    work: str | None  # an explicit work key for every file (--work)
    draft: bool  # write draft revisions only, leaving the public library as it was (issue 13)
    log: RunLog = field(default_factory=RunLog)  # outcomes, warnings, errors, slug claims, quiz pins
    files: int = 0
    series_titles: dict[str, str] = field(default_factory=dict)  # from series.yaml and front matter

    def advance(self, item: object) -> None:
        if self.progress is not None:
            self.progress.advance(item)

    def warn(self, warnings: Iterable[ReadWarning]) -> None:
        for warning in warnings:  # each once: batches repeat alignment's
            self.log.note(WARNING, warning)

    def fail(self, error: ReadError) -> None:
        self.log.note(ERROR, error, once=False)

    @property
    def failed(self) -> bool:
        return bool(self.log.counts[ERROR])

    def start(self, entries: tuple[Path | ReadError, ...], readers: Readers) -> PendingBatch:
        """Hash a batch's files and start reading the changed ones; unchanged ones are done here."""
        hashes: dict[Path, str] = {}
        for entry in entries:
            if isinstance(entry, ReadError):
                self.fail(entry)
                continue
            self.files += 1
            if entry in hashes:  # named twice (a folder and a file in it): read once
                self.advance(entry)
                continue
            try:
                hashes[entry] = load_source(entry, self.settings).hash  # the bytes are dropped at once
            except ReadError as exc:
                self.fail(exc)
                self.advance(entry)
        # One query a batch for the known hashes: re-importing an unchanged
        # library costs a read and a hash per file, no parsing and no writes.
        known = {} if self.force else self.store.known_source_hashes(list(hashes.values()))
        changed = []
        unchanged = []
        for path, source_hash in hashes.items():
            if source_hash not in known:
                changed.append(path)  # counted on the progress bar once read
                continue
            slug = known[source_hash]
            self.log.claim(slug, display_path(path))
            unchanged.append((slug, Outcome.SKIPPED))
            self.advance(path)
        self.log.record(unchanged, written=False)
        return readers.submit(changed)

    def finish(self, pending: PendingBatch) -> None:
        """Take a batch's features as read, align its editions and write it (unless the run failed)."""
        items: list[ImportItem] = []
        editions: list[ReadResult] = []
        for path, outcome in zip(pending.paths, pending.outcomes(), strict=True):
            self.advance(path)
            if isinstance(outcome, ReadError):
                self.fail(outcome)
                continue
            result, enrichment, document = outcome
            if self._claim(result):
                self.warn(result.warnings)
                if result.series_title and result.feature.series:
                    self.series_titles[result.feature.series] = result.series_title
                editions.append(replace(result, work=result.work or self.work))
                items.append(replace(_item(result, enrichment, self.work), document=document))
                if result.quiz is not None:  # checked once the run is written; its slug is enough
                    bare = result.feature.model_copy(update={"blocks": ()})
                    self.log.note(PIN, replace(result, feature=bare, warnings=(), block_lines=()), once=False)
        # Alignment reads only features: a misaligned edition is reported, never refused.
        stored = self.store.work_editions(sorted({item.work for item in items if item.work}))
        self.warn(_misalignments(editions, items, stored, self.store))
        # A work with a Traditional edition and no Simplified one gets one converted by OpenCC,
        # written in the same transaction and marked as derived (issue 12, item 5).
        try:
            items.extend(derived_editions(items, stored, self.settings, enrich=self.enrich))
        except ReadError as exc:  # a bad phrase table: nothing is derived, and the run says why
            self.fail(exc)
        # Terms and places one edition names and its aligned edition only uses go to both
        # (issue 12, item 4); stored editions whose enrichment changes are written with the batch.
        # A draft changes no published edition, so drafts leave the stored ones alone.
        aligned = _aligned_enrichments(items, stored, self.store) if self.enrich and not self.draft else []
        if self.failed and self.all_or_nothing:
            return  # the run is rolled back: writing more would be wasted
        if self.draft:
            report = self.store.transact(lambda session: save_drafts(session, items))
        else:  # published: the features and their revisions in one transaction (issue 13)
            report = self.store.write(
                items, enrichments=aligned, then=lambda session, done: record_published(session, items, done)
            )
        self.log.record(report.outcomes, written=True)
        for slug in report.replaced:
            self.log.note(REPLACED, slug)

    def _claim(self, result: ReadResult) -> bool:
        """Claim the feature's slug for its source; False (and an error) when another source has it."""
        slug = result.feature.slug
        first = self.log.claim(slug, result.source)
        if first != result.source:
            self.fail(
                ReadError(
                    f"two features with the slug {slug!r}: this one and {first}; "
                    "give one a different title or a `slug`",
                    Location(result.source),
                )
            )
            return False
        return True


def _item(result: ReadResult, enrichment: Enrichment | None, work: str | None) -> ImportItem:
    return ImportItem(
        feature=result.feature,
        source=result.source,
        source_hash=result.source_hash,
        enrichment=enrichment,
        work=work_key(result.feature, result.work or work),
        quiz=result.quiz,
    )


def import_paths(
    specs: Iterable[str],
    library: Library,
    settings: Settings,
    *,
    force: bool = False,
    all_or_nothing: bool = False,
    enrich: bool = True,
    progress: Progress | None = None,
    work: str | None = None,
    batch_size: int = BATCH_SIZE,
    draft: bool = False,
    indexed: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Import files, folders and globs into the library, `batch_size` files at a time.

    Unchanged files (same bytes as last time) are skipped before parsing,
    unless `force`. Files that fail to read are reported and left out; with
    `all_or_nothing` any failure leaves the library untouched. Without
    `enrich`, features are stored unenriched (for a fast bulk load) and
    `enrich_library` derives what they say later. Editions of one work (or
    all files, given `work`) are aligned with each other and with the stored
    editions of their work, and what does not pair is reported as a warning
    (issue 12). Each feature written is a revision in the editors' workspace,
    published; with `draft` it is only a draft revision and the public
    library is left as it was (issue 13). On SQLite the search index is written
    once the rows are, and `indexed` is told (done, total) as it is.
    """
    specs = list(specs)
    own = library.own_paths()  # the library's database and index may sit in the folder imported

    def entries() -> Iterator[Path | ReadError]:
        """The files as the folders are walked: never a list of all of them (issue 11 item 3)."""
        return (e for e in expand_paths(specs) if not (isinstance(e, Path) and _inside(e, own)))

    if progress is not None:
        progress.start(sum(1 for e in entries() if isinstance(e, Path)))  # a first walk that keeps nothing
    # On SQLite the index is written from the rows after the run, so readers make no index rows.
    documents = library.engine.dialect.name != "sqlite"
    with (
        library.import_run(all_or_nothing=all_or_nothing, batch=batch_size, indexed=indexed) as store,
        Readers(settings, enrich=enrich, documents=documents) as readers,
    ):
        run = _Run(settings, store, progress, force, all_or_nothing, enrich, work, draft)
        _read_series_files(specs, run)
        # Enrich while reading, so a feature and what was derived from it are
        # written in one transaction and can never disagree. The next batch is
        # read while this one is written; never more than two are held.
        reading: deque[PendingBatch] = deque()
        for batch in _batched(entries(), batch_size):
            reading.append(run.start(batch, readers))
            if len(reading) > 1:
                run.finish(reading.popleft())
                release_freed_memory()  # or the heaps fragment and the run grows by batch
        while reading:
            run.finish(reading.popleft())
        if run.failed and all_or_nothing:
            store.discard()
            run.log.forget_written()
            run.series_titles.clear()
    if not draft:  # a draft pins nothing until it is published
        run.warn(stale_pins(library, run.log.notes(PIN)))
        _name_series(library, run.series_titles)
    return ImportSummary(log=run.log, files=run.files)


def stale_pins(library: Library, pins: Iterable[ReadResult]) -> list[ReadWarning]:
    """A warning for each pinned id that is not one of its feature's items now (the text changed)."""
    from handscroll.learn.load import load_quiz

    warnings = []
    for result in pins:
        quiz, _ = load_quiz(library, result.feature.slug)
        current = {item.id for item in quiz.items}
        for item_id in result.quiz or ():
            if item_id not in current:
                warnings.append(
                    ReadWarning(
                        Location(result.source, result.quiz_line),
                        f"quiz: {item_id} is not one of this feature's items now (the text changed "
                        f"since it was approved?); see `handscroll quiz {result.feature.slug}`",
                    )
                )
    return warnings


def _batched(values: Iterable[_T], size: int) -> Iterator[tuple[_T, ...]]:
    """`values` in runs of `size` (itertools.batched, which Python 3.11 lacks)."""
    it = iter(values)
    while batch := tuple(itertools.islice(it, max(1, size))):
        yield batch


def _read_series_files(specs: list[str], run: _Run) -> None:
    """The titles `series.yaml` beside the files gives (issue 14); a bad file is an error of the run."""
    for path in series_files(specs):
        try:
            run.series_titles.update(read_series_titles(path))
        except ReadError as exc:
            run.fail(exc)


def _name_series(library: Library, titles: dict[str, str]) -> None:
    """Give the imported series the titles their sources name; a key no feature has yet waits."""
    for key, title in titles.items():
        with contextlib.suppress(NotFoundError):
            library.set_series_title(key, title)


def _misalignments(
    editions: list[ReadResult],
    items: list[ImportItem],
    stored: dict[str, list[StoredEdition]],
    store: ImportRun,
) -> list[ReadWarning]:
    """Align a batch's editions with each other and with the stored editions of their works.

    A derived edition is a conversion of its Traditional one, so it is not aligned again. Of
    the stored ones, one per work and language is enough (alignment takes no more): a work
    stored with many editions in one language, each reported when it came, is not loaded
    whole for every batch that touches it. Stored editions come first, so a second edition in
    one language read now is the one reported, and it is left out of the work (in `items`,
    imported as a feature of its own); a stored edition read again (by slug or file) is itself.
    """
    read = {item.feature.slug for item in items} | {item.source for item in items}
    others: list[tuple[StoredEdition, str]] = []
    for key, found in stored.items():
        languages: set[str] = set()
        for edition in found:
            again = edition.slug in read or edition.source in read
            if not again and not edition.derived and edition.language not in languages:
                languages.add(edition.language)
                others.append((edition, key))
    features = store.load_features([edition.slug for edition, _ in others])
    results = [
        # An explicit key is stored as "key:<key>"; read back, it is the key as given.
        ReadResult(feature=feature, source=edition.source, work=_explicit(key))
        for (edition, key), feature in zip(others, features, strict=True)
    ]
    problems = []
    for aligned in align_results([*results, *editions]):
        problems.extend(aligned.problems)
        chosen = {edition.source for edition in aligned.editions.values()}
        for index, item in enumerate(items):
            if item.work == aligned.key and item.source not in chosen:
                items[index] = replace(item, work=None)  # left out of the work, as reported
    return problems


def _aligned_enrichments(
    items: list[ImportItem], stored: dict[str, list[StoredEdition]], store: ImportRun
) -> list[tuple[str, Enrichment]]:
    """Give the batch's editions (in `items`) and the stored editions of their works the terms and
    places their aligned editions name; return the stored ones whose enrichment changed."""
    works: dict[str, dict[str, tuple[Feature, Enrichment]]] = {}
    at: dict[str, int] = {}  # slug -> index of its item
    for index, item in enumerate(items):
        if item.work and item.enrichment is not None:
            works.setdefault(item.work, {})[item.feature.language] = (item.feature, item.enrichment)
            at[item.feature.slug] = index
    wanted = [
        (key, edition.slug)
        for key, editions in stored.items()
        if key in works
        for edition in editions
        if edition.language not in works[key] and edition.slug not in at
    ]
    before: dict[str, Enrichment] = {}
    slugs = [slug for _, slug in wanted]
    for (key, slug), feature, enrichment in zip(
        wanted, store.load_features(slugs), store.load_enrichments(slugs), strict=True
    ):
        if enrichment is not None and feature.language not in works[key]:
            works[key][feature.language] = (feature, enrichment)
            before[slug] = enrichment
    changed = []
    for key, work in works.items():
        for language, enrichment in work_enrichments(key, work).items():
            slug = work[language][0].slug
            if slug in at:
                if enrichment != items[at[slug]].enrichment:  # its index row is made again when written
                    items[at[slug]] = replace(items[at[slug]], enrichment=enrichment, document=None)
            elif enrichment != before[slug]:
                changed.append((slug, enrichment))
    return changed


def _explicit(key: str) -> str | None:
    return key.removeprefix("key:") if key.startswith("key:") else None


def enrich_library(
    library: Library, *, everything: bool = False, progress: Progress | None = None
) -> list[str]:
    """Re-run enrichment on stale features (or all), saving a batch at a time; return their slugs.

    Running it twice changes nothing the second time: enrichment is a pure
    function of the feature, and fresh enrichments are not redone. Each batch
    is saved in one transaction, so a stopped run keeps what it finished and
    the next run picks up the rest.
    """
    slugs = [f.slug for f in library.list_features()] if everything else library.stale_enrichments()
    if progress is not None:
        progress.start(len(slugs))
    for batch in _batched(slugs, BATCH_SIZE):
        enriched = []
        for slug in batch:
            enriched.append((slug, enrich_feature(library.get_feature(slug))))
            if progress is not None:
                progress.advance(slug)
        library.save_enrichments(_with_aligned_terms(library, enriched))
    return slugs


def _with_aligned_terms(
    library: Library, enriched: list[tuple[str, Enrichment]]
) -> list[tuple[str, Enrichment]]:
    """Fresh enrichments with the terms and places their works' aligned editions give them, and the
    other editions of those works whose enrichment changes with them (issue 12, item 4)."""
    fresh = dict(enriched)
    works = sorted({key for key, _ in library.work_keys(list(fresh)).values()})
    out = dict(fresh)
    for key, editions in library.work_editions(works).items():
        work: dict[str, tuple[Feature, Enrichment]] = {}
        for edition in editions:
            enrichment = fresh.get(edition.slug) or library.get_enrichment(edition.slug)
            if enrichment is not None and edition.language not in work:
                work[edition.language] = (library.get_feature(edition.slug), enrichment)
        for language, enrichment in work_enrichments(key, work).items():
            slug = work[language][0].slug
            if slug in fresh or enrichment != work[language][1]:
                out[slug] = enrichment
    return list(out.items())


def _inside(path: Path, folders: tuple[Path, ...]) -> bool:
    """Whether `path` is one of `folders` or lies under one."""
    resolved = path.resolve()
    return any(resolved == f or resolved.is_relative_to(f) for f in folders)
