"""No output holds a character XML 1.0 forbids (issue 10 item 6): EPUB and every HTML page."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

from handscroll.config import Settings
from handscroll.enrich import enrich_feature
from handscroll.model import Credit, Feature, Figure, Note, Paragraph, Question
from handscroll.publish.exports import ExportRequest, run_export
from handscroll.publish.site import build_site
from handscroll.publish.xml_text import clean_xml_text, xml_utf8
from handscroll.store import Library
from publish.builders import fill_library, write_picture
from publish.test_exports import _epubcheck

# A form feed (which the decoder lets through, as legacy exports hold them),
# a vertical tab, a lone control, and the two noncharacters XML forbids.
ODD = "\x0c\x0b\x01\ufffe\uffff"
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _feature() -> Feature:
    return Feature(
        title=f"Form{ODD}feed 1946",
        part=1,
        series=f"oddchars{ODD}",
        slug="01-form-feed",
        hero="oddchars01_1",
        blocks=(
            Paragraph(text=f"In March 1946{ODD} the army left Shenyang (瀋陽{ODD})."),
            Figure(media="oddchars01_1", caption=(f"Caption{ODD}",)),
            Note(kind=f"ebook{ODD}", text=(f"Note{ODD}",)),
            Question(prompt=f"Why{ODD}?", answer=(f"Because{ODD}.",)),
            Credit(text=f"Credit{ODD}"),
        ),
    )


def _library(tmp_path: Path) -> tuple[str, Path]:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    feature = _feature()
    fill_library(url, [feature])
    with Library.open(url) as library:
        library.save_enrichments([(feature.slug, enrich_feature(feature))])
    write_picture(tmp_path / "media", "oddchars01_1")
    return url, tmp_path / "media"


def test_clean_xml_text_keeps_words_apart_and_drops_the_rest() -> None:
    assert clean_xml_text("a\x0cb\x0bc\x01d\ufffee\ud800f") == "a b cdef"
    assert clean_xml_text("tab\tand\nlines\r中") == "tab\tand\nlines\r中"


def test_a_form_feed_gives_a_well_formed_epub_that_epubcheck_accepts(tmp_path: Path) -> None:
    url, media = _library(tmp_path)
    book = tmp_path / "book.epub"
    with Library.open(url) as library:
        run_export("epub", library, ExportRequest(media_dir=media), book)
    with zipfile.ZipFile(book) as archive:
        xml_names = [n for n in archive.namelist() if n.endswith((".xhtml", ".opf", ".ncx", ".xml"))]
        assert "OEBPS/content.opf" in xml_names and len(xml_names) >= 4
        for name in xml_names:
            data = archive.read(name)
            etree.fromstring(data)  # raises XMLSyntaxError when not well-formed
            assert not FORBIDDEN.search(data.decode("utf-8")), name
        chapter = next(archive.read(n).decode() for n in xml_names if "chapter" in n)
        assert "In March 1946 " in chapter  # the form feed became a space, not a joined word
    assert _epubcheck(book, tmp_path) == []


def test_no_static_page_holds_a_forbidden_character(tmp_path: Path) -> None:
    url, media = _library(tmp_path)
    out = tmp_path / "site"
    with Library.open(url) as library:
        report = build_site(library, out, Settings(db=url, media_dir=media))
    pages = [p for p in out.rglob("*") if p.suffix in (".html", ".svg", ".xhtml", ".xml")]
    assert len(pages) >= len(report.written) > 3
    for page in pages:
        assert not FORBIDDEN.search(page.read_text(encoding="utf-8")), page


def test_the_utf8_form_is_the_cleaned_text_encoded() -> None:
    """The reader sends `xml_utf8`: the same text as `clean_xml_text`, whichever character is bad."""
    for text in ("plain 中文 text", "a\x0cb", "\x00", "x\ufffe", "y\uffff", "z\ud800", "\U0002a6a5\x1f"):
        assert xml_utf8(text) == clean_xml_text(text).encode(), repr(text)
