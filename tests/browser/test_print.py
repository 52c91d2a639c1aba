"""Printing a feature (issue 14 item 2): Chromium prints each sample to an A4 PDF, and pdftotext
finds every caption, every extended-reading note and every model answer in it; every figure's
picture is in the PDF; the header and search box are not; the gallery band prints white."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from browser.conftest import SampleLibrary, clean_screenshots, require_part
from handscroll.model import Figure, Note, Question
from handscroll.store import Library

pytestmark = pytest.mark.browser


def _squash(text: str) -> str:
    """Text without whitespace and with ligatures unfolded, so line breaks cannot hide a match."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout


def _pdf_images(pdf: Path) -> int:
    listing = subprocess.run(
        ["pdfimages", "-list", str(pdf)], capture_output=True, check=True, text=True
    ).stdout
    return sum(1 for line in listing.splitlines()[2:] if line.split()[2:3] == ["image"])


@pytest.mark.parametrize("index", [0, 1, 2])
def test_a4_print_holds_every_caption_note_answer_and_picture(
    browser: Any, live_url: str, sample_library: SampleLibrary, index: int, tmp_path: Path
) -> None:
    if shutil.which("pdftotext") is None or shutil.which("pdfimages") is None:
        require_part("poppler-utils (pdftotext, pdfimages) is not installed: apt-get install poppler-utils")
    slug = sample_library.slugs[index]
    with Library.open(sample_library.url) as library:
        feature = library.get_feature(slug)
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_url}/features/{slug}")
        page.wait_for_load_state("networkidle")
        # Once idle, the page loads its remaining (lazy) pictures, so a print holds them all.
        page.wait_for_function(
            "[...document.images].every(i => i.loading !== 'lazy' && i.complete && i.naturalWidth > 0)",
            timeout=15000,
        )
        page.emulate_media(media="print")
        band = page.eval_on_selector(".gallery", "g => getComputedStyle(g).backgroundColor")
        assert band in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), band
        assert page.locator(".site-header").is_hidden() and page.locator(".site-search").is_hidden()
        if index == 0:
            page.screenshot(path=str(clean_screenshots() / "print-feature.png"), full_page=True)
        pdf = tmp_path / f"{slug}.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        text = _squash(_pdf_text(pdf))
        figures = [b for b in feature.blocks if isinstance(b, Figure)]
        notes = [b for b in feature.blocks if isinstance(b, Note)]
        answers = [b for b in feature.blocks if isinstance(b, Question)]
        assert figures and answers
        for figure in figures:
            for line in figure.caption:
                assert _squash(line) in text, f"caption missing from the print: {line[:60]}"
        for note in notes:
            for line in note.text:
                assert _squash(line) in text, f"note missing from the print: {line[:60]}"
        for question in answers:
            for line in question.answer:
                assert _squash(line) in text, f"answer missing from the print: {line[:60]}"
        assert "Searchthelibrary" not in text and "SkiptocontentSkip" not in text
        # Every figure's picture and the lead picture, each printed once.
        pictures = len(figures) + (1 if feature.hero else 0)
        assert _pdf_images(pdf) >= pictures
    finally:
        context.close()
