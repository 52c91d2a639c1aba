"""EPUB 3 books of a feature, a series or the library, for classroom tablets (issue 6).

A book has a cover (the first lead picture that can be found), a navigation
document, one chapter per feature (narrative, figures with captions, ebook
notes as asides, thinking questions linked both ways to an answers section at
the chapter's end), and the timeline and the glossary as appendices. Chinese
text carries `lang` and `xml:lang`. Pictures are re-encoded as JPEG no larger
than `MAX_IMAGE_SIDE`. The zip is written here, `mimetype` first and stored,
as OCF requires; epubcheck must report nothing at all.
"""

from __future__ import annotations

import re
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup, escape

from handscroll.publish.annotate import han_lang
from handscroll.publish.chapters import TimelineGroup, build_chapter, timeline_groups
from handscroll.publish.exports import (
    ExportReport,
    ExportRequest,
    Selection,
    missing_picture,
    open_media,
    resized_jpeg,
    select_features,
)
from handscroll.publish.i18n import LOCALES, Translator, document_environment
from handscroll.publish.media import MediaLibrary
from handscroll.publish.xml_text import clean_xml_text
from handscroll.store import Library
from handscroll.store.records import GlossaryEntry
from handscroll.text.cjk import CHINESE_RUN

TEMPLATES = Path(__file__).parent / "templates" / "epub"
"""The XHTML templates of a book and its stylesheet."""

MAX_IMAGE_SIDE = 1400
"""Longest side of a picture in a book, in pixels: sharp on a tablet, a few hundred KB at most."""

_HAN_RUN = CHINESE_RUN
"""Chinese runs as the web reader marks them (text/cjk.py; the book once missed Extension B, issue 9)."""

_NAMESPACE = uuid.UUID("5d1f2b7e-2c39-4a57-9a55-6b1f0c6c2a10")
"""Book identifiers are UUIDv5 under this namespace, so the same content gets the same identifier."""


def mark_chinese(text: str, lang: str = "zh-Hant") -> Markup:
    """Escape text and wrap each run of Chinese characters in a span with `lang` and `xml:lang`
    (`lang`: the book's own script in a Chinese book, Traditional in an English one)."""
    out: list[str] = []
    last = 0
    for match in _HAN_RUN.finditer(text):
        out.append(str(escape(text[last : match.start()])))
        out.append(f'<span lang="{lang}" xml:lang="{lang}">{escape(match.group())}</span>')
        last = match.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


@dataclass(frozen=True)
class TocEntry:
    """One line of the navigation document."""

    href: str
    label: str


@dataclass(frozen=True)
class Book:
    """What the cover, navigation and appendix templates show: title, language, cover, contents,
    the timeline grouped by series, and the glossary."""

    title: str
    language: str
    cover: str | None
    toc: tuple[TocEntry, ...]
    timeline: tuple[TimelineGroup, ...]
    glossary: tuple[GlossaryEntry, ...]


@dataclass
class _Images:
    """Pictures gathered for the book: archive path -> JPEG bytes, by media ID."""

    media: MediaLibrary
    report: ExportReport
    files: dict[str, bytes] = field(default_factory=dict)
    sizes: dict[str, tuple[str, int, int] | None] = field(default_factory=dict)

    def get(self, media_id: str, slug: str) -> tuple[str, int, int] | None:
        if media_id not in self.sizes:
            found = resized_jpeg(self.media, media_id, MAX_IMAGE_SIDE)
            if found is None:
                self.report.skipped.append(missing_picture(self.media, media_id, slug))
                self.sizes[media_id] = None
            else:
                data, width, height = found
                href = f"images/{media_id}.jpg"
                self.files[href] = data
                self.sizes[media_id] = (href, width, height)
        return self.sizes[media_id]


def build_epub(
    selection: Selection, media: MediaLibrary, *, now: datetime | None = None
) -> tuple[bytes, ExportReport]:
    """The book of a selection as EPUB bytes, with what was left out."""
    import io

    report = ExportReport()
    images = _Images(media, report)
    language = selection.language  # one edition's language, or English for a mix of editions
    files = {f.slug: f"chapter-{n:02d}.xhtml" for n, f in enumerate(selection.features, start=1)}
    chapters = [build_chapter(f, files[f.slug], images.get) for f in selection.features]
    cover = None
    for feature in selection.features:
        found = images.get(feature.hero, feature.slug) if feature.hero else None
        if found is not None:
            cover = found[0]
            break
    if cover is None:
        report.skipped.append("cover: no lead picture could be found, so the book has no cover image")
    # A book in one Chinese edition speaks Chinese throughout: labels, dates, parts (issue 12).
    ui = Translator(language if language in LOCALES else "en")
    timeline = timeline_groups(
        selection, files, part_label=lambda n: ui.gettext("Part %(part)s") % {"part": n}, language=language
    )
    toc = ([TocEntry("cover.xhtml", ui.gettext("Cover"))] if cover else []) + [
        TocEntry(c.file, f"{c.part}. {c.title}" if c.part is not None else c.title) for c in chapters
    ]
    if timeline:
        toc.append(TocEntry("timeline.xhtml", ui.gettext("Timeline")))
    if selection.glossary:
        toc.append(TocEntry("glossary.xhtml", ui.gettext("Glossary")))
    book = Book(selection.title, language, cover, tuple(toc), timeline, selection.glossary)
    env = _environment(ui.language)
    documents: dict[str, str] = {"nav.xhtml": env.get_template("nav.xhtml").render(book=book)}
    if cover:
        documents["cover.xhtml"] = env.get_template("cover.xhtml").render(book=book)
    for chapter in chapters:
        documents[chapter.file] = env.get_template("chapter.xhtml").render(chapter=chapter)
    if timeline:
        documents["timeline.xhtml"] = env.get_template("timeline.xhtml").render(book=book)
    if selection.glossary:
        documents["glossary.xhtml"] = env.get_template("glossary.xhtml").render(book=book)
    spine: list[str] = [name for name in ("cover.xhtml", "nav.xhtml") if name in documents]
    spine += [c.file for c in chapters] + [n for n in ("timeline.xhtml", "glossary.xhtml") if n in documents]
    identity = "\n".join(f"{f.slug} {f.content_hash()}" for f in selection.features)
    modified = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    opf = _package(
        title=selection.title,
        language=language,
        identifier=f"urn:uuid:{uuid.uuid5(_NAMESPACE, identity)}",
        modified=modified,
        documents=list(documents),
        images=list(images.files),
        cover=cover,
        spine=spine,
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book_zip:
        # OCF: `mimetype` first, stored (not compressed), with no extra field.
        book_zip.writestr(
            zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED
        )
        deflate = zipfile.ZIP_DEFLATED
        book_zip.writestr("META-INF/container.xml", _CONTAINER, compress_type=deflate)
        book_zip.writestr("OEBPS/content.opf", clean_xml_text(opf), compress_type=deflate)
        book_zip.writestr("OEBPS/style.css", (TEMPLATES / "style.css").read_bytes(), compress_type=deflate)
        for name, text in documents.items():
            # Text from the library may hold a form feed: no XML may (issue 10 item 6).
            book_zip.writestr(f"OEBPS/{name}", clean_xml_text(text), compress_type=deflate)
        for href, data in images.files.items():
            book_zip.writestr(
                f"OEBPS/{href}", data, compress_type=zipfile.ZIP_STORED
            )  # JPEG: already compressed
    return buffer.getvalue(), report


def export_epub(library: Library, request: ExportRequest, out: Path) -> ExportReport:
    """Write the book of the request to `out` (a `.epub` file)."""
    selection = select_features(library, request)
    data, report = build_epub(selection, open_media(request, out.parent))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    partial.write_bytes(data)
    partial.replace(out)
    report.written.append(out)
    return report


def _environment(language: str) -> Environment:
    """The book's templates, their labels in `language` (the catalogues of the reader)."""
    env = document_environment(TEMPLATES, language)
    env.filters["zh"] = lambda text: mark_chinese(text, han_lang(language))
    return env


_CONTAINER = """<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"""


def _package(
    *,
    title: str,
    language: str,
    identifier: str,
    modified: str,
    documents: list[str],
    images: list[str],
    cover: str | None,
    spine: list[str],
) -> str:
    """The package document (content.opf): metadata, manifest, spine."""

    def item_id(href: str) -> str:
        return "i-" + re.sub(r"[^A-Za-z0-9_-]", "-", href)

    items = ['<item id="css" href="style.css" media-type="text/css"/>']
    for name in documents:
        properties = ' properties="nav"' if name == "nav.xhtml" else ""
        items.append(
            f'<item id="{item_id(name)}" href="{name}" media-type="application/xhtml+xml"{properties}/>'
        )
    for href in images:
        properties = ' properties="cover-image"' if href == cover else ""
        items.append(f'<item id="{item_id(href)}" href="{href}" media-type="image/jpeg"{properties}/>')
    refs = "\n    ".join(f'<itemref idref="{item_id(name)}"/>' for name in spine)
    manifest = "\n    ".join(items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id"
         xml:lang="{escape(language)}">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="book-id">{escape(identifier)}</dc:identifier>
    <dc:title>{escape(title)}</dc:title>
    <dc:language>{escape(language)}</dc:language>
    <meta property="dcterms:modified">{modified}</meta>
  </metadata>
  <manifest>
    {manifest}
  </manifest>
  <spine>
    {refs}
  </spine>
</package>
"""
