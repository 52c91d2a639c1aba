"""What a reader returns: the feature plus an account of every source line."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from handscroll.errors import Location
from handscroll.model import Feature


class LineKind(StrEnum):
    """What became of one source line; every line gets exactly one."""

    BLANK = "blank"
    CHROME = "chrome"
    TITLE = "title"
    MEDIA = "media"
    REPEATED_MEDIA = "repeated-media"
    MARKER = "marker"
    CONTENT = "content"
    REPEATED_PROMPT = "repeated-prompt"
    UNCLASSIFIED = "unclassified"


@dataclass(frozen=True)
class ReadWarning:
    """Something the reader kept but wants a person to look at."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


@dataclass(frozen=True)
class ReadResult:
    """A feature read from one source, with its warnings and line account.

    `lines[i]` says what became of source line i+1; the lossless property of
    the legacy reader is stated and tested over this list.
    """

    feature: Feature
    source: str
    source_hash: str = ""
    """SHA-256 of the source file's bytes; set by `ingest.parse_source`, which has the bytes."""
    warnings: tuple[ReadWarning, ...] = ()
    lines: tuple[LineKind, ...] = field(default=(), repr=False)
    block_lines: tuple[int, ...] = field(default=(), repr=False)
    """The source line each block starts on, when the reader knows it (editions are aligned by it)."""
    work: str | None = None
    """An explicit work key (front matter `work:`, or `--work`): editions with one key are one work."""
    quiz: tuple[str, ...] | None = None
    """The self-check item ids a Markdown `::: quiz` container pins as approved; None when there is
    none (approvals are then left as they are)."""
    quiz_line: int = 0
    """The line of that container, for messages about its ids."""
    series_title: str | None = None
    """The title of the feature's series, when its source gives one (front matter `series_title:`)."""

    @property
    def line_counts(self) -> Counter[LineKind]:
        """How many source lines went each way (chrome lines are counted, never dropped)."""
        return Counter(self.lines)
