"""What the exports of self-checks share (GIFT, H5P, the pack): each feature's approved items, with
a line for a feature that has none, and writing a file whole or not at all (issue 15)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from handscroll.learn.load import approved_quiz
from handscroll.publish.exports import ExportReport

if TYPE_CHECKING:
    from handscroll.learn.items import QuizItem
    from handscroll.store import Library


def approved_items(library: Library, slug: str, report: ExportReport) -> tuple[QuizItem, ...]:
    """A feature's approved items; a feature without any is reported as skipped."""
    items = approved_quiz(library, slug)
    if not items:
        report.skipped.append(f"{slug}: no approved self-check items (see `handscroll quiz {slug}`)")
    return items


def write_atomically(out: Path, data: bytes) -> None:
    """Write the whole file or nothing: a partial file is never left at `out`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
