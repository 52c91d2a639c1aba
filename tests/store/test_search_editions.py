"""Search across editions (issue 12): a work is one hit in any script, shown in the reader's language.

The library is the bundled samples with their Chinese editions, imported as a user
would: civil-war-01 in English, Traditional and Simplified Chinese, civil-war-02 in
English and Traditional (and Simplified derived from it), civil-war-03 in English only.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from handscroll.config import Settings
from handscroll.pipeline import import_paths
from handscroll.samples import edition_paths, sample_paths
from handscroll.store import Library


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def editions(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('editions') / 'library.db'}"
    else:
        url = request.getfixturevalue("postgres_url")
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    with Library.open(url) as library:
        paths = [str(path) for path in (*sample_paths(), *edition_paths())]
        summary = import_paths(paths, library, Settings())
        assert not summary.failed
        yield library


def _works(library: Library, query: str, **options: object) -> list[tuple[str, str]]:
    """(series and part, language shown) of each result."""
    results = library.search(query, **options)  # type: ignore[arg-type]
    assert results.total == len(results.results)
    return [(f"{r.series}:{r.part}", r.language) for r in results.results]


@pytest.mark.parametrize("query", ["重慶", "重庆", "Chongqing", "chong qing"])
def test_a_query_in_any_script_finds_each_work_once(editions: Library, query: str) -> None:
    found = _works(editions, query)
    works = [work for work, _ in found]
    assert len(works) == len(set(works))
    assert {"handscroll_sample_civilwar:1", "handscroll_sample_civilwar:2"} <= set(works)


def test_the_four_forms_find_the_same_works(editions: Library) -> None:
    found = [{work for work, _ in _works(editions, q)} for q in ("重慶", "重庆", "Chongqing", "chong qing")]
    assert found[0] == found[1] == found[2] == found[3]


@pytest.mark.parametrize("reader", ["en", "zh-Hant", "zh-Hans"])
def test_a_work_is_shown_in_the_readers_language(editions: Library, reader: str) -> None:
    results = editions.search("重慶", reader_language=reader).results
    first = next(r for r in results if r.part == 1)  # the work with all three editions
    assert first.language == reader
    assert {edition.language for edition in first.editions} == {"en", "zh-Hant", "zh-Hans"}
    shown = next(edition for edition in first.editions if edition.language == reader)
    assert (first.slug, first.title) == (shown.slug, shown.title)


def test_the_snippet_comes_from_the_edition_that_matched(editions: Library) -> None:
    # 市民 (the townspeople) is written only in the Chinese editions: an English reader
    # sees the English title, with the Chinese snippet and the edition it came from.
    results = editions.search("市民", reader_language="en").results
    assert len(results) == 1
    result = results[0]
    assert result.language == "en"
    assert result.matched is not None and result.matched.language in ("zh-Hant", "zh-Hans")
    marked = [result.snippet.text[start:end] for start, end in result.snippet.spans]
    assert marked and set(marked) == {"市民"}


def test_the_language_filter_keeps_one_edition(editions: Library) -> None:
    assert {lang for _, lang in _works(editions, "重慶", language="zh-Hans")} == {"zh-Hans"}
    only = _works(editions, "Chongqing", language="zh-Hans")  # civil-war-02's is derived from Traditional
    assert ("handscroll_sample_civilwar:1", "zh-Hans") in only and {lang for _, lang in only} == {"zh-Hans"}
    assert {lang for _, lang in _works(editions, "重慶", language="en")} == {"en"}
