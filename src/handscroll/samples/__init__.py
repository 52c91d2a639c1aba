"""Sample content shipped with handscroll: a short series on China's civil war, 1945-1949.

The features in `features/` are in the legacy text format (docs/legacy-text.md) and were
written for this project in its own words; they let a new user try every
stage without bringing a library of their own, and they give tests and demos
real-looking input. Their pictures are placeholders drawn on demand (see
`handscroll.samples.images`); nothing binary is shipped.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

FEATURES_DIR = Path(__file__).parent / "features"
"""Where the sample feature files live inside the installed package."""

SERIES = "handscroll_sample_civilwar"
"""The series key of the samples, as their media IDs name it."""

SERIES_TITLE = "China's Civil War, 1945–1949 (國共內戰)"
"""The display title `handscroll demo` gives the sample series."""


def sample_paths() -> list[Path]:
    """The sample feature files, in part order."""
    return sorted(FEATURES_DIR.glob("*.txt"))


@cache
def sample_media_ids() -> tuple[str, ...]:
    """Every media ID the samples refer to, in reading order, without repeats."""
    from handscroll.config import Settings  # lazy: keep `import handscroll.samples` light
    from handscroll.ingest import read_path

    # Default settings, not the environment: the samples are written for the
    # default chrome lines, whatever a user configures for their own files.
    settings = Settings()
    ids: dict[str, None] = {}
    for path in sample_paths():
        ids.update(dict.fromkeys(read_path(path, settings).feature.media_ids))
    return tuple(ids)


def default_cache_dir() -> Path:
    """Where sample pictures are drawn when no folder is given: `~/.cache/handscroll/sample-media`."""
    return Path.home() / ".cache" / "handscroll" / "sample-media"


def sample_media_dir(cache_dir: Path | None = None) -> Path:
    """A folder holding a placeholder JPEG per sample media ID, drawing any that are missing.

    Pictures already present are kept, so calling this again is cheap.
    """
    from handscroll.samples.images import write_missing

    folder = cache_dir or default_cache_dir()
    write_missing(sample_media_ids(), folder)
    return folder


__all__ = [
    "FEATURES_DIR",
    "SERIES",
    "default_cache_dir",
    "sample_media_dir",
    "sample_media_ids",
    "sample_paths",
]
