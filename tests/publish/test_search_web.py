"""`/search` and `GET /api/search` (issue 5), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from factories import make_feature
from handscroll.model import Figure, Paragraph
from handscroll.store import Library
from publish.conftest import ClientFactory

SOVIET = "04-soviet-withdrawal-from-the-northeast"


@pytest.fixture
def library_file(library_url: str) -> str:
    """The reader over both databases, not only SQLite."""
    return library_url


def _features() -> list:  # type: ignore[type-arg]
    return [
        make_feature(),
        make_feature(
            slug="arsenal",
            title="The Arsenal at Mukden",
            part=5,
            hero=None,
            blocks=(
                Paragraph(text="The arsenal was taken in one night."),
                Figure(media="testsite_civilwar05_1", caption=("<b>Workers</b> at the gate.",)),
            ),
        ),
    ]


def test_api_gives_results_with_links_to_the_figure(make_client: ClientFactory) -> None:
    client = make_client(_features(), media=False)
    answer = client.get("/api/search", params={"q": "哈尔滨"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["total"] == 1
    result = body["results"][0]
    assert result["slug"] == SOVIET
    assert result["url"] == f"/features/{SOVIET}#fig-1"
    assert "<mark>哈爾濱</mark>" in result["snippet"]
    assert result["match"]["anchor"] == "fig-1"


def test_api_filters_and_pages(make_client: ClientFactory) -> None:
    client = make_client(_features(), media=False)
    both = client.get("/api/search", params={"q": "shenyang"}).json()
    assert {r["slug"] for r in both["results"]} == {SOVIET, "arsenal"}
    one = client.get("/api/search", params={"q": "shenyang", "per_page": 1, "page": 2}).json()
    assert one["total"] == 2 and len(one["results"]) == 1
    # (Year filters need stored events: tests/store/test_search.py covers them.)
    assert client.get("/api/search", params={"q": "shenyang", "series": "nope"}).json()["total"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {},
        {"q": '"NEAR( OR * (('},
        {"q": "'; DROP TABLE features; --"},
        {"q": "x" * 10_000},
        {"q": "\x00\x1b soviet"},
        {"q": "soviet 瀋陽 shěn Мукден 🙂"},
    ],
)
def test_api_never_fails_on_a_query(make_client: ClientFactory, params: dict[str, str]) -> None:
    client = make_client(_features(), media=False)
    answer = client.get("/api/search", params=params)
    assert answer.status_code == 200
    assert isinstance(answer.json()["results"], list)
    page = client.get("/search", params=params)
    assert page.status_code == 200


@pytest.mark.parametrize(
    "params", [{"q": "a", "from": "x"}, {"q": "a", "page": "0"}, {"q": "a", "per_page": "1e9"}]
)
def test_bad_numbers_are_a_clear_400(make_client: ClientFactory, params: dict[str, str]) -> None:
    client = make_client(_features(), media=False)
    answer = client.get("/api/search", params=params)
    assert answer.status_code == 400
    assert "must be" in answer.json()["error"]
    assert client.get("/search", params=params).status_code == 400


def test_results_page_works_without_script(make_client: ClientFactory) -> None:
    client = make_client(_features(), media=False)
    page = client.get("/search", params={"q": "workers"})
    assert page.status_code == 200
    html = page.text
    assert 'role="search"' in html and '<label for="search-q"' in html
    assert 'href="/features/arsenal#fig-1"' in html
    assert "<mark>Workers</mark>" in html
    assert "&lt;b&gt;" in html and "<b>Workers" not in html
    assert "1 feature found." in html


def test_the_count_and_notices_are_in_the_page_language(make_client: ClientFactory) -> None:
    client = make_client(_features(), media=False)
    assert "找到 1 篇專題。" in client.get("/zh-hant/search", params={"q": "workers"}).text
    assert "以下是" in client.get("/zh-hans/search", params={"q": "arsenl"}).text
    assert "showing results for" not in client.get("/zh-hans/search", params={"q": "arsenl"}).text


def test_did_you_mean_on_the_page(make_client: ClientFactory) -> None:
    client = make_client(_features(), media=False)
    html = client.get("/search", params={"q": "arsenl"}).text
    assert "showing results for" in html
    assert 'href="/features/arsenal' in html


def test_openapi_describes_search(make_client: ClientFactory) -> None:
    client = make_client(_features(), media=False)
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/search" in paths


def test_every_match_in_a_feature_and_older_names_on_the_page(make_client: ClientFactory) -> None:
    client = make_client(_features(), media=False)
    html = client.get("/search", params={"q": "soviet"}).text
    assert "2 more in this feature</summary>" in html
    assert f'href="/features/{SOVIET}#question-1">Question 1</a>' in html
    assert f'href="/features/{SOVIET}#fig-1">Figure 1</a>' in html
    mukden = client.get("/search", params={"q": "Mukden"}).text
    assert "Mukden is an older name of Shenyang." in mukden


def test_series_are_chosen_by_title_and_languages_by_name(
    make_client: ClientFactory, library_file: str
) -> None:
    client = make_client(_features(), media=False)
    html = client.get("/search", params={"q": "soviet"}).text
    assert '<select id="search-series" name="series">' in html
    assert '<option value="testsite_civilwar">' in html
    assert '<option value="zh-Hant" lang="zh-Hant">繁體中文</option>' in html
    assert client.get("/search", params={"q": "soviet", "language": "klingon"}).status_code == 400
    only = client.get("/api/search", params={"q": "soviet", "language": "zh-Hant"}).json()
    assert only["total"] == 0
    with Library.open(library_file) as library:  # the choices follow the library (read once per version)
        library.set_series_title("testsite_civilwar", "The Civil War, Retitled")
    html = client.get("/search", params={"q": "soviet"}).text
    assert '<option value="testsite_civilwar">The Civil War, Retitled</option>' in html


def test_api_lists_every_match_with_its_link(make_client: ClientFactory) -> None:
    client = make_client(_features(), media=False)
    result = client.get("/api/search", params={"q": "soviet"}).json()["results"][0]
    assert result["language"] == "en" and result["matched"] is None and result["editions"] == []
    assert [place["url"] for place in result["more"]] == [
        f"/features/{SOVIET}#question-1",
        f"/features/{SOVIET}#fig-1",
    ]
    mukden = client.get("/api/search", params={"q": "Mukden"}).json()["results"]
    soviet = next(r for r in mukden if r["slug"] == SOVIET)
    assert soviet["names"] == [{"name": "Mukden", "modern": "Shenyang"}]


def test_a_library_of_many_series_offers_only_the_chosen_and_the_results_series(
    make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The series filter stays small however many series the library has (issue 11)."""
    from handscroll.publish import series_choices

    others = [
        make_feature(slug=f"other-{i}", title=f"Harbour town {i}", series=f"testsite_other{i}", part=1)
        for i in range(3)
    ]
    client = make_client([*_features(), *others], media=False)
    monkeypatch.setattr(series_choices, "SERIES_SHOWN", 2)
    html = client.get("/search", params={"q": "arsenal"}).text
    assert '<option value="testsite_civilwar">' in html and "testsite_other" not in html
    chosen = client.get("/search", params={"q": "arsenal", "series": "testsite_other2"}).text
    assert '<option value="testsite_other2" selected>' in chosen and "testsite_other1" not in chosen
    monkeypatch.setattr(series_choices, "SERIES_SHOWN", 200)
    every = client.get("/search", params={"q": "arsenal"}).text
    assert all(f'<option value="testsite_other{i}">' in every for i in range(3))


def test_a_chinese_results_page_names_where_each_match_is_in_chinese(make_client: ClientFactory) -> None:
    client = make_client(_features(), media=False)
    english = client.get("/search", params={"q": "soviet"}).text
    assert ">Question 1</a>" in english
    chinese = client.get("/zh-hant/search", params={"q": "soviet"}).text
    assert ">問題 1</a>" in chinese and ">Question 1</a>" not in chinese
    assert "本專題另有 2 處" in chinese
