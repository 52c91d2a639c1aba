"""One shape per thing (issue 9): the CLI's JSON and CSV, the API and the CSV export use the
same field names for the timeline, the glossary and the places; one CSV writer for all."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from factories import make_feature
from handscroll.cli import app
from handscroll.config import Settings
from handscroll.enrich import enrich_feature
from handscroll.enrich.dates import find_dates
from handscroll.model import Paragraph
from handscroll.publish.rows import csv_bytes, csv_columns
from handscroll.publish.shapes import (
    GEOMETRY_FIELDS,
    DateShape,
    FigureShape,
    GlossaryTerm,
    PlaceShape,
    Shape,
    SpanShape,
    TimelineEvent,
    date_shapes,
    figure_shapes,
    place_shapes,
    places_geojson,
    term_shapes,
)
from handscroll.publish.web import create_app
from handscroll.samples import sample_paths

runner = CliRunner()
SPAN = ["block", "field", "paragraph", "start", "end"]


def _csv(data: bytes) -> list[dict[str, str]]:
    """Read CSV as a spreadsheet would, after checking the writer's BOM and CRLF."""
    assert data.startswith("\ufeff".encode()), "UTF-8 with a BOM"
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""), "CRLF line ends only"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _spread(keys: list[str]) -> list[str]:
    """JSON field names as CSV columns: a span is spread into its own five."""
    return [column for key in keys for column in (SPAN if key == "span" else [key])]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One sample feature through every door: CLI JSON and CSV, the API, the CSV export."""
    tmp = tmp_path_factory.mktemp("shapes")
    db = tmp / "lib.db"
    imported = runner.invoke(app, ["import", *map(str, sample_paths()), "--db", str(db)])
    assert imported.exit_code == 0, imported.output
    slug = json.loads(runner.invoke(app, ["timeline", str(sample_paths()[0])]).stdout)[0]["feature"]
    got: dict[str, Any] = {"slug": slug}
    for command in ("timeline", "glossary", "places"):
        as_json = runner.invoke(app, [command, slug, "--db", str(db)])
        as_csv = runner.invoke(app, [command, slug, "--db", str(db), "--format", "csv"])
        assert as_json.exit_code == 0 and as_csv.exit_code == 0, as_json.output + as_csv.output
        got[f"cli {command}"] = json.loads(as_json.stdout)
        got[f"csv {command}"] = _csv(as_csv.stdout_bytes)
    url = f"sqlite:///{db}"
    with TestClient(create_app(url, Settings(db=url), cache_dir=tmp / "cache")) as reader:
        got["api enrichment"] = reader.get(f"/api/features/{slug}/enrichment").json()
        got["api timeline"] = reader.get("/api/timeline").json()["events"]
        got["api glossary"] = reader.get("/api/glossary").json()["terms"]
    exported = runner.invoke(app, ["export", "csv", "--db", str(db), "-o", str(tmp / "out")])
    assert exported.exit_code == 0, exported.output
    got["export timeline"] = _csv((tmp / "out" / "timeline.csv").read_bytes())
    got["export glossary"] = _csv((tmp / "out" / "glossary.csv").read_bytes())
    return got


def test_the_timeline_has_one_set_of_names(outputs: dict[str, Any]) -> None:
    names = list(TimelineEvent.model_fields)
    assert "index" not in names and "date" not in names and {"value", "mod", "span"} <= set(names)
    for key in ("cli timeline", "api timeline"):
        assert outputs[key] and all(list(event) == names for event in outputs[key]), key
    assert all(list(event) == names for event in outputs["api enrichment"]["events"])
    assert list(outputs["cli timeline"][0]["span"]) == SPAN
    for key in ("csv timeline", "export timeline"):
        assert list(outputs[key][0]) == _spread(names), key
    cli, api = outputs["cli timeline"][0], outputs["api enrichment"]["events"]
    same = next(e for e in api if e["span"] == cli["span"])
    assert {k: v for k, v in same.items() if k != "url"} == {k: v for k, v in cli.items() if k != "url"}
    assert cli["url"] is None and same["url"].endswith(cli["feature"] + "#" + same["url"].split("#")[1])


def test_the_glossary_has_one_set_of_names(outputs: dict[str, Any]) -> None:
    names = list(GlossaryTerm.model_fields)
    for terms in (outputs["cli glossary"], outputs["api glossary"], outputs["api enrichment"]["terms"]):
        assert terms and all(list(term) == names for term in terms)
    assert outputs["cli glossary"] == outputs["api enrichment"]["terms"]
    for key in ("csv glossary", "export glossary"):
        assert list(outputs[key][0]) == _spread(names), key
    first_json, first_csv = outputs["cli glossary"][0], outputs["csv glossary"][0]
    assert first_csv["start"] == str(first_json["span"]["start"])
    assert first_csv["mentions"] == str(len(first_json["mentions"]))
    assert outputs["export glossary"][0]["mentions"] == ""  # the library glossary lists features instead


def test_the_places_have_one_set_of_names(outputs: dict[str, Any]) -> None:
    names = list(PlaceShape.model_fields)
    assert outputs["cli places"] and all(list(place) == names for place in outputs["cli places"])
    geojson = outputs["api enrichment"]["places"]
    assert geojson["type"] == "FeatureCollection"
    for item, place in zip(geojson["features"], outputs["cli places"], strict=True):
        assert list(item["properties"]) == [n for n in names if n not in GEOMETRY_FIELDS]
        assert item["geometry"]["coordinates"] == [place["lon"], place["lat"]]
        assert item["properties"] == {k: v for k, v in place.items() if k not in GEOMETRY_FIELDS}
    assert list(outputs["csv places"][0]) == _spread(names)


def test_dates_keep_value_and_mod_always_present() -> None:
    rows = [d.dump() for d in date_shapes(find_dates("In early 1946 and in March 1946."))]
    assert rows == [
        {
            "start": 3,
            "end": 13,
            "text": "early 1946",
            "type": "DATE",
            "value": "1946",
            "mod": "START",
            "quant": None,
            "freq": None,
        },
        {
            "start": 21,
            "end": 31,
            "text": "March 1946",
            "type": "DATE",
            "value": "1946-03",
            "mod": None,
            "quant": None,
            "freq": None,
        },
    ]


def test_places_as_geojson_frame_a_region_by_its_box() -> None:
    feature = make_feature(
        title="A test feature", blocks=(Paragraph(text="From Mukden (瀋陽) into Manchuria."),)
    )
    shapes = place_shapes(enrich_feature(feature).places, feature.slug)
    assert [(p.name, p.modern_name, p.kind, len(p.mentions)) for p in shapes] == [
        ("Mukden", "Shenyang", "city", 1),
        ("Manchuria", "Northeast China", "region", 1),
    ]
    collection = places_geojson(shapes)
    assert json.loads(json.dumps(collection)) == collection
    city, region = collection["features"]
    assert city["geometry"]["coordinates"] == [shapes[0].lon, shapes[0].lat] and "bbox" not in city
    west, south, east, north = region["bbox"]
    lon, lat = region["geometry"]["coordinates"]
    assert west < lon < east and south < lat < north


def test_figures_and_terms_in_csv_keep_chinese_and_spread_the_span() -> None:
    feature = make_feature(
        title="A test feature",
        blocks=(Paragraph(text="The Chinese Communist Party (中國共產黨) counted 300,000 workers."),),
    )
    enrichment = enrich_feature(feature)
    figures = figure_shapes(enrichment.figures, feature.slug)
    rows = _csv(csv_bytes(FigureShape, figures))
    assert rows == [
        {
            "value": "300000", "unit": "", "counted": "workers", "amount": "300,000",
            "text": "300,000 workers", "feature": feature.slug,
            "block": "0", "field": "text", "paragraph": "0",
            "start": str(figures[0].span.start), "end": str(figures[0].span.end),
        }
    ]  # fmt: skip
    terms = _csv(csv_bytes(GlossaryTerm, term_shapes(enrichment.terms, feature.slug)))
    assert terms[0]["traditional"] == "中國共產黨" and terms[0]["simplified"] == "中国共产党"
    assert terms[0]["features"] == feature.slug and list(terms[0]) == csv_columns(GlossaryTerm)


def test_the_cli_dates_csv_goes_through_the_one_writer(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Talks began in August 1945.", encoding="utf-8")
    result = runner.invoke(app, ["dates", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert _csv(result.stdout_bytes) == [
        {"start": "15", "end": "26", "text": "August 1945", "type": "DATE", "value": "1945-08", "mod": "",
         "quant": "", "freq": ""}
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("heading", "shape"),
    [
        ("Span", SpanShape),
        ("Timeline event", TimelineEvent),
        ("Glossary term", GlossaryTerm),
        ("Place", PlaceShape),
        ("Key figure", FigureShape),
        ("Date expression", DateShape),
    ],
)
def test_docs_formats_documents_every_field_with_an_example(heading: str, shape: type[Shape]) -> None:
    text = (Path(__file__).parents[2] / "docs" / "formats.md").read_text(encoding="utf-8")
    section = text.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE)
    assert documented == list(shape.model_fields)
    example = json.loads(section.split("```json\n", 1)[1].split("```", 1)[0])
    assert list(shape.model_validate(example).dump()) == list(example)
