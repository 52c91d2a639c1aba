"""The generated OpenAPI description is valid, names every API route, and every endpoint's real
answers (successes and errors) match the schema it gives for them (issue 9)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from starlette.routing import Route
from starlette.testclient import TestClient

from handscroll.config import Settings
from handscroll.model import Feature, Figure, Note, Paragraph, Question
from handscroll.publish.web import create_app
from publish.builders import fill_enriched_library, fill_library

SERIES = "testsite_civilwar"

ENRICHED = Feature(
    title="Withdrawal from the Northeast",
    part=1,
    series=SERIES,
    slug="01-part",
    hero="testsite_civilwar01_1",
    blocks=(
        Paragraph(
            text="On 14 August 1945 the Soviet Union signed a treaty with the Nationalist Government "
            "(國民政府). About 1.5 million Soviet troops had entered Manchuria. The Chinese Communist "
            "Party (中國共產黨, CCP) moved north."
        ),
        Figure(media="testsite_civilwar01_1", caption=("Soviet tanks in Mukden (瀋陽) in early 1946.",)),
        Note(text=("In March 1946 the CCP took Changchun (長春).",)),
        Question(prompt="Why did the Soviet troops leave?", answer=("A treaty.",)),
    ),
)
PLAIN = Feature(title="A part never enriched", part=2, series=SERIES, slug="02-part")

REQUESTS: tuple[tuple[str, str, int], ...] = (
    ("/api/", "/api/", 200),
    ("/api/series", "/api/series", 200),
    ("/api/series?limit=0", "/api/series", 400),
    ("/api/features", "/api/features", 200),
    ("/api/features?limit=1", "/api/features", 200),
    ("/api/features?series=nope", "/api/features", 200),
    ("/api/features?limit=0", "/api/features", 400),
    ("/api/features?limit=x", "/api/features", 400),
    ("/api/features?cursor=not-ours", "/api/features", 400),
    ("/api/features/01-part", "/api/features/{slug}", 200),
    ("/api/features/02-part", "/api/features/{slug}", 200),
    ("/api/features/nope", "/api/features/{slug}", 404),
    ("/api/features/01-part/enrichment", "/api/features/{slug}/enrichment", 200),
    ("/api/features/02-part/enrichment", "/api/features/{slug}/enrichment", 200),
    ("/api/features/nope/enrichment", "/api/features/{slug}/enrichment", 404),
    ("/api/features/01-part/editions", "/api/features/{slug}/editions", 200),
    ("/api/features/nope/editions", "/api/features/{slug}/editions", 404),
    ("/api/timeline", "/api/timeline", 200),
    (f"/api/timeline?series={SERIES}", "/api/timeline", 200),
    ("/api/timeline?limit=1000", "/api/timeline", 400),
    ("/api/glossary", "/api/glossary", 200),
    ("/api/glossary?cursor=WyJlIl0", "/api/glossary", 400),
    (f"/api/glossary?series={SERIES}", "/api/glossary", 200),
    ("/api/search?q=soviet", "/api/search", 200),
    ("/api/search?q=瀋陽", "/api/search", 200),
    ("/api/search?q=sovjet", "/api/search", 200),
    ("/api/search?q=", "/api/search", 200),
    ("/api/search?q=soviet&page=x", "/api/search", 400),
)
"""Real requests to every endpoint: what each path template answers, errors included."""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder: Path = tmp_path_factory.mktemp("openapi")
    url = f"sqlite:///{folder / 'library.db'}"
    fill_enriched_library(url, [ENRICHED])
    fill_library(url, [PLAIN])
    app = create_app(url, Settings(db=url), cache_dir=folder / "cache")
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def spec(client: TestClient) -> dict[str, Any]:
    answer = client.get("/api/openapi.json")
    assert answer.status_code == 200
    document: dict[str, Any] = answer.json()
    return document


def _validator(spec: dict[str, Any], template: str, status: int) -> Draft202012Validator:
    response = spec["paths"][template]["get"]["responses"][str(status)]
    schema = response["content"]["application/json"]["schema"]
    wrapped = {**schema, "components": spec["components"]}  # so "#/components/..." resolves
    return Draft202012Validator(wrapped, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_the_description_is_valid_openapi_3_1(spec: dict[str, Any]) -> None:
    validate(spec)  # raises on any fault
    assert spec["openapi"] == "3.1.0"


def test_every_api_route_is_described_and_exercised(client: TestClient, spec: dict[str, Any]) -> None:
    api_routes = {
        r.path
        for r in client.app.routes
        if isinstance(r, Route) and r.path.startswith("/api/")  # type: ignore[attr-defined]
    }
    assert api_routes - {"/api/openapi.json"} == set(spec["paths"])
    assert {template for _, template, _ in REQUESTS} == set(spec["paths"])


@pytest.mark.parametrize(("url", "template", "status"), REQUESTS, ids=[r[0] for r in REQUESTS])
def test_real_answers_match_their_schema(
    client: TestClient, spec: dict[str, Any], url: str, template: str, status: int
) -> None:
    answer = client.get(url)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    errors = [
        f"{list(e.absolute_path)}: {e.message}"
        for e in _validator(spec, template, status).iter_errors(answer.json())
    ]
    assert errors == []


def test_the_index_lists_every_endpoint(client: TestClient, spec: dict[str, Any]) -> None:
    index = client.get("/api/").json()
    assert [e["path"] for e in index["endpoints"]] == list(spec["paths"])
    assert client.get(index["openapi"]).status_code == 200


def test_the_checked_answers_are_not_empty(client: TestClient) -> None:
    """So the schema checks above see every kind of annotation, not only empty lists."""
    enrichment = client.get("/api/features/01-part/enrichment").json()
    assert enrichment["events"] and enrichment["terms"] and enrichment["figures"]
    assert enrichment["places"]["features"]
    assert client.get("/api/timeline").json()["events"]
    assert client.get("/api/glossary").json()["terms"]
    assert client.get("/api/search?q=soviet").json()["results"][0]["match"] is not None
    assert client.get("/api/features?limit=1").json()["next"]


@pytest.mark.parametrize("path", ["/api/series", "/api/features", "/api/timeline", "/api/glossary"])
def test_every_page_of_a_list_matches_its_schema(client: TestClient, spec: dict[str, Any], path: str) -> None:
    """Follow `next` one item at a time to the end: every page is described, none repeats one."""
    url: str | None = f"{path}?limit=1"
    seen: list[str] = []
    while url is not None:
        answer = client.get(url).json()
        assert list(_validator(spec, path, 200).iter_errors(answer)) == []
        items = next(v for k, v in answer.items() if isinstance(v, list))
        seen += [repr(item) for item in items]
        url = answer["next"]
    assert len(seen) == len(set(seen)) >= 1
    whole = client.get(path, params={"limit": 100}).json()
    assert len(seen) == len(next(v for v in whole.values() if isinstance(v, list)))


def test_a_wrong_answer_fails_the_check(spec: dict[str, Any]) -> None:
    """The check can fail: a summary without its slug, a place with a bad point."""
    page = {"limit": 20, "next": None}
    assert not _validator(spec, "/api/features", 200).is_valid({**page, "items": [{"title": "x"}]})
    assert not _validator(spec, "/api/series", 200).is_valid({"series": [], "extra": 1})


def test_304_is_described_where_answers_have_an_etag(client: TestClient, spec: dict[str, Any]) -> None:
    for url, template, status in REQUESTS:
        if status != 200:
            continue
        first = client.get(url)
        described = "304" in spec["paths"][template]["get"]["responses"]
        assert ("etag" in first.headers) == described, url
        if described:
            again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
            assert again.status_code == 304 and again.content == b""
