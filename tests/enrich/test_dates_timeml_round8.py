"""Forms of the eighth round of issue 16: durations, sets, times of day, as 2013 wire copy writes them.

Bare hours and minutes ("within minutes", "hours after the verdict", "the first hours": PTXM,
PTXH, as TimeBank marks "the first hours"), "overnight" (the night before the story's day, TIME),
adverbs of frequency with a count ("twice daily", "twice-yearly"), weekends as a set ("at
weekends", "every weekend"), beside the forms earlier rounds read and this round pins in the
register of agency copy: "the past 24 hours", "a decade", "15:00 GMT Saturday", "8 a.m. EDT".

Sentences are our own. News mode: the document date is Friday 22 March 2013.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates

DCT = "2013-03-22"

# (sentence, span, type, value)
FORMS: list[tuple[str, str, str, str]] = [
    # stretches counted in hours and minutes, and bare ones
    ("More than 40 people have been killed in the past 24 hours, the monitoring group said.",
     "the past 24 hours", "DURATION", "PT24H"),
    ("Prices have risen 2.1 percent over the last 12 months, the Labor Department said.",
     "the last 12 months", "DURATION", "P12M"),
    ("Rescuers worked for hours to free the trapped miners.", "hours", "DURATION", "PTXH"),
    ("Rescuers arrived within minutes of the blast.", "minutes", "DURATION", "PTXM"),
    ("The building collapsed minutes after the quake struck.", "minutes", "DURATION", "PTXM"),
    ("Hours after the verdict, crowds gathered outside the court.", "Hours", "DURATION", "PTXH"),
    ("The vote took minutes, and the chamber emptied.", "minutes", "DURATION", "PTXM"),
    ("Tickets for the final sold out in minutes.", "minutes", "DURATION", "PTXM"),
    ("Hundreds of people queued for hours outside branches on Thursday.", "hours", "DURATION", "PTXH"),
    ("Prisoners were taken in the first hours of the offensive.", "the first hours", "DURATION", "PTXH"),
    ("United scored twice in the final minutes to win the match.", "the final minutes", "DURATION", "PTXM"),
    ("The talks lasted three hours.", "three hours", "DURATION", "PT3H"),
    ("The parliament met for an hour and a half on Thursday.", "an hour and a half", "DURATION", "PT1H30M"),
    ("The ceasefire held for 48 hours before fighting resumed.", "48 hours", "DURATION", "PT48H"),
    ("The army gave residents 48 hours to evacuate.", "48 hours", "DURATION", "PT48H"),
    ("The deal was reached late Thursday after 12 hours of talks.", "12 hours", "DURATION", "PT12H"),
    ("Nurses at the hospital work 12-hour shifts.", "12-hour", "DURATION", "PT12H"),
    # one stretch in several units, largest first
    ("Negotiators talked for 11 hours and 45 minutes.", "11 hours and 45 minutes", "DURATION", "PT11H45M"),
    ("He won the marathon in 2 hours, 3 minutes and 38 seconds.", "2 hours, 3 minutes and 38 seconds",
     "DURATION", "PT2H3M38S"),
    ("He was jailed for four years and nine months.", "four years and nine months", "DURATION", "P4Y9M"),
    ("The girl was held for three days and 12 hours.", "three days and 12 hours", "DURATION", "P3DT12H"),
    # decades, years, days
    ("Unemployment has not been this high in a decade.", "a decade", "DURATION", "P10Y"),
    ("Unemployment in Spain has hit its highest level in more than a decade.",
     "more than a decade", "DURATION", "P10Y"),
    ("He spent nearly a decade in prison.", "nearly a decade", "DURATION", "P10Y"),
    ("The agreement ended a decade-long dispute over the border.", "decade-long", "DURATION", "P10Y"),
    ("A decade of war has left 100,000 Iraqis dead.", "A decade", "DURATION", "P10Y"),
    ("The bank plans to cut 5,000 jobs over the next decade.", "the next decade", "DURATION", "P10Y"),
    ("Benedict became the first pope in 600 years to resign.", "600 years", "DURATION", "P600Y"),
    ("He was jailed for 15 years.", "15 years", "DURATION", "P15Y"),
    ("One was sentenced to at least a year in juvenile jail.", "at least a year", "DURATION", "P1Y"),
    ("The pope marked his first 100 days in office.", "100 days", "DURATION", "P100D"),
    ("The government shutdown lasted 16 days.", "16 days", "DURATION", "P16D"),
    ("The two teenagers were convicted after a four-day trial.", "four-day", "DURATION", "P4D"),
    ("The euro fell to a four-month low against the dollar.", "four-month", "DURATION", "P4M"),
    ("The stock hit a 52-week high on Thursday.", "52-week", "DURATION", "P52W"),
    ("The yield on the benchmark 10-year Treasury note fell to 1.93 percent.", "10-year", "DURATION", "P10Y"),
    ("The yen hit a three-and-a-half-year low against the dollar.",
     "three-and-a-half-year", "DURATION", "P3Y6M"),
    # stretches of no stated length
    ("The crisis has dragged on for months.", "months", "DURATION", "PXM"),
    ("The vote will be held within weeks, officials said.", "weeks", "DURATION", "PXW"),
    ("Relief will arrive in the coming days.", "the coming days", "DURATION", "PXD"),
    ("Voters will return to the polls in a few weeks.", "a few weeks", "DURATION", "PXW"),
    # sets: the period or the point that recurs
    ("The company publishes its figures each week.", "each week", "SET", "P1W"),
    ("The central bank's board meets twice a year to set the rate.", "twice a year", "SET", "P1Y"),
    ("The prize is awarded annually by the Norwegian committee.", "annually", "SET", "P1Y"),
    ("The patient is seen every six months.", "every six months", "SET", "P6M"),
    ("The country holds elections every four years.", "every four years", "SET", "P4Y"),
    ("The central bank meets every two months.", "every two months", "SET", "P2M"),
    ("During the rush, trains run every 15 minutes.", "every 15 minutes", "SET", "PT15M"),
    ("Air-raid sirens sounded every two hours.", "every two hours", "SET", "PT2H"),
    ("Doctors recommend a checkup once a year.", "once a year", "SET", "P1Y"),
    ("The pill must be taken twice daily.", "twice daily", "SET", "P1D"),
    ("He visits the clinic twice weekly.", "twice weekly", "SET", "P1W"),
    ("Twice-yearly talks between the two sides resume in May.", "Twice-yearly", "SET", "P1Y"),
    ("Weekly jobless claims rose by 2,000, the government said.", "Weekly", "SET", "P1W"),
    ("The market is closed on Sundays.", "Sundays", "SET", "XXXX-WXX-7"),
    ("The pass is valid at weekends.", "weekends", "SET", "XXXX-WXX-WE"),
    ("He plays golf every weekend.", "every weekend", "SET", "XXXX-WXX-WE"),
    ("Tourists flock to the island every summer.", "every summer", "SET", "XXXX-SU"),
    ("Residents say they hear gunfire nightly.", "nightly", "SET", "XXXX-XX-XXTNI"),
    # times of day, on the document's day or a named one
    ("The two men were arrested on Friday night outside a bar in Leeds.", "Friday night", "TIME",
     "2013-03-22TNI"),
    ("Lawmakers rejected the plan on Tuesday night.", "Tuesday night", "TIME", "2013-03-19TNI"),
    ("The summit ended Thursday evening.", "Thursday evening", "TIME", "2013-03-21TEV"),
    ("The new pope will be installed at a Mass on Tuesday morning.", "Tuesday morning", "TIME",
     "2013-03-26TMO"),
    ("The strike began at midday and ended before dusk.", "midday", "TIME", "2013-03-22T12:00"),
    # midnight is T24:00 of the day it ends: "after midnight" is the one that opened the day in view
    ("The plane went missing shortly after midnight.", "midnight", "TIME", "2013-03-21T24:00"),
    ("The curfew runs until midnight.", "midnight", "TIME", "2013-03-22T24:00"),
    ("The ministers met this morning.", "this morning", "TIME", "2013-03-22TMO"),
    ("The blast was heard last night across the city.", "last night", "TIME", "2013-03-21TNI"),
    ("Results are expected tonight.", "tonight", "TIME", "2013-03-22TNI"),
    ("The storm hit overnight, cutting power to 200,000 homes.", "overnight", "TIME", "2013-03-21TNI"),
    ("Asian shares rose overnight after gains on Wall Street.", "overnight", "TIME", "2013-03-21TNI"),
    ("Winds of 60 mph were recorded overnight Thursday.", "overnight Thursday", "TIME", "2013-03-21TNI"),
    ("The deadline expires at 15:00 GMT Saturday, officials said.", "15:00 GMT Saturday", "TIME",
     "2013-03-23T15:00"),
    ("Finance ministers will hold a conference call at 1800 GMT on Saturday.", "1800 GMT on Saturday",
     "TIME", "2013-03-23T18:00"),
    ("The banks will remain closed until 8 a.m. EDT Tuesday.", "8 a.m. EDT Tuesday", "TIME",
     "2013-03-26T08:00"),
    ("The shuttle launched at 10:02 a.m. EDT Friday.", "10:02 a.m. EDT Friday", "TIME", "2013-03-22T10:02"),
    ("The flight took off at 11:45 p.m. Thursday.", "11:45 p.m. Thursday", "TIME", "2013-03-21T23:45"),
    ("The suspect will appear in court at 9:30 a.m. Monday.", "9:30 a.m. Monday", "TIME", "2013-03-25T09:30"),
    ("The vote is due at 7:30 pm (1830 GMT).", "7:30 pm", "TIME", "2013-03-22T19:30"),
    ("The rally starts at 7.30pm local time.", "7.30pm", "TIME", "2013-03-22T19:30"),
    # an American zone by name, a clock time "tonight", a dotted clock time before GMT
    ("The hearing will resume at 2 p.m. Eastern on Monday.", "2 p.m. Eastern on Monday", "TIME",
     "2013-03-25T14:00"),
    ("Trading opens at 10 a.m. Pacific time.", "10 a.m. Pacific time", "TIME", "2013-03-22T10:00"),
    ("The game starts at 8 p.m. tonight.", "8 p.m. tonight", "TIME", "2013-03-22T20:00"),
    ("The ceremony will start at 10.30 GMT.", "10.30 GMT", "TIME", "2013-03-22T10:30"),
    # the edge of a day: a DATE with TimeML's mod (START, END)
    ("The deal was reached late Thursday after 12 hours of talks.", "late Thursday", "DATE", "2013-03-21"),
    ("Police were called to the scene early Thursday.", "early Thursday", "DATE", "2013-03-21"),
    # the weekend of the document's week
    ("Thousands of protesters are expected in the capital over the weekend.", "the weekend", "DATE",
     "2013-W12-WE"),
    ("The rally is planned for this weekend.", "this weekend", "DATE", "2013-W12-WE"),
    # references
    ("The ban stays in place for now, officials said.", "now", "DATE", "PRESENT_REF"),
    ("The company plans to list its shares in the near future.", "the near future", "DATE", "FUTURE_REF"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "span", "kind", "value"), FORMS)
def test_round8_form(sentence: str, span: str, kind: str, value: str) -> None:
    found = find_dates(sentence, dct=DCT, ranges=False)
    got = [(x.text, x.type, x.value) for x in found]
    assert (span, kind, value) in got, got


@pytest.mark.parametrize(
    ("sentence", "quant", "freq"),
    [
        ("The pill must be taken twice daily.", None, "2X"),
        ("He visits the clinic twice weekly.", None, "2X"),
        ("Twice-yearly talks between the two sides resume in May.", None, "2X"),
        ("He plays golf every weekend.", "EVERY", None),
        ("The company publishes its figures each week.", "EACH", None),
        ("Residents say they hear gunfire nightly.", None, "1X"),
    ],
)
def test_sets_carry_quant_and_freq(sentence: str, quant: str | None, freq: str | None) -> None:
    sets = [x for x in find_dates(sentence, dct=DCT) if x.type == "SET"]
    assert [(x.quant, x.freq) for x in sets] == [(quant, freq)], sets


@pytest.mark.parametrize(
    "sentence",
    [
        "Banks cut the overnight lending rate to 0.5 percent.",  # a kind of loan
        "The overnight rate was left unchanged.",
        "He became an overnight sensation after the video spread.",  # a manner
        "Change of that kind will not happen overnight.",
        "The Fed released the minutes of its policy meeting.",  # a record, not a stretch
        "Shares rose in after-hours trading.",
        "Office hours after the holiday are shorter.",
        "Rush hours before the strike were chaotic.",
        "The girl, two years and three months old, was found safe.",  # an age
        "The index rose 10.30 points to 1,550.",  # a dotted number without a zone is no clock time
    ],
)
def test_what_is_no_time_of_day_nor_stretch(sentence: str) -> None:
    found = find_dates(sentence, dct=DCT)
    assert found == [], [(x.text, x.value) for x in found]


def test_a_list_of_stretches_stays_a_list() -> None:
    found = find_dates("Prices rose in two days and fell in three days.", dct=DCT)
    assert [(x.text, x.value) for x in found] == [("two days", "P2D"), ("three days", "P3D")]


def test_a_zone_name_is_no_park() -> None:
    found = find_dates("At 7 a.m. Central Park was quiet.", dct=DCT)
    assert [(x.text, x.value) for x in found] == [("7 a.m.", "2013-03-22T07:00")]


def test_two_hours_later_stays_a_counted_stretch() -> None:
    """The bare-hours rule leaves counted ones to the counting rule: one expression, its number."""
    found = find_dates("Two hours later, the building collapsed.", dct=DCT)
    assert [(x.text, x.type, x.value) for x in found] == [("Two hours", "DURATION", "PT2H")]


def test_a_narrative_keeps_nightly_raids_unmarked() -> None:
    """TIMEX2 keys (WikiWars) leave "nightly"; TimeML news marks it."""
    assert find_dates("The nightly raids went on.") == []


def test_every_expression_of_an_article_carries_a_timeml_type() -> None:
    article = (
        "NICOSIA, Cyprus (AP) - Lawmakers worked late into the night Friday, as a Monday deadline loomed. "
        "Banks have been shut for a week. Depositors queued for hours on Thursday. Ministers will hold a "
        "call at 1800 GMT on Saturday. The board meets twice a year. Shares rose overnight."
    )
    found = find_dates(article, dct=DCT, ranges=False)
    assert len(found) == 9, [(x.text, x.type, x.value) for x in found]
    assert {x.type for x in found} == {"DATE", "TIME", "DURATION", "SET"}
