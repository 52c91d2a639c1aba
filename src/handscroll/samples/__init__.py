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
"""The display title of the sample series, as `features/series.yaml` gives it to `handscroll import`."""


PHRASES = Path(__file__).parent / "phrases.yaml"
"""The sample publisher's phrase table for Simplified editions derived from Traditional ones."""


def sample_paths() -> list[Path]:
    """The English sample feature files, in part order."""
    return sorted(FEATURES_DIR.glob("*.txt"))


def edition_paths(language: str | None = None) -> list[Path]:
    """The Chinese editions of the samples (`zh-Hant`, `zh-Hans`, or both), in part order (issue 12).

    The Traditional editions are written for the project; the Simplified one
    is derived from its Traditional edition by `derive_simplified_text`.
    """
    folders = [language.lower()] if language else ["zh-hant", "zh-hans"]
    return [path for folder in folders for path in sorted((FEATURES_DIR / folder).glob("*.txt"))]


def derive_simplified_text(traditional: str) -> str:
    """A Traditional sample file's Simplified edition, line by line (media IDs are ASCII and stay)."""
    from handscroll.editions.derive import Converter, load_phrases  # lazy: OpenCC loads dictionaries

    converter = Converter(phrases=load_phrases(PHRASES))
    return "\n".join(converter.convert(line) for line in traditional.split("\n"))


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
    "PHRASES",
    "SERIES",
    "default_cache_dir",
    "derive_simplified_text",
    "edition_paths",
    "sample_media_dir",
    "sample_media_ids",
    "sample_paths",
]
