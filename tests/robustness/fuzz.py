"""Fuzzing the readers: mutated real inputs through every reader, checked for crashes and properties.

Used by the CI suite (a few thousand inputs) and by benchmarks/robustness.py
(100,000). A reader may refuse an input only with a ReadError; anything else
it raises is a crash. What it accepts must keep its promises: the legacy
reader accounts for every source line, and whatever is read survives being
written as Markdown and read back unchanged.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from handscroll.config import Settings
from handscroll.errors import ReadError
from handscroll.ingest import Source, parse_source
from handscroll.ingest.decode import decode_bytes, split_lines
from handscroll.ingest.markdown import read_markdown
from handscroll.publish.markdown import write_markdown
from handscroll.samples import sample_paths

SETTINGS = Settings()
SUFFIXES = (".txt", ".md", ".json")
"""Every reader of the registry, by the suffix that selects it."""

TOKENS = (
    b"\x00", b"\x01", b"\x0c", b"\x7f", b"\r", b"\n", b"\r\n", b"\r\xef\xbb\xbf\n", b"\xef\xbb\xbf",
    b"\xc2\xa0", b"\xe3\x80\x80", b"\xff\xfe", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x80\xa8",
    b"See answer below.", b"ebook", b"Source of photos:", b"(12) ", b"(999999999999999999999) ",
    b"mainsite_psd_x01_1", b"---", b":::", b"::: figure a_1", b"::: question", b"::: unclassified 0",
    b"\\", b"&#0;", b"<script>", b"{", b"}", b'"', b"[", b"]", b'"\\u0000"', b'"\\ud800"', b"1e9999",
    b"title:", b"&a", b"*a", b"!!python/object", b"\t", b" " * 200, b"\xe4\xb8\xad\xe5\x9c\x8b",
)  # fmt: skip
"""Pieces that have meant something to some reader, spliced in by the mutator."""


@cache
def seeds() -> dict[str, tuple[bytes, ...]]:
    """Real inputs for each reader: the samples, and the same features as Markdown and JSON."""
    legacy = tuple(p.read_bytes() for p in sample_paths())
    features = [parse_source(Source(p, p.name, p.read_bytes()), SETTINGS).feature for p in sample_paths()]
    return {
        ".txt": legacy,
        ".md": tuple(write_markdown(f).encode() for f in features),
        ".json": tuple(f.to_json().encode() for f in features),
    }


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits: flip, insert a token, delete, duplicate or truncate."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        action = rng.randrange(6)
        if action == 0 and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif action in (1, 2):
            out[at:at] = rng.choice(TOKENS)
        elif action == 3:
            del out[at : at + rng.randint(1, 64)]
        elif action == 4:
            piece = out[at : at + rng.randint(1, 256)]
            out[at:at] = piece * rng.randint(1, 3)
        else:
            del out[at:]
    return bytes(out)


def check_input(suffix: str, data: bytes) -> str | None:
    """Read one input with the reader for `suffix`; None if all is well, else what went wrong."""
    source = Source(Path(f"fuzzed{suffix}"), f"fuzzed{suffix}", data)
    try:
        result = parse_source(source, SETTINGS)
    except ReadError as exc:
        if not str(exc).startswith("fuzzed"):
            return f"a ReadError without the file name: {exc}"
        return None
    except RecursionError:
        return "crash: RecursionError"
    except Exception as exc:  # anything but a ReadError is what we hunt for
        return f"crash: {type(exc).__name__}: {str(exc)[:120]}"
    if suffix == ".txt":
        expected = len(split_lines(decode_bytes(data, "fuzzed.txt")))
        if len(result.lines) != expected:
            return f"lossless: {len(result.lines)} lines accounted for, the file has {expected}"
    feature = result.feature
    try:
        written = write_markdown(feature)
    except ValueError as exc:
        return f"round trip: cannot write as Markdown: {exc}"
    try:
        back = read_markdown(written, source="written.md", settings=SETTINGS).feature
    except ReadError as exc:
        return f"round trip: the written Markdown does not read: {exc}"
    if suffix == ".md" and back != feature:
        return "round trip: Markdown -> feature -> Markdown -> feature changed the feature"
    if suffix != ".md" and write_markdown(back) != written:
        return "round trip: writing the feature read back gives different Markdown"
    return None


@dataclass
class Tally:
    """How many inputs were tried and what went wrong, with one example input per kind of failure."""

    tried: int = 0
    failures: Counter[str] = field(default_factory=Counter)
    examples: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    @property
    def failed(self) -> int:
        """Inputs that crashed a reader or broke a property."""
        return sum(self.failures.values())

    def add(self, suffix: str, data: bytes) -> None:
        self.tried += 1
        problem = check_input(suffix, data)
        if problem is not None:
            kind = problem.split(":")[0] + ": " + problem.split(":")[1].strip()[:60]
            self.failures[kind] += 1
            self.examples.setdefault(kind, (suffix, data))


def fuzz_readers(count: int, *, seed: int = 10) -> Tally:
    """Mutate the seeds `count` times, spread over every reader."""
    rng = random.Random(seed)
    tally = Tally()
    corpus = seeds()
    for n in range(count):
        suffix = SUFFIXES[n % len(SUFFIXES)]
        tally.add(suffix, mutate(rng.choice(corpus[suffix]), rng))
    return tally
