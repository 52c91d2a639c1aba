"""A Simplified edition derived from a Traditional one: OpenCC plus the publisher's phrase table.

Where a work has a Traditional edition and no Simplified one, readers of
Simplified Chinese still get the feature, converted by OpenCC (`hk2s` by
default: the publisher writes Hong Kong Traditional) and corrected by a
phrase table of the publisher's own choices (為甚麼 -> 为什么, where OpenCC keeps
甚). The result is marked as converted until a real Simplified edition is
imported (issue 12, item 5).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from handscroll.errors import Location, ReadError
from handscroll.model import Credit, Feature, Figure, Note, Paragraph, Question, Unclassified

CONVERSIONS = ("hk2s", "t2s", "tw2s", "tw2sp")
"""OpenCC configurations that turn Traditional into Simplified Chinese."""

DEFAULT_CONVERSION = "hk2s"

DERIVED_NOTE = "converted automatically from Traditional Chinese"
"""What readers and the API are told about a derived edition."""


@cache
def _converter(config: str) -> Any:
    import opencc  # lazy: the dictionaries load on construction

    return opencc.OpenCC(config)


class Converter:
    """Traditional -> Simplified text: phrases from the table as given, the rest through OpenCC."""

    def __init__(self, config: str = DEFAULT_CONVERSION, phrases: Mapping[str, str] | None = None) -> None:
        if config not in CONVERSIONS:
            raise ValueError(f"unknown conversion {config!r}; OpenCC's are {', '.join(CONVERSIONS)}")
        self.config = config
        self.phrases = dict(phrases or {})
        alternatives = sorted(self.phrases, key=len, reverse=True)  # the longest phrase wins
        self._pattern = re.compile("|".join(map(re.escape, alternatives))) if alternatives else None

    def convert(self, text: str) -> str:
        """The Simplified text; phrase-table entries are never converted again."""
        opencc = _converter(self.config)
        if self._pattern is None:
            return str(opencc.convert(text))
        out: list[str] = []
        at = 0
        for found in self._pattern.finditer(text):
            out.append(str(opencc.convert(text[at : found.start()])))
            out.append(self.phrases[found.group()])
            at = found.end()
        out.append(str(opencc.convert(text[at:])))
        return "".join(out)


def derive_simplified(feature: Feature, converter: Converter) -> Feature:
    """The Simplified edition of a Traditional feature, block by block, media IDs unchanged."""
    if feature.language != "zh-Hant":
        raise ValueError(f"only a Traditional (zh-Hant) edition can be converted, not {feature.language}")
    c = converter.convert
    blocks: list[object] = []
    for block in feature.blocks:
        if isinstance(block, Paragraph | Credit | Unclassified):
            blocks.append(block.model_copy(update={"text": c(block.text)}))
        elif isinstance(block, Figure):
            blocks.append(block.model_copy(update={"caption": tuple(map(c, block.caption))}))
        elif isinstance(block, Note):
            blocks.append(block.model_copy(update={"text": tuple(map(c, block.text))}))
        elif isinstance(block, Question):
            blocks.append(
                block.model_copy(update={"prompt": c(block.prompt), "answer": tuple(map(c, block.answer))})
            )
    return feature.model_copy(
        update={
            "title": c(feature.title),
            "language": "zh-Hans",
            "blocks": tuple(blocks),
            "slug": derived_slug(feature.slug),
        }
    )


def derived_slug(slug: str) -> str:
    """The slug of the Simplified edition derived from a Traditional edition's slug."""
    return slug.removesuffix("-zh-hant") + "-zh-hans"


def to_derive(
    editions: Sequence[tuple[str, Feature]], written: Mapping[str, set[str]]
) -> list[tuple[str, Feature]]:
    """The (work key, Traditional edition) pairs whose work has no Simplified edition as written:
    neither among `editions` (just read) nor among the `written` languages stored per work."""
    simplified = {key for key, feature in editions if feature.language == "zh-Hans"}
    simplified |= {key for key, languages in written.items() if "zh-Hans" in languages}
    return [
        (key, feature) for key, feature in editions if feature.language == "zh-Hant" and key not in simplified
    ]


def load_phrases(path: Path) -> dict[str, str]:
    """Read a phrase table: a YAML mapping of Traditional phrases to their Simplified form.

    A bad table is refused with its file and line, so a conversion never
    runs half-configured.
    """
    shown = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReadError(f"cannot read the phrase table: {exc.strerror or exc}", Location(shown)) from None
    except UnicodeDecodeError:
        raise ReadError("the phrase table is not UTF-8 text", Location(shown)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise ReadError(
            f"the phrase table is not valid YAML: {getattr(exc, 'problem', exc)}", Location(shown, line)
        ) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ReadError(
            "the phrase table must be a mapping of 'Traditional: Simplified' lines", Location(shown, 1)
        )
    lines = path.read_text(encoding="utf-8").split("\n")
    phrases: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(key, str) or not isinstance(value, str) or not key or not value:
            line = next((n for n, text in enumerate(lines, 1) if text.lstrip().startswith(str(key))), 0)
            raise ReadError(f"phrase {key!r}: both sides must be non-empty text", Location(shown, line))
        phrases[key] = value
    return phrases
