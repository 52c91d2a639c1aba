"""Forms of the eighth round of issue 16: which date a relative or bare expression is in news.

A schedule told in the present ("Ministers meet on Sunday", "The vote is Tuesday") and a plan or a
forecast ("intends to", "expects") look ahead; "overnight" is the night before the story's day;
"two hours ago" is the document's own day; the nth weekday of a month is a day by rule; "next
weekend" is next week's; "last February" in March is February of last year; "the year" in a report
of early January told in the past is the year just over; a report's half of the year.

Sentences are our own, in the style of 2013 wire copy. News mode: the document date is Friday
22 March 2013 unless a test says otherwise.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates

DCT = "2013-03-22"

# (sentence, span, type, value)
FORMS: list[tuple[str, str, str, str]] = [
    # politics: a schedule in the present tense, no modal before the day, points ahead
    (
        "Euro zone finance ministers meet on Sunday evening in Brussels.",
        "Sunday evening",
        "TIME",
        "2013-03-24TEV",
    ),
    ("Talks resume Monday.", "Monday", "DATE", "2013-03-25"),
    ("The vote is Tuesday.", "Tuesday", "DATE", "2013-03-26"),
    ("The summit is on Thursday.", "Thursday", "DATE", "2013-03-28"),
    ("Parliament votes on Tuesday on the revised levy.", "Tuesday", "DATE", "2013-03-26"),
    ("EU leaders gather in Brussels on Thursday for a two-day summit.", "Thursday", "DATE", "2013-03-28"),
    ("The prime minister visits Berlin on Monday.", "Monday", "DATE", "2013-03-25"),
    ("The new pope takes office Tuesday.", "Tuesday", "DATE", "2013-03-26"),
    ("The Senate takes up the measure on Tuesday.", "Tuesday", "DATE", "2013-03-26"),
    ("Kenyans go to the polls on Sunday in a run-off.", "Sunday", "DATE", "2013-03-24"),
    (
        "He travels to Jordan on Friday and returns to Washington on Saturday.",
        "Saturday",
        "DATE",
        "2013-03-23",
    ),
    # ... and a month six months either way is the one ahead when the schedule is in the present
    ("The election is in September.", "September", "DATE", "2013-09"),
    ("Germany votes in September.", "September", "DATE", "2013-09"),
    ("The summit takes place in October.", "October", "DATE", "2013-10"),
    ("The summit, set for October, will be held in Rome.", "October", "DATE", "2013-10"),
    ("The state's budget runs out in September.", "September", "DATE", "2013-09"),
    ("Fuel duty due to rise in September will be scrapped.", "September", "DATE", "2013-09"),
    ("The match was called off due to rain in September.", "September", "DATE", "2012-09"),
    ("The tournament was held in September.", "September", "DATE", "2012-09"),
    ("Sales fell in September.", "September", "DATE", "2012-09"),
    # a state that lasts until a day, a rule that applies from one, in the present: ahead
    ("Banks are closed until Tuesday.", "Tuesday", "DATE", "2013-03-26"),
    ("Banks were closed until Tuesday.", "Tuesday", "DATE", "2013-03-19"),
    ("Flights remain suspended until Monday.", "Monday", "DATE", "2013-03-25"),
    ("The exhibition stays open until Sunday.", "Sunday", "DATE", "2013-03-24"),
    ("The market is closed on Monday for a holiday.", "Monday", "DATE", "2013-03-25"),
    ("The new rules apply from Monday.", "Monday", "DATE", "2013-03-25"),
    ("The museum reopens on Tuesday.", "Tuesday", "DATE", "2013-03-26"),
    # the second end of a range of days is the first such day from the first end
    ("The curfew runs from Friday to Sunday.", "Sunday", "DATE", "2013-03-24"),
    ("Talks ran from Monday to Wednesday.", "Wednesday", "DATE", "2013-03-20"),
    # ... but not a past told with "did not", nor a day since which something has held
    ("The two sides did not meet on Sunday.", "Sunday", "DATE", "2013-03-17"),
    ("The death toll is 40 since Monday.", "Monday", "DATE", "2013-03-18"),
    # ... nor a noun that looks like one of those verbs
    ("Officials counted the votes on Tuesday.", "Tuesday", "DATE", "2013-03-19"),
    ("The EU unveiled new rules on Monday.", "Monday", "DATE", "2013-03-18"),
    ("The judge hears the case on Tuesday.", "Tuesday", "DATE", "2013-03-26"),
    # the reported future of a plan, a hope or a threat; a vote put off to a day; a strike called for one
    ("The group intends to file suit on Monday.", "Monday", "DATE", "2013-03-25"),
    ("Lawmakers hope to pass the bill by Monday.", "Monday", "DATE", "2013-03-25"),
    ("The union threatened to strike on Monday.", "Monday", "DATE", "2013-03-25"),
    ("Officials said they hoped to finish the count by Sunday.", "Sunday", "DATE", "2013-03-24"),
    ("A report to be published on Tuesday says sales fell.", "Tuesday", "DATE", "2013-03-26"),
    ("Voting closes at 10 p.m. on Sunday.", "10 p.m. on Sunday", "TIME", "2013-03-24T22:00"),
    ("The shop closed at 6 p.m. on Sunday.", "6 p.m. on Sunday", "TIME", "2013-03-17T18:00"),
    ("The union has called a strike for Monday.", "Monday", "DATE", "2013-03-25"),
    ("The parliament postponed the vote to Monday.", "Monday", "DATE", "2013-03-25"),
    ("The bank is due to reopen on Tuesday.", "Tuesday", "DATE", "2013-03-26"),
    ("The rocket is set to launch on Sunday.", "Sunday", "DATE", "2013-03-24"),
    ("Lebanon's president called a general election for June.", "June", "DATE", "2013-06"),
    # a modal further back, names between; but a day's possessive names what is done
    (
        "The ECB said it would cut off funding to Cypriot banks after Monday.",
        "Monday",
        "DATE",
        "2013-03-25",
    ),
    (
        "Relatives said they would look for ways to get around Wednesday's ruling by the court.",
        "Wednesday",
        "DATE",
        "2013-03-20",
    ),
    # a deadline that looms, whoever set it
    (
        "Parliament began voting as a Monday deadline set by the European Central Bank loomed.",
        "Monday",
        "DATE",
        "2013-03-25",
    ),
    ("Talks continued as a Monday deadline for a deal approached.", "Monday", "DATE", "2013-03-25"),
    # an event still to come, unless its day is just behind the document date
    ("Campaigning ended ahead of Sunday's election.", "Sunday", "DATE", "2013-03-24"),
    ("Candidates made final appeals on the eve of Sunday's run-off.", "Sunday", "DATE", "2013-03-24"),
    ("In the run-up to Tuesday's vote, tensions rose.", "Tuesday", "DATE", "2013-03-26"),
    # ... and the past stays behind
    ("The company extended its offer to buy the firm Friday.", "Friday", "DATE", "2013-03-22"),
    ("Police arrested two men on Wednesday.", "Wednesday", "DATE", "2013-03-20"),
    ("The suspect appeared in court on Monday.", "Monday", "DATE", "2013-03-18"),
    ("The cardinals began voting on Tuesday afternoon.", "Tuesday afternoon", "TIME", "2013-03-19TAF"),
    # courts
    ("The trial of the former president resumes on Monday.", "Monday", "DATE", "2013-03-25"),
    ("The court hears the appeal on Monday.", "Monday", "DATE", "2013-03-25"),
    ("A judge on Thursday sentenced him to 25 years in prison.", "Thursday", "DATE", "2013-03-21"),
    ("Sentencing is set for June 14.", "June 14", "DATE", "2013-06-14"),
    ("The appeal will be heard in May.", "May", "DATE", "2013-05"),
    # the nth weekday of a month is a day by rule, in the nearest year unless one is given
    ("The primary falls on the third Monday in April.", "the third Monday in April", "DATE", "2013-04-15"),
    (
        "The race is run on the second Sunday of April 2013.",
        "the second Sunday of April 2013",
        "DATE",
        "2013-04-14",
    ),
    ("The talks ended on the last Friday of February.", "the last Friday of February", "DATE", "2013-02-22"),
    (
        "The filing is due on the first Tuesday of November 2016.",
        "the first Tuesday of November 2016",
        "DATE",
        "2016-11-01",
    ),
    # markets: overnight is the night before the story's day
    ("Asian markets fell overnight.", "overnight", "TIME", "2013-03-21TNI"),
    ("London shares fell on overnight losses in New York.", "overnight", "TIME", "2013-03-21TNI"),
    ("Stocks opened higher on Friday after weaker data on Thursday.", "Thursday", "DATE", "2013-03-21"),
    ("The Dow closed at a record high on Thursday.", "Thursday", "DATE", "2013-03-21"),
    ("Consumer prices rose 0.7 percent last month.", "last month", "DATE", "2013-02"),
    ("Apple shares have fallen 40 percent since September.", "September", "DATE", "2012-09"),
    ("Traders squared positions ahead of the weekend.", "the weekend", "DATE", "2013-W12-WE"),
    # a fiscal quarter is the report's, labelled with the document's year as TimeBank does
    ("Oracle said fiscal third-quarter profit rose 2 percent.", "fiscal third-quarter", "DATE", "2013-Q3"),
    (
        "Oracle said fiscal third-quarter profit rose. For the quarter ended Feb. 28, it earned "
        "$2.5 billion, up from $2.4 billion a year earlier.",
        "a year earlier",
        "DATE",
        "2012-Q3",
    ),
    # a report's half: this year's when still to come; a forecast looks ahead
    ("The company expects a profit in the second half.", "the second half", "DATE", "2013-H2"),
    ("The company expects sales to rise in the fourth quarter.", "the fourth quarter", "DATE", "2013-Q4"),
    ("Sales will improve in the second half of the year.", "the second half of the year", "DATE", "2013-H2"),
    # disasters: two hours ago is the document's day (a report dated by day cannot say the hour)
    ("The blast happened two hours ago.", "two hours ago", "TIME", "2013-03-22"),
    ("The plane landed about 20 minutes ago, officials said.", "about 20 minutes ago", "TIME", "2013-03-22"),
    ("Rebels shelled the town overnight, killing six.", "overnight", "TIME", "2013-03-21TNI"),
    ("The storm made landfall on Thursday night.", "Thursday night", "TIME", "2013-03-21TNI"),
    ("The death toll rose to 53 on Friday from 41 a day earlier.", "a day earlier", "DATE", "2013-03-21"),
    ("At least 40 people have died since the floods began on Sunday.", "Sunday", "DATE", "2013-03-17"),
    ("An hour earlier, police had sealed the street.", "An hour", "DURATION", "PT1H"),
    # the day a story has named anchors "later in the day" and "that evening"
    (
        "Obama met Netanyahu on Thursday. Later in the day, he flew to Ramallah.",
        "Later in the day",
        "DATE",
        "2013-03-21",
    ),
    ("Obama met Netanyahu on Thursday. That evening, he spoke.", "That evening", "TIME", "2013-03-21TEV"),
    ("Earlier in the day, the president met troops.", "Earlier in the day", "DATE", "2013-03-22"),
    ("The minister said this morning that banks would reopen.", "this morning", "TIME", "2013-03-22TMO"),
    # science and health
    (
        "Researchers published the findings on Wednesday in the journal Nature.",
        "Wednesday",
        "DATE",
        "2013-03-20",
    ),
    (
        "The World Health Organization said the virus had killed 11 people since September.",
        "September",
        "DATE",
        "2012-09",
    ),
    ("Curiosity landed on Mars last August.", "last August", "DATE", "2012-08"),
    ("NASA plans to launch the probe in 2016.", "2016", "DATE", "2016"),
    ("Two new cases were reported this week.", "this week", "DATE", "2013-W12"),
    # "last February" in March is February of last year: the month just gone is "last month"
    ("Two helicopters crashed last February.", "last February", "DATE", "2012-02"),
    ("The plant closed last November.", "last November", "DATE", "2012-11"),
    ("The talks began this past February.", "this past February", "DATE", "2013-02"),
    # sport: a fixture in the present; next weekend is next week's
    ("Manchester United play Sunderland on Saturday.", "Saturday", "DATE", "2013-03-23"),
    ("The team faces Spain on Tuesday.", "Tuesday", "DATE", "2013-03-26"),
    ("England play San Marino on Friday and Montenegro on Tuesday.", "Tuesday", "DATE", "2013-03-26"),
    ("Police arrested one man on Sunday and another on Monday.", "Monday", "DATE", "2013-03-18"),
    ("The Grand Prix is next weekend.", "next weekend", "DATE", "2013-W13-WE"),
    ("The talks continue this weekend.", "this weekend", "DATE", "2013-W12-WE"),
    ("He scored twice in Sunday's 3-1 win.", "Sunday", "DATE", "2013-03-17"),
    ("The race was postponed until Sunday because of rain.", "Sunday", "DATE", "2013-03-24"),
    # Holy Week, counted from Easter (31 March 2013)
    ("On Palm Sunday, the pope will lead the procession.", "Palm Sunday", "DATE", "2013-03-24"),
    ("The pope will wash the feet of prisoners on Holy Thursday.", "Holy Thursday", "DATE", "2013-03-28"),
    ("The pope celebrates Palm Sunday Mass in St. Peter's Square.", "Palm Sunday", "DATE", "2013-03-24"),
    ("Pope Francis will celebrate his first Holy Week as pontiff.", "Holy Week", "DATE", "2013-W13"),
    ("The shops close during Easter week.", "Easter week", "DATE", "2013-W13"),
    ("Holy Week of 2000 drew crowds.", "Holy Week of 2000", "DATE", "2000-W16"),
    (
        "Benedict announced his resignation two days before Ash Wednesday.",
        "Ash Wednesday",
        "DATE",
        "2013-02-13",
    ),
]

# A report of Friday 4 January 2013: the year just over, the month just gone across the new year.
JANUARY_FORMS: list[tuple[str, str, str, str]] = [
    ("U.S. auto sales rose 13 percent for the year.", "the year", "DATE", "2012"),
    ("The economy grew 2 percent in the year.", "the year", "DATE", "2012"),
    ("The company expects sales to rise for the year.", "the year", "DATE", "2013"),
    ("The year started with a rally on Wall Street.", "The year", "DATE", "2013"),
    ("Stocks will rise this year, analysts said.", "this year", "DATE", "2013"),
    ("The plant closed last December.", "last December", "DATE", "2012-12"),
    ("Congress returns on Monday.", "Monday", "DATE", "2013-01-07"),
]


def test_an_event_just_behind_stays_behind() -> None:
    """A Monday report: "ahead of Sunday's election" is the day before, not six days on."""
    found = find_dates("Violence flared ahead of Sunday's election.", dct="2013-03-25", ranges=False)
    assert [(x.text, x.value) for x in found] == [("Sunday", "2013-03-24")]


@pytest.mark.parametrize(("sentence", "span", "kind", "value"), FORMS)
def test_round8_form(sentence: str, span: str, kind: str, value: str) -> None:
    found = find_dates(sentence, dct=DCT, ranges=False)
    got = [(x.text, x.type, x.value) for x in found]
    assert (span, kind, value) in got, got


@pytest.mark.parametrize(("sentence", "span", "kind", "value"), JANUARY_FORMS)
def test_round8_january_form(sentence: str, span: str, kind: str, value: str) -> None:
    found = find_dates(sentence, dct="2013-01-04", ranges=False)
    got = [(x.text, x.type, x.value) for x in found]
    assert (span, kind, value) in got, got


def test_a_match_has_no_half_year() -> None:
    found = find_dates("Messi scored twice in the second half.", dct=DCT, ranges=False)
    assert found == [], [(x.text, x.value) for x in found]
