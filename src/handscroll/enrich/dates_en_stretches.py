"""English stretches of time beyond the plain count: bare ones ("months or even years"), several
units at once ("four years and nine months"), millions of years, adjectives before a comma
("a two-year, $2.5 billion mission") (issue 16).

TimeML values them as durations (PXM, P4Y9M, P80000000Y); an age ("13.8 billion years old")
stays to TIMEX2, which marks ages. The plain counts ("three years", "the past 24 hours") are
dates_en_relative.py's; bare hours and "weeks after" are dates_en_times.py's.
"""

from __future__ import annotations

import re

from handscroll.enrich.date_mentions import Mention
from handscroll.enrich.date_rules import rule
from handscroll.enrich.dates_en_relative import half_stretch
from handscroll.enrich.number_words import NUMBER, parse_number

#: A bare stretch's value: "hours after" PTXH, "weeks after" PXW, "decades before" PXDE.
BARE_UNITS = {
    "minutes": "PTXM", "hours": "PTXH", "days": "PXD", "weeks": "PXW", "months": "PXM", "years": "PXY",
    "decades": "PXDE",
}  # fmt: skip


@rule(
    r"\b(?:minutes|hours|days|weeks|months|years)\s+or\s+(?:even\s+|possibly\s+|perhaps\s+|maybe\s+)?"
    r"(?P<u>hours|days|weeks|months|years|decades)\b(?![\s-]+old\b)",
    lower=True,
    key="unit",
    needs=tuple(f"{unit} or " for unit in ("minutes", "hours", "days", "weeks", "months", "years")),
)
def _or_longer(found: re.Match[str]) -> Mention:
    """ "it can take months or even years": the second of two bare stretches (the first is a cue's)."""
    value = BARE_UNITS[found["u"]]
    return Mention(found.start("u"), found.end("u"), literal=value, kind="DURATION", convention="TimeML")


_PARTS = ("year", "month", "week", "day", "hour", "minute", "second")
_PART = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?)"
_OLD = re.compile(r"[\s-]*old\b")


@rule(
    rf"\b(?P<n1>{NUMBER})\s+(?P<u1>{_PART}),?\s+(?:and\s+)?(?P<n2>{NUMBER})\s+(?P<u2>{_PART})\b"
    rf"(?:,?\s+(?:and\s+)?(?P<n3>{NUMBER})\s+(?P<u3>{_PART})\b)?",
    lower=True,
    key="unit",
)
def _compound_stretch(found: re.Match[str]) -> Mention | None:
    """ "11 hours and 45 minutes" (PT11H45M), "four years and nine months" (P4Y9M), "2 hours, 3
    minutes and 38 seconds": one stretch in several units, largest first, as TimeML values it."""
    parts: list[tuple[int, int]] = []
    for n, u in (("n1", "u1"), ("n2", "u2"), ("n3", "u3")):
        if found[u] is None:
            break
        amount = parse_number(found[n])
        index = _PARTS.index(found[u].rstrip("s"))
        if amount is None or amount != int(amount) or (parts and index <= parts[-1][1]):
            return None  # "two days, three days": a list, not one stretch; units must shrink
        parts.append((int(amount), index))
    date = "".join(f"{amount}{'YMWD'[index]}" for amount, index in parts if index < 4)
    clock = "".join(f"{amount}{'HMS'[index - 4]}" for amount, index in parts if index >= 4)
    value = "P" + date + (f"T{clock}" if clock else "")
    age = _OLD.match(found.string, found.end()) is not None  # "two years and three months old": an age
    return Mention(
        found.start(), found.end(), literal=value, kind="DURATION", convention="TIMEX2" if age else None
    )


_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


@rule(
    rf"\b(?:(?P<q>about|around|nearly|almost|some|roughly|more\s+than|less\s+than)\s+)?"
    rf"(?P<n>\d{{1,3}}(?:\.\d{{1,3}})?|{NUMBER})\s+(?P<s>thousand|million|billion)\s+years\b"
    r"(?P<old>[\s-]+old\b)?(?:\s+(?P<dir>ago|earlier|later)\b)?",
    lower=True,
    key="unit",
    needs=("thousand years", "million years", "billion years"),
)
def _aeon(found: re.Match[str]) -> Mention | None:
    """ "80 million years" (P80000000Y) as one stretch; "13.8 billion years old" an age, which TimeML
    leaves; "65 million years ago" a past with no calendar value (PAST_REF; "later" FUTURE_REF)."""
    amount = parse_number(found["n"])
    if amount is None:
        return None
    if found["dir"]:
        return Mention(
            found.start(), found.end(), literal="FUTURE_REF" if found["dir"] == "later" else "PAST_REF"
        )
    value = f"P{round(amount * _SCALES[found['s']])}Y"
    age = "TIMEX2" if found["old"] else None
    mod = _AEON_MODS.get(found["q"].split()[0]) if found["q"] else None
    return Mention(found.start(), found.end(), literal=value, kind="DURATION", convention=age, mod=mod)


_AEON_MODS = {
    "about": "APPROX", "around": "APPROX", "some": "APPROX", "roughly": "APPROX",
    "nearly": "LESS_THAN", "almost": "LESS_THAN", "less": "LESS_THAN", "more": "MORE_THAN",
}  # fmt: skip


@rule(
    rf"\b(?P<n>{NUMBER})-(?P<u>year|month|week|day|hour|minute)(?=,\s+(?:\$|[a-z]))",
    lower=True,
    key="unit",
    needs=("-year,", "-month,", "-week,", "-day,", "-hour,", "-minute,"),
)
def _listed_adjective(found: re.Match[str]) -> Mention | None:
    """ "a two-year, $2.5 billion mission": a stretch used as an adjective before another one."""
    amount = parse_number(found["n"])
    if amount is None or amount != int(amount):
        return None
    code = {"hour": "PT{}H", "minute": "PT{}M"}.get(found["u"], "P{}" + found["u"][0].upper())
    return Mention(found.start(), found.end(), literal=code.format(int(amount)), kind="DURATION")


_HALF_OF = {"hour": "PT30M", "day": "PT12H", "year": "P6M", "decade": "P5Y", "century": "P50Y"}
_HALF_UNITS = {"centur": 100, "decade": 10}


@rule(
    r"\b(?:(?P<n>\w+)-and-a-half[\s-](?P<u>years?|months?|weeks?|days?|hours?|minutes?|decades?)\b(?![\s-]+old\b)"
    r"|half[\s-](?P<a>hour|day|year|decade|century)(?=[\s-]+(?!ago|later|earlier)[a-z])|half-(?P<a2>hour)\b"
    r"|half\s+a\s+(?P<g>century|decade)\s+ago\b)",
    lower=True,
    key="half",
)
def _halves(found: re.Match[str]) -> Mention | None:
    """ "three-and-a-half years" (P3Y6M), "a half-hour speech" (PT30M), "half a century ago" (fifty
    years back, as "a century ago" is a hundred)."""
    if found["g"]:
        return Mention(
            found.start(), found.end(), shift=("Y", -_HALF_UNITS[found["g"][:6]] // 2), deictic=True
        )
    if found["a"] or found["a2"]:  # "a half-hour speech", "the first half-hour"; TIMEX2 keys differ
        value = _HALF_OF[found["a"] or "hour"]
        return Mention(found.start(), found.end(), literal=value, kind="DURATION", convention="TimeML")
    # "three-and-a-half years": the counting rule's halves (P3Y6M), hyphens and all
    return half_stretch(found.start(), found.end(), found["n"], found["u"])


_RUN_UNITS = {
    "day": "P{}D", "week": "P{}W", "month": "P{}M", "year": "P{}Y", "quarter": "P{}Q", "hour": "PT{}H",
}  # fmt: skip


_RUN_UNIT = r"(?P<u>day|week|month|year|quarter|hour)s?\b(?![\s-]+old\b)"


# two patterns, each opening with its own words: one with both optional parts scanned every number
@rule(
    rf"\b(?P<det>those|these)\s+(?P<n>{NUMBER})\s+(?:(?:consecutive|straight|successive)\s+)?{_RUN_UNIT}",
    lower=True,
    key="pointed_count",
)
@rule(
    rf"\b(?P<n>{NUMBER})\s+(?:consecutive|straight|successive)\s+{_RUN_UNIT}",
    lower=True,
    key="pointed_count",
)
def _run_or_pointed(found: re.Match[str]) -> Mention | None:
    """ "for 12 consecutive months" (P12M), "in those three months" (P3M, the determiner in the
    extent as "this week" has it): a count the plain rule reads only in part or not at all."""
    amount = parse_number(found["n"])
    if amount is None or amount != int(amount) or amount < 1:
        return None  # "the third straight month" is an ordinal, which TimeBank leaves
    value = _RUN_UNITS[found["u"]].format(int(amount))
    return Mention(found.start(), found.end(), literal=value, kind="DURATION")
