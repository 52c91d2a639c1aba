"""The pages of a static build other than features, as jobs: where a page goes, its key, and how
to make it; a job whose key is in the manifest with its file present is skipped."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from handscroll.publish.reference import ReaderPage
from handscroll.publish.render import Renderer
from handscroll.publish.site_features import pictures, write_file


class BuildProgress(Protocol):
    """Told how many pages there are, then of each one as it is done (the CLI's progress bar)."""

    def start(self, total: int) -> None: ...

    def advance(self, name: str) -> None: ...


@dataclass(frozen=True)
class Job:
    """One page to build: its path in the site, its key, and the function that makes its context."""

    path: str
    key: str
    build: Callable[[], ReaderPage]


def run_jobs(
    jobs: list[Job],
    old: dict[str, dict[str, object]],
    pages: dict[str, dict[str, object]],
    out_dir: Path,
    renderer: Renderer,
    progress: BuildProgress | None,
) -> Iterator[str]:
    """Render and write each page whose key changed (yielding its path), noting every page in `pages`."""
    for job in jobs:
        before = old.get(job.path)
        if before is not None and before.get("key") == job.key and (out_dir / job.path).is_file():
            pages[job.path] = before
        else:
            page = job.build()
            write_file(out_dir / job.path, renderer.render(page).encode())
            pages[job.path] = {"key": job.key, "media": sorted(pictures(page))}
            yield job.path
        if progress is not None:
            progress.advance(job.path)


def page_key(*parts: object) -> str:
    """A page's key: the digest of the repr of what it is made from (frozen dataclasses print every
    field; `dataclasses.astuple` gave the same and took a fifth of a build copying them)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()
