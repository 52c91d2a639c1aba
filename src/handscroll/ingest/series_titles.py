"""Series titles from `series.yaml` in an import folder (issue 14: names, not keys).

A series is known by a key its media IDs give (`mainsite_psd_neizhanyi`); readers
need its title. A publisher writes the titles once beside the files:

    # series.yaml
    mainsite_psd_neizhanyi: China's Civil War, 1945-1949
    handscroll_sample_civilwar:
      title: The Civil War in Three Parts

A Markdown feature may also name its series' title in its front matter
(`series_title:`), and `handscroll series KEY --title` sets one by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import yaml

from handscroll.errors import Location, ReadError

SERIES_FILE = "series.yaml"
"""The file an import folder may hold with the titles of its series."""

MAX_TITLE = 300
"""The longest title taken, in characters."""


def series_files(specs: Iterable[str]) -> list[Path]:
    """The `series.yaml` of each folder given (and of the folder of each file given), once each."""
    found: dict[Path, None] = {}
    for spec in specs:
        path = Path(spec)
        folder = path if path.is_dir() else path.parent
        candidate = folder / SERIES_FILE
        if candidate.is_file():
            found.setdefault(candidate.resolve(), None)
    return list(found)


def read_series_titles(path: Path) -> dict[str, str]:
    """The titles a `series.yaml` gives, by series key; ReadError naming the file and line otherwise."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot read the series titles: {exc}", Location(shown)) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ReadError(f"the series titles are not valid YAML: {problem}", Location(shown, line)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReadError("write one line per series: 'key: Title'", Location(shown, 1))
    lines = text.split("\n")
    titles: dict[str, str] = {}
    for key, value in data.items():
        line = _line_of(lines, str(key))
        title = value.get("title") if isinstance(value, dict) else value
        if not isinstance(key, str) or not key.strip():
            raise ReadError("a series key must be text, like mainsite_psd_neizhanyi", Location(shown, line))
        if not isinstance(title, str) or not title.strip():
            raise ReadError(f"series {key!r} needs a title: '{key}: Title'", Location(shown, line))
        if len(title) > MAX_TITLE or "\n" in title.strip():
            raise ReadError(
                f"the title of series {key!r} must be one line of at most {MAX_TITLE} characters",
                Location(shown, line),
            )
        titles[key.strip()] = title.strip()
    return titles


def _line_of(lines: list[str], key: str) -> int:
    """The line a top-level key is written on (1-based; 0 when not found), for messages."""
    pattern = re.compile(rf"""^["']?{re.escape(key)}["']?\s*:""")
    for number, line in enumerate(lines, start=1):
        if pattern.match(line):
            return number
    return 0
