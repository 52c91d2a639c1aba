"""Key figures of a feature: amounts with their unit and what they count, for fact cards.

"1.5 million Soviet troops", "700,000 Japanese Kwantung Army" and "USD 2
billion in industry alone" are what a reader remembers of a feature; each
becomes a FactFigure with its value, unit, what it counts and its span
(issue 4).

Not every number is a figure. Years ("in 1924"), days of a month ("14
August"), part and article numbers ("(4)", "Article 5", "Route 66") and
durations ("three months") are left to the dates tagger or to nobody. A
plain number becomes a figure only with a scale ("million"), a unit ("USD",
"%"), thousands separators, or a noun after it that it counts ("30 tanks").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from handscroll.model import FactFigure, Feature, Span, TextRef, feature_texts


def _words(text: str) -> tuple[str, ...]:
    """A word list written as prose, so long vocabularies stay readable."""
    return tuple(text.split())


SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SCALES |= {"trillion": 1_000_000_000_000}
"""Scale words and their factors ("1.5 million" is 1,500,000)."""

NUMBER_WORDS: dict[str, float] = {
    word: value
    for value, word in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "a": 1, "half a": 0.5}
"""Number words taken before a scale word only ("two million"): alone they are too often not figures."""

PREFIX_UNITS = {"USD": "USD", "US$": "USD", "$": "USD", "HK$": "HKD", "£": "GBP", "€": "EUR", "¥": "CNY"}
PREFIX_UNITS |= {"RMB": "CNY", "CNY": "CNY", "JPY": "JPY", "GBP": "GBP", "EUR": "EUR"}
"""Currency written before the amount, and the ISO 4217 code it stands for."""

SUFFIX_UNITS = {
    "US dollars": "USD",
    "dollars": "USD",
    "yuan": "CNY",
    "silver dollars": "silver dollars",
    "taels": "taels",
    "yen": "JPY",
    "roubles": "RUB",
    "rubles": "RUB",
    "per cent": "%",
    "percent": "%",
    "%": "%",
    "square kilometres": "km²",
    "square kilometers": "km²",
    "kilometres": "km",
    "kilometers": "km",
    "km": "km",
    "tons": "t",
    "tonnes": "t",
    "square miles": "sq mi",
    "miles": "mi",
    "mi": "mi",
    "mm": "mm",
    "kilograms": "kg",
    "kg": "kg",
    "hectares": "ha",
    "acres": "acre",
}
"""Units written after the amount, and how a figure names them."""

TIME_NOUNS = frozenset(
    _words("year years month months week weeks day days hour hours decade decades century centuries")
)
"""Nouns that make a number a duration, which is the dates tagger's, not a figure."""

LABELS = frozenset(
    _words(
        """Part No No. Article Articles Route Chapter Section Volume Vol. Page p. pp. Figure Fig.
        Table Photo Unit Room Line Division Regiment Corps Army Point Resolution Item Grade Level"""
    )
)
"""Words before a number that make it a label or an ordinal, not an amount."""

_STOP_WORDS = frozenset(
    _words(
        """that which who whom whose and or but in on at of to from by with for during into after
        before since until as than were was had have has is are be been being would could will
        the a an this these those its their his her our it they them us we"""
    )
)
_IRREGULAR_PLURALS = frozenset(_words("people men women children personnel police cattle militia"))
_ADJECTIVES_IN_ED = frozenset(
    _words("armed unarmed wounded trained skilled mounted organised organized displaced")
)
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = "|".join(SCALES)
_WORD_NUMBER = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_PREFIX = "|".join(sorted((re.escape(u) for u in PREFIX_UNITS), key=len, reverse=True))
_SUFFIX = "|".join(sorted((re.escape(u) for u in SUFFIX_UNITS), key=len, reverse=True))
_AMOUNT = re.compile(
    rf"(?<![\w.,$£€¥-])(?:(?P<prefix>{_PREFIX})\s?)?"
    rf"(?:(?P<digits>{_DIGITS})(?:[\s-](?P<scale>{_SCALE}))?"
    rf"|(?P<word>{_WORD_NUMBER})[\s-](?P<word_scale>{_SCALE}))"
    rf"(?:\s?(?P<suffix>{_SUFFIX})(?![\w]))?"
    rf"(?![\w]|[.,]\d)",
    re.IGNORECASE,
)
_INITIALS = "".join(sorted({f"{w[0]}{w[0].upper()}" for w in SCALES}))  # no other letter folds to these
_CORE = re.compile(rf"(?=[\d{_INITIALS}])(?:\d+|(?i:{_SCALE}))")
"""What every amount holds: a run of digits, or a scale word after a number word (the
lookahead of their first characters only makes the scan fast)."""
_DIGITS_BACK = max(map(len, PREFIX_UNITS)) + 1
"""How far before its first digit an amount may start: a currency and a space ("HK$ 5")."""
_SCALE_BACK = _DIGITS_BACK + max(map(len, NUMBER_WORDS)) + 1
"""How far before its scale word an amount of words may start ("HK$ seventeen million")."""
_CHINESE_AMOUNT = re.compile(r"(?P<digits>\d+(?:\.\d+)?)\s?(?P<scale>萬|万|億|亿)(?P<unit>美元|元)?")
_CHINESE_SCALES = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000}
_YEAR = re.compile(r"1\d{3}|20\d{2}")
_OF = re.compile(r"\s+of\b")
_NEXT_WORD = re.compile(r"\s+([A-Za-z][\w’'-]*)")
_PREPOSITIONAL = re.compile(r"\s+((?:in|for|on) [a-z][\w-]*(?: [a-z][\w-]*){0,2})(?=[.,;:!?]|$)")
_MONTH_NEAR = re.compile(rf"^\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\s+$")
_LABEL_BEFORE = re.compile(r"([A-Za-z][\w.]*)\s+$")


def find_figures(feature: Feature) -> list[FactFigure]:
    """Every key figure in the feature, in reading order."""
    return [figure for ref, text in feature_texts(feature) for figure in find_figures_in_text(text, ref)]


def find_figures_in_text(text: str, ref: TextRef | None = None) -> list[FactFigure]:
    """The key figures of one text; spans point at `ref` (the title's address when none is given)."""
    where = ref if ref is not None else TextRef(None, "title")
    figures = [f for m in _amounts(text) if (f := _english_figure(text, m, where)) is not None]
    if any(scale in text for scale in _CHINESE_SCALES):  # most texts have none: no scan
        figures += [f for m in _CHINESE_AMOUNT.finditer(text) if (f := _chinese_figure(m, where)) is not None]
    return sorted(figures, key=lambda f: f.span.start)


def _amounts(text: str) -> Iterator[re.Match[str]]:
    """What `_AMOUNT.finditer(text)` finds, the pattern tried only just before a digit or a scale word.

    Tried at every character, the pattern was most of the figures' time (issue 11);
    an amount starts at most `_SCALE_BACK` characters before what it holds.
    """
    position = 0
    for core in _CORE.finditer(text):
        if core.end() <= position:
            continue  # inside the amount found before
        back = _DIGITS_BACK if core.group()[0].isdigit() else _SCALE_BACK
        for start in range(max(position, core.start() - back), core.start() + 1):
            if (match := _AMOUNT.match(text, start)) is not None:
                yield match
                position = match.end()
                break


def _english_figure(text: str, match: re.Match[str], ref: TextRef) -> FactFigure | None:
    digits, scale = match["digits"], match["scale"] or match["word_scale"]
    prefix, suffix = match["prefix"], match["suffix"]
    if prefix and prefix not in PREFIX_UNITS:  # matched case-insensitively: "usd" is not a currency here
        return None
    if digits is not None:
        value: float = float(digits.replace(",", ""))
        if not scale and not prefix and not suffix and _is_not_an_amount(text, match, digits):
            return None
    else:
        value = NUMBER_WORDS[match["word"].lower()]
    value *= SCALES[scale.lower()] if scale else 1
    if value == 0:
        return None  # "0 billion" or "zero million" is no key figure
    mode = "money" if prefix or _is_money(suffix) else "measure" if suffix else "count"
    counted, end = _counted(text, match.end(), mode)
    if counted is None and not (scale or prefix or suffix or (digits and "," in digits)):
        return None  # a bare number that counts nothing is not a key figure
    if counted is not None and any(w.lower().rstrip("’'") in TIME_NOUNS for w in counted.split()):
        return None  # a duration: "4 Years' War", "three decades"
    unit = PREFIX_UNITS[prefix] if prefix else SUFFIX_UNITS.get(suffix.lower()) if suffix else None
    return FactFigure(
        value=int(value) if value == int(value) else value,
        unit=unit,
        counted=counted,
        amount=match.group(),
        text=text[match.start() : end],
        span=Span(ref, match.start(), end),
    )


def _is_not_an_amount(text: str, match: re.Match[str], digits: str) -> bool:
    """Say whether a plain number is a year, a day of a month, a label or a bracketed part number."""
    start, end = match.span()
    if _YEAR.fullmatch(digits):
        return True  # a year; "1945 troops" is too rare to risk
    if _MONTH_NEAR.search(text[max(0, start - 12) : start]) or _MONTH_NEAR.search(text[end : end + 12]):
        return True
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        return True
    label = _LABEL_BEFORE.search(text, max(0, start - 20), start)
    return label is not None and label.group(1) in LABELS


def _is_money(suffix: str | None) -> bool:
    return suffix is not None and SUFFIX_UNITS.get(suffix.lower(), "") in {
        "USD",
        "CNY",
        "JPY",
        "RUB",
        "taels",
    }


def _counted(text: str, end: int, mode: str) -> tuple[str | None, int]:
    """The noun phrase an amount counts, and where the figure's text ends.

    Take names freely ("Japanese Kwantung Army") and at most two lowercase
    words, ending at a plural ("troops") or before a function word or a verb
    in -ed. Money counts no noun; its context ("in industry alone") is kept.
    A measure ("2,400 kilometres", "30%") counts only what follows "of".
    """
    if mode == "money":
        context = _PREPOSITIONAL.match(text, end)
        return (context.group(1), context.end(1)) if context else (None, end)
    words: list[str] = []
    stop = end
    position = end
    if (of := _OF.match(text, position)) is not None:
        position = of.end()  # "10,000 tons of steel"
    elif mode == "measure":
        return None, end
    lowercase = 0
    while (match := _NEXT_WORD.match(text, position)) is not None:
        word = match.group(1)
        if word.lower() in _STOP_WORDS:
            break
        if word[0].islower():
            if (word.endswith("ed") and word not in _ADJECTIVES_IN_ED) or lowercase == 2:
                break  # a verb: "6,360,000 surrendered"
            lowercase += 1
        elif lowercase:
            break
        words.append(word)
        stop = position = match.end()
        if word[0].islower() and (
            word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith("ss"))
        ):
            break
    return (" ".join(words) if words else None), stop


def _chinese_figure(match: re.Match[str], ref: TextRef) -> FactFigure | None:
    """A figure written the Chinese way: digits with 萬 or 億 ("150萬", "20億美元")."""
    value = float(match["digits"]) * _CHINESE_SCALES[match["scale"]]
    if value == 0:
        return None
    unit = {"美元": "USD", "元": "CNY"}.get(match["unit"] or "")
    return FactFigure(
        value=int(value) if value == int(value) else value,
        unit=unit,
        counted=None,
        amount=match.group(),
        text=match.group(),
        span=Span(ref, match.start(), match.end()),
    )
