"""`/search` and `GET /api/search` (issue 5), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from factories import make_feature
from handscroll.model import Figure, Paragraph
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


def test_did_you_mean_on_the_page(make_client: ClientFactory) -> None:
    client = make_client(_features(), media=False)
    html = client.get("/search", params={"q": "arsenl"}).text
    assert "showing results for" in html
    assert 'href="/features/arsenal' in html


def test_openapi_describes_search(make_client: ClientFactory) -> None:
    client = make_client(_features(), media=False)
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/search" in paths
