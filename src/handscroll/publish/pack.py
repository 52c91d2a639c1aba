"""The teacher's pack (issue 15): a series or a feature on paper, as PDF, with an answer key.

One HTML document is laid out by WeasyPrint: a cover, the contents with page
numbers, each feature as a chapter (lead picture, narrative, numbered figures
with captions, notes boxed, the thinking question with room to write, the
approved self-check items, a QR code back to the web page), then the answer
key, the timeline and the glossary as tables. Answers go at the back (the
default), beside each question, or nowhere, for a student's copy. The same
document, for one feature, is the worksheet the reader links to. Its labels,
and the wording of each item around the text's words, are in the language of
the edition it prints (the reader's catalogues, `publish.i18n`).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Literal

from markupsafe import Markup, escape

from handscroll.learn.items import QuizItem
from handscroll.learn.wording import feedback, kind_label, prompt
from handscroll.publish.annotate import mark_chinese
from handscroll.publish.chapters import Chapter, TimelineGroup, build_chapter, timeline_groups
from handscroll.publish.exports import (
    Answers,
    ExportReport,
    ExportRequest,
    Paper,
    Selection,
    missing_picture,
    open_media,
    resized_jpeg,
    select_features,
)
from handscroll.publish.i18n import LOCALES, Translator, document_environment
from handscroll.publish.jsonld import reader_urls
from handscroll.publish.media import MediaLibrary
from handscroll.publish.quizmap import LETTERS, QuizMap, quiz_map
from handscroll.publish.selfchecks import approved_items, write_atomically
from handscroll.store import Library
from handscroll.store.records import GlossaryEntry

TEMPLATES = Path(__file__).parent / "templates" / "pack"
"""The pack's one HTML template and its print stylesheet."""


PRINT_IMAGE_SIDE = 1200
"""Longest side of a printed picture, in pixels: about 200 dpi across a text column."""


Image = tuple[str, int, int]
"""A printed picture: its data URI, width and height."""


@dataclass(frozen=True)
class PackItem:
    """A self-check item on paper, worded in the edition's language: its heading (the kind's
    label, punctuated to run into the prompt), prompt and feedback; a place item's map and
    letters, a picture item's pictures."""

    item: QuizItem
    heading: str
    prompt: str
    feedback: str
    map: QuizMap | None = None
    letters: str = ""
    pictures: tuple[Image | None, ...] = ()


@dataclass(frozen=True)
class PackChapter:
    """One feature in the pack: its chapter, lead picture, self-check items and web address."""

    chapter: Chapter
    anchor: str
    hero: Image | None
    items: tuple[PackItem, ...]
    url: str
    qr: str
    """The QR code of `url`, as an SVG data URI."""


@dataclass(frozen=True)
class Pack:
    """What the template lays out."""

    title: str
    kind: Literal["pack", "worksheet"]
    language: str
    paper: Paper
    answers: Answers
    made: date
    chapters: tuple[PackChapter, ...]
    timeline: tuple[TimelineGroup, ...]
    glossary: tuple[GlossaryEntry, ...]

    @property
    def has_answers(self) -> bool:
        """Whether the answer key at the back has anything to show."""
        return self.answers == "end" and any(c.chapter.answers or c.items for c in self.chapters)


class _Pictures:
    """Pictures as data URIs, each resized once, with a skip line for each one missing."""

    def __init__(self, media: MediaLibrary, report: ExportReport) -> None:
        self.media = media
        self.report = report
        self.found: dict[str, Image | None] = {}

    def get(self, media_id: str, slug: str) -> Image | None:
        if media_id not in self.found:
            picture = resized_jpeg(self.media, media_id, PRINT_IMAGE_SIDE)
            if picture is None:
                self.report.skipped.append(missing_picture(self.media, media_id, slug))
                self.found[media_id] = None
            else:
                data, width, height = picture
                uri = "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")
                self.found[media_id] = (uri, width, height)
        return self.found[media_id]


def _on_paper(item: QuizItem, pictures: _Pictures, slug: str, language: str) -> PackItem:
    gettext = Translator(language).gettext
    label = kind_label(item.kind, gettext)
    heading = label if label.endswith(("?", "？")) else gettext("%(label)s.") % {"label": label}
    printed = PackItem(item, heading, prompt(item, gettext), feedback(item, gettext))
    if item.points:
        return replace(printed, map=quiz_map(item.points), letters=LETTERS[: len(item.choices)])
    if item.media:
        return replace(printed, pictures=tuple(pictures.get(media, slug) for media in item.media))
    return printed


def qr_data_uri(url: str) -> str:
    """A QR code of `url` as an SVG data URI (segno), dark on white, for print."""
    import segno

    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=2))


def build_pack(
    library: Library,
    selection: Selection,
    media: MediaLibrary,
    *,
    base_url: str,
    answers: Answers = "end",
    paper: Paper = "A4",
    kind: Literal["pack", "worksheet"] = "pack",
    today: date | None = None,
) -> tuple[Pack, ExportReport]:
    """The pack of a selection, with what it left out (pictures not found, features with no items)."""
    report = ExportReport()
    pictures = _Pictures(media, report)
    page_url = reader_urls(base_url)[0]
    anchors = {f.slug: f"feature-{f.slug}" for f in selection.features}
    chapters = []
    for feature in selection.features:
        items = approved_items(library, feature.slug, report)
        url = page_url(feature.slug)
        chapters.append(
            PackChapter(
                chapter=build_chapter(feature, anchors[feature.slug], pictures.get),
                anchor=anchors[feature.slug],
                hero=pictures.get(feature.hero, feature.slug) if feature.hero else None,
                items=tuple(_on_paper(item, pictures, feature.slug, feature.language) for item in items),
                url=url,
                qr=qr_data_uri(url),
            )
        )
    # A pack is one edition: its dates and labels in that edition's language (issue 12).
    ui = Translator(selection.language if selection.language in LOCALES else "en")
    timeline = timeline_groups(
        selection,
        {slug: f"#{anchor}" for slug, anchor in anchors.items()},
        part_label=lambda n: ui.gettext("Part %(num)s") % {"num": n},
        language=ui.language,
    )
    pack = Pack(
        title=selection.title,
        kind=kind,
        language=selection.features[0].language,
        paper=paper,
        answers=answers,
        made=today or date.today(),
        chapters=tuple(chapters),
        timeline=timeline,
        glossary=selection.glossary,
    )
    return pack, report


def _mark_chinese_in(text: object, language: str) -> Markup:
    """Escape text; in an English chapter, also mark its Chinese runs (a Chinese one says its `lang`)."""
    return escape(text) if language.startswith("zh") else mark_chinese(text)


def pack_html(pack: Pack) -> str:
    """The pack as one HTML document, for WeasyPrint or a browser's print."""
    language = pack.language if pack.language in LOCALES else "en"
    env = document_environment(TEMPLATES, language)
    env.filters["zh"] = _mark_chinese_in
    # The stylesheet is ours, not the library's: it goes in as written (quotes and all).
    stylesheet = Markup((TEMPLATES / "pack.css").read_text(encoding="utf-8"))
    return env.get_template("pack.html").render(pack=pack, stylesheet=stylesheet)


def pack_pdf(html: str) -> bytes:
    """Lay the document out as PDF; every font is embedded (WeasyPrint subsets them)."""
    from PIL import ImageFile

    # Importing WeasyPrint makes Pillow accept truncated images, process-wide; the reader's
    # media library must go on refusing them (tests/publish/test_broken_pictures.py), and the
    # pack's own pictures are re-encoded whole before they get here.
    strict = ImageFile.LOAD_TRUNCATED_IMAGES
    from weasyprint import HTML

    ImageFile.LOAD_TRUNCATED_IMAGES = strict
    pdf = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return bytes(pdf)


def export_pdf(library: Library, request: ExportRequest, out: Path) -> ExportReport:
    """Write the teacher's pack of the request to `out` (a `.pdf` file)."""
    selection = select_features(library, request)
    languages = sorted({f.language for f in selection.features})
    others: list[str] = []
    if len(languages) > 1:
        # A class reads one edition: English when there is one, unless --language says otherwise.
        chosen = "en" if "en" in languages else languages[0]
        others = [language for language in languages if language != chosen]
        selection = select_features(library, replace(request, language=chosen))
    kind: Literal["pack", "worksheet"] = "worksheet" if request.slug else "pack"
    pack, report = build_pack(
        library,
        selection,
        open_media(request, out.parent),
        base_url=request.base_url,
        answers=request.answers,
        paper=request.paper,
        kind=kind,
    )
    if others:
        report.skipped.append(
            f"the {', '.join(others)} editions: a pack holds one (--language {others[0]} for that one)"
        )
    write_atomically(out, pack_pdf(pack_html(pack)))
    report.written.append(out)
    return report
