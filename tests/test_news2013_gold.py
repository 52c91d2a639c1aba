"""The gold of our own 2013 news (benchmarks/news2013, and the check set nobody tunes on,
benchmarks/news2013_check) is well-formed TimeML, so a slip in annotation ("PXH" for hours, a
TIME without a clock, "until" inside an expression) shows here and not as a tagger error in a
score. The files are ours; the checks are TIMEX3's."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
DEV, CHECK = BENCHMARKS / "news2013", BENCHMARKS / "news2013_check"
FILES = sorted(DEV.glob("*.tml")) + sorted(CHECK.glob("*.tml"))

_DAY = r"\d{4}-\d{2}-\d{2}"
_PERIOD = r"(?:\d+(?:\.\d+)?|X)"
VALUES = {
    "DATE": re.compile(
        rf"{_DAY}(?:T(?:MO|AF|EV|NI))?|\d{{2,4}}|\d{{4}}-\d{{2}}|\d{{4}}-W\d{{2}}(?:-WE)?"
        r"|\d{4}-(?:Q[1-4]|H[12]|SP|SU|FA|WI)|(?:PRESENT|PAST|FUTURE)_REF"
    ),
    "TIME": re.compile(rf"{_DAY}T(?:\d{{2}}:\d{{2}}|MO|AF|EV|NI)"),
    "DURATION": re.compile(rf"P(?:{_PERIOD}(?:Y|M|W|D|Q|DE|CE|L))+|PT(?:{_PERIOD}[HMS])+"),  # Q: quarters
    "SET": re.compile(rf"P{_PERIOD}(?:Y|M|W|D)|XXXX-(?:XX-XXT(?:MO|AF|EV|NI)|WXX-[1-7]|SP|SU|FA|WI)"),
}
#: TimeML leaves the preposition outside ("at least" is a modifier, inside)
OUTSIDE = re.compile(r"(?i)^(?:on|in|at(?! least)|until|since|by|over|for|during)\s")


def test_the_dev_and_check_sets_are_there() -> None:
    assert len(list(DEV.glob("*.tml"))) >= 20
    assert len(list(CHECK.glob("*.tml"))) >= 8


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_timex_is_well_formed(path: Path) -> None:
    root = ElementTree.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.get("functionInDocument") == "CREATION_TIME"
    assert dct.get("value", "").replace("-", "") == path.stem.split("_")[1]  # the name's date is the DCT
    timexes = root.findall("TEXT/TIMEX3")
    assert timexes, "an article with no expression"
    assert len({t.get("tid") for t in timexes}) == len(timexes)
    for timex in timexes:
        kind, value, text = timex.get("type", ""), timex.get("value", ""), timex.text or ""
        assert kind in VALUES, f"{text!r}: type {kind!r}"
        assert VALUES[kind].fullmatch(value), f"{text!r}: {kind} value {value!r}"
        assert not OUTSIDE.match(text) and text == text.strip(), f"{text!r}: extent"
