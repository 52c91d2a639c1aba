"""Timelines that teach (issue 14 item 5) in Chromium: nothing from a hidden answer, one happening per
date with every sentence that tells it, whole sentences; at 10,000 events the page stays small and
is filtered by words, series, feature and years and paged, all without a script."""

from __future__ import annotations

import re
from typing import Any

import pytest

from browser.conftest import SampleLibrary, clean_screenshots
from browser.reader_site import ReaderSite
from handscroll.model import Question
from handscroll.store import Library

pytestmark = pytest.mark.browser

Page = Any


def _years(page: Page) -> list[int]:
    return [
        int(label) for label in page.eval_on_selector_all(".year-label", "h => h.map(x => x.textContent)")
    ]


def test_no_event_from_a_hidden_answer_on_any_timeline(
    browser: Any, live_url: str, sample_library: SampleLibrary
) -> None:
    with Library.open(sample_library.url) as library:
        feature = library.get_feature(sample_library.slugs[0])
        answers = [line for b in feature.blocks if isinstance(b, Question) for line in b.answer]
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        for path in ("/timeline", f"/series/{sample_library.series}/timeline", f"/features/{feature.slug}"):
            page.goto(live_url + path)
            listed = page.eval_on_selector_all(
                ".events a, .events .event-sentence, .mini-timeline a",
                "xs => xs.map(x => x.getAttribute('href') || '')",
            )
            assert not any("-answer-" in href for href in listed), path
            shown = page.locator(".events, .mini-timeline").first.inner_text()
            for line in answers:
                for sentence in re.split(r"(?<=\.) ", line):
                    if re.search(r"\b1[89]\d\d\b", sentence):  # a dated sentence of the answer
                        assert sentence not in shown, (path, sentence)
    finally:
        context.close()


def test_a_date_told_twice_is_one_happening_with_both_sentences_whole(
    browser: Any, live_url: str, sample_library: SampleLibrary
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{live_url}/features/{sample_library.slugs[0]}")
        # The Double Tenth Agreement: signed on 10 October 1945, told in the narrative and a caption.
        item = page.locator(".mini-timeline > li", has_text="10 October 1945")
        assert item.count() == 1
        tellings = item.locator(".what li")
        assert tellings.count() == 2
        assert "…" not in item.inner_text()
        assert (
            item.locator(".what").evaluate("w => getComputedStyle(w.querySelector('a')).whiteSpace")
            == "normal"
        )
        page.goto(f"{live_url}/timeline")
        happening = page.locator("[data-happening]", has_text="10 October 1945").filter(
            has=page.locator(".event-date", has_text=re.compile(r"^10 October 1945$"))
        )
        assert happening.count() == 1 and happening.locator(".event-telling").count() == 2
    finally:
        context.close()


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)])
def test_ten_thousand_events_are_paged_and_the_page_stays_small(
    browser: Any, reader_site: ReaderSite, size: tuple[int, int]
) -> None:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        page = context.new_page()
        page.goto(f"{reader_site.url}/timeline")
        assert "10,000 dated mentions" in page.locator(".timeline-count").inner_text().replace("\u202f", ",")
        assert page.evaluate("document.getElementsByTagName('*').length") < 3000
        first_years = _years(page)
        assert first_years and first_years == sorted(first_years) and first_years[0] == 1900
        if size[0] == 1366:
            page.screenshot(path=str(clean_screenshots() / "timeline-desktop.png"))
        else:
            page.locator(".year-group").first.scroll_into_view_if_needed()
            page.screenshot(path=str(clean_screenshots() / "timeline-phone.png"))
        last_of_first = _years(page)[-1]
        page.get_by_role("link", name="Later events →").click()
        assert "after=" in page.url
        second = _years(page)
        assert second[0] >= last_of_first
        page.get_by_role("link", name="← Earlier events").click()
        assert _years(page)[-1] <= second[0]
    finally:
        context.close()


def test_filters_by_words_series_feature_and_years_narrow_the_timeline(
    browser: Any, reader_site: ReaderSite
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{reader_site.url}/timeline")
        page.get_by_label("Words in the event").fill("railway")
        page.get_by_label("From year").fill("1950")
        page.get_by_label("to year").fill("1959")
        page.get_by_role("button", name="Show").click()
        sentences = page.locator(".event-sentence").all_inner_texts()
        assert sentences and all("railway" in s for s in sentences)
        assert all(1950 <= year <= 1959 for year in _years(page))
        # Words are looked for a stretch of the timeline at a time, never counted over all of it.
        assert "hold these words" in page.locator(".timeline-count").inner_text()
        page.get_by_label("Series").select_option("tlsite_envoys07")
        page.get_by_role("button", name="Show").click()
        sources = page.locator(".event-source a:not(.event-only)").all_inner_texts()
        assert all(re.search(r"Envoys, part 7\d$", s) for s in sources), sources
        page.get_by_label("Words in the event").fill("")
        page.get_by_label("From year").fill("")
        page.get_by_label("to year").fill("")
        page.get_by_role("button", name="Show").click()
        assert page.locator("[data-happening]").count() > 0
        page.locator(".event-only").first.click()
        chosen = page.locator(".timeline-chip").inner_text()
        assert all(s.endswith(chosen) for s in page.locator(".event-source a").all_inner_texts())
        assert page.locator(".event-telling").count() == 10  # the feature's ten dated sentences
        page.get_by_role("link", name="Show every feature").click()
        assert page.locator(".timeline-chip").count() == 0
        page.get_by_role("link", name="Clear the filters").click()
        assert "10,000" in page.locator(".timeline-count").inner_text()
    finally:
        context.close()
