"""The OpenAPI 3.1 description of the JSON API, written by hand so it says what the API means."""

from __future__ import annotations

from typing import Any

from handscroll.publish.search_page import SEARCH_RESULTS_SCHEMA, search_openapi_path

_BLOCK = {
    "type": "object",
    "description": "One block of a feature's body, told apart by `type` (docs/model.md).",
    "required": ["type"],
    "properties": {
        "type": {"enum": ["paragraph", "figure", "note", "question", "credit", "unclassified"]},
        "text": {"description": "Paragraph, credit and unclassified: a string; note: a list of strings."},
        "media": {"type": "string", "description": "Figure: its media ID."},
        "caption": {"type": "array", "items": {"type": "string"}},
        "kind": {"type": "string", "description": "Note: `ebook` for extended reading."},
        "prompt": {"type": "string"},
        "answer": {"type": "array", "items": {"type": "string"}},
        "line": {"type": "integer", "description": "Unclassified: the source line."},
    },
}

_FEATURE = {
    "type": "object",
    "description": "A feature in the shape of docs/model.md (as `handscroll parse --format json`).",
    "required": ["title", "part", "series", "language", "hero", "blocks", "slug"],
    "properties": {
        "title": {"type": "string"},
        "part": {"type": ["integer", "null"]},
        "series": {"type": ["string", "null"]},
        "language": {"type": "string", "examples": ["en", "zh-Hant"]},
        "hero": {"type": ["string", "null"], "description": "Media ID of the lead picture."},
        "blocks": {"type": "array", "items": {"$ref": "#/components/schemas/Block"}},
        "slug": {"type": "string"},
    },
}

_SUMMARY = {
    "type": "object",
    "required": [
        "slug",
        "title",
        "part",
        "series",
        "language",
        "hero",
        "figures",
        "updated_at",
        "url",
        "html",
    ],
    "properties": {
        "slug": {"type": "string"},
        "title": {"type": "string"},
        "part": {"type": ["integer", "null"]},
        "series": {"type": ["string", "null"]},
        "language": {"type": "string"},
        "hero": {"type": ["string", "null"]},
        "figures": {"type": "integer", "description": "How many gallery photos."},
        "updated_at": {"type": "string", "format": "date-time"},
        "url": {"type": "string", "description": "This feature in the API."},
        "html": {"type": "string", "description": "This feature's page."},
    },
}

_SPAN = {
    "type": "object",
    "description": "Where the words are: block (null: the title), field, paragraph, character offsets.",
    "properties": {
        "block": {"type": ["integer", "null"]},
        "field": {"type": "string", "examples": ["text", "caption", "prompt", "answer", "title"]},
        "paragraph": {"type": "integer"},
        "start": {"type": "integer"},
        "end": {"type": "integer"},
    },
}

_EVENT = {
    "type": "object",
    "description": "A dated expression: its TIMEX3-style value (at the granularity the text gives), "
    "its words, sentence and span, and a link to the words in the feature page.",
    "properties": {
        "value": {"type": "string", "examples": ["1945-08-14", "1946-03", "1949-SP", "1945/1992"]},
        "mod": {"type": ["string", "null"], "examples": ["START", "END"]},
        "label": {"type": "string", "examples": ["14 August 1945", "early 1946"]},
        "text": {"type": "string"},
        "sentence": {"type": "string"},
        "span": {"$ref": "#/components/schemas/Span"},
        "url": {"type": "string"},
    },
}

_TERM = {
    "type": "object",
    "description": "A bilingual glossary term.",
    "properties": {
        "english": {"type": "string"},
        "chinese": {"type": ["string", "null"], "description": "As the text wrote it."},
        "abbreviation": {"type": ["string", "null"]},
        "note": {"type": ["string", "null"]},
        "traditional": {"type": ["string", "null"]},
        "simplified": {"type": ["string", "null"]},
        "pinyin": {"type": ["string", "null"], "description": "With tone marks."},
        "pinyin_plain": {"type": ["string", "null"]},
    },
}

_ENRICHMENT = {
    "type": "object",
    "description": "What enrichment found in one feature, every annotation with its span.",
    "properties": {
        "slug": {"type": "string"},
        "enriched": {"type": "boolean", "description": "False when the feature was never enriched."},
        "feature_hash": {"type": "string"},
        "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
        "terms": {
            "type": "array",
            "items": {
                "allOf": [
                    {"$ref": "#/components/schemas/Term"},
                    {
                        "properties": {
                            "mentions": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}}
                        }
                    },
                ]
            },
        },
        "places": {
            "type": "object",
            "description": "A GeoJSON FeatureCollection (RFC 7946), one Point per place.",
        },
        "figures": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "value": {"type": "number"},
                    "unit": {"type": ["string", "null"]},
                    "counted": {"type": ["string", "null"]},
                    "amount": {"type": "string"},
                    "text": {"type": "string"},
                    "span": {"$ref": "#/components/schemas/Span"},
                },
            },
        },
    },
}

_ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}


def _json(schema_ref: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "headers": {"ETag": {"schema": {"type": "string"}}},
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}},
    }


def openapi_document() -> dict[str, Any]:
    """The API description served at /api/openapi.json."""
    not_modified = {"description": "The client's copy (If-None-Match) is current."}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "handscroll library API",
            "version": "1",
            "description": "Read-only access to the features of a handscroll library. Every answer "
            "has an ETag; send it back as If-None-Match to get an empty 304 when nothing changed.",
        },
        "paths": {
            "/api/search": search_openapi_path(),
            "/api/series": {
                "get": {
                    "summary": "Every series and how many features it has",
                    "responses": {"200": _json("SeriesList", "The series."), "304": not_modified},
                }
            },
            "/api/features": {
                "get": {
                    "summary": "Features, by series and part, one page at a time",
                    "parameters": [
                        {
                            "name": "page",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "default": 1},
                        },
                        {
                            "name": "per_page",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                        },
                        {"name": "series", "in": "query", "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": _json("FeaturePage", "One page of feature summaries."),
                        "304": not_modified,
                        "400": _json("Error", "A parameter is out of range."),
                    },
                }
            },
            "/api/features/{slug}": {
                "get": {
                    "summary": "One feature in the docs/model.md JSON shape",
                    "parameters": [
                        {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": _json("Feature", "The feature."),
                        "304": not_modified,
                        "404": _json("Error", "No feature has this slug."),
                    },
                }
            },
            "/api/features/{slug}/enrichment": {
                "get": {
                    "summary": "A feature's dated events, glossary terms, places and key figures",
                    "parameters": [
                        {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {
                        "200": _json("Enrichment", "The feature's enrichment."),
                        "304": not_modified,
                        "404": _json("Error", "No feature has this slug."),
                    },
                }
            },
            "/api/timeline": {
                "get": {
                    "summary": "Dated events of the library or one series, in time order",
                    "parameters": [{"name": "series", "in": "query", "schema": {"type": "string"}}],
                    "responses": {"200": _json("Timeline", "The events."), "304": not_modified},
                }
            },
            "/api/glossary": {
                "get": {
                    "summary": "The library's bilingual glossary, by English name",
                    "parameters": [{"name": "series", "in": "query", "schema": {"type": "string"}}],
                    "responses": {"200": _json("Glossary", "The terms."), "304": not_modified},
                }
            },
        },
        "components": {
            "schemas": {
                "SearchResults": SEARCH_RESULTS_SCHEMA,
                "Block": _BLOCK,
                "Feature": _FEATURE,
                "FeatureSummary": _SUMMARY,
                "FeaturePage": {
                    "type": "object",
                    "required": ["page", "per_page", "total", "pages", "previous", "next", "items"],
                    "properties": {
                        "page": {"type": "integer"},
                        "per_page": {"type": "integer"},
                        "total": {"type": "integer"},
                        "pages": {"type": "integer"},
                        "previous": {"type": ["string", "null"]},
                        "next": {"type": ["string", "null"]},
                        "items": {"type": "array", "items": {"$ref": "#/components/schemas/FeatureSummary"}},
                    },
                },
                "SeriesList": {
                    "type": "object",
                    "properties": {
                        "series": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "key": {"type": "string"},
                                    "title": {"type": ["string", "null"]},
                                    "features": {"type": "integer"},
                                    "url": {"type": "string"},
                                },
                            },
                        }
                    },
                },
                "Span": _SPAN,
                "Event": _EVENT,
                "Term": _TERM,
                "Enrichment": _ENRICHMENT,
                "Timeline": {
                    "type": "object",
                    "properties": {
                        "events": {
                            "type": "array",
                            "items": {
                                "allOf": [
                                    {"$ref": "#/components/schemas/Event"},
                                    {
                                        "properties": {
                                            "year": {"type": ["integer", "null"]},
                                            "feature": {"type": "string"},
                                            "title": {"type": "string"},
                                            "part": {"type": ["integer", "null"]},
                                            "series": {"type": ["string", "null"]},
                                        }
                                    },
                                ]
                            },
                        }
                    },
                },
                "Glossary": {
                    "type": "object",
                    "properties": {
                        "terms": {
                            "type": "array",
                            "items": {
                                "allOf": [
                                    {"$ref": "#/components/schemas/Term"},
                                    {
                                        "properties": {
                                            "features": {"type": "array", "items": {"type": "string"}}
                                        }
                                    },
                                ]
                            },
                        }
                    },
                },
                "Error": _ERROR,
            }
        },
    }
