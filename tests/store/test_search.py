"""Search (issue 5): every query kind, on SQLite and PostgreSQL (the `library` fixture runs both)."""

from __future__ import annotations

import pytest

from factories import make_feature
from handscroll.enrich import enrich_feature
from handscroll.model import Feature, Figure, Note, Paragraph
from handscroll.store import ImportItem, Library
from handscroll.store.search_text import Snippet

SOVIET = "04-soviet-withdrawal-from-the-northeast"


def _item(feature: Feature, source: str = "") -> ImportItem:
    return ImportItem(
        feature,
        source or f"{feature.slug}.txt",
        (feature.slug or "x").ljust(64, "0")[:64],
        enrich_feature(feature),
    )


def _features() -> list[Feature]:
    return [
        make_feature(),
        make_feature(
            slug="zh-winter",
            title="東北的冬天",
            part=1,
            series="testsite_other",
            language="zh-Hant",
            hero=None,
            blocks=(
                Paragraph(text="一九四七年冬天，哈爾濱下了大雪，街上很少有人。"),
                Figure(media="testsite_other01_1", caption=("長春街頭的電車",)),
            ),
        ),
        make_feature(
            slug="mukden-arsenal",
            title="The Arsenal at Mukden",
            part=2,
            series="testsite_other",
            hero=None,
            blocks=(
                Paragraph(text="In September 1931 the arsenal was taken over in one night."),
                Figure(media="testsite_other02_1", caption=("Workers outside the gate.",)),
                Figure(
                    media="testsite_other02_2",
                    caption=("<script>alert(1)</script> The Mukden arsenal yard.",),
                ),
                Note(kind="ebook", text=("Railway guards were stationed along the line.",)),
            ),
        ),
        make_feature(
            slug="factories",
            title="Factories of the Northeast",
            part=3,
            series="testsite_other",
            hero=None,
            blocks=(Paragraph(text="After the withdrawal, few machines were left in the factories."),),
        ),
        make_feature(
            slug="zh-capital",
            title="遷都",
            part=1,
            series="testsite_third",
            language="zh-Hant",
            hero=None,
            blocks=(Paragraph(text="國民政府還都南京。"),),
        ),
    ]


@pytest.fixture
def filled(library: Library) -> Library:
    library.import_features([_item(feature) for feature in _features()])
    return library


def _dialect(library: Library) -> str:
    return library.engine.dialect.name


def slugs(library: Library, query: str, **filters: object) -> list[str]:
    return [result.slug for result in library.search(query, **filters).results]  # type: ignore[arg-type]


def marked(snippet: Snippet) -> list[str]:
    """The matched pieces of a snippet, in order."""
    return [snippet.text[start:end] for start, end in snippet.spans]


@pytest.mark.parametrize(
    "query", ["沈阳", "瀋陽", "Shenyang", "shenyang", "shen yang", "shěn yáng", "SHENYANG"]
)
def test_every_script_and_pinyin_finds_the_same_feature(filled: Library, query: str) -> None:
    assert SOVIET in slugs(filled, query)


@pytest.mark.parametrize("query", ["Mukden", "mukden", "奉天", "Shenyang", "沈阳"])
def test_historical_names_go_through_the_places_list(filled: Library, query: str) -> None:
    found = slugs(filled, query)
    assert "mukden-arsenal" in found
    assert SOVIET in found


@pytest.mark.parametrize("query", ["冬", "哈尔滨", "哈爾濱", "冬天", "长春街头", "長春街頭"])
def test_chinese_of_any_length_in_either_script(filled: Library, query: str) -> None:
    assert "zh-winter" in slugs(filled, query)


def test_one_character_finds_every_feature_with_it(filled: Library) -> None:
    assert SOVIET in slugs(filled, "瀋")
    assert SOVIET in slugs(filled, "沈")
    assert set(slugs(filled, "長")) == {SOVIET, "zh-winter"}  # 長春 in both


def test_english_is_stemmed_and_prefixes_work(filled: Library) -> None:
    assert set(slugs(filled, "withdrawals")) == {SOVIET, "factories"}
    assert set(slugs(filled, "withdr*")) == {SOVIET, "factories"}
    assert slugs(filled, "arsen*") == ["mukden-arsenal"]


def test_phrases_keep_word_order(filled: Library) -> None:
    assert slugs(filled, '"soviet forces"') == [SOVIET]
    assert slugs(filled, '"forces soviet"') == []


def test_all_words_must_match(filled: Library) -> None:
    assert slugs(filled, "arsenal withdrawal") == []
    assert slugs(filled, "harbin soviet") == [SOVIET]


def test_title_ranks_above_body(filled: Library) -> None:
    assert slugs(filled, "withdrawal") == [SOVIET, "factories"]
    assert slugs(filled, "factories")[0] == "factories"


def test_result_has_snippet_with_marks_and_the_figure(filled: Library) -> None:
    # 哈爾濱 in zh-winter matches too: Harbin is in the places list.
    result = next(r for r in filled.search("Harbin").results if r.slug == SOVIET)
    assert result.title == "Soviet Withdrawal from the Northeast"
    assert result.match is not None and result.match.anchor == "fig-1"
    assert marked(result.snippet) == ["Harbin", "哈爾濱"]


def test_figure_numbers_follow_the_reader_and_snippets_are_plain_text(filled: Library) -> None:
    result = filled.search("yard").results[0]
    assert result.match is not None and result.match.anchor == "fig-2"
    # The store returns text and offsets (issue 9); publish/search_marks.py escapes and marks.
    assert result.snippet.text.startswith("<script>alert(1)</script> The Mukden arsenal yard.")
    assert marked(result.snippet) == ["yard"]


def test_notes_and_chinese_matches_are_located(filled: Library) -> None:
    note = filled.search("railway guards").results[0]
    assert note.match is not None and note.match.kind == "note"
    chinese = filled.search("电车").results[0]
    assert chinese.match is not None and chinese.match.anchor == "fig-1"
    assert marked(chinese.snippet) == ["電車"]


def test_glossary_terms_are_searched(filled: Library) -> None:
    assert SOVIET in slugs(filled, "国民政府")
    assert SOVIET in slugs(filled, "guo min zheng fu")


def test_series_and_year_filters(filled: Library) -> None:
    # 東北 (zh-winter) is the Northeast of the places list.
    assert set(slugs(filled, "northeast", series="testsite_other")) == {"factories", "zh-winter"}
    assert set(slugs(filled, "northeast", series="testsite_civilwar")) == {SOVIET}
    assert slugs(filled, "arsenal", year_from=1930, year_to=1935) == ["mukden-arsenal"]
    assert slugs(filled, "arsenal", year_from=1940) == []
    assert slugs(filled, "soviet", year_from=1946, year_to=1946) == [SOVIET]


def test_did_you_mean_finds_the_withdrawal(filled: Library) -> None:
    results = filled.search("soviet withdrawl")
    assert results.suggestion is not None and "withdraw" in results.suggestion
    assert results.corrected
    assert results.results[0].slug == SOVIET


def test_no_suggestion_for_nonsense(filled: Library) -> None:
    results = filled.search("qqqqzzzzxxxx")
    assert results.results == () and results.total == 0


def test_paging_and_total(filled: Library) -> None:
    page = filled.search("withdrawal", limit=1)
    assert page.total == 2 and len(page.results) == 1
    second = filled.search("withdrawal", limit=1, offset=1)
    assert second.results[0].slug != page.results[0].slug


HOSTILE = [
    "",
    "   ",
    '"',
    '"unbalanced phrase',
    "*",
    "**withdr",
    "NEAR(soviet withdrawal",
    "NEAR(a b, 2)",
    "soviet OR",
    "OR AND NOT",
    "(((",
    "soviet)) AND (",
    "title:soviet",
    "{title body}: soviet",
    "^soviet",
    "soviet - withdrawal",
    "'; DROP TABLE features; --",
    "1' OR '1'='1",
    "a:* & !b | c <-> d",
    "\x00\x01\x1b[31m soviet \x7f",
    "x" * 10_000,
    "soviet " * 2000,
    "Soviet 瀋陽 shěn yáng Мукден ☃ 🙂",
    "\u202e\u200b\ufeff",
    "%_\\",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_fail(filled: Library, query: str) -> None:
    results = filled.search(query)
    assert results.results or results.cuts or results.total == 0
    assert filled.count_features() == 5


def test_empty_query_is_marked_blank(filled: Library) -> None:
    results = filled.search("  ")
    assert results.results == ()
    assert results.blank  # publish/search_marks.py says what to type


def test_long_query_is_cut_with_a_message(filled: Library) -> None:
    assert [cut.unit for cut in filled.search("soviet " * 2000).cuts] == ["characters", "words"]


def test_syntax_characters_are_plain_text(filled: Library) -> None:
    assert slugs(filled, "(soviet") == [SOVIET]
    assert slugs(filled, "soviet*)") == [SOVIET]
    assert slugs(filled, "soviet)) AND (") == [SOVIET]
    assert slugs(filled, '"soviet forces') == [SOVIET]


def test_very_common_queries_rank_titles_first_and_say_more(
    filled: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import handscroll.store.search_strategy as strategy

    # As if "withdrawal" matched more than 1,000 features. On SQLite tantivy ranks and
    # counts every match, so there the count stays exact (issue 11).
    monkeypatch.setattr(strategy, "COUNT_CAP", 1)
    results = filled.search("withdrawal")
    assert results.total_exact == (_dialect(filled) == "sqlite")
    assert results.total == 2 or not results.total_exact
    assert results.results[0].slug == SOVIET  # in the title
    assert {r.slug for r in results.results} <= {SOVIET, "factories"}


@pytest.mark.parametrize("query", ["guomin zhengfu", "guominzhengfu", "guó mín zhèng fǔ", "Guo Min Zheng Fu"])
def test_pinyin_finds_chinese_text_through_the_library_glossary(filled: Library, query: str) -> None:
    # zh-capital has no glossary of its own: 國民政府 reads "guo min zheng fu" in SOVIET's.
    found = slugs(filled, query)
    assert "zh-capital" in found
    assert SOVIET in found


def test_english_words_are_not_taken_for_pinyin(filled: Library) -> None:
    assert slugs(filled, "soviet forces") == [SOVIET]


def test_very_common_queries_keep_filters_and_pages(filled: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    import handscroll.store.search_strategy as strategy

    monkeypatch.setattr(strategy, "COUNT_CAP", 2)
    assert slugs(filled, "withdr*", series="testsite_other") == ["factories"]
    # 3 matches: PostgreSQL counts 2 and says "more"; tantivy counts all three.
    assert filled.search("northeast").total_exact == (_dialect(filled) == "sqlite")
    first = filled.search("northeast", limit=1).results[0].slug
    second = filled.search("northeast", limit=1, offset=1).results[0].slug
    assert first != second


def test_backends_build_sql_only_and_import_no_search_module() -> None:
    # Issue 9: the strategy is written once (search_strategy); the backends import it,
    # never search.py, so there is no import circle between them.
    import ast
    from pathlib import Path

    import handscroll.store as store

    folder = Path(store.__file__).parent
    for name in ("search_embedded.py", "search_tantivy.py", "search_pg.py", "search_strategy.py"):
        tree = ast.parse((folder / name).read_text(encoding="utf-8"))
        imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "handscroll.store.search" not in imported, name
        source = (folder / name).read_text(encoding="utf-8")
        assert "COUNT_CAP" not in source or name == "search_strategy.py", name


def test_enriching_again_indexes_the_same_terms_and_places_as_import(filled: Library) -> None:
    # Reindexing after `enrich` once dropped the places (only glossary terms were read back).
    from sqlalchemy import text

    engine = filled._engine

    def rows() -> list[str]:
        if engine.dialect.name == "sqlite":
            import tantivy

            from handscroll.store.search_tantivy import index_for

            index = index_for(engine)
            searcher = index.searcher()
            terms = sorted(term for term, _ in searcher.terms_with_prefix("terms", ""))
            query = lambda term: tantivy.Query.term_query(index.schema, "terms", term)  # noqa: E731
            counts = [(term, searcher.search(query(term), 10).count) for term in terms]
            return [f"{term} {count}" for term, count in counts if count]
        with engine.connect() as conn:
            sql = "SELECT document::text FROM search_documents ORDER BY feature_id"
            return [row[0] for row in conn.execute(text(sql))]

    imported = rows()
    assert any("mukden" in row for row in imported)
    mukden = filled.get_enrichment("mukden-arsenal")
    assert mukden is not None and mukden.places
    filled.save_enrichments([("mukden-arsenal", mukden)])
    assert rows() == imported


def test_every_matching_section_of_a_feature_is_listed(filled: Library) -> None:
    # "Soviet" is in the paragraph, the question and the first figure's caption (issue 14).
    result = filled.search("soviet").results[0]
    assert result.slug == SOVIET
    labels = [result.match.label if result.match else None] + [hit.match.label for hit in result.more]
    assert labels == ["Paragraph 1", "Question 1", "Figure 1"]
    assert all(marked(hit.snippet) == ["Soviet"] for hit in result.more)


def test_a_match_in_a_model_answer_is_placed_but_not_shown(filled: Library) -> None:
    # 長春 is written only in the hidden model answer (issue 14: snippets never give answers away).
    result = next(r for r in filled.search("changchun").results if r.slug == SOVIET)
    hits = [(result.match, result.snippet), *((hit.match, hit.snippet) for hit in result.more)]
    answer = [(match, snippet) for match, snippet in hits if match and match.kind == "answer"]
    assert answer
    match, snippet = answer[0]
    assert match.anchor == "question-1"
    assert snippet.spans == () and "長春" not in snippet.text and "troops" not in snippet.text
    assert snippet.text.startswith("Why did the Nationalist Government")


def test_an_older_name_that_matched_is_explained(filled: Library) -> None:
    found = {r.slug: r.names for r in filled.search("Mukden").results}
    assert [(n.name, n.modern) for n in found[SOVIET]] == [("Mukden", "Shenyang")]  # it writes Shenyang
    assert found["mukden-arsenal"] == ()  # it writes Mukden, as typed
    reverse = {r.slug: r.names for r in filled.search("Shenyang").results}
    assert [(n.name, n.modern) for n in reverse["mukden-arsenal"]] == [("Mukden", "Shenyang")]
    assert reverse[SOVIET] == ()
