"""How many self-check items handscroll makes from the samples and the seed, why others were not
made, and how many of a hand-labelled sample are correct and unambiguous (issue 15).

Prints tables (not a test). The labels are in benchmarks/quiz_labels.json,
written by hand: for every item id, whether its marked answer is right
(checked against the text) and whether exactly one answer can be right from
what the item shows. An item whose id has no label (the generator changed)
is listed as unlabelled, never counted as correct.

There is no peer: no publishing tool generates these items (H5P and Moodle
quizzes are typed by hand), so the figures are against the issue's target
of 100 % correct on the sample.

The sample library here is every sample edition (English, Traditional,
Simplified), the second English part read with the alt text the tests give
its pictures (tests/learn/described.py; the legacy samples have no alt line,
so without it no "which picture" item can be made), and the seed.

Usage: python benchmarks/quiz_eval.py [--show]   (--show prints every item in full, to label)
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from handscroll.config import Settings
from handscroll.enrich import enrich_feature
from handscroll.ingest import read_path
from handscroll.learn import QuizItem, QuizSet, generate_items
from handscroll.learn.load import known_places
from handscroll.model import Enrichment, Feature
from handscroll.samples import edition_paths, sample_paths

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from learn.described import described_feature

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_cc4507d8b73957ad.txt"
LABELS = Path(__file__).with_name("quiz_labels.json")
KINDS = ("order", "first", "date", "term", "place", "picture")


def quizzes() -> list[tuple[str, QuizSet]]:
    """Each source's quiz, with the terms of the other features of its series as distractors,
    in part order, as `handscroll quiz` makes them from a library holding all of them."""
    paths = [*sample_paths(), *edition_paths(), *([SEED] if SEED.is_file() else [])]
    described = described_feature()
    read: list[tuple[str, Feature, Enrichment]] = []
    for path in paths:
        name = path.name if path.parent.name == "features" else f"{path.parent.name}/{path.name}"
        feature = read_path(path, Settings()).feature
        if feature.slug == described.slug:
            feature, name = described, f"{name} (+alt)"
        read.append((name, feature, enrich_feature(feature)))
    read.sort(key=lambda r: (r[1].series or "", r[1].language, r[1].part or 0, r[1].title))
    made = []
    for name, feature, enrichment in read:
        others = [e for _, f, e in read if f.series == feature.series and f.slug != feature.slug]
        pool = [term for other in others for term in other.terms]
        made.append((name, generate_items(feature, enrichment, pool, known_places())))
    return made


def show(name: str, item: QuizItem) -> None:
    """One item in full, to check against its source."""
    print(f"\n{item.id}  [{name}]  {item.label}\n  {item.prompt}")
    for index, choice in enumerate(item.choices):
        mark = "*" if item.kind != "order" and index in item.answer else " "
        print(f"  {mark} {index}. {choice}" + (f"  <{item.media[index]}>" if item.media else ""))
    if item.kind == "order":
        print(f"  order: {list(item.answer)}")
    if item.year is not None:
        print(f"  year: {item.year}")
    for source in item.sources:
        print(f"  from {source.span.ref}: {source.sentence}")


def main() -> None:
    labels: dict[str, dict[str, object]] = json.loads(LABELS.read_text(encoding="utf-8"))
    made = quizzes()
    print("items generated, by source and kind")
    print(f"{'source':<34}" + "".join(f"{k:>8}" for k in KINDS) + f"{'all':>7}")
    totals: Counter[str] = Counter()
    for name, quiz in made:
        counts = Counter(item.kind for item in quiz.items)
        totals.update(counts)
        print(f"{name:<34}" + "".join(f"{counts[k]:>8}" for k in KINDS) + f"{len(quiz.items):>7}")
    print(f"{'all':<34}" + "".join(f"{totals[k]:>8}" for k in KINDS) + f"{sum(totals.values()):>7}")

    print("\nnot generated, by reason (events are checked once, under 'order')")
    reasons: Counter[tuple[str, str]] = Counter()
    for _, quiz in made:
        reasons.update((r.kind, r.reason) for r in quiz.rejections)
    for (kind, reason), count in sorted(reasons.items(), key=lambda kv: (kv[0][0], -kv[1])):
        print(f"  {kind:<6} {count:>4}  {reason}")

    print("\nhand-checked sample (benchmarks/quiz_labels.json)")
    items = [item for _, quiz in made for item in quiz.items]
    labelled = [item for item in items if item.id in labels]
    correct = sum(1 for item in labelled if labels[item.id]["correct"] is True)
    clear = sum(1 for item in labelled if labels[item.id]["unambiguous"] is True)
    print(f"  labelled      {len(labelled):>3} of {len(items)} items")
    if labelled:
        print(f"  correct       {correct:>3}  {100 * correct / len(labelled):5.1f} %   (target 100 %)")
        print(f"  unambiguous   {clear:>3}  {100 * clear / len(labelled):5.1f} %")
    for item in items:
        if item.id not in labels:
            print(f"  unlabelled: {item.id} {item.prompt[:70]}")
    by_kind = Counter(item.kind for item in labelled)
    print("  labelled by kind: " + ", ".join(f"{k} {by_kind[k]}" for k in KINDS))
    if "--show" in sys.argv:
        for name, quiz in made:
            for item in quiz.items:
                show(name, item)
    for item in labelled:
        note = labels[item.id].get("note")
        if labels[item.id]["correct"] is not True or labels[item.id]["unambiguous"] is not True:
            print(f"  flagged: {item.id} {note}")


if __name__ == "__main__":
    main()
