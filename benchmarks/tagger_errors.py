"""Every error of the tagger on TBAQ, each put in one class by its cause (issue 16, fifth round).

Three kinds of error: a wrong value on an aligned pair (value), a gold expression
nothing overlaps (missed), an expression of ours no gold overlaps (extra); and,
counted apart, a right value whose extent differs from the gold's (span). The
classes are decided by the words and values alone, in the order below (first
that fits), so the counts are repeatable from run to run; they are a census, not
a judgement of who is right. Run on the tuning split only: the held-out split
is scored, never read error by error.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from tagger_tempeval import NewsDoc, Timex, aligned

_X_FORM = re.compile(r"\d[\dX]{2,3}X|\d{4}-(?:WXX|QX|XX)(?:-XX)?|\d{4}-W\d")  # 1949-XX, 199X, 2000-W7
_WEEKDAY = re.compile(r"(?i)monday|tuesday|wednesday|thursday|friday|saturday|sunday")
_MONTH = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
_REPORT = re.compile(r"(?i)quarter|period|share|million|billion|profit|sales|earn|fiscal")
_PART_OF_DAY = re.compile(r"T(?:MO|AF|EV|NI)")
_JUDGEMENT = re.compile(
    r"(?i)current(?:ly)?|(?:more\s+)?recent(?:ly)?|previously|once|earlier|already|yet|(?:the|that)\s+time|future"
)
_BARE_UNIT = re.compile(r"(?i)(?:the\s+)?(?:days?|weeks?|years?|months?|centuries|a\s+while|the\s+years)")


#: Not an error of value F1: the value is right, the extent differs (strict F1 counts it).
SPAN_CLASS = "span: the value right, the extent differs (the, earlier, about)"


def value_class(ours: str, our_value: str, gold: str, gold_value: str, context: str) -> str:
    """The cause of a wrong value on an aligned pair."""
    if ours.lower() != gold.lower():
        return "value: the expressions' words differ (one is longer)"
    if (_X_FORM.fullmatch(gold_value) and "X" not in our_value) or re.fullmatch(r"\d{4}-W\d", gold_value):
        return "value: a form some annotators write (1949-XX, 1989-WXX, 199X, 1988-QX, 2000-W7)"
    if re.search(r"T\d\d$", gold_value) and our_value.startswith(gold_value):
        return "value: clock precision (T17 against T17:00)"
    if "Q" in gold_value + our_value or ("year" in gold.lower() and _REPORT.search(context)):
        return "value: earnings report, the quarter or the year"
    if _PART_OF_DAY.search(gold_value + our_value) and gold_value[:10] == our_value[:10]:
        return "value: part of the day kept or dropped (TMO, TNI, TEV)"
    if "week" in gold.lower():
        return "value: which week, or a week valued as a day, month or P1W"
    if _WEEKDAY.search(gold):
        return "value: which day a weekday is"
    if _MONTH.search(gold) and not re.search(r"\d{4}", gold):
        return "value: which year a month is in"
    if gold_value.startswith("P") != our_value.startswith("P") or "_REF" in gold_value + our_value:
        return "value: date, duration or reference (PAST_REF against PXY)"
    if gold_value.startswith("P"):
        return "value: a duration's amount or unit"
    return "value: other"


def missed_class(gold: str) -> str:
    """The cause of a gold expression nothing of ours overlaps."""
    if _JUDGEMENT.fullmatch(gold):
        return "missed: a word TimeML leaves to judgement (current, recently, future)"
    if _BARE_UNIT.fullmatch(gold):
        return "missed: a bare unit (days, weeks, the week)"
    if re.search(r"(?i)year-(?:ago|earlier)|quarter|fiscal|the year$", gold):
        return "missed: a report's period (year-ago, that quarter)"
    return "missed: other"


def extra_class(ours: str, our_value: str) -> str:
    """The cause of an expression of ours that no gold overlaps."""
    if re.fullmatch(r"(?i)now|currently|today", ours):
        return "extra: now, currently, today the gold leaves"
    if re.search(r"(?i)future|soon", ours):
        return "extra: future, soon"
    if our_value.startswith("P"):
        return "extra: a duration the gold leaves"
    return "extra: other"


def census(
    docs: Sequence[NewsDoc],
    system: Sequence[Sequence[Timex]],
    agree: Callable[[str | None, str | None], bool],
) -> Counter[str]:
    """How many errors of each class the tagger's expressions (`system`, per document) make."""
    classes: Counter[str] = Counter()
    for doc, ours in zip(docs, system, strict=True):
        matched_ours, matched_gold = set(), set()
        for s, g in aligned(ours, doc.gold):
            matched_ours.add((s.start, s.end))
            matched_gold.add((g.start, g.end))
            if not agree(s.value, g.value):
                context = doc.text[max(0, g.start - 80) : g.end + 40]
                words = doc.text[s.start : s.end], doc.text[g.start : g.end]
                classes[value_class(words[0], s.value or "", words[1], g.value or "", context)] += 1
            elif (s.start, s.end) != (g.start, g.end):
                classes[SPAN_CLASS] += 1
        for g in doc.gold:
            if (g.start, g.end) not in matched_gold:
                classes[missed_class(doc.text[g.start : g.end])] += 1
        for s in ours:
            if (s.start, s.end) not in matched_ours:
                classes[extra_class(doc.text[s.start : s.end], s.value or "")] += 1
    return classes


def census_lines(classes: Counter[str], before: Counter[str] | None = None) -> list[str]:
    """Markdown lines: each class with its count (and the count before, when given)."""
    head = "| class | errors |" if before is None else "| class | before | after |"
    lines = [head, "|---|---:|" if before is None else "|---|---:|---:|"]
    for name in sorted(set(classes) | set(before or ()), key=lambda n: (n.split(":")[0], -classes[n])):
        counts = f"{classes[name]}" if before is None else f"{before[name]} | {classes[name]}"
        lines.append(f"| {name} | {counts} |")
    total, label = _errors(classes), "all but span"
    lines.append(f"| {label} | {total} |" if before is None else f"| {label} | {_errors(before)} | {total} |")
    return lines


def _errors(counts: Counter[str]) -> int:
    """Errors of value F1: every class but the span one."""
    return sum(n for name, n in counts.items() if name != SPAN_CLASS)


def disagreements(
    doc: NewsDoc, ours: Sequence[Timex], agree: Callable[[str | None, str | None], bool]
) -> list[str]:
    """One line per disagreement with the gold: wrong value, type or extent, missed, extra; with context.

    For reading our own dev set (benchmarks/news2013), never the TBAQ held-out split.
    """

    def words(x: Timex) -> str:
        return repr(doc.text[x.start : x.end])

    def context(x: Timex) -> str:
        return " ".join(doc.text[max(0, x.start - 60) : x.end + 30].split())

    lines, matched_ours, matched_gold = [], set(), set()
    for s, g in aligned(ours, doc.gold):
        matched_ours.add((s.start, s.end))
        matched_gold.add((g.start, g.end))
        kinds = [
            kind
            for kind, wrong in (
                ("value", not agree(s.value, g.value)),
                ("type", s.type != g.type),
                ("extent", (s.start, s.end) != (g.start, g.end)),
            )
            if wrong
        ]
        if kinds:
            lines.append(
                f"{doc.name}: {'+'.join(kinds)}: ours {words(s)} {s.type} {s.value}, "
                f"gold {words(g)} {g.type} {g.value} | {context(g)}"
            )
    lines += [
        f"{doc.name}: missed: gold {words(g)} {g.type} {g.value} | {context(g)}"
        for g in doc.gold
        if (g.start, g.end) not in matched_gold
    ]
    lines += [
        f"{doc.name}: extra: ours {words(s)} {s.type} {s.value} | {context(s)}"
        for s in ours
        if (s.start, s.end) not in matched_ours
    ]
    return lines
