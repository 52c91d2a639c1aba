"""Errors the CLI prints as one clean line (no traceback), each naming where it happened."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class HandscrollError(Exception):
    """Base of every error handscroll expects and explains to the user."""

    exit_code = 1


@dataclass(frozen=True)
class Location:
    """A place in an input file: path and 1-based line (0 when the whole file is meant)."""

    path: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


class ReadError(HandscrollError):
    """An input file cannot be read as a feature; nothing from it is imported."""

    def __init__(self, message: str, location: Location) -> None:
        super().__init__(f"{location}: {message}")
        self.message = message
        self.location = location

    def __reduce__(self) -> tuple[type[ReadError], tuple[str, Location]]:
        # Rebuild from the parts (not the formatted text), so the error can
        # cross a process boundary when files are read in parallel.
        return (type(self), (self.message, self.location))


class StoreError(HandscrollError):
    """The library could not be opened or written; the transaction was rolled back."""


class NotFoundError(HandscrollError):
    """A slug or series asked for is not in the library."""


class ConfigError(HandscrollError):
    """Settings are invalid; the message lists every problem at once."""

    exit_code = 2


def display_path(path: Path | str) -> str:
    """Show a path relative to the working directory when it is inside it."""
    p = Path(path)
    if not p.is_absolute():
        return str(p)
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(p)
