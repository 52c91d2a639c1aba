"""Which edition a file is: its language tag, given or detected, and lines in another language.

The publisher runs each feature in English, Traditional and Simplified
Chinese (issue 12). A file's tag comes from `--language` (Settings.language)
or front matter when given, else from its text. A narrative line in another
language than the feature (an English paragraph pasted into a Chinese
edition, a Simplified paragraph in a Traditional one) is reported with its
line, never silently relabelled.
"""

from __future__ import annotations

from collections.abc import Iterable

from handscroll.errors import Location
from handscroll.ingest.result import ReadWarning
from handscroll.text.languages import line_language

_NAMES = {"en": "English", "zh-Hant": "Traditional Chinese", "zh-Hans": "Simplified Chinese"}


def mixed_language_lines(lines: Iterable[tuple[int, str]], language: str, path: str) -> list[ReadWarning]:
    """A warning per content line written in another language than the feature's.

    `lines` are (line number, text) of narrative lines: title, paragraphs,
    captions, notes, questions and answers. Short lines (names, dates) never count.
    """
    warnings: list[ReadWarning] = []
    for number, line in lines:
        if language == "en" and line.isascii():
            continue  # no Han character: English or too short to tell, never another language
        found = line_language(line)
        if found is None or found == language:
            continue
        warnings.append(
            ReadWarning(
                Location(path, number),
                f"this line is in {_NAMES[found]} but the feature is {_NAMES.get(language, language)} "
                f"({language}); split the editions into files of their own, or give --language",
            )
        )
    return warnings
