"""Score the temporal tagger against the seed gold and WikiWars, beside its peers.

Prints a table (not a test): lenient P/R/F1 (spans overlap), strict P/R/F1
(spans equal), lenient+value F1 (overlap and the normalised value equal; gold
without a value is left out of that score) and throughput in KB/s of CPU time, for
handscroll, dateparser.search.search_dates and datefinder on the same texts,
in the same run, with HeidelTime's published WikiWars figures as an anchor.

WikiWars gold (key/*.key.apf.xml) gives UTF-8 byte offsets, END inclusive, into
in/*.sgm with tags removed and XML entities unescaped; the text is scored from
<TEXT> on, so the 22 document-creation-time annotations are left out. TIMEX2
marks the two ends of a range separately, so our tagger runs with ranges=False.
Each tagger is warmed up once before timing. Peers give full datetimes without
granularity; their value is counted right when
it agrees with the gold value at the gold's own granularity (generous to them).

Usage: python benchmarks/dates_eval.py [--dateparser-docs N] [--repeat N]
       python benchmarks/dates_eval.py --folds [--without RULE ...]
       python benchmarks/dates_eval.py --classes [--save FILE] [--before FILE]
       python benchmarks/dates_eval.py --news2013
Needs the bench extras: pip install dateparser datefinder. --folds prints only the
five folds of the TBAQ tuning split (never the held-out split); --without drops
rules by the name of their builder (_the_year, _weekend...) to see what each adds.
--classes counts the tuning split's errors by cause (tagger_errors.py); --save keeps the
counts as JSON, --before sets a saved census beside them.
--news2013 scores only benchmarks/news2013/*.tml, 2013 news we wrote and annotated in
TimeML ourselves (the TempEval-3 test set's period and outlets, which TBAQ's 1990s wire
is not), and lists each of our disagreements with its gold; the full run prints its table and
that of benchmarks/news2013_check (more of ours, never tuned on: scored there, never listed).
Below the TBAQ table, a line counts the tuning split's gold SETs whose quant and
freq our aligned expression gives alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from handscroll.enrich import date_rules
from handscroll.enrich.dates import find_dates, find_dates_in_blocks

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tagger_errors import census, census_lines, disagreements
from tagger_tempeval import (
    NewsDoc,
    TempEvalScore,
    Timex,
    fold_lines,
    folds,
    load_corpus,
    load_tml,
    set_attributes,
    table,
)

# ../shared beside the checkout; a worktree elsewhere names it with HANDSCROLL_SHARED.
SHARED = Path(os.environ.get("HANDSCROLL_SHARED") or Path(__file__).resolve().parents[2] / "shared")
SEED_TEXT = SHARED / "seed" / "000_cc4507d8b73957ad.txt"
SEED_GOLD = SHARED / "seed" / "gold-timeline.json"
WIKIWARS = SHARED / "corpora" / "wikiwars" / "WikiWars_20120218_v104"
TAG = re.compile(r"<[^>]+>")
CHARSEQ = re.compile(
    r'<timex2 ID="[^"]*"(?P<attrs>[^>]*)>\s*<timex2_mention[^>]*>\s*<extent>\s*'
    r'<charseq START="(?P<s>\d+)" END="(?P<e>\d+)">(?P<text>.*?)</charseq>',
    re.S,
)
VAL = re.compile(r'(?<![\w])VAL="([^"]*)"')
TBAQ = SHARED / "corpora" / "tbaq-cleaned"
NEWS2013 = Path(__file__).resolve().parent / "news2013"  # our own 2013 news, written and annotated by us
NEWS2013_CHECK = NEWS2013.with_name("news2013_check")  # more of it, never tuned on: scored, never read
HEIDELTIME = {"lenient": 90.3, "strict": 83.1, "value": 80.8}


@dataclass(frozen=True)
class Span:
    """One expression: character offsets and a value (None when the gold gives none)."""

    start: int
    end: int
    value: str | None


@dataclass(frozen=True)
class Doc:
    """A scored text and its gold spans."""

    name: str
    text: str
    gold: list[Span]


def load_wikiwars() -> list[Doc]:
    """Every WikiWars document from <TEXT> on, gold offsets mapped from bytes to characters."""
    docs = []
    for sgm in sorted((WIKIWARS / "in").glob("*.sgm")):
        plain = html.unescape(TAG.sub("", sgm.read_text(encoding="utf-8")))
        raw = plain.encode("utf-8")
        body_start = len(raw[: raw.index(b"\n", raw.index(b"2009-12-19T17:00:00"))])
        key = (WIKIWARS / "key" / sgm.name.replace(".sgm", ".key.apf.xml")).read_text(encoding="utf-8")
        gold = []
        for found in CHARSEQ.finditer(key):
            start, end = int(found["s"]), int(found["e"]) + 1
            if start < body_start:
                continue  # the document creation time, not narrative
            surface = raw[start:end].decode("utf-8")
            assert surface == html.unescape(found["text"]), (sgm.name, surface, found["text"])
            value = VAL.search(found["attrs"])
            char_start = len(raw[:start].decode("utf-8")) - len(raw[:body_start].decode("utf-8"))
            gold.append(Span(char_start, char_start + len(surface), value.group(1) if value else None))
        body = raw[body_start:].decode("utf-8")
        docs.append(Doc(sgm.stem, body, gold))
    return docs


def tag_handscroll(text: str) -> list[Span]:
    """Our tagger, one call per document so the narrative anchor carries through it."""
    return [Span(x.start, x.end, x.value) for x in find_dates(text, ranges=False)]


def tag_dateparser(text: str, base: dt.datetime | None = None) -> list[Span]:
    """dateparser.search.search_dates, its substrings located in order in the text."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": base} if base else None
    found = search_dates(text, languages=["en"], settings=settings) or []
    return _locate(text, ((surface, moment) for surface, moment in found))


def tag_datefinder(text: str, base: dt.datetime | None = None) -> list[Span]:
    """datefinder.find_dates with its own indices."""
    import datefinder

    spans = []
    for moment, _source, (start, end) in datefinder.find_dates(text, source=True, index=True, base_date=base):
        spans.append(Span(start, end, "@" + moment.isoformat()))
    return spans


def _locate(text: str, found: Iterable[tuple[str, dt.datetime]]) -> list[Span]:
    spans, cursor = [], 0
    for surface, moment in found:
        start = text.find(surface, cursor)
        if start < 0:
            continue
        cursor = start + len(surface)
        spans.append(Span(start, cursor, "@" + moment.isoformat()))
    return spans


def values_agree(system: str | None, gold: str | None) -> bool:
    """Our values must equal the gold; a peer's datetime ("@...") agrees at the gold's granularity."""
    if system is None or gold is None:
        return False
    gold = re.sub(r"(T\d\d:\d\d):00$", r"\1", gold)
    if system.startswith("@"):
        return bool(re.fullmatch(r"\d{4}(-\d\d){0,2}", gold)) and system[1:].startswith(gold)
    return system == gold


@dataclass
class Score:
    """Counts behind precision, recall and F1 for the three ways of matching."""

    system: int = 0
    gold: int = 0
    lenient_sys: int = 0
    lenient_gold: int = 0
    strict: int = 0
    value_sys: int = 0
    value_sys_total: int = 0
    value_gold: int = 0
    value_gold_total: int = 0
    seconds: float = 0.0
    kbytes: float = 0.0

    def add(self, system: Sequence[Span], gold: Sequence[Span]) -> None:
        self.system += len(system)
        self.gold += len(gold)
        gold_spans = {(g.start, g.end) for g in gold}
        for s in system:
            hits = [g for g in gold if g.start < s.end and s.start < g.end]
            self.lenient_sys += bool(hits)
            self.strict += (s.start, s.end) in gold_spans
            valued = [g for g in hits if g.value]
            if hits and not valued:
                continue  # only overlaps gold without a value: not judged on value
            self.value_sys_total += 1
            self.value_sys += any(values_agree(s.value, g.value) for g in valued)
        for g in gold:
            hits = [s for s in system if g.start < s.end and s.start < g.end]
            self.lenient_gold += bool(hits)
            if g.value:
                self.value_gold_total += 1
                self.value_gold += any(values_agree(s.value, g.value) for s in hits)

    def row(self) -> tuple[float, ...]:
        def prf(
            correct_sys: int, total_sys: int, correct_gold: int, total_gold: int
        ) -> tuple[float, float, float]:
            p = correct_sys / total_sys if total_sys else 0.0
            r = correct_gold / total_gold if total_gold else 0.0
            return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)

        lenient = prf(self.lenient_sys, self.system, self.lenient_gold, self.gold)
        strict = prf(self.strict, self.system, self.strict, self.gold)
        value = prf(self.value_sys, self.value_sys_total, self.value_gold, self.value_gold_total)
        speed = self.kbytes / self.seconds if self.seconds else 0.0
        return (*lenient, *strict, value[2], speed)


def run(tagger: Callable[[str], list[Span]], docs: Sequence[Doc], repeat: int = 1) -> Score:
    """Score one tagger over documents, timing only the tagging."""
    score = Score()
    tagger("Warm-up, not timed: loading data on 1 May 1945.")  # one-time set-up is not throughput
    for doc in docs:
        best = float("inf")
        for _ in range(repeat):
            began = time.process_time()
            spans = tagger(doc.text)
            best = min(best, time.process_time() - began)
        score.seconds += best
        score.kbytes += len(doc.text.encode("utf-8")) / 1024
        score.add(spans, doc.gold)
    return score


def interleaved_speed(
    taggers: Sequence[Callable[[str], list[Span]]], docs: Sequence[Doc], repeat: int
) -> list[float]:
    """KB/s of each tagger, timed document by document in turn, so load on the machine hits all alike."""
    seconds = [0.0] * len(taggers)
    for tagger in taggers:
        tagger("Warm-up, not timed: loading data on 1 May 1945.")
    for doc in docs:
        for index, tagger in enumerate(taggers):
            best = float("inf")
            for _ in range(repeat):
                began = time.process_time()
                tagger(doc.text)
                best = min(best, time.process_time() - began)
            seconds[index] += best
    kbytes = sum(len(doc.text.encode("utf-8")) for doc in docs) / 1024
    return [kbytes / s if s else 0.0 for s in seconds]


def seed_result() -> str:
    """Gold found with the right value and mod, and hits outside gold and the ignore list."""
    if not SEED_TEXT.exists():
        return "seed absent"
    lines = SEED_TEXT.read_text(encoding="utf-8-sig").splitlines()
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    numbered = [(n + 1, line) for n, line in enumerate(lines) if line.strip()]
    results = find_dates_in_blocks([line for _, line in numbered])
    found = {n: r for (n, _), r in zip(numbered, results, strict=True)}
    used: set[tuple[int, int]] = set()
    right = 0
    for item in gold["expressions"]:
        line = lines[item["line"] - 1]
        start = line.find(item["text"])
        end = start + len(item["text"])
        hits = [
            x
            for x in found[item["line"]]
            if x.start < end and start < x.end and (item["line"], x.start) not in used
        ]
        if hits:
            used.add((item["line"], hits[0].start))
            right += hits[0].value == item["value"] and hits[0].mod == item.get("mod")
    false_hits = 0
    for n, expressions in found.items():
        for x in expressions:
            ignored = any(
                0 <= (i := lines[n - 1].find(t)) < x.end and x.start < i + len(t) for t in gold["ignore"]
            )
            false_hits += (n, x.start) not in used and not ignored
    return f"{right}/{len(gold['expressions'])} right (value and mod), {false_hits} false hits"


def news_timexes(tagger: str, doc: NewsDoc) -> list[Timex]:
    """One tagger's expressions on a TimeML document; ours with its creation date, ranges split."""
    if tagger == "handscroll":
        found = find_dates(doc.text, dct=doc.dct, ranges=False)
        return [Timex(x.start, x.end, x.type, x.value, x.quant, x.freq) for x in found]
    base = dt.datetime.fromisoformat(doc.dct[:10])  # the peers get the creation date too
    spans = tag_dateparser(doc.text, base) if tagger == "dateparser" else tag_datefinder(doc.text, base)
    return [Timex(s.start, s.end, "DATE", s.value) for s in spans]  # peers give no type: DATE, most gold is


def news_table() -> list[str]:
    """TempEval-3 scores on TBAQ-cleaned: ours on the tuning and held-out splits, peers on all of it."""
    tune, held = load_corpus(TBAQ)
    rows: list[tuple[str, TempEvalScore]] = []
    for label, docs, tagger in (
        (f"handscroll, held out ({len(held)} docs, never tuned on)", held, "handscroll"),
        (f"handscroll, tuning split ({len(tune)} docs)", tune, "handscroll"),
        (f"handscroll, all {len(tune) + len(held)}", tune + held, "handscroll"),
        (f"dateparser, all {len(tune) + len(held)}", tune + held, "dateparser"),
        (f"datefinder, all {len(tune) + len(held)}", tune + held, "datefinder"),
    ):
        score = TempEvalScore()
        for doc in docs:
            score.add(news_timexes(tagger, doc), doc.gold, values_agree)
        rows.append((label, score))
    pairs = [(news_timexes("handscroll", doc), doc.gold) for doc in tune]
    return [*table(rows), "", f"SET attributes, handscroll, tuning split: {set_attributes(pairs)}"]


def news2013_report(folder: Path, errors: bool) -> list[str]:
    """TempEval-3 scores on our own 2013 news beside the peers; with `errors`, each disagreement of ours."""
    docs = []
    for path in sorted(folder.glob("*.tml")):
        if (doc := load_tml(path)) is None:
            raise SystemExit(f"{path}: no <DCT> value or no <TEXT>")
        docs.append(doc)
    if not docs:
        raise SystemExit(f"{folder}: no .tml documents")
    rows = []
    for tagger in ("handscroll", "dateparser", "datefinder"):
        score = TempEvalScore()
        for doc in docs:
            score.add(news_timexes(tagger, doc), doc.gold, values_agree)
        rows.append((f"{tagger}, {len(docs)} docs, {score.gold} gold", score))
    lines = table(rows, corpus=f"our news 2013, {folder.name}")
    if errors:
        lines.append("")
        for doc in docs:
            lines += disagreements(doc, news_timexes("handscroll", doc), values_agree)
    return lines


def fold_scores(tune: Sequence[NewsDoc]) -> list[TempEvalScore]:
    """Our TempEval-3 counts on each fold of the tuning split."""
    scores = []
    for docs in folds(tune):
        score = TempEvalScore()
        for doc in docs:
            score.add(news_timexes("handscroll", doc), doc.gold, values_agree)
        scores.append(score)
    return scores


def fold_report(without: Sequence[str]) -> list[str]:
    """The tuning split's folds, and with --without the change when those rules are dropped."""
    tune, _ = load_corpus(TBAQ)
    full = fold_scores(tune)
    if not without:
        return fold_lines(full)
    kept = list(date_rules._RULES)  # benchmark-only ablation: the registry is restored below
    date_rules._RULES[:] = [entry for entry in kept if entry[1].__name__ not in without]
    if len(date_rules._RULES) + len(set(without)) != len(kept):
        date_rules._RULES[:] = kept
        raise SystemExit(f"unknown rule among {without}")
    try:
        return fold_lines(fold_scores(tune), baseline=full)
    finally:
        date_rules._RULES[:] = kept


def class_report(save: str | None, before: str | None) -> list[str]:
    """The tuning split's errors by cause; saved as JSON, or beside an earlier saved census."""
    tune, _ = load_corpus(TBAQ)
    classes = census(tune, [news_timexes("handscroll", doc) for doc in tune], values_agree)
    if save:
        Path(save).write_text(json.dumps(classes, indent=1) + "\n", encoding="utf-8")
    earlier = Counter(json.loads(Path(before).read_text(encoding="utf-8"))) if before else None
    return census_lines(classes, earlier)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dateparser-docs", type=int, default=22, help="WikiWars docs for dateparser (slow)")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs per document (best kept)")
    parser.add_argument("--folds", action="store_true", help="only the five folds of the TBAQ tuning split")
    parser.add_argument("--without", action="append", default=[], help="with --folds: drop this rule")
    parser.add_argument("--classes", action="store_true", help="only the tuning split's errors by cause")
    parser.add_argument("--save", help="with --classes: keep the counts in this JSON file")
    parser.add_argument("--before", help="with --classes: a saved census to set beside the counts")
    parser.add_argument("--news2013", action="store_true", help="only our own 2013 news, each error listed")
    args = parser.parse_args()
    if args.news2013:
        print("\n".join(news2013_report(NEWS2013, errors=True)))
        return
    if args.classes:
        print("\n".join(class_report(args.save, args.before)))
        return
    if args.folds:
        print("\n".join(fold_report(args.without)))
        return
    print(f"Seed (handscroll): {seed_result()}\n")
    docs = load_wikiwars()
    train, test = docs[:16], docs[16:]
    sample = docs[: args.dateparser_docs]
    label = "all 22" if len(sample) == len(docs) else f"sample 01-{len(sample):02d}"
    rows = [
        ("handscroll, all 22", run(tag_handscroll, docs, args.repeat)),
        ("handscroll, train 01-16", run(tag_handscroll, train, args.repeat)),
        ("handscroll, test 17-22", run(tag_handscroll, test, args.repeat)),
        ("datefinder, all 22", run(tag_datefinder, docs, args.repeat)),
        (f"dateparser, {label}", run(tag_dateparser, sample)),
    ]
    header = (
        "| tagger (WikiWars docs) | len P | len R | len F1 | str P | str R | str F1 | len+val F1 | KB/s |"
    )
    print(header)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, score in rows:
        cells = " | ".join(f"{v:.1f}" for v in score.row())
        print(f"| {name} | {cells} |")
    h = HEIDELTIME
    print(f"| HeidelTime (published, all 22) | | | {h['lenient']} | | | {h['strict']} | {h['value']} | |")
    if TBAQ.exists():
        print()
        print("\n".join(news_table()))
    for folder in (NEWS2013, NEWS2013_CHECK):
        if any(folder.glob("*.tml")):
            print()
            print("\n".join(news2013_report(folder, errors=False)))
    ours, finder, parser_speed = interleaved_speed(
        [tag_handscroll, tag_datefinder, tag_dateparser], sample, args.repeat
    )
    print(
        f"\nSpeed, CPU time, interleaved per document, best of {args.repeat}, WikiWars {label}: "
        f"handscroll {ours:.0f} KB/s, datefinder {finder:.0f} KB/s, dateparser {parser_speed:.1f} KB/s; "
        f"handscroll / dateparser = {ours / parser_speed:.1f}x, "
        f"handscroll / datefinder = {ours / finder:.1f}x"
    )


if __name__ == "__main__":
    main()
