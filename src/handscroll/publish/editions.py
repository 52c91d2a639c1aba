"""Which edition of a work a reader sees, in each interface language (issue 12).

A work is listed once: in the reader's language when it has that edition (a
derived Simplified one counts), else in the nearest language it has, Chinese
before English for a Chinese reader. Features that are editions of no work are
shown in every language. The same choice gives the language switcher its links,
so a link always leads to a page the site has.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from handscroll.model import Feature
from handscroll.store.records import FeatureSummary, TimelineEntry

PREFERENCE: Mapping[str, tuple[str, ...]] = {
    "en": ("en", "zh-Hant", "zh-Hans"),
    "zh-Hant": ("zh-Hant", "zh-Hans", "en"),
    "zh-Hans": ("zh-Hans", "zh-Hant", "en"),
}
"""For each interface language, the editions a reader would rather see, best first."""


def choose(language: str, available: Mapping[str, str]) -> str | None:
    """The slug a reader of `language` sees among a work's editions (language -> slug)."""
    for wanted in PREFERENCE.get(language, (language,)):
        if wanted in available:
            return available[wanted]
    return next(iter(available.values()), None)


def edition_slugs(editions: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For each interface language, the slug of the edition its readers see (from language, slug)."""
    available = dict(editions)
    chosen = {language: choose(language, available) for language in PREFERENCE}
    return {language: slug for language, slug in chosen.items() if slug is not None}


def works_of(summaries: Iterable[FeatureSummary]) -> dict[str, dict[str, str]]:
    """Per work key, its editions as language -> slug."""
    works: dict[str, dict[str, str]] = {}
    for summary in summaries:
        if summary.work is not None:
            works.setdefault(summary.work, {})[summary.language] = summary.slug
    return works


def pick_editions(summaries: Sequence[FeatureSummary], language: str) -> list[FeatureSummary]:
    """The listing a reader of `language` sees: each work once, in its place in the listing."""
    works = works_of(summaries)
    shown = {choose(language, editions) for editions in works.values()}
    return [s for s in summaries if s.work is None or s.slug in shown]


Entry = TypeVar("Entry", bound=TimelineEntry)


def one_per_event(entries: Sequence[Entry], language: str) -> list[tuple[Entry, tuple[Entry, ...]]]:
    """A timeline's entries with each event of a work once: (the entry in the reader's edition,
    the same event in the work's other editions), in the order of `entries`.

    Editions of one work tell the same events; the n-th mention of a date (value and mod) in
    one edition is the n-th mention of it in each other edition.
    """
    groups: list[dict[str, Entry]] = []
    open_groups: dict[tuple[str, str, str | None], list[int]] = {}
    for entry in entries:
        if entry.work is None:
            groups.append({entry.language: entry})
            continue
        indexes = open_groups.setdefault((entry.work, entry.value, entry.mod), [])
        target = next((i for i in indexes if entry.language not in groups[i]), None)
        if target is None:
            target = len(groups)
            groups.append({})
            indexes.append(target)
        groups[target][entry.language] = entry
    paired = []
    for group in groups:
        best = choose(language, {lang: lang for lang in group}) or next(iter(group))
        paired.append((group[best], tuple(e for lang, e in group.items() if lang != best)))
    return paired


def translations(
    feature: Feature, editions: Mapping[str, str], derived: bool, page: Callable[[str, str], str]
) -> Translations:
    """How a feature's edition stands to the work's others, for JSON-LD (`page(language, slug)`
    gives an edition's address): the original (English where the work has it, else Traditional)
    lists the others as `workTranslation`; the others name it as `translationOfWork`, and a
    derived Simplified edition names the Traditional one it was converted from."""
    others = {lang: slug for lang, slug in editions.items() if slug != feature.slug}
    if not others:
        return Translations()
    if derived and "zh-Hant" in others:
        return Translations(original=("zh-Hant", page("zh-Hant", others["zh-Hant"])))
    original = next((lang for lang in ("en", "zh-Hant") if lang in editions), None)
    if original is None or editions[original] == feature.slug:
        return Translations(translated=tuple((lang, page(lang, slug)) for lang, slug in others.items()))
    return Translations(original=(original, page(original, editions[original])))


@dataclass(frozen=True)
class Translations:
    """A feature's place among the editions of its work: the original it translates, or the
    translations it has, as (language, page address)."""

    original: tuple[str, str] | None = None
    translated: tuple[tuple[str, str], ...] = ()
