"""Bad legacy input gets a clear message naming the file and the line (DESIGN.md, quality bars).

One test per case. Each runs in its own folder, so the file is named as a user
would see it (`display_path` shows paths relative to the working directory).
"""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

import pytest
from PIL import Image

from handscroll.config import Settings
from handscroll.errors import ReadError
from handscroll.ingest import LineKind, ReadResult, expand_paths, read_path
from handscroll.model import Figure, Paragraph, Question, Unclassified

SETTINGS = Settings()

GOOD = (
    "Please drag to the left for more details\n"
    "\n"
    "(2) A Short Feature\n"
    "\n"
    "demo_series02_1\n"
    "demo_series02_1\n"
    "\n"
    "A paragraph of narrative, written in 1946.\n"
    "\n"
    "What happened next?\n"
    "\n"
    "See answer below.\n"
    "\n"
    "demo_series02_2\n"
    "demo_series02_2\n"
    "\n"
    "A caption for the second picture.\n"
    "\n"
    "ebook\n"
    "\n"
    "An extended reading note.\n"
    "\n"
    "What happened next?\n"
    "\n"
    "The answer, in one line.\n"
    "\n"
    "Source of photos: nobody in particular.\n"
)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def write(name: str, data: bytes | str) -> Path:
    path = Path(name)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def refuse(path: Path) -> ReadError:
    with pytest.raises(ReadError) as caught:
        read_path(path, SETTINGS)
    return caught.value


def warnings_of(result: ReadResult) -> list[tuple[str, int, str]]:
    return [(w.location.path, w.location.line, w.message) for w in result.warnings]


# ---------------------------------------------------------------- refused files


def test_empty_file() -> None:
    error = refuse(write("empty.txt", b""))
    assert (error.message, error.location.path, error.location.line) == ("the file is empty", "empty.txt", 0)
    assert str(error) == "empty.txt: the file is empty"


def test_file_of_blank_lines_is_empty() -> None:
    error = refuse(write("blank.txt", b" \r\n\t\n\n"))
    assert (error.message, error.location.path, error.location.line) == ("the file is empty", "blank.txt", 0)


def test_file_of_a_bom_only_is_empty() -> None:
    error = refuse(write("bom-only.txt", codecs.BOM_UTF8 + b"\n"))
    assert (error.message, error.location.path) == ("the file is empty", "bom-only.txt")


def test_utf16_without_a_bom_is_named_as_such() -> None:
    error = refuse(write("no-bom.txt", "(1) Title\n\nA paragraph.\n".encode("utf-16-le")))
    assert error.message.startswith("this looks like UTF-16 without a byte-order mark")
    assert (error.location.path, error.location.line) == ("no-bom.txt", 1)


def test_file_of_chrome_only_has_no_content() -> None:
    error = refuse(write("chrome.txt", "Please drag to the left for more details\n\nSee answer below.\n"))
    assert error.message == "the file has no content, only site chrome and blank lines"
    assert (error.location.path, error.location.line) == ("chrome.txt", 0)


def test_binary_file() -> None:
    png = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 180, 150)).save(png, format="PNG")
    # A PNG starts b"\x89PNG\r\n\x1a\n\x00...": its first NUL byte is on line 3.
    error = refuse(write("photo.txt", png.getvalue()))
    assert error.message == "this is a binary file, not text (NUL byte)"
    assert (error.location.path, error.location.line) == ("photo.txt", 3)


@pytest.mark.parametrize(
    ("encoding", "bad_byte"),
    [("gbk", b"\xd6"), ("big5", b"\xad")],
)
def test_chinese_legacy_encoding_names_the_line_of_the_first_bad_byte(encoding: str, bad_byte: bytes) -> None:
    text = (
        "The Chongqing Talks\n\nMao Zedong flew in on 28 August 1945.\n\nChongqing (重慶) was the capital.\n"
    )
    data = text.encode(encoding)
    error = refuse(write("legacy.txt", data))
    offset = data.index("重".encode(encoding))
    assert error.message == (
        f"not valid UTF-8 (byte {offset}: {bad_byte!r}); it may be GB18030 or Big5 (too little Chinese "
        "text to tell): save the file as UTF-8, or read it with --encoding gb18030 or --encoding big5hkscs"
    )
    assert (error.location.path, error.location.line) == ("legacy.txt", 5)


def test_latin1_names_the_line_of_the_first_bad_byte() -> None:
    data = "Title\r\n\r\nA café in Chongqing.\r\n".encode("latin-1")
    error = refuse(write("latin1.txt", data))
    offset = data.index(b"\xe9")
    assert error.message == f"not valid UTF-8 (byte {offset}: b'\\xe9'); save the file as UTF-8"
    assert (error.location.path, error.location.line) == ("latin1.txt", 3)


def test_bad_byte_after_a_utf8_bom_is_named_by_its_offset_in_the_file() -> None:
    data = codecs.BOM_UTF8 + "Title\n\nA café in Chongqing.\n".encode("latin-1")
    error = refuse(write("bom.txt", data))
    offset = data.index(b"\xe9")
    assert error.message == f"not valid UTF-8 (byte {offset}: b'\\xe9'); save the file as UTF-8"
    assert (error.location.path, error.location.line) == ("bom.txt", 3)


def test_bad_byte_line_counts_old_mac_line_ends() -> None:
    # CR-only line ends are lines too (split_lines says so); the error must agree.
    data = "Title\r\rA café in Chongqing.\r".encode("latin-1")
    error = refuse(write("mac.txt", data))
    offset = data.index(b"\xe9")
    assert error.message == f"not valid UTF-8 (byte {offset}: b'\\xe9'); save the file as UTF-8"
    assert (error.location.path, error.location.line) == ("mac.txt", 3)


def test_bad_utf16_names_the_line_of_the_bad_code_unit() -> None:
    # U+010A is b"\x0a\x01" in UTF-16-LE: its low byte is not a line break.
    data = codecs.BOM_UTF16_LE + "Title\n\nĊ marks the spot\n\n".encode("utf-16-le") + b"\x00\xdc"
    error = refuse(write("utf16.txt", data))
    offset = len(data) - 2
    assert error.message == f"not valid UTF-16 (byte {offset}: b'\\x00'); save the file as UTF-8"
    assert (error.location.path, error.location.line) == ("utf16.txt", 5)


def test_title_missing() -> None:
    error = refuse(write("untitled.txt", "\ndemo_series02_1\ndemo_series02_1\n\nSome narrative.\n"))
    assert error.message == "the title is missing: the first content line is 'demo_series02_1', not a title"
    assert (error.location.path, error.location.line) == ("untitled.txt", 2)


def test_title_missing_after_chrome() -> None:
    text = "Please drag to the left for more details\n\nebook\n\nA note.\n"
    error = refuse(write("untitled.txt", text))
    assert error.message == "the title is missing: the first content line is 'ebook', not a title"
    assert (error.location.path, error.location.line) == ("untitled.txt", 3)


def test_huge_file_is_refused_before_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    block = GOOD.encode() * 64
    path = Path("huge.txt")
    with path.open("wb") as out:
        while out.tell() < 50 * 1024 * 1024:
            out.write(block)
    size_mb = path.stat().st_size / 1048576

    def never(self: Path) -> bytes:
        raise AssertionError(f"{self} was read although it is over the limit")

    monkeypatch.setattr(Path, "read_bytes", never)
    error = refuse(path)
    assert error.message == (
        f"the file is {size_mb:.1f} MB, over the 8 MB limit (raise it with HANDSCROLL_MAX_FILE_MB)"
    )
    assert (error.location.path, error.location.line) == ("huge.txt", 0)


def test_folder_named_like_a_file() -> None:
    Path("x.txt").mkdir()
    error = refuse(Path("x.txt"))
    assert error.message == "cannot read the file: Is a directory"
    assert (error.location.path, error.location.line) == ("x.txt", 0)


def test_folder_with_a_broken_link_reports_it_in_place() -> None:
    # Tests run as root in CI, where chmod 000 does not stop reading; a link
    # whose target is gone is unreadable for everyone.
    folder = Path("features")
    folder.mkdir()
    write("features/good.txt", GOOD)
    os.symlink("missing.txt", folder / "broken.txt")
    (folder / "nested.txt").mkdir()  # a folder named like a file is a folder: expanded, not read

    listed = list(expand_paths(["features"]))

    assert listed[1] == Path("features/good.txt")
    error = listed[0]
    assert isinstance(error, ReadError)
    assert error.message == "a broken link: the file it points to does not exist"
    assert (error.location.path, error.location.line) == ("features/broken.txt", 0)
    assert len(listed) == 2


def test_broken_link_given_by_name_is_reported() -> None:
    os.symlink("missing.txt", "broken.txt")
    listed = list(expand_paths(["broken.txt"]))
    assert len(listed) == 1
    error = listed[0]
    assert isinstance(error, ReadError)
    assert (error.message, error.location.path, error.location.line) == (
        "a broken link: the file it points to does not exist",
        "broken.txt",
        0,
    )


def test_read_path_on_a_broken_link_names_the_link() -> None:
    os.symlink("missing.txt", "broken.txt")
    error = refuse(Path("broken.txt"))
    assert error.message == "cannot read the file: No such file or directory"
    assert (error.location.path, error.location.line) == ("broken.txt", 0)


def test_missing_file_is_reported_by_expand_paths() -> None:
    listed = list(expand_paths(["nowhere.txt"]))
    assert len(listed) == 1
    error = listed[0]
    assert isinstance(error, ReadError)
    assert (error.message, error.location.path, error.location.line) == (
        "no such file, folder or glob match",
        "nowhere.txt",
        0,
    )


# ---------------------------------------------------------------- kept, with warnings


def test_media_id_without_caption() -> None:
    text = GOOD.replace("demo_series02_2\n\nA caption for the second picture.\n", "demo_series02_2\n")
    result = read_path(write("nocaption.txt", text), SETTINGS)
    assert warnings_of(result) == [("nocaption.txt", 14, "media ID demo_series02_2 has no caption")]
    assert Figure(media="demo_series02_2") in result.feature.blocks


def test_question_asked_but_never_answered() -> None:
    text = GOOD.replace("What happened next?\n\nThe answer, in one line.\n\n", "")
    result = read_path(write("unanswered.txt", text), SETTINGS)
    assert warnings_of(result) == [("unanswered.txt", 10, "this question is asked but never answered")]
    assert Question(prompt="What happened next?") in result.feature.blocks


def test_answer_without_a_question_is_unclassified() -> None:
    text = GOOD.replace("See answer below.\n\n", "")
    result = read_path(write("unasked.txt", text), SETTINGS)
    assert warnings_of(result) == [
        (
            "unasked.txt",
            21,
            "repeats line 10 like the answer to a question that was never asked "
            "(no 'See answer below.' after line 10); kept as unclassified",
        ),
        ("unasked.txt", 23, "follows the unasked question's answer at line 21; kept as unclassified"),
    ]
    blocks = result.feature.blocks
    assert Paragraph(text="What happened next?") in blocks
    assert Unclassified(text="What happened next?", line=21) in blocks
    assert Unclassified(text="The answer, in one line.", line=23) in blocks
    assert result.lines[20] is result.lines[22] is LineKind.UNCLASSIFIED


def test_text_after_the_credit_is_unclassified() -> None:
    result = read_path(write("trailing.txt", GOOD + "\nShare this page.\n"), SETTINGS)
    assert warnings_of(result) == [
        ("trailing.txt", 29, "text after the credit belongs to no block; kept as unclassified")
    ]
    assert result.feature.blocks[-1] == Unclassified(text="Share this page.", line=29)
    assert result.lines[28] is LineKind.UNCLASSIFIED


def test_answer_marker_after_no_question() -> None:
    text = GOOD.replace("demo_series02_2\n\nA caption", "demo_series02_2\n\nSee answer below.\n\nA caption")
    result = read_path(write("stray.txt", text), SETTINGS)
    assert warnings_of(result) == [("stray.txt", 17, "'See answer below.' follows no question")]
    assert result.lines[16] is LineKind.CHROME
    assert (
        Figure(media="demo_series02_2", caption=("A caption for the second picture.",))
        in result.feature.blocks
    )


# ---------------------------------------------------------------- variants that read the same


def expected_good() -> ReadResult:
    return read_path(write("plain.txt", GOOD), SETTINGS)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bom.txt", codecs.BOM_UTF8 + GOOD.encode()),
        ("utf16le.txt", codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le")),
        ("utf16be.txt", codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be")),
        ("crlf.txt", GOOD.replace("\n", "\r\n").encode()),
        ("cr.txt", GOOD.replace("\n", "\r").encode()),
        (
            "nbsp.txt",
            "\n".join(f"\u00a0 {line}\u00a0\u202f" if line else line for line in GOOD.split("\n")).encode(),
        ),
    ],
)
def test_encodings_and_line_ends_read_the_same(name: str, data: bytes) -> None:
    plain = expected_good()
    result = read_path(write(name, data), SETTINGS)
    assert result.warnings == ()
    assert result.feature == plain.feature
    assert result.lines == plain.lines
    assert result.feature.part == 2
    assert result.feature.title == "A Short Feature"
    assert result.feature.hero == "demo_series02_1"


def test_nbsp_inside_a_line_becomes_a_space() -> None:
    text = GOOD.replace(
        "A paragraph of narrative, written in 1946.", "A\u00a0paragraph\u00a0of narrative, written in 1946."
    )
    result = read_path(write("inner.txt", text), SETTINGS)
    assert Paragraph(text="A paragraph of narrative, written in 1946.") in result.feature.blocks
