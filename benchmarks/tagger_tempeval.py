"""TempEval-3 style scoring of TIMEX3 extents, values and types (issue 16, item 4).

As the TempEval-3 toolkit scores timex: system and gold expressions are aligned
one to one (each gold to at most one overlapping system expression, earliest
first); strict P/R/F1 counts aligned pairs with equal extents, relaxed P/R/F1
counts aligned pairs that overlap; value F1 and type F1 are the share of
relaxed pairs whose value (type) is equal, times relaxed F1. The TBAQ split is
fixed by sorted document name: every fifth document (index % 5 == 4) is held
out and was never looked at while tuning. Inside the tuning split, five folds
(tuning index % 5) show whether a rule helps everywhere or only where it was written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

TAG = re.compile(r"<[^>]+>")
TIMEX3 = re.compile(r"<TIMEX3 (?P<attrs>[^>]*)>(?P<text>.*?)</TIMEX3>", re.S)
TML_TEXT = re.compile(r"<TEXT>(?P<body>.*)</TEXT>", re.S)
DCT_VALUE = re.compile(r'<DCT>.*?value="(?P<value>[^"]*)"', re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')
HEIDELTIME_TE3 = {"strict": 81.34, "relaxed": 90.30, "value": 77.61, "type": 82.09}


@dataclass(frozen=True)
class Timex:
    """One expression: character offsets, TIMEX3 type and value (None when not known); a set's quant, freq."""

    start: int
    end: int
    type: str | None
    value: str | None
    quant: str | None = None
    freq: str | None = None


@dataclass(frozen=True)
class NewsDoc:
    """A TimeML document: its text after <TEXT>, its creation date, its gold timexes."""

    name: str
    text: str
    dct: str
    gold: list[Timex]


def load_tml(path: Path) -> NewsDoc | None:
    """Text and gold of one .tml file; offsets are into the text with all tags removed."""
    raw = path.read_text(encoding="utf-8")
    dct = DCT_VALUE.search(raw)
    body_match = TML_TEXT.search(raw)
    if not (dct and body_match):
        return None
    body, gold, plain, cursor = body_match["body"], [], [], 0
    for found in TIMEX3.finditer(body):
        plain.append(html.unescape(TAG.sub("", body[cursor : found.start()])))
        start = sum(map(len, plain))
        surface = html.unescape(TAG.sub("", found["text"]))
        plain.append(surface)
        attrs = dict(ATTR.findall(found["attrs"]))
        quant, freq = attrs.get("quant") or None, attrs.get("freq") or None
        gold.append(Timex(start, start + len(surface), attrs.get("type"), attrs.get("value"), quant, freq))
        cursor = found.end()
    plain.append(html.unescape(TAG.sub("", body[cursor:])))
    return NewsDoc(path.stem, "".join(plain), dct["value"], gold)


def load_corpus(root: Path) -> tuple[list[NewsDoc], list[NewsDoc]]:
    """(tuning, held-out) documents of TBAQ-cleaned (TimeBank and AQUAINT)."""
    docs = [doc for path in sorted(root.glob("*/*.tml")) if (doc := load_tml(path)) is not None]
    docs.sort(key=lambda doc: doc.name)
    tune = [doc for i, doc in enumerate(docs) if i % 5 != 4]
    held = [doc for i, doc in enumerate(docs) if i % 5 == 4]
    return tune, held


def aligned(system: Sequence[Timex], gold: Sequence[Timex]) -> Iterator[tuple[Timex, Timex]]:
    """TempEval-3's one-to-one alignment: each gold with the first unused system expression it overlaps."""
    taken: set[int] = set()
    for g in gold:
        for index, s in enumerate(system):
            if index not in taken and s.start < g.end and g.start < s.end:
                taken.add(index)
                yield s, g
                break


@dataclass
class TempEvalScore:
    """Counts behind TempEval-3's strict, relaxed, value and type figures."""

    system: int = 0
    gold: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0

    def add(
        self, system: Sequence[Timex], gold: Sequence[Timex], agree: Callable[[str | None, str | None], bool]
    ) -> None:
        self.system += len(system)
        self.gold += len(gold)
        for s, g in aligned(system, gold):
            self.relaxed += 1
            self.strict += (s.start, s.end) == (g.start, g.end)
            self.value += agree(s.value, g.value)
            self.type += s.type is not None and s.type == g.type

    def figures(self) -> dict[str, float]:
        """Strict and relaxed P/R/F1, value and type F1 (accuracy over relaxed pairs x relaxed F1)."""

        def f1(hits: int) -> tuple[float, float, float]:
            p = hits / self.system if self.system else 0.0
            r = hits / self.gold if self.gold else 0.0
            return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = f1(self.strict)
        rp, rr, rf = f1(self.relaxed)
        share = 1 / self.relaxed if self.relaxed else 0.0
        return {
            "strict P": sp, "strict R": sr, "strict F1": sf,
            "relaxed P": rp, "relaxed R": rr, "relaxed F1": rf,
            "value F1": self.value * share * rf, "type F1": self.type * share * rf,
        }  # fmt: skip


def set_attributes(pairs: Sequence[tuple[Sequence[Timex], Sequence[Timex]]]) -> str:
    """How many of the gold SETs' quant and freq attributes the aligned system expression gives alike.

    Quantifiers are compared without case (TBAQ writes EVERY, every and each); a gold SET
    without the attribute counts as agreeing when the system leaves it empty too.
    """
    sets = quant = freq = 0
    for system, gold in pairs:
        for s, g in aligned(system, gold):
            if g.type == "SET":
                sets += 1
                quant += (s.quant or "").upper() == (g.quant or "").upper()
                freq += s.freq == g.freq
    return f"{sets} gold SETs matched: quant agrees in {quant}, freq in {freq}"


def folds(docs: Sequence[NewsDoc], count: int = 5) -> list[list[NewsDoc]]:
    """The tuning documents in `count` folds by position (index % count)."""
    return [[doc for index, doc in enumerate(docs) if index % count == fold] for fold in range(count)]


def fold_lines(scores: Sequence[TempEvalScore], baseline: Sequence[TempEvalScore] | None = None) -> list[str]:
    """Markdown lines: values right, expressions output and value F1 per fold; the change from a baseline."""
    lines = ["| fold | gold | output | values right | value F1 | change |", "|---|---:|---:|---:|---:|---:|"]
    labelled = [(str(fold), score) for fold, score in enumerate(scores)] + [("all", sum_scores(scores))]
    before = [*baseline, sum_scores(baseline)] if baseline else [None] * len(labelled)
    for (label, score), base in zip(labelled, before, strict=True):
        value = score.figures()["value F1"]
        change = f"{value - base.figures()['value F1']:+.2f}" if base is not None else ""
        lines.append(f"| {label} | {score.gold} | {score.system} | {score.value} | {value:.2f} | {change} |")
    return lines


def sum_scores(scores: Sequence[TempEvalScore]) -> TempEvalScore:
    """The counts of several scores added up."""
    total = TempEvalScore()
    for score in scores:
        for field in ("system", "gold", "strict", "relaxed", "value", "type"):
            setattr(total, field, getattr(total, field) + getattr(score, field))
    return total


COLUMNS = ("strict P", "strict R", "strict F1", "relaxed P", "relaxed R", "relaxed F1", "value F1", "type F1")


def table(
    rows: Sequence[tuple[str, TempEvalScore]], heideltime: bool = True, corpus: str = "TBAQ"
) -> list[str]:
    """Markdown lines: one row per tagger, the ratio of value F1 to HeidelTime's in the last column."""
    lines = [
        f"| tagger ({corpus}) | " + " | ".join(COLUMNS) + " | value / HeidelTime |",
        "|---|" + "---:|" * 9,
    ]
    for name, score in rows:
        figures = score.figures()
        cells = " | ".join(f"{figures[c]:.1f}" for c in COLUMNS)
        lines.append(f"| {name} | {cells} | {figures['value F1'] / HEIDELTIME_TE3['value']:.2f}x |")
    if heideltime:
        h = HEIDELTIME_TE3
        lines.append(
            f"| HeidelTime (published, TempEval-3 test) | | | {h['strict']} | | | {h['relaxed']} | "
            f"{h['value']} | {h['type']} | 1.00x |"
        )
    return lines
