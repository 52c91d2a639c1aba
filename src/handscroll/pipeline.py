"""The one place that runs the stages in order: files -> features -> library.

Reading happens before the library is touched at all, so a batch is either
written whole in one transaction or (with `all_or_nothing`) not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from handscroll.config import Settings
from handscroll.errors import Location, ReadError
from handscroll.ingest import ReadResult, ReadWarning, expand_paths, load_source, parse_source
from handscroll.store import ImportItem, ImportReport, Library, Outcome


class Progress(Protocol):
    """Told how many files there are, then of each one as it is read (the CLI's progress bar)."""

    def start(self, total: int) -> None: ...

    def advance(self, path: Path) -> None: ...


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

    def add(self, result: ReadResult) -> None:
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
        self.items.append(ImportItem(feature=result.feature, source=result.source, source_hash=result.source_hash))


def import_paths(
    specs: Iterable[str],
    library: Library,
    settings: Settings,
    *,
    force: bool = False,
    all_or_nothing: bool = False,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import files, folders and globs into the library.

    Unchanged files (same bytes as last time) are skipped before parsing,
    unless `force`. Files that fail to read are reported and left out; with
    `all_or_nothing` any failure leaves the library untouched.
    """
    batch = _Batch()
    entries = list(expand_paths(specs))
    if progress is not None:
        progress.start(sum(1 for e in entries if isinstance(e, Path)))
    # One query for all known hashes: re-importing an unchanged library costs
    # a read and a hash per file, no parsing and no writes.
    known = {} if force else library.known_source_hashes()
    for entry in entries:
        if isinstance(entry, ReadError):
            batch.errors.append(entry)
            continue
        batch.files += 1
        try:
            source = load_source(entry, settings)
            if source.hash in known:
                slug = known[source.hash]
                batch.slugs.setdefault(slug, source.shown)
                batch.unchanged.append((slug, Outcome.SKIPPED))
            else:
                batch.add(parse_source(source, settings))
        except ReadError as exc:
            batch.errors.append(exc)
        finally:
            if progress is not None:
                progress.advance(entry)

    if batch.errors and all_or_nothing:
        report = ImportReport(outcomes=())
    else:
        report = library.import_features(batch.items)
    return ImportSummary(
        report=ImportReport(outcomes=tuple(batch.unchanged) + report.outcomes),
        errors=tuple(batch.errors),
        warnings=tuple(batch.warnings),
        files=batch.files,
    )
