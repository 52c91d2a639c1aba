"""English recurrences beyond "daily": every Monday, each morning, twice a week (issue 16, item 2).

TIMEX3 writes a set as the calendar point that recurs (XXXX-WXX-1 for "every
Monday", XXXX-XX-XXTMO for "every morning", XXXX-01 for "each January") or,
for a recurring stretch, its period ("twice a week" and "every quarter" are
P1W and P1Q). How TimeML qualifies a set rides beside the value: `quant`, the
quantifier as written (EVERY, EACH), and `freq`, how often within the value
("twice a week" freq 2X; "daily", "hourly" 1X, as TimeBank writes them).
"""

from __future__ import annotations

import re

from handscroll.enrich.date_mentions import Mention
from handscroll.enrich.date_rules import rule
from handscroll.enrich.dates_en import MONTHS, SEASONS
from handscroll.enrich.dates_en_times import WEEKEND
from handscroll.enrich.number_words import NUMBER, parse_number

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_TOD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_PERIODS = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "quarter": "P1Q", "hour": "PT1H"}


@rule(
    r"\b(?:every|each)\s+(?:(?P<w>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
    r"(?:\s+(?P<wt>morning|afternoon|evening|night))?|(?P<t>morning|afternoon|evening|night)"
    r"|(?P<m>january|february|march|april|may|june|july|august|september|october|november|december)"
    r"|(?P<s>spring|summer|autumn|fall|winter|season)|(?P<q>quarter|hour)|(?P<we>weekend))\b",
    lower=True,
    key="sets",
)
def _every(found: re.Match[str]) -> Mention:
    """ "every Monday", "each morning", "every January", "each season", "every quarter", "every weekend"."""
    if found["w"]:
        tod = f"T{_TOD[found['wt']]}" if found["wt"] else ""
        value = f"XXXX-WXX-{_WEEKDAYS.index(found['w']) + 1}{tod}"
    elif found["t"]:
        value = f"XXXX-XX-XXT{_TOD[found['t']]}"
    elif found["m"]:
        value = f"XXXX-{MONTHS[found['m']]:02d}"
    elif found["s"]:
        value = f"XXXX-{SEASONS[found['s']]}" if found["s"] in SEASONS else "XXXX"
    elif found["we"]:
        value = WEEKEND
    else:
        value = _PERIODS[found["q"]]
    return Mention(found.start(), found.end(), literal=value, kind="SET", quant=_quant(found))


def _quant(found: re.Match[str]) -> str:
    """EVERY or EACH, the word that opens the set, in TimeML's capitals."""
    return found.group().split(maxsplit=1)[0].upper()


@rule(
    r"\b(?P<w>Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)\b"
    r"|\b(?P<w2>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+(?P<t>mornings|afternoons|evenings|nights)\b",
    key="names",
)
def _plural_weekday(found: re.Match[str]) -> Mention:
    """ "on Fridays", "Tuesday nights": a day of every week (XXXX-WXX-5, XXXX-WXX-2TNI)."""
    day = (found["w"] or found["w2"]).lower().rstrip("s")
    tod = f"T{_TOD[found['t'][:-1]]}" if found["t"] else ""
    value = f"XXXX-WXX-{_WEEKDAYS.index(day) + 1}{tod}"
    return Mention(found.start(), found.end(), literal=value, kind="SET")


@rule(
    rf"\b(?:every|each)\s+(?P<n>other|few|several|{NUMBER})\s+(?P<u>day|week|month|year|decade|hour|minute)s?\b",
    lower=True,
    key="sets",
)
def _every_few(found: re.Match[str]) -> Mention | None:
    """ "every four years", "every other day", "every 15 minutes": a set whose period is several units
    (P4Y, P2D, PT15M); "every few months" leaves the count open (PXM), as "a few months" does."""
    unit = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE"}.get(found["u"])
    if found["n"] in ("few", "several"):
        value = f"PX{unit}" if unit else f"PTX{found['u'][0].upper()}"
        return Mention(found.start(), found.end(), literal=value, kind="SET", quant=_quant(found))
    amount = 2 if found["n"] == "other" else parse_number(found["n"])
    if amount is None or amount != int(amount) or amount < 1:
        return None
    count = int(amount) * (10 if found["u"] == "decade" else 1)
    unit = "Y" if unit == "DE" else unit
    value = f"P{count}{unit}" if unit else f"PT{count}{found['u'][0].upper()}"  # hours, minutes: PT4H
    return Mention(found.start(), found.end(), literal=value, kind="SET", quant=_quant(found))


#: "twice daily", "twice-yearly": the period an adverb of frequency names.
_ADVERB_PERIODS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y"}


@rule(
    r"\b(?:(?P<o>once|twice)|(?P<n>two|three|four|five|six|several|many|\d+)\s+times)(?:\s+(?P<q>a|an|per|each|every)\s+"
    r"(?P<u>day|week|month|year|quarter|hour)\b|[\s-](?P<a>daily|weekly|monthly|yearly|annually)\b)|\bhourly\b",
    lower=True,
    key="sets",
)
def _frequency(found: re.Match[str]) -> Mention:
    """ "twice a week", "three times a year", "twice daily", "twice-yearly", "hourly": the period
    that recurs, how often in freq."""
    times = {"once": 1, "twice": 2}.get(found["o"] or "") or parse_number(found["n"] or "one")
    freq = f"{int(times)}X" if times is not None and times == int(times) else None  # not "several"
    quant = found["q"].upper() if found["q"] in ("each", "every") else None  # "twice each year"
    value = _ADVERB_PERIODS[found["a"]] if found["a"] else _PERIODS[found["u"] or "hour"]
    return Mention(found.start(), found.end(), literal=value, kind="SET", quant=quant, freq=freq)


@rule(
    r"\b(?:(?:[Aa]t|[Oo]n|[Oo]ver|[Dd]uring)\s+(?P<we>week-?ends)|(?P<ni>[Nn]ightly))\b",
    key="unit",
    needs=("weekends", "week-ends", "nightly"),
)
def _weekends(found: re.Match[str]) -> Mention:
    """ "closed at weekends", "on weekends" (XXXX-WXX-WE), "shelled nightly" (XXXX-XX-XXTNI, once a
    night): sets, as "on Sundays" is."""
    if found["we"]:
        return Mention(found.start("we"), found.end(), literal=WEEKEND, kind="SET")
    # the WikiWars key (TIMEX2) leaves "nightly raids"
    night = "XXXX-XX-XXTNI"
    return Mention(found.start(), found.end(), literal=night, kind="SET", freq="1X", convention="TimeML")
