"""The OpenAPI 3.1 description of the JSON API, generated from the typed answers in `api_models`.

Each endpoint names its answer model and its parameters; the schemas are pydantic's JSON
Schema (draft 2020-12, which OpenAPI 3.1 uses), so the description cannot say one thing
while the code sends another (a test checks real answers against it, issue 9).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from handscroll.model import Feature
from handscroll.publish.api_models import (
    ApiIndex,
    Editions,
    Error,
    FeatureEnrichment,
    FeaturePage,
    Glossary,
    SearchResults,
    SeriesList,
    Timeline,
)

REF = "#/components/schemas/{model}"


@dataclass(frozen=True)
class Param:
    """A query or path parameter."""

    name: str
    schema: dict[str, Any]
    description: str = ""
    where: str = "query"


@dataclass(frozen=True)
class Endpoint:
    """One `GET` of the API: what it answers, with which parameters, and its errors."""

    path: str
    summary: str
    answer: type[BaseModel]
    parameters: tuple[Param, ...] = ()
    errors: tuple[tuple[int, str], ...] = ()
    etag: bool = True


LIST_LIMITS = {
    "/api/series": (100, 500),
    "/api/features": (20, 100),
    "/api/timeline": (100, 500),
    "/api/glossary": (100, 500),
}
"""Per list endpoint, the default and the largest `limit`."""

SLUG = Param("slug", {"type": "string"}, "The feature's slug.", where="path")
SERIES = Param("series", {"type": "string"}, "Only this series (its key).")
PAGE = Param("page", {"type": "integer", "minimum": 1, "default": 1}, "Page of results.")
CURSOR = Param(
    "cursor",
    {"type": "string"},
    "Where the page starts: the `cursor` in the previous page's `next` link (a keyset position, "
    "opaque; absent: the first page).",
)
NOT_FOUND = ((404, "No feature has this slug."),)
OUT_OF_RANGE = ((400, "A number parameter is not a whole number in range."),)
BAD_PAGE = ((400, "`limit` is not a whole number in range, or `cursor` is not one this server made."),)


def _paged(path: str, *more: Param) -> tuple[Param, ...]:
    default, maximum = LIST_LIMITS[path]
    limit = Param(
        "limit", {"type": "integer", "minimum": 1, "maximum": maximum, "default": default}, "Items per page."
    )
    return (*more, limit, CURSOR)


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("/api/", "This list of the API's endpoints", ApiIndex),
    Endpoint(
        "/api/series",
        "Series by key and how many features each has, one page at a time",
        SeriesList,
        _paged("/api/series"),
        BAD_PAGE,
    ),
    Endpoint(
        "/api/features",
        "Features, by series and part, one page at a time",
        FeaturePage,
        _paged("/api/features", SERIES),
        BAD_PAGE,
    ),
    Endpoint(
        "/api/features/{slug}", "One feature in the docs/model.md JSON shape", Feature, (SLUG,), NOT_FOUND
    ),
    Endpoint(
        "/api/features/{slug}/enrichment",
        "A feature's dated events, glossary terms, places and key figures",
        FeatureEnrichment,
        (SLUG,),
        NOT_FOUND,
    ),
    Endpoint(
        "/api/features/{slug}/editions",
        "The editions of the feature's work, in English, Traditional and Simplified Chinese",
        Editions,
        (SLUG,),
        NOT_FOUND,
    ),
    Endpoint(
        "/api/timeline",
        "Dated events of the library or one series, in time order, one page at a time",
        Timeline,
        _paged("/api/timeline", SERIES),
        BAD_PAGE,
    ),
    Endpoint(
        "/api/glossary",
        "The library's bilingual glossary, by English name, one page at a time",
        Glossary,
        _paged("/api/glossary", SERIES),
        BAD_PAGE,
    ),
    Endpoint(
        "/api/search",
        "Search features in English, Traditional or Simplified Chinese, pinyin or old names",
        SearchResults,
        (
            Param("q", {"type": "string"}, 'Words, "phrases", prefix* ; any text is accepted.'),
            SERIES,
            Param("from", {"type": "integer"}, "Only features with an event in or after this year."),
            Param("to", {"type": "integer"}, "Only features with an event in or before this year."),
            Param("language", {"type": "string"}, "Only editions in this language: en, zh-Hant, zh-Hans."),
            Param("lang", {"type": "string"}, "The reader's language: a work is shown in its edition."),
            PAGE,
            Param("per_page", {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}),
        ),
        OUT_OF_RANGE,
        etag=False,
    ),
)
"""Every JSON endpoint but this description itself (`/api/openapi.json`)."""


def api_index() -> dict[str, Any]:
    """The answer of `/api/`: every endpoint with its summary, for a person exploring the API."""
    return {
        "endpoints": [{"path": e.path, "summary": e.summary} for e in ENDPOINTS],
        "openapi": "/api/openapi.json",
    }


@cache
def openapi_document() -> dict[str, Any]:
    """The API description served at /api/openapi.json."""
    models: list[type[BaseModel]] = [e.answer for e in ENDPOINTS] + [Error]
    _, schemas = models_json_schema([(m, "serialization") for m in models], ref_template=REF)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "handscroll library API",
            "version": "2",
            "description": "Read-only access to the features of a handscroll library. Every answer "
            "but search has an ETag; send it back as If-None-Match to get an empty 304 when nothing "
            "changed. Lists come a page at a time: up to `limit` items, and `next`, the URL of the "
            "next page (null on the last), whose `cursor` is a keyset position, not a page number: "
            "every page costs the same, and a page does not shift when features are added before it.",
        },
        "paths": {e.path: {"get": _operation(e)} for e in ENDPOINTS},
        "components": {"schemas": schemas.get("$defs", {})},
    }


def _operation(endpoint: Endpoint) -> dict[str, Any]:
    responses: dict[str, Any] = {"200": _json(endpoint.answer.__name__, _first_line(endpoint.answer))}
    if endpoint.etag:
        responses["200"]["headers"] = {"ETag": {"schema": {"type": "string"}}}
        responses["304"] = {"description": "The client's copy (If-None-Match) is current."}
    for status, description in endpoint.errors:
        responses[str(status)] = _json(Error.__name__, description)
    operation: dict[str, Any] = {"summary": endpoint.summary, "responses": responses}
    if endpoint.parameters:
        operation["parameters"] = [_parameter(p) for p in endpoint.parameters]
    return operation


def _parameter(param: Param) -> dict[str, Any]:
    out: dict[str, Any] = {"name": param.name, "in": param.where, "schema": param.schema}
    if param.where == "path":
        out["required"] = True
    if param.description:
        out["description"] = param.description
    return out


def _json(model: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF.format(model=model)}}},
    }


def _first_line(model: type[BaseModel]) -> str:
    return (model.__doc__ or model.__name__).strip().splitlines()[0]
