"""Defects found by the robustness harness in decoding (issue 10 items 3 and 9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from handscroll.config import Settings
from handscroll.errors import ReadError
from handscroll.ingest import read_path

SETTINGS = Settings()
STRAY = "(2) A Short Feature\n\nA paragraph.\n\nSee answer below.\n\nAnother paragraph.\n"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _write(name: str, data: bytes) -> Path:
    path = Path(name)
    path.write_bytes(data)
    return path


def test_bom_between_cr_and_lf_keeps_both_line_breaks() -> None:
    # "\r\ufeff\n" is two line breaks (CR, then LF) with a stray BOM between:
    # it must read as "\r\n\r\n" does, with every later line number the same.
    text = STRAY.replace("\n", "\r\n")
    plain = read_path(
        _write("plain.txt", text.replace("A paragraph.\r\n", "A paragraph.\r\n\r\n").encode()), SETTINGS
    )
    result = read_path(
        _write("bom.txt", text.replace("A paragraph.\r\n", "A paragraph.\r\ufeff\n").encode()), SETTINGS
    )
    assert [w.location.line for w in result.warnings] == [w.location.line for w in plain.warnings]
    assert result.warnings
    assert result.lines == plain.lines
    assert result.feature == plain.feature


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x1b", "\x7f"])
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_control_character_after_8_kb_is_refused_with_its_line(char: str, suffix: str) -> None:
    head = "---\ntitle: T\n---\n\n" if suffix == ".md" else "(1) Title\n\n"
    filler = "".join(f"Line {n} of narrative that is long enough.\n\n" for n in range(400))
    text = head + filler + f"bad{char}line\n"
    assert len(text.split(char)[0].encode()) > 8192
    with pytest.raises(ReadError) as caught:
        read_path(_write("late" + suffix, text.encode()), SETTINGS)
    assert caught.value.location.path == "late" + suffix
    assert caught.value.location.line == text.count("\n")
    assert f"U+{ord(char):04X}" in caught.value.message


def test_escaped_nul_in_json_is_refused_with_its_line() -> None:
    data = b'{"title": "T",\n "blocks": [\n  {"type": "paragraph", "text": "a\\u0000b"}]}\n'
    with pytest.raises(ReadError) as caught:
        read_path(_write("nul.json", data), SETTINGS)
    assert (caught.value.location.path, caught.value.location.line) == ("nul.json", 3)
    assert "U+0000" in caught.value.message


def test_form_feed_and_tabs_are_still_text() -> None:
    result = read_path(_write("ff.txt", b"(1) Title\n\nA\x0cparagraph\twith a tab.\n"), SETTINGS)
    assert result.feature.blocks
