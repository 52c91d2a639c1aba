"""Enrichment is exactly what it was before the speed work (issue 11 item 3).

The combined glossary scan, the pinyin cache, the one-pass place finder and
the date pre-filter must each give the same annotations, offsets and order
as the slower code they replaced: every feature of the corpus is compared
with its recorded enrichment.
"""

from __future__ import annotations

import json

import pytest

from enrich.recorded_corpus import RECORDED, corpus, record
from handscroll.model import Feature

EXPECTED = json.loads(RECORDED.read_text(encoding="utf-8"))
CORPUS = list(corpus())


def test_the_corpus_covers_samples_variants_and_own_texts() -> None:
    names = {name.split(":")[0] for name, _ in CORPUS}
    assert {"sample", "variant", "own"} <= names
    assert len(CORPUS) >= 17


@pytest.mark.parametrize(("name", "feature"), CORPUS, ids=[name for name, _ in CORPUS])
def test_enrichment_is_as_recorded(name: str, feature: Feature) -> None:
    assert name in EXPECTED, f"{name} was never recorded: run python tests/enrich/recorded_corpus.py"
    assert record(feature) == EXPECTED[name]
