"""The seed's 32 gold dates come out exactly, and nothing else does (issue 4).

The seed is the publisher's text: it is read from ../shared, never copied here.
Blocks are its non-blank lines, tagged in order so the narrative's date carries
from one to the next, as it does in a feature.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from handscroll.enrich.dates import TimeExpression, find_dates_in_blocks

SEED_DIR = Path(__file__).parents[2].parent / "shared" / "seed"
SEED_TEXT = SEED_DIR / "000_cc4507d8b73957ad.txt"
SEED_GOLD = SEED_DIR / "gold-timeline.json"

pytestmark = pytest.mark.skipif(
    not (SEED_TEXT.exists() and SEED_GOLD.exists()),
    reason="the seed (../shared/seed/) is not present; it belongs to its publisher and is not shipped",
)


@pytest.fixture(scope="module")
def seed() -> tuple[list[str], dict[str, Any], dict[int, list[TimeExpression]]]:
    lines = SEED_TEXT.read_text(encoding="utf-8-sig").splitlines()
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    numbered = [(n + 1, line) for n, line in enumerate(lines) if line.strip()]
    results = find_dates_in_blocks([line for _, line in numbered])
    return lines, gold, {n: found for (n, _), found in zip(numbered, results, strict=True)}


def _gold_span(line: str, text: str, taken: set[int]) -> tuple[int, int]:
    start = line.find(text)
    while start in taken:
        start = line.find(text, start + 1)
    assert start >= 0, f"gold text {text!r} not on its line"
    return start, start + len(text)


def test_every_gold_expression_is_found_with_its_value(
    seed: tuple[list[str], dict[str, Any], dict[int, list[TimeExpression]]],
) -> None:
    lines, gold, found = seed
    taken: dict[int, set[int]] = {}
    wrong = []
    for item in gold["expressions"]:
        number = item["line"]
        start, end = _gold_span(lines[number - 1], item["text"], taken.setdefault(number, set()))
        taken[number].add(start)
        hits = [x for x in found[number] if x.start < end and start < x.end]
        got = [(x.text, x.value, x.mod) for x in hits]
        if len(hits) != 1 or (hits[0].value, hits[0].mod) != (item["value"], item.get("mod")):
            wrong.append((number, item["text"], item["value"], item.get("mod"), got))
    assert wrong == []
    assert len(gold["expressions"]) == 32


def test_no_hit_outside_the_gold_and_the_ignore_list(
    seed: tuple[list[str], dict[str, Any], dict[int, list[TimeExpression]]],
) -> None:
    lines, gold, found = seed
    extra = []
    for number, expressions in found.items():
        line = lines[number - 1]
        allowed = [(i, i + len(t)) for t in gold["ignore"] if (i := line.find(t)) >= 0]
        for item in gold["expressions"]:
            if item["line"] == number:
                start = line.find(item["text"])
                while start >= 0:
                    allowed.append((start, start + len(item["text"])))
                    start = line.find(item["text"], start + 1)
        for x in expressions:
            if not any(a < x.end and x.start < b for a, b in allowed):
                extra.append((number, x.text, x.value))
    assert extra == []


def test_offsets_point_at_the_text(
    seed: tuple[list[str], dict[str, Any], dict[int, list[TimeExpression]]],
) -> None:
    lines, _, found = seed
    for number, expressions in found.items():
        for x in expressions:
            assert lines[number - 1][x.start : x.end] == x.text
