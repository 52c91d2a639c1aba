"""Align the editions of one work block by block, and say where they disagree (issue 12, item 3).

The publisher's English, Traditional and Simplified editions share a series,
a part and the sequence of media IDs, so those make the work's key unless an
explicit one is given (`work:` in front matter, `--work` on import). Blocks
pair up by media ID (figures), by position between figures (paragraphs,
notes) and by order (questions, credits). A misalignment is reported with
the file and line of the block left unpaired; it never blocks an import.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from handscroll.errors import Location
from handscroll.ingest.result import ReadResult, ReadWarning
from handscroll.model import Feature, Figure

_NAMES = {"en": "English", "zh-Hant": "Traditional Chinese", "zh-Hans": "Simplified Chinese"}


def work_key(feature: Feature, explicit: str | None = None) -> str | None:
    """The key editions of one work share: the explicit one, else series and part (or media IDs).

    Series and part are enough to find an edition whose media IDs disagree
    with the others, so that it is reported rather than left apart; a feature
    without a part number is keyed by its media IDs. None when there is
    nothing to align by.
    """
    if explicit:
        return f"key:{explicit.strip()}"
    if feature.series is None or not feature.media_ids:
        return None
    if feature.part is not None:
        return f"{feature.series}:{feature.part}"
    digest = hashlib.sha256("\n".join(feature.media_ids).encode()).hexdigest()[:16]
    return f"{feature.series}:{digest}"


@dataclass(frozen=True)
class Edition:
    """One edition as read: where it came from, its feature, and the line each block starts on."""

    source: str
    feature: Feature
    block_lines: tuple[int, ...] = ()

    @classmethod
    def of(cls, result: ReadResult) -> Edition:
        return cls(result.source, result.feature, result.block_lines)

    def line(self, index: int) -> int:
        return self.block_lines[index] if index < len(self.block_lines) else 0

    @property
    def language(self) -> str:
        return self.feature.language


@dataclass(frozen=True)
class Alignment:
    """A work's editions by language, its block pairs, and what did not pair.

    Each pair maps a language to the index of its block in that edition.
    """

    key: str
    editions: dict[str, Edition]
    pairs: list[dict[str, int]] = field(default_factory=list)
    problems: list[ReadWarning] = field(default_factory=list)

    @property
    def fully_paired(self) -> bool:
        """True when every block of every edition has its counterpart in all the others."""
        return not self.problems and all(len(pair) == len(self.editions) for pair in self.pairs)


def align_results(results: Sequence[ReadResult]) -> list[Alignment]:
    """Group read features into works by key and align each work with more than one edition."""
    works: dict[str, list[Edition]] = defaultdict(list)
    for result in results:
        key = work_key(result.feature, result.work)
        if key is not None:
            works[key].append(Edition.of(result))
    return [align_editions(key, editions) for key, editions in works.items() if len(editions) > 1]


def align_editions(key: str, editions: Sequence[Edition]) -> Alignment:
    """Pair the blocks of a work's editions; a second edition in one language is reported and left out."""
    chosen: dict[str, Edition] = {}
    problems: list[ReadWarning] = []
    for edition in editions:
        first = chosen.setdefault(edition.language, edition)
        if first is not edition:
            problems.append(
                ReadWarning(
                    Location(edition.source),
                    f"a second {_NAMES.get(edition.language, edition.language)} edition of the work "
                    f"already read from {first.source}; it is not aligned",
                )
            )
    reference = next(iter(chosen.values()))
    for edition in chosen.values():
        if edition.feature.media_ids != reference.feature.media_ids:
            problems.append(
                ReadWarning(
                    Location(edition.source),
                    f"its media IDs differ from those of the {_NAMES.get(reference.language)} edition "
                    f"({reference.source}); the figures are paired by ID",
                )
            )
    alignment = Alignment(key, chosen, problems=problems)
    if len(chosen) > 1:
        _pair(alignment)
    return alignment


def _segments(feature: Feature) -> dict[str, dict[str, list[int]]]:
    """Block indexes per segment (before the first figure, then each figure's stretch) and type."""
    segments: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    current = "(before the gallery)"
    for index, block in enumerate(feature.blocks):
        if isinstance(block, Figure):
            current = block.media
        segments[current][block.type].append(index)
    return segments


def _pair(alignment: Alignment) -> None:
    editions = alignment.editions
    languages = list(editions)
    segmented = {lang: _segments(editions[lang].feature) for lang in languages}
    segment_order = list(dict.fromkeys(s for lang in languages for s in segmented[lang]))
    for segment in segment_order:
        present = [lang for lang in languages if segment in segmented[lang]]
        if len(present) < len(languages):
            missing = [lang for lang in languages if lang not in present]
            for lang in present:
                index = segmented[lang][segment].get("figure", [None])[0]
                if index is not None:
                    _report(
                        alignment,
                        lang,
                        index,
                        f"figure {segment} is not in the {_editions(alignment, missing)}",
                    )
        for kind in ("figure", "paragraph", "note", "unclassified"):
            _pair_in_order(
                alignment, {lang: segmented[lang][segment].get(kind, []) for lang in present}, kind
            )
    for kind in ("question", "credit"):
        spread = {
            lang: [i for i, b in enumerate(editions[lang].feature.blocks) if b.type == kind]
            for lang in languages
        }
        _pair_in_order(alignment, spread, kind)


def _pair_in_order(alignment: Alignment, indexes: dict[str, list[int]], kind: str) -> None:
    """Pair the n-th block of a kind across editions; report the ones past the shortest list."""
    if not indexes:
        return
    longest = max(len(v) for v in indexes.values())
    for n in range(longest):
        pair = {lang: found[n] for lang, found in indexes.items() if n < len(found)}
        alignment.pairs.append(pair)
        if len(pair) < len(indexes):
            missing = [lang for lang in indexes if lang not in pair]
            for lang, index in pair.items():
                if kind != "figure":  # a figure is reported once, above
                    _report(
                        alignment,
                        lang,
                        index,
                        f"this {kind} has no counterpart in the {_editions(alignment, missing)}",
                    )


def _report(alignment: Alignment, language: str, index: int, message: str) -> None:
    edition = alignment.editions[language]
    alignment.problems.append(ReadWarning(Location(edition.source, edition.line(index)), message))


def _editions(alignment: Alignment, languages: list[str]) -> str:
    shown = [f"{_NAMES.get(lang, lang)} edition ({alignment.editions[lang].source})" for lang in languages]
    return " and the ".join(shown)
