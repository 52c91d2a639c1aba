"""Chinese files that are not UTF-8: name their encoding, and read them when told to (issue 12).

Older Chinese exports come in GB18030 (GBK, GB2312: Simplified) or Big5
(Traditional). handscroll never guesses silently: a file that is not UTF-8
gets an error naming the encoding it looks like (charset-normalizer's
judgement, checked by decoding the whole file), and `--encoding` /
HANDSCROLL_ENCODING reads it in that encoding.
"""

from __future__ import annotations

import codecs

ENCODINGS: dict[str, str] = {
    "gb18030": "GB18030 (Simplified Chinese; GBK and GB2312 are subsets)",
    "big5hkscs": "Big5-HKSCS (Traditional Chinese; Big5 is a subset)",
}
"""The legacy Chinese encodings handscroll reads when asked, with how messages name them."""

_FAMILY = {
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "hz": "gb18030",
    "big5": "big5hkscs",
    "big5hkscs": "big5hkscs",
    "cp950": "big5hkscs",
}


def encoding_name(value: str) -> str:
    """The codec for a name given in settings (`big5`, `GBK`, `gb18030`); ValueError if unknown."""
    try:
        codec = codecs.lookup(value.strip()).name
    except LookupError:
        codec = ""
    family = _FAMILY.get(codec.replace("-", "").replace("_", ""))
    if family is None:
        known = ", ".join(["utf-8", "gb18030 (or gbk, gb2312)", "big5 (or big5hkscs)"])
        raise ValueError(f"unknown encoding {value.strip()!r}; handscroll reads {known}")
    return family


MIN_EVIDENCE = 40
"""Non-ASCII bytes (about twenty characters) needed before one Chinese encoding is named over the other."""


def guess_chinese_encoding(data: bytes) -> tuple[str, ...]:
    """The legacy Chinese encodings the bytes may be in, likeliest first; () when neither fits.

    Both encodings decode most double-byte runs, so with little Chinese text
    (a name or two) both are given rather than a guess.
    """
    from charset_normalizer import from_bytes  # lazy: only failed UTF-8 files come here

    fits = []
    for family in ("gb18030", "big5hkscs"):
        try:
            data.decode(family)
        except UnicodeDecodeError:
            continue
        fits.append(family)
    if len(fits) < 2:
        return tuple(fits)
    if sum(1 for byte in data[: 1 << 16] if byte >= 0x80) < MIN_EVIDENCE:
        return tuple(fits)
    for match in from_bytes(data[: 1 << 16]):
        judged = _FAMILY.get(match.encoding.replace("_", ""))
        if judged is not None and judged in fits:
            return (judged,)
    return tuple(fits)


def describe(encoding: str) -> str:
    """How a message names an encoding."""
    return ENCODINGS.get(encoding, encoding)
