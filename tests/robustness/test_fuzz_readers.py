"""Every reader, fed fuzzed and mutated input, refuses only with a ReadError and keeps its promises."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from robustness.fuzz import SUFFIXES, TOKENS, check_input, fuzz_readers, seeds

_FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_the_mutation_corpus_finds_no_crash_and_no_broken_property() -> None:
    tally = fuzz_readers(1500)
    assert tally.tried == 1500
    assert tally.failures == {}, {k: v[1][:200] for k, v in tally.examples.items()}


@pytest.mark.parametrize("suffix", SUFFIXES)
@_FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes(suffix: str, data: bytes) -> None:
    assert check_input(suffix, data) is None


@pytest.mark.parametrize("suffix", SUFFIXES)
@_FUZZ
@given(
    pieces=st.lists(
        st.sampled_from(TOKENS) | st.text(max_size=12).map(lambda t: t.encode("utf-8", "surrogatepass")),
        max_size=40,
    ),
    which=st.integers(0, 100),
    where=st.integers(0, 10**6),
)
def test_tokens_spliced_into_real_inputs(suffix: str, pieces: list[bytes], which: int, where: int) -> None:
    base = seeds()[suffix][which % len(seeds()[suffix])]
    at = where % (len(base) + 1)
    assert check_input(suffix, base[:at] + b"".join(pieces) + base[at:]) is None
