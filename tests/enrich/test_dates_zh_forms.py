"""Chinese date forms of the publisher's editions come out as one expression each (issue 12)."""

from __future__ import annotations

import pytest

from handscroll.enrich.dates import find_dates, find_dates_in_blocks

FORMS = [
    # (text, anchor, the one expression expected: text, value, mod)
    ("毛澤東於1945年8月28日飛抵重慶。", None, ("1945年8月28日", "1945-08-28", None)),
    ("同年8月28日，談判開始。", "1945", ("同年8月28日", "1945-08-28", None)),
    ("翌年3月，蘇軍撤出。", "1945-10", ("翌年3月", "1946-03", None)),
    ("民國35年(1946)11月15日，國民大會召開。", None, ("民國35年(1946)11月15日", "1946-11-15", None)),
    ("民國35年（1946年）3月，三人小組巡視。", None, ("民國35年（1946年）3月", "1946-03", None)),
    (
        "民國35年(1946)~民國36年(1947)期間，調處失效。",
        None,
        ("民國35年(1946)~民國36年(1947)", "1946/1947", None),
    ),
    ("1946年初，調處看似順利。", None, ("1946年初", "1946", "START")),
    ("1946年中，戰事擴大。", None, ("1946年中", "1946", "MID")),
    ("1946年底，國軍佔領張家口。", None, ("1946年底", "1946", "END")),
    ("1946年3月以前，蘇軍仍在瀋陽。", None, ("1946年3月以前", "1946-03", "BEFORE")),
    ("1946年3月以後，衝突擴大。", None, ("1946年3月以後", "1946-03", "AFTER")),
    ("1946年以后，内战全面爆发。", None, ("1946年以后", "1946", "AFTER")),
    ("1945年8月10日至19日，蘇軍推進。", None, ("1945年8月10日至19日", "1945-08-10/1945-08-19", None)),
    ("1946年4月到5月，雙方爭奪四平。", None, ("1946年4月到5月", "1946-04/1946-05", None)),
    ("1946年4月－5月，雙方爭奪四平。", None, ("1946年4月－5月", "1946-04/1946-05", None)),
    ("1945年~1949年的內戰", None, ("1945年~1949年", "1945/1949", None)),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), FORMS, ids=[f[2][0] for f in FORMS])
def test_chinese_form_is_one_expression(
    text: str, anchor: str | None, expected: tuple[str, str, str | None]
) -> None:
    found = [(x.text, x.value, x.mod) for x in find_dates(text, anchor=anchor, language="zh-Hant")]
    assert found == [expected]


def test_same_year_is_anchored_on_the_last_date_across_blocks() -> None:
    blocks = ["1945年8月14日，日本宣佈投降。", "同年8月28日，毛澤東抵達重慶；10月10日雙方簽字。"]
    found = find_dates_in_blocks(blocks, language="zh-Hant")
    assert [(x.text, x.value) for x in found[1]] == [
        ("同年8月28日", "1945-08-28"),
        ("10月10日", "1945-10-10"),
    ]


def test_a_bare_day_after_a_month_takes_its_month() -> None:
    found = find_dates("1946年3月，蘇軍開始撤退，13日撤出瀋陽。", language="zh-Hant")
    assert [(x.text, x.value) for x in found] == [("1946年3月", "1946-03"), ("13日", "1946-03-13")]


@pytest.mark.parametrize("text", ["激戰三日之後", "三年以後", "三個月以後", "星期日"])
def test_counts_are_not_days_or_years(text: str) -> None:
    assert all(x.type != "DATE" or "XXXX" in x.value for x in find_dates(text, language="zh-Hant"))


def test_a_gloss_that_disagrees_with_the_era_year_is_not_trusted() -> None:
    found = find_dates("民國35年(1950)11月", language="zh-Hant")
    assert all(not x.text.startswith("民國35年") for x in found)
