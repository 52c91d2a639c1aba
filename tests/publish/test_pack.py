"""`handscroll export pdf` (issue 15): the teacher's pack and the worksheet, checked by poppler's tools.

pdffonts: every font embedded, none a Type 3 fallback (Chinese included).
pdftotext: every caption, note, question and self-check item is printed;
with `--answers end` every answer comes after the last chapter and none
before; with `none` no answer at all. pdftoppm renders the pages to PNGs
kept with the test's files, to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from handscroll.cli import app
from handscroll.config import Settings
from handscroll.learn.load import approved_quiz, load_quiz
from handscroll.learn.wording import feedback, prompt
from handscroll.model import Feature, Figure, Note, Question
from handscroll.pipeline import import_paths
from handscroll.publish.i18n import Translator
from handscroll.samples import sample_paths
from handscroll.samples.images import generate_sample_media
from handscroll.store import Library
from learn.described import write_described

POPPLER = ("pdffonts", "pdftotext", "pdfinfo", "pdftoppm")
PAGES = Path(__file__).parents[2] / "test-output" / "pdf"
"""Where the rendered pages go for a person to look at (gitignored)."""
SERIES = "handscroll_sample_civilwar"


def poppler(tool: str, *args: str) -> str:
    """The output of one poppler tool; the test skips when poppler-utils is missing."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is missing: apt-get install poppler-utils")
    done = subprocess.run([tool, *args], capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def body_text(pdf: Path) -> str:
    """The text of every page without its running head and page number (they sit in the margins,
    and would split a paragraph that runs on to the next page)."""
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", poppler("pdfinfo", str(pdf)))
    assert size is not None
    width, height = (round(float(v)) for v in size.groups())
    margin = 50  # points: inside the 18 mm top and 20 mm bottom margins, below and above the text
    crop = ("-x", "0", "-y", str(margin), "-W", str(width), "-H", str(height - 2 * margin))
    return poppler("pdftotext", *crop, "-nopgbrk", str(pdf), "-")


def flat(text: str) -> str:
    """Text without whitespace or hyphens: pdftotext breaks lines where the layout did, and reads a
    hyphen set in a CJK face as nothing ("Kai-shek" comes back "Kaishek")."""
    return re.sub(r"[\s\-\u00ad\u2010]+", "", text)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The samples, every proposed item approved, and their pictures drawn."""
    folder = tmp_path_factory.mktemp("pack")
    url = f"sqlite:///{folder / 'library.db'}"
    with Library.open(url) as opened:
        import_paths([str(sample_paths()[0].parent)], opened, Settings())  # every edition
        # The second part again, with alt text on its pictures, so it gets "which picture" items.
        summary = import_paths([str(write_described(folder / "described"))], opened, Settings())
        assert not summary.errors, summary.errors
        for summary in opened.list_features():
            quiz, _ = load_quiz(opened, summary.slug)
            opened.approve_quiz_items(summary.slug, [item.id for item in quiz.items])
    media = folder / "media"
    generate_sample_media(media)
    return url, media


def export(library: tuple[str, Path], out: Path, *args: str) -> str:
    url, media = library
    result = CliRunner().invoke(
        app, ["export", "pdf", "-o", str(out), "--db", url, "--media", str(media), *args]
    )
    assert result.exit_code == 0, result.output
    assert out.is_file()
    return result.output


def features(url: str, language: str) -> list[Feature]:
    with Library.open(url) as opened:
        return [
            opened.get_feature(s.slug) for s in opened.list_features(series=SERIES) if s.language == language
        ]


def printed(feature: Feature, url: str) -> list[str]:
    """What a student's copy must hold: captions, notes, prompts and every self-check item, its
    prompt worded in the language of the edition."""
    gettext = Translator(feature.language).gettext
    texts = [feature.title]
    for block in feature.blocks:
        if isinstance(block, Figure):
            texts += block.caption
        elif isinstance(block, Note):
            texts += block.text
        elif isinstance(block, Question):
            texts.append(block.prompt)
    with Library.open(url) as opened:
        for item in approved_quiz(opened, feature.slug):
            texts.append(prompt(item, gettext))
            if item.kind != "picture":  # its choices are pictures, named by their alt text
                texts += item.choices
    return texts


def answers(feature: Feature, url: str) -> list[str]:
    found = [line for b in feature.blocks if isinstance(b, Question) for line in b.answer]
    with Library.open(url) as opened:
        gettext = Translator(feature.language).gettext
        found += [feedback(item, gettext) for item in approved_quiz(opened, feature.slug)]
    return found


def assert_fonts_embedded(pdf: Path, *, chinese: bool) -> None:
    rows = poppler("pdffonts", str(pdf)).splitlines()[2:]
    assert rows, "the PDF names no fonts"
    for row in rows:
        assert row.split()[-5] == "yes", f"not embedded: {row}"  # columns: ... emb sub uni object ID
        assert "Type 3" not in row, row
    if chinese:
        assert any("CJK" in row for row in rows), rows


@pytest.mark.parametrize(("language", "count"), [("en", 3), ("zh-Hant", 2)])
def test_the_series_pack_prints_everything_and_keeps_the_answers_at_the_back(
    library: tuple[str, Path], tmp_path: Path, language: str, count: int
) -> None:
    out = tmp_path / "pack.pdf"
    output = export(library, out, "--series", SERIES, *(("--language", language) if language != "en" else ()))
    if language == "en":
        assert "a pack holds one" in output  # the Chinese editions are named, not mixed in
    assert_fonts_embedded(out, chinese=True)  # an English text quotes Chinese names too
    text = flat(body_text(out))
    say = Translator(language).gettext  # a pack of one edition is in its language (issue 12)
    key = text.rindex(flat(say("Read it online, with every picture in colour:")))  # the last chapter's end
    chapters = features(library[0], language)
    assert len(chapters) == count
    for feature in chapters:
        for line in printed(feature, library[0]):
            assert flat(line) in text, line
        for line in answers(feature, library[0]):
            position = text.find(flat(line))
            assert position > key, f"answer before the last chapter's end, or missing: {line}"
    for other in ("en", "zh-Hant", "zh-Hans"):
        if other != language:  # one edition per pack
            assert all(flat(f.title) not in text for f in features(library[0], other))
    raw = poppler("pdftotext", str(out), "-")
    contents = ".*".join(say(w) for w in ("Contents", "Answer key", "Timeline", "Glossary"))
    assert re.search(contents, raw, re.S)  # the table of contents
    if language != "en":
        assert flat(say("Put these events in the order they happened, earliest first.")) in text
    assert re.search(r"^\s*2\s*$", raw, re.M)  # page numbers at the foot
    assert "(A4)" in poppler("pdfinfo", str(out))
    pages = PAGES / f"pack-{language}"
    shutil.rmtree(pages, ignore_errors=True)
    pages.mkdir(parents=True)
    poppler("pdftoppm", "-r", "50", "-png", str(out), str(pages / "page"))  # kept for a person to look at
    assert len(list(pages.glob("page-*.png"))) == int(
        re.findall(r"Pages:\s+(\d+)", poppler("pdfinfo", str(out)))[0]
    )


def test_a_traditional_worksheet_without_answers_on_letter_paper(
    library: tuple[str, Path], tmp_path: Path
) -> None:
    (feature, *_) = features(library[0], "zh-Hant")
    out = tmp_path / "worksheet.pdf"
    export(library, out, "--feature", feature.slug, "--answers", "none", "--paper", "Letter")
    assert_fonts_embedded(out, chinese=True)
    assert "612 x 792" in poppler("pdfinfo", str(out))
    text = flat(body_text(out))
    for line in printed(feature, library[0]):
        assert flat(line) in text, line
    for line in answers(feature, library[0]):
        assert flat(line) not in text, f"an answer on a copy without answers: {line}"


def test_inline_answers_follow_their_question(library: tuple[str, Path], tmp_path: Path) -> None:
    (feature, *_) = features(library[0], "en")
    out = tmp_path / "inline.pdf"
    export(library, out, "--feature", feature.slug, "--answers", "inline")
    text = flat(body_text(out))
    assert flat("Answer key") not in text
    question = next(b for b in feature.blocks if isinstance(b, Question))
    assert text.index(flat(question.prompt)) < text.index(flat(question.answer[0]))


def test_a_wrong_option_is_refused_and_nothing_is_written(library: tuple[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "never.pdf"
    url = library[0]
    result = CliRunner().invoke(app, ["export", "pdf", "-o", str(out), "--db", url, "--answers", "after"])
    assert result.exit_code == 2 and "--answers" in result.output
    result = CliRunner().invoke(app, ["export", "pdf", "-o", str(out), "--db", url, "--language", "fr"])
    assert result.exit_code == 2 and "unknown language" in result.output
    assert not out.exists() and not list(tmp_path.glob(".never.pdf*"))


def test_laying_out_a_pack_leaves_pillow_refusing_truncated_pictures() -> None:
    from PIL import ImageFile

    from handscroll.publish.pack import pack_pdf

    assert pack_pdf("<p>One line.</p>").startswith(b"%PDF-")
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False  # WeasyPrint's import sets it; the pack restores it
