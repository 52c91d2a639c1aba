"""A feature as a chapter of a book: what the EPUB and the teacher's pack print, built once.

Both are read away from the web reader, so both lay a feature out the same
way: the narrative with numbered figures, notes as asides, questions numbered
with their answers gathered for the end, and the timeline of the selection
grouped by series, never with an event read from a hidden answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handscroll.model import HIDDEN_FIELDS, Credit, Feature, Figure, Note, Paragraph, Question
from handscroll.publish.datelabels import chinese_date_label
from handscroll.publish.event_dates import date_label, exact_dates
from handscroll.publish.exports import Selection
from handscroll.publish.i18n import LOCALES, Translator

ImageLookup = Callable[[str, str], tuple[str, int, int] | None]
"""(media ID, feature slug) -> (where the picture is, width, height), or None when it is missing."""


@dataclass(frozen=True)
class BookBlock:
    """One block of a chapter as the template shows it; `kind` names the block type."""

    kind: str
    text: str = ""
    lines: tuple[str, ...] = ()
    anchor: str = ""
    number: int = 0
    image: str | None = None
    width: int = 0
    height: int = 0
    alt: str = ""


@dataclass(frozen=True)
class Chapter:
    """One feature as a chapter: its blocks in reading order, then the answers to its questions."""

    file: str
    title: str
    part: int | None
    language: str
    blocks: tuple[BookBlock, ...]
    answers: tuple[BookBlock, ...]


@dataclass(frozen=True)
class TimelineLine:
    """One event of the timeline appendix, linking to its chapter."""

    when: str
    sentence: str
    href: str
    source: str


@dataclass(frozen=True)
class TimelineGroup:
    """The events of one series in the timeline appendix."""

    title: str
    events: tuple[TimelineLine, ...]


def build_chapter(feature: Feature, file: str, image: ImageLookup) -> Chapter:
    """The chapter of one feature; figures and questions numbered in reading order."""
    blocks: list[BookBlock] = []
    answers: list[BookBlock] = []
    questions = figures = 0
    for block in feature.blocks:
        if isinstance(block, Paragraph):
            blocks.append(BookBlock("paragraph", text=block.text))
        elif isinstance(block, Figure):
            figures += 1
            href, width, height = image(block.media, feature.slug) or (None, 0, 0)
            blocks.append(
                BookBlock(
                    "figure",
                    lines=block.caption,
                    anchor=f"figure-{block.media}",
                    number=figures,
                    image=href,
                    width=width,
                    height=height,
                    alt=block.alt,  # else empty: the figcaption describes it (issue 14)
                )
            )
        elif isinstance(block, Note):
            blocks.append(BookBlock("note", lines=block.text))
        elif isinstance(block, Question):
            questions += 1
            item = BookBlock(
                "question",
                text=block.prompt,
                lines=block.answer,
                anchor=f"question-{questions}",
                number=questions,
            )
            blocks.append(item)
            if block.answer:
                answers.append(item)
        elif isinstance(block, Credit):
            blocks.append(BookBlock("credit", text=block.text))
        else:
            blocks.append(BookBlock("unclassified", text=block.text))
    return Chapter(file, feature.title, feature.part, feature.language, tuple(blocks), tuple(answers))


def timeline_groups(
    selection: Selection,
    files: dict[str, str],
    *,
    part_label: Callable[[int], str] = "Part {}".format,
    language: str = "en",
) -> tuple[TimelineGroup, ...]:
    """The selection's events by series, each linking to its chapter; none from a model answer.

    In a Chinese book (`language`) dates are written the Chinese way (1945年8月14日, issue 12).
    """
    groups: dict[str | None, list[TimelineLine]] = {}
    for entry in selection.timeline:
        if entry.slug not in files or entry.field in HIDDEN_FIELDS:
            continue
        source = part_label(entry.part) if entry.part is not None else entry.title
        groups.setdefault(entry.series, []).append(
            TimelineLine(
                # "mid-August 1945" says more than "August 1945": a modified date keeps the text's words.
                entry.text if entry.mod else book_date(entry.value, entry.text, language),
                entry.sentence,
                files[entry.slug],
                f"({source})",
            )
        )
    other = Translator(language if language in LOCALES else "en").gettext("Other features")
    return tuple(
        TimelineGroup(selection.series_title(key) or other, tuple(events)) for key, events in groups.items()
    )


def book_date(value: str, text: str, language: str = "en") -> str:
    """An event's date in an export: in words of `language` when the value is a plain date,
    else as the text writes it."""
    if language.startswith("zh") and exact_dates(value) is not None:
        return chinese_date_label(value, None, language)
    return date_label(value, text)
