"""Turn the bytes of an input file into text, refusing what is not text.

Exports come as UTF-8 (sometimes with a BOM) or UTF-16 with a BOM. Anything
else gets a message naming the line, never a guess at the encoding.
"""

from __future__ import annotations

import codecs
import re

from handscroll.errors import Location, ReadError
from handscroll.text.encodings import describe, guess_chinese_encoding

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DISALLOWED = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
"""C0 controls and DEL: never text, and PostgreSQL refuses NUL outright (issue 10 item 3).

Tab, line breaks, vertical tab and form feed are layout a text export may hold."""
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])
_DISALLOWED_BYTES = bytes([*_CONTROL_BYTES, 0x7F])
_SPACES_TO_NORMALISE = (("\u00a0", " "), ("\u202f", " "), ("\u2007", " "), ("\ufeff", ""))


def decode_bytes(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode a file's bytes to text, or raise ReadError with the line at fault.

    `encoding` (a legacy Chinese one, from --encoding) is used for files
    without a byte-order mark; a BOM always wins.
    """
    if not data.removeprefix(codecs.BOM_UTF8).strip():
        raise ReadError("the file is empty", Location(path))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode(data, "utf-16", path)
    if encoding is not None and encoding != "utf-8" and not data.startswith(codecs.BOM_UTF8):
        return _decode(data, encoding, path)
    bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    data = data[bom:]
    if b"\x00" in data[:8192]:
        if _looks_like_utf16(data[:8192]):
            raise ReadError(
                "this looks like UTF-16 without a byte-order mark; save it as UTF-8 (or UTF-16 with a BOM)",
                Location(path, 1),
            )
        line = _line_at(data, data.index(b"\x00"), "utf-8")
        raise ReadError("this is a binary file, not text (NUL byte)", Location(path, line))
    text = _decode(data, "utf-8", path, skipped=bom)
    controls = _count(text[:8192], _CONTROL_BYTES)
    if controls > 8 and controls > len(text[:8192]) // 100:
        raise ReadError(
            f"this looks like a binary file, not text ({controls} control characters)", Location(path, 1)
        )
    check_text(text, path)
    return text


def check_text(text: str, path: str) -> None:
    """Refuse text holding a control character anywhere, naming the first one's line.

    The binary sniffing above looks at the first 8 KB only; this scans all of
    it, so a late NUL cannot reach the library (and abort a PostgreSQL batch).
    """
    if not _count(text, _DISALLOWED_BYTES):
        return
    found = _DISALLOWED.search(text)
    if found is not None:
        line = len(split_lines(text[: found.start()]))
        raise ReadError(
            f"a control character (U+{ord(found.group()):04X}) is not allowed in text; remove it",
            Location(path, line),
        )


def _count(text: str, ascii_characters: bytes) -> int:
    """How many of these ASCII characters a text holds.

    An ASCII character is one byte of UTF-8 that no other character's bytes
    contain, and `bytes.translate` drops them in C: a regular expression
    looks at every character in Python's matcher, ten times slower (issue 11).
    """
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, ascii_characters))


def _decode(data: bytes, encoding: str, path: str, *, skipped: int = 0) -> str:
    """Decode strictly; `skipped` bytes (a BOM) were cut off the front, and count in messages."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = _line_at(data, exc.start, encoding)
        if encoding == "utf-8" and not _looks_textual(data):
            raise ReadError("this looks like a binary file, not text", Location(path, line)) from None
        bad = data[exc.start : exc.start + 1]
        advice = "save the file as UTF-8"
        chinese = guess_chinese_encoding(data) if encoding == "utf-8" else ()
        if len(chinese) == 1:  # issue 12: name the legacy Chinese encoding it is in
            advice = (
                f"it looks like {describe(chinese[0])}: {advice}, or read it with --encoding {chinese[0]}"
            )
        elif chinese:
            options = " or ".join(f"--encoding {c}" for c in chinese)
            unsure = "it may be GB18030 or Big5 (too little Chinese text to tell)"
            advice = f"{unsure}: {advice}, or read it with {options}"
        raise ReadError(
            f"not valid {encoding.upper()} (byte {exc.start + skipped}: {bad!r}); {advice}",
            Location(path, line),
        ) from None


def _looks_like_utf16(sample: bytes) -> bool:
    """Mostly-ASCII UTF-16 text has a NUL in every other byte, on one side."""
    even, odd = sample[0::2], sample[1::2]
    return len(sample) >= 4 and (odd.count(0) >= 0.9 * len(odd) or even.count(0) >= 0.9 * len(even))


def _line_at(data: bytes, offset: int, encoding: str) -> int:
    """The line holding byte `offset`, counted as `split_lines` counts.

    Counting b"\\n" bytes would miss CR-only line ends and, in UTF-16, take
    the low byte of a character like U+010A for a line break.
    """
    return len(split_lines(data[:offset].decode(encoding, errors="replace")))


def _looks_textual(data: bytes) -> bool:
    sample = data[:8192]
    printable = sum(1 for b in sample if b >= 0x20 or b in b"\t\n\r")
    return printable >= 0.9 * len(sample)


def split_lines(text: str) -> list[str]:
    """Split on any line break (CRLF, CR, LF) and nothing else, so line numbers match editors."""
    if "\r" not in text:
        return text.split("\n")
    return _LINE_BREAK.split(text)


def clean_lines(text: str) -> list[str]:
    """Split into lines, turn non-breaking spaces into spaces and strip each line's edges."""
    lines = split_lines(text)  # first: a BOM between CR and LF must not join two breaks (issue 10 item 9)
    for odd, plain in _SPACES_TO_NORMALISE:
        if odd in text:
            lines = [line.replace(odd, plain) for line in lines]
    return [line.strip() for line in lines]
