"""English number words ("three", "twenty-five", "two thousand", "nineteenth").

Histories spell out most counts of time ("three months", "two thousand years",
"the nineteenth century"), so the date rules need to read them; they live here
because the key-figure rules will want them too.
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}

_WORD = "|".join(sorted([*_UNITS, *_SCALES], key=len, reverse=True))
_ORD_WORD = "|".join(sorted(_ORDINALS, key=len, reverse=True))

#: A cardinal: digits ("12", "1,460", "2.5") or words ("twenty-five", "a hundred").
NUMBER = (
    r"(?:(?<![\d.,])(?:\d{1,3}(?:,\d{3}){1,3}|\d{1,9}(?:\.\d{1,3})?)"
    rf"|(?:a\s+(?=hundred|thousand|million))?(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*)(?![\w])"
)
#: An ordinal: "19th", "21st", "nineteenth", "twenty-first".
ORDINAL = rf"(?:\d{{1,2}}(?:st|nd|rd|th)|(?:(?:twenty|thirty)-)?(?:{_ORD_WORD}))"

_TOKEN = re.compile(r"[a-z]+|\d+(?:\.\d+)?")
_LEADING_DIGITS = re.compile(r"\d+")


def parse_number(phrase: str) -> float | None:
    """Read a cardinal matched by NUMBER; None when it is not one.

    Words are summed the usual way: a scale word multiplies what came before
    it ("two thousand" = 2000, "a hundred and five" = 105).
    """
    cleaned = phrase.lower().replace(",", "")
    total = 0.0
    current = 0.0
    seen = False
    for token in _TOKEN.findall(cleaned):
        if token[0].isdigit():
            return float(token) if not seen else None
        if token in ("a", "and"):
            if token == "a":
                current = max(current, 1.0)
            continue
        if token in _UNITS:
            below_hundred = current % 100
            if below_hundred and not (below_hundred % 10 == 0 and below_hundred >= 20 and _UNITS[token] < 10):
                return None  # "two five-year terms": two numbers side by side, not "twenty-five"
            current += _UNITS[token]
        elif token in _SCALES:
            scale = _SCALES[token]
            current = max(current, 1.0) * scale
            if scale >= 1000:
                total += current
                current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_ordinal(phrase: str) -> int | None:
    """Read an ordinal matched by ORDINAL ("19th" -> 19, "twenty-first" -> 21)."""
    cleaned = phrase.lower().strip()
    digits = _LEADING_DIGITS.match(cleaned)
    if digits:
        return int(digits.group())
    value = 0
    for part in cleaned.split("-"):
        if part in _ORDINALS:
            value += _ORDINALS[part]
        elif part in _UNITS:
            value += _UNITS[part]
        else:
            return None
    return value or None
