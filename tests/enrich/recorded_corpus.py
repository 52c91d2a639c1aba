"""The corpus whose enrichment is recorded, so speed work can prove it changed nothing (issue 11).

The bundled samples and their generated variants (sentences shuffled, as the
import benchmark makes them), the seed and the WikiWars narratives when
../shared holds them, and our own date- and term-dense texts. Each feature's
enrichment is recorded as the SHA-256 of its JSON with its counts, so a
difference names the feature and the kind of annotation that moved.

    python tests/enrich/recorded_corpus.py    # re-record after an intended change
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from handscroll.config import Settings
from handscroll.enrich import enrich_feature
from handscroll.ingest import READERS, read_path
from handscroll.model import Feature, Paragraph
from handscroll.samples import sample_paths

RECORDED = Path(__file__).parent / "recorded" / "enrichments.json"
SHARED = Path(__file__).parents[2].parent / "shared"
SEED = SHARED / "seed" / "000_cc4507d8b73957ad.txt"
WIKIWARS = SHARED / "corpora" / "wikiwars" / "WikiWars_20120218_v104" / "in"
FEATURES = Path(__file__).parents[2] / "src" / "handscroll" / "samples" / "features"
_TAG = re.compile(r"<[^>]+>")

OWN_TEXTS = (
    "On 3 May 1946 the last Soviet trains left Shenyang (瀋陽); by the spring of 1947 Mukden was quiet.",
    "The National Revolutionary Army (NRA) met the NRA's rivals near Harbin (哈爾濱) in late 1945.",
    "1946年3月，蘇軍撤出瀋陽。四月中旬，國民政府接收長春機場。",
    "Chiang Kai-shek (蔣介石) and Chiang Ching-kuo (蔣經國, his son) flew to Changchun Airport (長春機場).",
    "No dates here, no names either: only a quiet sentence about rivers and hills.",
    "Every Monday in the 1930s, twice a week from 1931-1933, and three days later, at 4 p.m.",
    "The Chinese Communist Party (CCP, 中國共產黨) met the Soviet Communist Party in Moscow.",
)


def corpus() -> Iterator[tuple[str, Feature]]:
    """(name, feature) for every recorded feature, in a fixed order."""
    settings = Settings()
    samples = sorted(sample_paths())
    for path in samples:
        yield f"sample:{path.name}", read_path(path, settings).feature
    for path in sorted(FEATURES.glob("zh-*/*.txt")):
        yield f"sample:{path.parent.name}/{path.name}", read_path(path, settings).feature
    yield from _variants(samples, settings)
    if SEED.exists():
        yield "seed", read_path(SEED, settings).feature
    if WIKIWARS.is_dir():
        for path in sorted(WIKIWARS.glob("*.sgm")):
            yield f"wikiwars:{path.stem}", _narrative(path)
    yield "own", Feature(title="Own texts", slug="own", blocks=tuple(Paragraph(text=t) for t in OWN_TEXTS))


def _variants(samples: list[Path], settings: Settings, count: int = 12) -> Iterator[tuple[str, Feature]]:
    """Samples with each long line's sentences shuffled: new neighbours for every rule."""
    rng = random.Random(11)
    for number in range(count):
        source = samples[number % len(samples)]
        lines = source.read_text(encoding="utf-8").splitlines()
        for at, line in enumerate(lines):
            if len(line) > 120:
                sentences = line.split(". ")
                rng.shuffle(sentences)
                lines[at] = ". ".join(sentences)
        name = f"variant:{number}:{source.name}"
        reader = READERS[source.suffix.lower()]
        yield name, reader("\n".join(lines) + "\n", source=name, settings=settings).feature


def _narrative(path: Path) -> Feature:
    """A WikiWars article as a feature: one paragraph per line of its text."""
    body = html.unescape(_TAG.sub("", path.read_text(encoding="utf-8").split("<TEXT>", 1)[1]))
    paragraphs = tuple(Paragraph(text=line.strip()) for line in body.splitlines() if line.strip())
    return Feature(title=path.stem, slug=path.stem.lower().replace("_", "-"), blocks=paragraphs)


def record(feature: Feature) -> dict[str, Any]:
    """What is kept of one enrichment: its hash and how many of each annotation it holds."""
    found = enrich_feature(feature)
    return {
        "sha256": hashlib.sha256(found.to_json()).hexdigest(),
        "events": len(found.events),
        "terms": len(found.terms),
        "places": len(found.places),
        "figures": len(found.figures),
    }


if __name__ == "__main__":
    recorded = {name: record(feature) for name, feature in corpus()}
    RECORDED.write_text(json.dumps(recorded, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(f"recorded {len(recorded)} enrichments in {RECORDED}\n")
