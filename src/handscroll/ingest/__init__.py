"""Stage 1, ingest: source files -> Feature models.

Input: paths of legacy text (.txt), Markdown (.md) or JSON (.json) files.
Output: `ReadResult`s (the feature, warnings with file and line, a line account).
Never: touches the library, the network, or anything but the file it reads.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from importlib.metadata import EntryPoint
from pathlib import Path

from handscroll.config import Settings
from handscroll.errors import Location, ReadError, display_path
from handscroll.ingest.decode import decode_bytes
from handscroll.ingest.normal_form import to_nfc
from handscroll.ingest.result import LineKind, ReadResult, ReadWarning

Reader = Callable[..., ReadResult]
"""A reader takes decoded text, `source=` (a display path) and `settings=`."""


class _Readers(Mapping[str, Reader]):
    """Format registry: file suffix -> reader, from the `handscroll.readers` entry points.

    The entry point's name is the suffix without its dot; its target is
    imported the first time a file of that kind is read (PluginError, naming
    the entry point, when it cannot be).
    """

    @cached_property
    def _entries(self) -> dict[str, EntryPoint]:
        from handscroll.plugins import READERS as GROUP
        from handscroll.plugins import plugin_entry_points

        return {f".{entry.name.lower().lstrip('.')}": entry for entry in plugin_entry_points(GROUP)}

    def __init__(self) -> None:
        self._loaded: dict[str, Reader] = {}

    def __getitem__(self, suffix: str) -> Reader:
        from handscroll.plugins import load_plugin

        if suffix not in self._loaded:
            self._loaded[suffix] = load_plugin(self._entries[suffix])
        return self._loaded[suffix]

    def __contains__(self, suffix: object) -> bool:
        return suffix in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


READERS: Mapping[str, Reader] = _Readers()
"""Every readable suffix (".txt") with its reader; plugins add theirs through entry points."""


@dataclass(frozen=True)
class Source:
    """The bytes of one input file, with the hash imports compare before parsing."""

    path: Path
    shown: str
    data: bytes

    @cached_property
    def hash(self) -> str:
        """The content hash imports use to skip unchanged files without parsing them."""
        return hash_bytes(self.data)


def load_source(path: Path, settings: Settings) -> Source:
    """Read a file's bytes, refusing files over the size limit before reading them."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            raise ReadError(
                f"the file is {size / 1048576:.1f} MB, over the {settings.max_file_mb:g} MB limit "
                "(raise it with HANDSCROLL_MAX_FILE_MB)",
                Location(shown),
            )
        return Source(path, shown, path.read_bytes())
    except OSError as exc:
        raise ReadError(f"cannot read the file: {exc.strerror or exc}", Location(shown)) from None


def parse_source(source: Source, settings: Settings, *, reader: Reader | None = None) -> ReadResult:
    """Parse loaded bytes with the reader the file's suffix names (or the one given)."""
    suffix = source.path.suffix.lower()
    chosen = reader or READERS.get(suffix)
    if chosen is None:
        known = ", ".join(sorted(READERS))
        raise ReadError(
            f"unknown file type {source.path.suffix or '(none)'}; handscroll reads {known}",
            Location(source.shown),
        )
    # NFC first: "Café" typed with a combining accent is the same text, the same
    # slug and the same feature as "Café" typed with a precomposed é (issue 10).
    text = to_nfc(decode_bytes(source.data, source.shown, settings.encoding))
    result = chosen(text, source=source.shown, settings=settings)
    return replace(result, source_hash=source.hash)


def read_path(path: Path, settings: Settings, *, reader: Reader | None = None) -> ReadResult:
    """Read one file into a feature: load, decode, parse."""
    return parse_source(load_source(path, settings), settings, reader=reader)


def hash_bytes(data: bytes) -> str:
    """SHA-256 of a file's bytes, as hex."""
    return hashlib.sha256(data).hexdigest()


def expand_paths(specs: Iterable[str]) -> Iterator[Path | ReadError]:
    """Expand files, folders (recursively, known suffixes only) and globs, in a stable order.

    A spec that matches nothing, or a folder that cannot be listed, yields a
    ReadError in place so the caller reports it beside the others.
    """
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield ReadError("no such file, folder or glob match", Location(spec))
            for match in matches:
                m = Path(match)
                if m.is_dir():
                    yield from expand_paths([match])
                else:
                    yield _listed(m)


def _walk(folder: Path) -> Iterator[Path | ReadError]:
    """The files under `folder` with a known suffix, in the order `sorted` gives their paths.

    One folder is listed at a time, so a walk over 100,000 files never holds
    all of their paths (issue 11 item 3). Links to folders are not followed;
    a link to nothing is listed (skipping it would drop a file silently), and
    a folder that cannot be listed is a ReadError in its place.
    """
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield ReadError(f"cannot list the folder: {exc.strerror or exc}", Location(display_path(folder)))
        return
    for entry in entries:
        path = folder / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif path.suffix.lower() in READERS and (entry.is_file() or entry.is_symlink()):
            yield _listed(path)


def _listed(path: Path) -> Path | ReadError:
    """A listed file, or a ReadError in its place when it is a link whose target is gone.

    The error names the link as it was listed, and says why it cannot be read.
    """
    if path.is_symlink() and not path.exists():
        return ReadError("a broken link: the file it points to does not exist", Location(str(path)))
    return path


__all__ = [
    "READERS",
    "LineKind",
    "ReadError",
    "ReadResult",
    "ReadWarning",
    "Source",
    "expand_paths",
    "hash_bytes",
    "load_source",
    "parse_source",
    "read_path",
]
