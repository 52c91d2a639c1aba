"""Moodle GIFT export (issue 15): every approved self-check item of the selection, as Moodle imports them.

Choice items become multiple choice, "date it" a numerical question with
its tolerance, and "put in order" a matching question (each event to its
place in time), since GIFT has no ordering type. A "which picture" item is
multiple choice in GIFT's HTML format, each choice a picture in the reader at
`--base-url` with its alt text (GIFT files carry no images of their own). Each feature gets its own
question category. Only approved items are exported; a feature without any
is reported as skipped. The file is written whole or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from markupsafe import escape

from handscroll.learn.items import QuizItem
from handscroll.publish.exports import ExportReport, ExportRequest, select_features
from handscroll.publish.jsonld import reader_urls
from handscroll.publish.selfchecks import approved_items, write_atomically
from handscroll.store import Library

_SPECIAL = re.compile(r"([\\~=#{}:])")
ORDINALS = ("1st (earliest)", "2nd", "3rd", "4th", "5th")


def escape_gift(text: str) -> str:
    """Escape GIFT's special characters and fold line breaks, so a text is always plain text."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def gift_question(item: QuizItem, picture_url: Callable[[str], str] | None = None) -> str:
    """One item as a GIFT question, titled by its id; the feedback names the answer and its source.

    `picture_url` gives a media ID's address, for a picture item's choices
    (without it they are their alt texts)."""
    sources = " ".join(f"From the text: {s.sentence}" for s in item.sources)
    feedback = f"####{escape_gift(item.feedback)} {escape_gift(sources)}".rstrip()
    head = f"::{item.id}::{escape_gift(item.prompt)}"
    if item.kind == "date":
        return f"{head} {{#{item.year}:{item.tolerance} {feedback}}}"
    if item.kind == "order":
        pairs = " ".join(
            f"={escape_gift(item.choices[index])} -> {ORDINALS[rank]}"
            for rank, index in enumerate(item.answer)
        )
        prompt = escape_gift("Match each event to its place in time, earliest first.")
        return f"::{item.id}::{prompt} {{{pairs} {feedback}}}"
    texts = [escape_gift(choice) for choice in item.choices]
    if item.kind == "picture" and picture_url is not None:
        head = f"::{item.id}::[html]{escape_gift(str(escape(item.prompt)))}"
        texts = [
            escape_gift(f'<img src="{escape(picture_url(media))}" alt="{escape(alt)}">')
            for media, alt in zip(item.media, item.choices, strict=True)
        ]
    choices = " ".join(("=" if index in item.answer else "~") + text for index, text in enumerate(texts))
    return f"{head} {{{choices} {feedback}}}"


def export_gift(library: Library, request: ExportRequest, out: Path) -> ExportReport:
    """Write the approved items of the selection to `out` (one GIFT file, UTF-8)."""
    selection = select_features(library, request)
    report = ExportReport()
    blocks = [f"// handscroll self-checks: {selection.title}"]
    picture_url = reader_urls(request.base_url)[2]
    for feature in selection.features:
        items = approved_items(library, feature.slug, report)
        if items:
            blocks.append(f"$CATEGORY: $course$/handscroll/{feature.slug}")
            blocks.extend(gift_question(item, picture_url) for item in items)
    write_atomically(out, ("\n\n".join(blocks) + "\n").encode("utf-8"))
    report.written.append(out)
    return report
