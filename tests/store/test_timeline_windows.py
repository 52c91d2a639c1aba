"""A timeline's filters at any size (issue 11): words looked for a window of events at a time, a
span of years found through the sort key, and neither reading the whole timeline.

At 100,000 features `/timeline?q=...` timed out (every event's sentence scanned for a rare word, and
counted), and a span of years took 2.5 s (the index of years scanned to answer "any before?").
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from factories import make_feature
from handscroll.model import Paragraph
from handscroll.store import Library, timeline_slices
from handscroll.store.timeline_slices import TimelineFilter, TimelineSlice
from publish.builders import fill_enriched_library


def _sentences(number: int) -> str:
    said = [
        f"In {year} the {'railway' if number == 3 and year >= 1915 else 'road'} reached town {number}."
        for year in range(1900, 1920)
    ]
    return " ".join([*said, "Trade grew in the 1920s."])


@pytest.fixture
def library(library_url: str) -> Iterator[Library]:
    features = [
        make_feature(
            title=f"Roads {number}", slug=f"roads-{number}", blocks=(Paragraph(text=_sentences(number)),)
        )
        for number in (1, 2, 3)
    ]
    fill_enriched_library(library_url, features)
    with Library.open(library_url) as opened:
        yield opened


def _walk(library: Library, wanted: TimelineFilter) -> tuple[list[str], list[TimelineSlice]]:
    """Every event a filter shows, following the `after` cursors from the start."""
    seen: list[str] = []
    slices = []
    after = None
    while True:
        part = library.timeline_slice(wanted, after=after, limit=3)
        slices.append(part)
        seen += [f"{e.slug} {e.value}" for e in part.entries]
        if part.after is None:
            return seen, slices
        after = part.after


def test_words_are_looked_for_a_window_at_a_time(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_slices, "WORDS_WINDOW", 7)
    seen, slices = _walk(library, TimelineFilter(words="RAILWAY"))
    assert seen == [f"roads-3 {year}" for year in range(1915, 1920)]
    # The first windows hold none of them: empty slices that say where to go on from.
    assert slices[0].entries == () and slices[0].after is not None and slices[0].before is None
    assert all(part.count is None for part in slices)
    # Back from the last slice, the cursors lead to the same events.
    back: list[str] = []
    before = slices[-1].before
    back = [f"{e.slug} {e.value}" for e in slices[-1].entries]
    while before is not None:
        part = library.timeline_slice(TimelineFilter(words="RAILWAY"), before=before, limit=3)
        back = [f"{e.slug} {e.value}" for e in part.entries] + back
        before = part.before
    assert back == seen


def test_words_found_in_one_window_need_no_more(library: Library) -> None:
    seen, slices = _walk(library, TimelineFilter(words="railway"))
    assert seen == [f"roads-3 {year}" for year in range(1915, 1920)]
    assert len(slices) == 2  # three, then two and the end


def test_a_span_of_years_leaves_out_decades_and_other_years(library: Library) -> None:
    seen, slices = _walk(library, TimelineFilter(year_from=1905, year_to=1906))
    assert sorted(seen) == sorted(f"roads-{n} {year}" for n in (1, 2, 3) for year in (1905, 1906))
    assert slices[0].count == 6 and slices[0].before is None
    wide, _ = _walk(library, TimelineFilter(year_from=1800, year_to=2000))
    assert len(wide) == 60  # the 1920s of each feature is no year of the span
    assert _walk(library, TimelineFilter(year_from=1700, year_to=1800))[0] == []
