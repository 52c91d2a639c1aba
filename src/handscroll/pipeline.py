"""The one place that runs the stages in order: files -> features -> library.

Reading happens before the library is touched at all, so a batch is either
written whole in one transaction or (with `all_or_nothing`) not at all.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

from handscroll.config import Settings
from handscroll.editions.align import align_results, work_key
from handscroll.editions.aligned import work_enrichments
from handscroll.editions.derive import Converter, derive_simplified, load_phrases, to_derive
from handscroll.enrich import Enrichment, enrich_feature
from handscroll.errors import Location, ReadError
from handscroll.ingest import ReadResult, ReadWarning, Source, expand_paths, load_source, parse_source
from handscroll.model import Feature
from handscroll.store import ImportItem, ImportReport, Library, Outcome
from handscroll.store.works import StoredEdition
from handscroll.worker_lifetime import die_with_parent, initializer_args


class Progress(Protocol):
    """Told how many items there are, then of each one as it is done (the CLI's progress bar)."""

    def start(self, total: int) -> None: ...

    def advance(self, item: object) -> None: ...


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: per-feature outcomes, and every problem with file and line."""

    report: ImportReport
    errors: tuple[ReadError, ...] = ()
    warnings: tuple[ReadWarning, ...] = ()
    files: int = 0

    @property
    def failed(self) -> bool:
        """True when some file could not be imported."""
        return bool(self.errors)


@dataclass
class _Batch:
    items: list[ImportItem] = field(default_factory=list)
    unchanged: list[tuple[str, Outcome]] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    slugs: dict[str, str] = field(default_factory=dict)  # slug -> source that claimed it
    files: int = 0
    editions: list[ReadResult] = field(default_factory=list)  # aligned into works after reading
    work: str | None = None  # an explicit work key for every file (--work)

    def add(self, result: ReadResult, enrichment: Enrichment | None) -> None:
        slug = result.feature.slug
        first = self.slugs.setdefault(slug, result.source)
        if first != result.source:
            self.errors.append(
                ReadError(
                    f"two features with the slug {slug!r}: this one and {first}; "
                    "give one a different title or a `slug`",
                    Location(result.source),
                )
            )
            return
        self.warnings.extend(result.warnings)
        self.editions.append(replace(result, lines=(), work=result.work or self.work))
        self.items.append(
            ImportItem(
                feature=result.feature,
                source=result.source,
                source_hash=result.source_hash,
                enrichment=enrichment,
                work=work_key(result.feature, result.work or self.work),
            )
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
) -> ImportSummary:
    """Import files, folders and globs into the library.

    Unchanged files (same bytes as last time) are skipped before parsing,
    unless `force`. Files that fail to read are reported and left out; with
    `all_or_nothing` any failure leaves the library untouched. Without
    `enrich`, features are stored unenriched (for a fast bulk load) and
    `enrich_library` derives what they say later. Editions of one work read
    in the batch (or all files, given `work`) are aligned, and what does not
    pair is reported as a warning (issue 12).
    """
    batch = _Batch(work=work)
    entries = list(expand_paths(specs))
    if progress is not None:
        progress.start(sum(1 for e in entries if isinstance(e, Path)))
    # One query for all known hashes: re-importing an unchanged library costs
    # a read and a hash per file, no parsing and no writes.
    known = {} if force else library.known_source_hashes()
    changed: list[Source] = []
    for entry in entries:
        if isinstance(entry, ReadError):
            batch.errors.append(entry)
            continue
        batch.files += 1
        try:
            source = load_source(entry, settings)
        except ReadError as exc:
            batch.errors.append(exc)
        else:
            if source.hash not in known:
                changed.append(source)  # parsed below, counted on the progress bar then
                continue
            slug = known[source.hash]
            batch.slugs.setdefault(slug, source.shown)
            batch.unchanged.append((slug, Outcome.SKIPPED))
        if progress is not None:
            progress.advance(entry)
    # Enrich while reading, so a feature and what was derived from it are
    # written in one transaction and can never disagree.
    read = _read_and_enrich if enrich else _read_only
    for source, outcome in zip(changed, _map(read, changed, settings), strict=True):
        if isinstance(outcome, ReadError):
            batch.errors.append(outcome)
        else:
            batch.add(*outcome)
        if progress is not None:
            progress.advance(source.path)

    # Alignment reads only features: a misaligned edition is reported, never refused.
    stored = _stored_editions(batch, library)
    batch.warnings.extend(_misalignments(batch, library, stored))
    # A work with a Traditional edition and no Simplified one gets one converted by OpenCC,
    # written in the same transaction and marked as derived (issue 12, item 5).
    try:
        batch.items.extend(_derived_editions(batch.items, stored, settings, enrich=enrich))
    except ReadError as exc:  # a bad phrase table: nothing is derived, and the run says why
        batch.errors.append(exc)
    # Terms one edition names and its aligned edition only uses go to both (issue 12, item 4);
    # stored editions whose terms change are written in the same transaction.
    aligned = _aligned_terms(batch, library, stored) if enrich else []

    if batch.errors and all_or_nothing:
        report = ImportReport(outcomes=())
    else:
        report = library.import_features(batch.items, enrichments=aligned)
    return ImportSummary(
        report=ImportReport(outcomes=tuple(batch.unchanged) + report.outcomes, replaced=report.replaced),
        errors=tuple(batch.errors),
        warnings=tuple(batch.warnings),
        files=batch.files,
    )


def _stored_editions(batch: _Batch, library: Library) -> dict[str, list[StoredEdition]]:
    """The stored editions of the works the batch has editions of."""
    return library.work_editions(sorted({item.work for item in batch.items if item.work}))


def _misalignments(
    batch: _Batch, library: Library, stored: dict[str, list[StoredEdition]]
) -> list[ReadWarning]:
    """Align the batch's editions with each other and with the stored editions of their works.

    Stored editions come first, so a second edition in one language read now is the one
    reported and left out of the work (imported as a feature of its own). A derived edition is
    a conversion of its Traditional one, so it is not aligned again; a stored edition this
    batch reads again (by slug or by file) is the one read.
    """
    read = {item.feature.slug for item in batch.items} | {item.source for item in batch.items}
    others = [
        # An explicit key is stored as "key:<key>"; read back, it is the key as given.
        ReadResult(feature=library.get_feature(edition.slug), source=edition.source, work=_explicit(key))
        for key, editions in stored.items()
        for edition in editions
        if edition.slug not in read and edition.source not in read and not edition.derived
    ]
    problems = []
    for aligned in align_results([*others, *batch.editions]):
        problems.extend(aligned.problems)
        chosen = {edition.source for edition in aligned.editions.values()}
        for index, item in enumerate(batch.items):
            if item.work == aligned.key and item.source not in chosen:
                batch.items[index] = replace(item, work=None)  # left out of the work, as reported
    return problems


def _derived_editions(
    items: list[ImportItem], stored: dict[str, list[StoredEdition]], settings: Settings, *, enrich: bool
) -> list[ImportItem]:
    """Simplified editions converted from the batch's Traditional ones, where a work has no real one.

    Each is known by a source naming its Traditional file and a hash of that file, the
    conversion and the phrase table: re-importing with another table converts again.
    """
    if settings.conversion == "none":
        return []
    written = {key: {e.language for e in editions if not e.derived} for key, editions in stored.items()}
    traditional = to_derive([(item.work, item.feature) for item in items if item.work], written)
    if not traditional:
        return []
    table = settings.phrase_table
    converter = Converter(settings.conversion, load_phrases(table) if table else None)
    taken = {item.feature.slug for item in items}
    by_slug = {item.feature.slug: item for item in items}
    derived = []
    for key, feature in traditional:
        item = by_slug[feature.slug]
        simplified = derive_simplified(feature, converter)
        if simplified.slug in taken:
            continue  # a file of the batch already has that slug: it wins
        recipe = f"{item.source_hash}\n{converter.config}\n{sorted(converter.phrases.items())}"
        derived.append(
            ImportItem(
                feature=simplified,
                source=f"{item.source} (converted to Simplified Chinese)",
                source_hash=hashlib.sha256(recipe.encode()).hexdigest(),
                enrichment=enrich_feature(simplified) if enrich else None,
                work=key,
                derived=True,
            )
        )
    return derived


def _aligned_terms(
    batch: _Batch, library: Library, stored: dict[str, list[StoredEdition]]
) -> list[tuple[str, Enrichment]]:
    """Give the batch's editions (in place) and the stored editions of their works the terms their
    aligned editions name; return the stored ones whose enrichment changed."""
    works: dict[str, dict[str, tuple[Feature, Enrichment]]] = {}
    at: dict[str, int] = {}  # slug -> index of its batch item
    for index, item in enumerate(batch.items):
        if item.work and item.enrichment is not None:
            works.setdefault(item.work, {})[item.feature.language] = (item.feature, item.enrichment)
            at[item.feature.slug] = index
    before: dict[str, Enrichment] = {}
    for key, editions in stored.items():
        for edition in editions:
            if key in works and edition.language not in works[key]:
                enrichment = library.get_enrichment(edition.slug)
                if enrichment is not None:
                    works[key][edition.language] = (library.get_feature(edition.slug), enrichment)
                    before[edition.slug] = enrichment
    changed = []
    for key, work in works.items():
        for language, enrichment in work_enrichments(key, work).items():
            slug = work[language][0].slug
            if slug in at:
                batch.items[at[slug]] = replace(batch.items[at[slug]], enrichment=enrichment)
            elif enrichment != before[slug]:
                changed.append((slug, enrichment))
    return changed


def _explicit(key: str) -> str | None:
    return key.removeprefix("key:") if key.startswith("key:") else None


PARALLEL_FROM = 64
"""Batches of at least this many changed files are read and enriched by a process per core."""


def _read_and_enrich(source: Source, settings: Settings) -> tuple[ReadResult, Enrichment] | ReadError:
    """Parse and enrich one file; a ReadError is returned, not raised, so workers can hand it back."""
    try:
        result = parse_source(source, settings)
    except ReadError as exc:
        return exc
    return result, enrich_feature(result.feature)


def _read_only(source: Source, settings: Settings) -> tuple[ReadResult, None] | ReadError:
    """Parse one file without enriching it (a bulk load to be enriched later)."""
    try:
        return parse_source(source, settings), None
    except ReadError as exc:
        return exc


ReadOutcome = tuple[ReadResult, Enrichment | None] | ReadError
"""What reading one changed file gives: the feature (and its enrichment), or why not."""


def _map(
    work: Callable[[Source, Settings], ReadOutcome], sources: list[Source], settings: Settings
) -> Iterator[ReadOutcome]:
    """Run `work` over the sources in order: in this process, or on every core for a big batch."""
    cores = os.cpu_count() or 1
    if len(sources) < PARALLEL_FROM or cores < 2:
        return (work(source, settings) for source in sources)
    # spawn, not fork: workers start clean, without the parent's open
    # database connections or threads.
    pool = ProcessPoolExecutor(
        max_workers=min(cores, 8),
        mp_context=multiprocessing.get_context("spawn"),
        # Workers die with this process, even when it is SIGKILLed (issue 10 item 8).
        initializer=die_with_parent,
        initargs=initializer_args(),
    )
    results = pool.map(work, sources, itertools.repeat(settings), chunksize=16)

    def drain() -> Iterator[ReadOutcome]:
        done = 0
        try:
            with pool:
                for result in results:
                    done += 1
                    yield result
        except BrokenProcessPool:
            # Workers could not start, e.g. under a caller's script without the
            # `if __name__ == "__main__":` guard that spawned processes need:
            # finish in this process rather than fail the import.
            yield from (work(source, settings) for source in sources[done:])

    return drain()


def enrich_library(
    library: Library, *, everything: bool = False, progress: Progress | None = None
) -> list[str]:
    """Re-run enrichment on stale features (or all), saving in one transaction; return their slugs.

    Running it twice changes nothing the second time: enrichment is a pure
    function of the feature, and fresh enrichments are not redone.
    """
    slugs = [f.slug for f in library.list_features()] if everything else library.stale_enrichments()
    if progress is not None:
        progress.start(len(slugs))
    enriched = []
    for slug in slugs:
        enriched.append((slug, enrich_feature(library.get_feature(slug))))
        if progress is not None:
            progress.advance(slug)
    library.save_enrichments(_with_aligned_terms(library, enriched))
    return slugs


def _with_aligned_terms(
    library: Library, enriched: list[tuple[str, Enrichment]]
) -> list[tuple[str, Enrichment]]:
    """Fresh enrichments with the terms their works' aligned editions give them, and the other
    editions of those works whose terms change with them (issue 12, item 4)."""
    fresh = dict(enriched)
    works = {s.slug: s.work for s in library.list_features() if s.slug in fresh and s.work}
    out = dict(fresh)
    for key, editions in library.work_editions(sorted(set(works.values()))).items():
        work: dict[str, tuple[Feature, Enrichment]] = {}
        for edition in editions:
            enrichment = fresh.get(edition.slug) or library.get_enrichment(edition.slug)
            if enrichment is not None:
                work[edition.language] = (library.get_feature(edition.slug), enrichment)
        for language, enrichment in work_enrichments(key, work).items():
            slug = work[language][0].slug
            if slug in fresh or enrichment != work[language][1]:
                out[slug] = enrichment
    return list(out.items())
