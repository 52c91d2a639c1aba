"""A broad table of date forms and what they normalise to (issue 4, item 1).

Each row is a sentence of our own, the span we expect, its TIMEX3-style value
and mod. Anchored rows give the earlier date the narrative supplies. Negative
rows are counts and amounts that must never become dates.
"""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import TimeExpression, find_dates, find_dates_in_blocks

# (sentence, anchor, expected span, value, mod)
FORMS: list[tuple[str, str | None, str, str, str | None]] = [
    # Full dates, both orders, with and without commas and ordinals.
    ("The treaty was signed on 14 August 1945 in Moscow.", None, "14 August 1945", "1945-08-14", None),
    ("The treaty was signed on August 14, 1945 in Moscow.", None, "August 14, 1945", "1945-08-14", None),
    ("The treaty was signed on August 14 1945 in Moscow.", None, "August 14 1945", "1945-08-14", None),
    ("It was signed on the 14th of August, 1945.", None, "the 14th of August, 1945", "1945-08-14", None),
    ("The order is dated Aug. 14, 1945.", None, "Aug. 14, 1945", "1945-08-14", None),
    ("The archive lists it under 1945-08-14.", None, "1945-08-14", "1945-08-14", None),
    # Months and years keep their granularity.
    ("Troops left the city in March 1946.", None, "March 1946", "1946-03", None),
    ("Troops left the city in February of 1940.", None, "February of 1940", "1940-02", None),
    ("The bridge was rebuilt in 1953.", None, "1953", "1953", None),
    ("Trade grew slowly during the 1930s.", None, "the 1930s", "193", None),
    ("Reformers multiplied in the 19th century.", None, "the 19th century", "18", None),
    ("Reformers multiplied in the nineteenth century.", None, "the nineteenth century", "18", None),
    ("Its eighteenth-century walls still stand.", None, "eighteenth-century", "17", None),
    # Parts of periods.
    ("Talks resumed in early 1946.", None, "early 1946", "1946", "START"),
    ("Talks resumed in late 1946.", None, "late 1946", "1946", "END"),
    ("Talks resumed in mid-1946.", None, "mid-1946", "1946", "MID"),
    ("Talks resumed by the middle of 1946.", None, "the middle of 1946", "1946", "MID"),
    ("The port reopened in the late 1960s.", None, "the late 1960s", "196", "END"),
    (
        "The port reopened at the beginning of May 1946.",
        None,
        "the beginning of May 1946",
        "1946-05",
        "START",
    ),
    ("Fighting stopped in mid-September 1948.", None, "mid-September 1948", "1948-09", "MID"),
    ("The garrison left before the end of April.", "1946", "the end of April", "1946-04", "END"),
    ("Prices rose in the first half of 2008.", None, "the first half of 2008", "2008-H1", None),
    # Seasons and parts of the day.
    ("The offensive began in spring 1949.", None, "spring 1949", "1949-SP", None),
    ("The offensive began in the summer of 1916.", None, "the summer of 1916", "1916-SU", None),
    ("The offensive began in the autumn of 1917.", None, "the autumn of 1917", "1917-FA", None),
    (
        "They crossed the river on the night of 10 March 1946.",
        None,
        "the night of 10 March 1946",
        "1946-03-10TNI",
        None,
    ),
    (
        "The uprising broke out on the evening of 10 October 1911.",
        None,
        "the evening of 10 October 1911",
        "1911-10-10TEV",
        None,
    ),
    (
        "The guns opened up on the morning of 1 July 1916.",
        None,
        "the morning of 1 July 1916",
        "1916-07-01TMO",
        None,
    ),
    # Ranges.
    ("The republic kept that name from 1945 to 1992.", None, "from 1945 to 1992", "1945/1992", None),
    ("The famine lasted between 1926 and 1928.", None, "between 1926 and 1928", "1926/1928", None),
    ("The revolution of 1911-1912 ended the empire.", None, "1911-1912", "1911/1912", None),
    ("The revolution of 1911–12 ended the empire.", None, "1911–12", "1911/1912", None),
    ("The congress sat on 6-7 January 1916.", None, "6-7 January 1916", "1916-01-06/1916-01-07", None),
    # Eras.
    ("The empire was unified in 221 BC.", None, "221 BC", "BC0221", None),
    ("The empire was unified in 221 BCE.", None, "221 BCE", "BC0221", None),
    ("The city fell in 480 B.C. to the Persians.", None, "480 B.C.", "BC0480", None),
    ("The census was taken in AD 2.", None, "AD 2", "0002", None),
    ("The wall was repaired in 1420 AD.", None, "1420 AD", "1420", None),
    ("The revolt spread in April 480 BC.", None, "April 480 BC", "BC0480-04", None),
    ("Trade flourished in the 4th century BC.", None, "the 4th century BC", "BC03", None),
    ("The 470s BC were quiet.", None, "The 470s BC", "BC047", None),
    # Anchored expressions resolve from the narrative.
    ("In March the same year, envoys arrived.", "1946", "March the same year", "1946-03", None),
    (
        "Ballots were counted on 20 October of the same year.",
        "1945-08-14",
        "20 October of the same year",
        "1945-10-20",
        None,
    ),
    ("Relations were opened on 16 October.", "1949", "16 October", "1949-10-16", None),
    ("The following year the army withdrew.", "1946", "The following year", "1947", None),
    ("Three years later the army withdrew.", "1946", "Three years later", "1949", None),
    ("Two months later the army withdrew.", "1946-03", "Two months later", "1946-05", None),
    ("Twelve days later the army withdrew.", "1940-06-10", "Twelve days later", "1940-06-22", None),
    ("The previous year had been calm.", "1946", "The previous year", "1945", None),
    ("The same day, the envoys left.", "1946-03-10", "The same day", "1946-03-10", None),
    ("The next day, the envoys left.", "1946-03-10", "The next day", "1946-03-11", None),
    ("That night the guns fell silent.", "1946-03-10", "That night", "1946-03-10TNI", None),
    ("Later that year the port reopened.", "1946", "Later that year", "1946", None),
    ("In the summer the port reopened.", "1946", "the summer", "1946-SU", None),
    # Durations.
    ("Withdrawal was to take three months.", None, "three months", "P3M", None),
    ("The wall has stood for two thousand years.", None, "two thousand years", "P2000Y", None),
    ("The siege lasted 18 days.", None, "18 days", "P18D", None),
    ("The siege lasted a week.", None, "a week", "P1W", None),
    ("The siege lasted several weeks.", None, "several weeks", "PXW", None),
    ("After a ten-day march they arrived.", None, "ten-day", "P10D", None),
    ("The truce held for over a year.", None, "over a year", "P1Y", "MORE_THAN"),
    ("The reign lasted nearly a decade.", None, "nearly a decade", "P1DE", "LESS_THAN"),
    ("The empire lasted two centuries.", None, "two centuries", "P2CE", None),
    ("The battle raged for seven hours.", None, "seven hours", "PT7H", None),
    # Times of day.
    ("The attack began at 5:30 a.m. on the coast.", "1950-06-25", "5:30 a.m.", "1950-06-25T05:30", None),
    ("The attack began at 19:00 on the coast.", "1950-06-25", "19:00", "1950-06-25T19:00", None),
    # References and sets.
    ("The city is now a port.", None, "now", "PRESENT_REF", None),
    ("Shells fell daily on the town.", None, "daily", "XXXX-XX-XX", None),
    ("Holidays began on Christmas Day 1914.", None, "Christmas Day 1914", "1914-12-25", None),
    # Extents as TIMEX2 draws them, and forms met in war histories.
    ("The attack came on Saturday, June 24, 1950.", None, "Saturday, June 24, 1950", "1950-06-24", None),
    ("The surrender was signed on Oct 10, 1945.", None, "Oct 10, 1945", "1945-10-10", None),
    ("The assembly met on June 20 of 1792.", None, "June 20 of 1792", "1792-06-20", None),
    ("The colony was founded ca. 466 BC.", None, "ca. 466 BC", "BC0466", "APPROX"),
    ("The city was razed in 146 B.C by the legions.", None, "146 B.C", "BC0146", None),
    ("The offensive stalled around March 1981.", None, "around March 1981", "1981-03", "APPROX"),
    ("The rains came in the 1982 summer.", None, "1982 summer", "1982-SU", None),
    ("Later in 1792 the king was deposed.", None, "Later in 1792", "1792", None),
    (
        "Losses peaked during the last week of August 1918.",
        None,
        "the last week of August 1918",
        "1918-08",
        "END",
    ),
    ("The Spring Offensive began in March.", "1918", "The Spring", "1918-SP", None),
    ("Convoys lost ten ships per month.", None, "per month", "P1M", None),
    ("The columns moved only at night.", "1950-10", "night", "XXXX-XX-XXTNI", None),
    ("The rebels struck during the dry season.", None, "the dry season", "XXXX", None),
    ("He was the former governor.", None, "former", "PAST_REF", None),
    ("At that time the court was in exile.", "1793-01", "that time", "1793-01", None),
    ("The congress met on 5-9 March 1918.", None, "5-9 March 1918", "1918-03-05/1918-03-09", None),
    ("Talks ran from March 5-9, 1918.", None, "March 5-9, 1918", "1918-03-05/1918-03-09", None),
    ("The fighting of 1939-45 ruined the city.", None, "1939-45", "1939/1945", None),
    ("Sparta fought Athens from 431 to 404 BC.", None, "from 431 to 404 BC", "BC0431/BC0404", None),
    # Chinese.
    ("條約於1945年8月14日簽訂。", None, "1945年8月14日", "1945-08-14", None),
    ("1946年3月，蘇軍開始撤離。", None, "1946年3月", "1946-03", None),
    ("民國三十四年抗戰勝利。", None, "民國三十四年", "1945", None),
    ("民國元年一月一日，政府成立。", None, "民國元年一月一日", "1912-01-01", None),
    ("一九四九年十月一日舉行開國大典。", None, "一九四九年十月一日", "1949-10-01", None),
    ("１９４６年５月３日撤軍完成。", None, "１９４６年５月３日", "1946-05-03", None),
    ("公元前221年秦統一六國。", None, "公元前221年", "BC0221", None),
    ("清朝在十九世紀走向衰落。", None, "十九世紀", "18", None),
    ("這座城市在1930年代迅速發展。", None, "1930年代", "193", None),
    ("1946年初，國府要求延後撤軍。", None, "1946年初", "1946", "START"),
    ("蘇軍於四月底前撤離。", "1946", "四月底", "1946-04", "END"),
    ("十月十六日兩國建交。", "1949", "十月十六日", "1949-10-16", None),
    ("同年十月，兩國建交。", "1949", "同年十月", "1949-10", None),  # one expression (issue 12)
    ("撤軍需時三個月。", None, "三個月", "P3M", None),
    ("長城已有兩千年之久。", None, "兩千年", "P2000Y", None),
    ("1949年春，戰事轉向。", None, "1949年春", "1949-SP", None),
    ("1946年3月10日夜，蘇軍撤出瀋陽。", None, "1946年3月10日夜", "1946-03-10TNI", None),
    ("內戰從1945年至1949年。", None, "從1945年至1949年", "1945/1949", None),
    ("1946年3月至5月，蘇軍撤離。", None, "1946年3月至5月", "1946-03/1946-05", None),
    ("翌年，國府遷台。", "1949", "翌年", "1950", None),
    ("三年後，條約廢除。", "1950", "三年後", "1953", None),
    ("民國三十八年十月一日", None, "民國三十八年十月一日", "1949-10-01", None),
    ("1949年10月1日下午3時，典禮開始。", None, "1949年10月1日下午3時", "1949-10-01T15:00", None),
    ("下午三點半，部隊出發。", "1949-10-01", "下午三點半", "1949-10-01T15:30", None),
    ("1911年10月10日晚上，武昌起義爆發。", None, "1911年10月10日晚上", "1911-10-10TEV", None),
]

NEGATIVES = [
    "The city fell on the last day of the campaign.",
    "(4) The Great Retreat",
    "Some 1.5 million men were mobilised.",
    "They defeated 700,000 soldiers of the garrison.",
    "Losses reached USD 2 billion in the factories.",
    "Traffic on Route 66 was heavy.",
    "See page 1945 of the register.",
    "The force numbered 1500 men and 300 horses.",
    "The regiment had 2000 soldiers.",
    "The rifle cost $1200 in the capital.",
    "The fall of the city shocked the court.",
    "She may return; he will march home.",
    "The room number was 1066b.",
    "Grid reference 1945.5 was marked.",
    "Hill 304 changed hands many times.",
    "The sermon quoted John 3:16 at length.",
    "他在比賽中得了三點。",
    "這個問題有三個重點。",
]


@pytest.mark.parametrize(("sentence", "anchor", "span", "value", "mod"), FORMS, ids=[row[2] for row in FORMS])
def test_form_is_found_and_normalised(
    sentence: str, anchor: str | None, span: str, value: str, mod: str | None
) -> None:
    found = find_dates(sentence, anchor=anchor)
    matching = [x for x in found if x.text == span]
    assert matching, f"{span!r} not found in {[(x.text, x.value) for x in found]}"
    assert (matching[0].value, matching[0].mod) == (value, mod)
    assert sentence[matching[0].start : matching[0].end] == span


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_counts_and_amounts_are_not_dates(sentence: str) -> None:
    assert find_dates(sentence) == []


def test_anchor_carries_across_blocks() -> None:
    blocks = [
        "The army arrived in 1949.",
        "On 16 October relations were opened.",
        "The following year it left.",
    ]
    found = find_dates_in_blocks(blocks)
    assert [[x.value for x in block] for block in found] == [["1949"], ["1949-10-16"], ["1950"]]


def test_a_repeated_aside_year_moves_the_narrative() -> None:
    text = "In June 1776 the army landed. Plans for 1777 were drawn up. The 1777 campaign opened in June."
    assert [x.value for x in find_dates(text)] == ["1776-06", "1777", "1777", "1777-06"]


def test_a_glance_back_does_not_move_the_narrative() -> None:
    text = "On 9 April 2003 the city fell, two years ago the plan was made. On 15 April the looting began."
    values = [x.value for x in find_dates(text)]
    assert values == ["2003-04-09", "2001", "2003-04-15"]


def test_aside_year_does_not_move_the_narrative() -> None:
    text = (
        "In March 1975 the offensive began; a later campaign had been planned for 1976. "
        "On 11 March the highlands fell."
    )
    values = [x.value for x in find_dates(text)]
    assert values == ["1975-03", "1976", "1975-03-11"]


def test_without_context_no_year_is_invented() -> None:
    found = find_dates("The envoys left on 16 October.")
    assert [x.value for x in found] == ["XXXX-10-16"]


def test_ranges_can_come_out_as_two_ends() -> None:
    found = find_dates("The flag flew from 1945 to 1992.", ranges=False)
    assert [(x.text, x.value) for x in found] == [("1945", "1945"), ("1992", "1992")]


def test_types() -> None:
    found = {x.text: x.type for x in find_dates("For three months, at 19:00 daily, since May 1946.")}
    assert found == {"three months": "DURATION", "19:00": "TIME", "daily": "SET", "May 1946": "DATE"}


def test_expression_is_frozen() -> None:
    expression = find_dates("In 1953.")[0]
    assert isinstance(expression, TimeExpression)
    with pytest.raises(AttributeError):
        expression.value = "1954"  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "1" * 50_000,
        "1" * 50_000 + "年",
        "1" * 50_000 + " years",
        "一" * 20_000 + "年",
        "9" * 5000 + ".5 days",
    ],
    ids=["digits", "digits-nian", "digits-years", "cjk-numerals", "decimal"],
)
def test_long_digit_runs_are_harmless(text: str) -> None:
    assert find_dates(text) == []
