"""Exports judged by their real clients (issue 6): epubcheck for EPUB, PyLD for JSON-LD, csv for CSV.

The browser clients (TimelineJS, the IIIF viewer) are in tests/browser/test_export_clients.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from browser.conftest import require_part
from factories import make_feature
from handscroll.cli import app
from handscroll.config import Settings
from handscroll.enrich import enrich_feature
from handscroll.model import Credit, Feature, Figure, Note, Paragraph, Question
from handscroll.pipeline import import_paths
from handscroll.publish.exports import EXPORT_FORMATS, ExportRequest, run_export
from handscroll.samples import SERIES, SERIES_TITLE, sample_paths
from handscroll.samples.images import generate_sample_media
from handscroll.store import ImportItem, Library
from publish.builders import XSS_PAYLOADS, fill_library, write_picture
from publish.conftest import ClientFactory

SCHEMA = "https://schema.org/"

LOCAL_SCHEMA_CONTEXT: dict[str, Any] = {
    "@context": {
        "@vocab": SCHEMA,
        "url": {"@type": "@id"},
        "contentUrl": {"@type": "@id"},
        "sameAs": {"@type": "@id"},
    }
}
"""The small schema.org context the tests give PyLD instead of fetching schema.org (no network)."""


@dataclass(frozen=True)
class ExportLibrary:
    """The samples (with their pictures, one removed) and a feature full of markup payloads."""

    url: str
    media: Path
    slugs: tuple[str, ...]
    missing: str


HOSTILE_SLUG = "01-hostile-export"


@pytest.fixture(scope="module")
def export_library(tmp_path_factory: pytest.TempPathFactory) -> ExportLibrary:
    folder = tmp_path_factory.mktemp("export-library")
    url = f"sqlite:///{folder / 'library.db'}"
    media = folder / "media"
    generate_sample_media(media)
    missing = "handscroll_sample_civilwar02_3"
    (media / f"{missing}.jpg").unlink()
    with Library.open(url) as library:
        summary = import_paths([str(p) for p in sample_paths()], library, Settings(db=url, media_dir=media))
        assert not summary.failed
        library.set_series_title(SERIES, SERIES_TITLE)
        slugs = tuple(f.slug for f in library.list_features())
    script, img, js = XSS_PAYLOADS
    fill_library(
        url,
        [
            Feature(
                title=f"Hostile {script} ]]> </ {img}",
                part=1,
                series="hostilesite_xss",
                slug=HOSTILE_SLUG,
                blocks=(
                    Paragraph(text=f"Narrative {script} & {js} (台灣 </script>)"),
                    Figure(media="hostilesite_xss01_1", caption=(f"Caption {script}",)),
                    Note(text=(f"Note {img}",)),
                    Question(prompt=f"Prompt {img}?", answer=(f"Answer {script}",)),
                    Credit(text=f"Credit {script}"),
                ),
            )
        ],
    )
    return ExportLibrary(url, media, slugs, missing)


def _export(lib: ExportLibrary, fmt: str, out: Path, **request: Any) -> Any:
    with Library.open(lib.url) as library:
        return run_export(fmt, library, ExportRequest(media_dir=lib.media, **request), out)


# --- EPUB -------------------------------------------------------------------------------------


def _epubcheck(book: Path, tmp_path: Path) -> list[dict[str, Any]]:
    """Every message epubcheck has about a book (fatal, error, warning, info, usage)."""
    found = shutil.which("epubcheck") or os.environ.get("HANDSCROLL_EPUBCHECK")
    java = shutil.which("java")
    if found is None or java is None:
        require_part("epubcheck is not installed: run `apt-get install -y epubcheck`")
    # Debian's /usr/bin/epubcheck is the jar itself (run through binfmt): call java on it directly.
    report = tmp_path / "epubcheck.json"
    done = subprocess.run(
        [java, "-jar", str(Path(found).resolve()), str(book), "--json", str(report)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert report.is_file(), done.stdout + done.stderr
    messages: list[dict[str, Any]] = json.loads(report.read_text(encoding="utf-8"))["messages"]
    return messages


@pytest.mark.parametrize("scope", ["series", "feature", "library"])
def test_epub_passes_epubcheck_with_no_message_at_all(
    export_library: ExportLibrary, tmp_path: Path, scope: str
) -> None:
    request = {"series": {"series": SERIES}, "feature": {"slug": export_library.slugs[1]}, "library": {}}[
        scope
    ]
    book = tmp_path / "book.epub"
    report = _export(export_library, "epub", book, **request)
    messages = _epubcheck(book, tmp_path)
    assert messages == [], json.dumps(messages, indent=1)
    assert report.written == [book]
    # Every scope holds the second part, whose third picture is missing.
    assert any(export_library.missing in line for line in report.skipped)


def test_epub_holds_cover_chapters_answers_appendices_and_chinese_lang(
    export_library: ExportLibrary, tmp_path: Path
) -> None:
    book = tmp_path / "series.epub"
    report = _export(export_library, "epub", book, series=SERIES)
    assert [line for line in report.skipped if export_library.missing in line]
    with zipfile.ZipFile(book) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.read("mimetype") == b"application/epub+zip"
        opf = archive.read("OEBPS/content.opf").decode()
        nav = archive.read("OEBPS/nav.xhtml").decode()
        chapter = archive.read("OEBPS/chapter-01.xhtml").decode()
        names = archive.namelist()
    assert 'properties="cover-image"' in opf and "dcterms:modified" in opf
    assert f"<dc:title>{SERIES_TITLE.replace(chr(39), '&#39;')}</dc:title>" in opf
    assert "<dc:language>en</dc:language>" in opf and "urn:uuid:" in opf
    assert "chapter-03.xhtml" in nav and "timeline.xhtml" in nav and "glossary.xhtml" in nav
    assert '<span lang="zh-Hant" xml:lang="zh-Hant">蔣介石</span>' in chapter
    assert '<aside epub:type="sidebar"' in chapter and "<figcaption>" in chapter
    assert 'href="#answer-1"' in chapter and 'id="answer-1"' in chapter and 'href="#question-1"' in chapter
    assert chapter.index('id="answers"') > chapter.index("<figure")
    assert "OEBPS/images/handscroll_sample_civilwar01_1.jpg" in names
    assert f"OEBPS/images/{export_library.missing}.jpg" not in names


def test_epub_escapes_hostile_text(export_library: ExportLibrary, tmp_path: Path) -> None:
    book = tmp_path / "hostile.epub"
    _export(export_library, "epub", book, slug=HOSTILE_SLUG)
    with zipfile.ZipFile(book) as archive:
        chapter = archive.read("OEBPS/chapter-01.xhtml").decode()
    assert "<script" not in chapter and "<img src=x" not in chapter
    assert "&lt;script&gt;" in chapter


# --- JSON-LD ----------------------------------------------------------------------------------


def _expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    from pyld import jsonld

    def loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        if url.rstrip("/") != SCHEMA.rstrip("/"):
            raise AssertionError(f"the test tried to fetch {url}")
        return {"contextUrl": None, "documentUrl": url, "document": LOCAL_SCHEMA_CONTEXT}

    expanded: list[dict[str, Any]] = jsonld.expand(document, {"documentLoader": loader})
    return expanded


def _nodes(expanded: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every node of an expanded graph, embedded ones too, by @id (blank ones by a counter)."""
    found: dict[str, dict[str, Any]] = {}

    def walk(value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            if "@type" in value:
                found[value.get("@id", f"_:{len(found)}")] = value
            for key, item in value.items():
                if not key.startswith("@") or key == "@graph":
                    walk(item)

    walk(expanded)
    return found


def _of_type(nodes: dict[str, dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [n for n in nodes.values() if SCHEMA + name in n["@type"]]


def test_jsonld_expands_with_pyld_into_the_schema_org_graph(
    export_library: ExportLibrary, tmp_path: Path
) -> None:
    out = tmp_path / "library.jsonld"
    report = _export(export_library, "jsonld", out, series=SERIES, base_url="https://example.org/")
    assert any(export_library.missing in line for line in report.skipped)
    nodes = _nodes(_expand(json.loads(out.read_text(encoding="utf-8"))))
    articles = _of_type(nodes, "Article")
    assert len(articles) == 3 and all(SCHEMA + "LearningResource" in a["@type"] for a in articles)
    first = nodes[f"https://example.org/features/{export_library.slugs[0]}#article"]
    assert first[SCHEMA + "url"] == [{"@id": f"https://example.org/features/{export_library.slugs[0]}"}]
    assert first[SCHEMA + "isPartOf"][0][SCHEMA + "name"] == [{"@value": SERIES_TITLE}]
    images = _of_type(nodes, "ImageObject")
    assert images and all(SCHEMA + "caption" in i and SCHEMA + "contentUrl" in i for i in images)
    assert not [i for i in images if export_library.missing in i["@id"]]
    questions = _of_type(nodes, "Question")
    assert questions
    for question in questions:
        answer = question[SCHEMA + "acceptedAnswer"][0]
        assert SCHEMA + "Answer" in answer["@type"] and answer[SCHEMA + "text"][0]["@value"]
    sets = _of_type(nodes, "DefinedTermSet")
    terms = _of_type(nodes, "DefinedTerm")
    assert sets and terms
    chiang = next(t for t in terms if t[SCHEMA + "name"] == [{"@value": "Chiang Kai-shek"}])
    assert {"@value": "蔣介石", "@language": "zh-hant"} in chiang[SCHEMA + "alternateName"]
    events = _of_type(nodes, "Event")
    assert {"1945-08-15", "1945-10-10"} <= {e[SCHEMA + "startDate"][0]["@value"] for e in events}
    places = _of_type(nodes, "Place")
    chongqing = next(p for p in places if {"@value": "Chongqing"} in p[SCHEMA + "name"])
    geo = chongqing[SCHEMA + "geo"][0]
    assert abs(geo[SCHEMA + "latitude"][0]["@value"] - 29.56) < 0.1


def test_jsonld_of_a_feature_and_of_the_library(export_library: ExportLibrary, tmp_path: Path) -> None:
    one = tmp_path / "one.jsonld"
    _export(export_library, "jsonld", one, slug=export_library.slugs[2])
    assert len(_of_type(_nodes(_expand(json.loads(one.read_text(encoding="utf-8")))), "Article")) == 1
    everything = tmp_path / "all.jsonld"
    _export(export_library, "jsonld", everything)
    assert len(_of_type(_nodes(_expand(json.loads(everything.read_text(encoding="utf-8")))), "Article")) == 4


def test_script_json_cannot_close_its_script_element() -> None:
    from handscroll.publish.jsonld import script_json

    text = script_json({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["name"] == "</script><script>alert(1)</script> & <!--"


# --- CSV --------------------------------------------------------------------------------------


def test_csv_has_a_bom_and_reads_back_with_chinese(export_library: ExportLibrary, tmp_path: Path) -> None:
    report = _export(export_library, "csv", tmp_path, series=SERIES)
    assert sorted(p.name for p in report.written) == ["glossary.csv", "timeline.csv"]
    glossary_bytes = (tmp_path / "glossary.csv").read_bytes()
    assert glossary_bytes.startswith(b"\xef\xbb\xbf")
    glossary = list(csv.DictReader(io.StringIO(glossary_bytes.decode("utf-8-sig"), newline="")))
    chiang = next(row for row in glossary if row["english"] == "Chiang Kai-shek")
    assert (chiang["traditional"], chiang["simplified"], chiang["pinyin"]) == (
        "蔣介石",
        "蒋介石",
        "jiǎng jiè shí",
    )
    timeline_bytes = (tmp_path / "timeline.csv").read_bytes()
    assert timeline_bytes.startswith(b"\xef\xbb\xbf") and b"\r\n" in timeline_bytes
    timeline = list(csv.DictReader(io.StringIO(timeline_bytes.decode("utf-8-sig"), newline="")))
    assert {"1945-08-15", "1949-10-01"} <= {row["value"] for row in timeline}
    assert all(row["series"] == SERIES for row in timeline)


# --- the command ------------------------------------------------------------------------------


def test_export_help_lists_every_format() -> None:
    result = CliRunner().invoke(app, ["export", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for name in EXPORT_FORMATS:
        assert name in result.output


@pytest.mark.parametrize("fmt", ["epub", "jsonld", "csv", "timelinejs", "iiif"])
def test_export_command_works_on_a_series_a_feature_and_the_library(
    export_library: ExportLibrary, tmp_path: Path, fmt: str
) -> None:
    if fmt not in EXPORT_FORMATS:
        pytest.skip(f"{fmt} is not registered")
    runner = CliRunner()
    base = ["export", fmt, "--db", export_library.url, "--media", str(export_library.media)]
    for name, extra in (
        ("series", ["--series", SERIES]),
        ("feature", ["--feature", export_library.slugs[1]]),
        ("library", []),
    ):
        result = runner.invoke(app, [*base, *extra, "-o", str(tmp_path / name)], env={"COLUMNS": "300"})
        assert result.exit_code == 0, result.output
        assert "wrote" in result.stdout
        if fmt in ("epub", "jsonld", "iiif"):  # every scope holds part 2, whose third picture is missing
            assert export_library.missing in result.stderr
        if fmt == "timelinejs":  # part 2 says "weeks earlier": no date a slide could have
            assert "has no calendar date" in result.stderr


def test_export_command_refuses_unknown_things(export_library: ExportLibrary, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["export", "docx", "-o", str(tmp_path / "x")])
    assert result.exit_code == 2 and "docx" in result.output
    result = runner.invoke(app, ["export", "csv", "--db", export_library.url, "--series", "nope", "-o", "x"])
    assert result.exit_code == 1 and "no series 'nope'" in result.output
    result = runner.invoke(
        app, ["export", "csv", "--db", export_library.url, "--series", SERIES, "--feature", "x", "-o", "x"]
    )
    assert result.exit_code == 1 and "not both" in result.output


# --- IIIF -------------------------------------------------------------------------------------


def test_iiif_manifests_validate_with_iiif_prezi3(export_library: ExportLibrary, tmp_path: Path) -> None:
    from iiif_prezi3 import Manifest

    report = _export(export_library, "iiif", tmp_path, base_url="https://example.org/")
    assert any(export_library.missing in line and "no canvas" in line for line in report.skipped)
    for slug in (*export_library.slugs, HOSTILE_SLUG):
        data = json.loads((tmp_path / slug / "manifest.json").read_text(encoding="utf-8"))
        manifest = Manifest.model_validate(data)
        assert json.loads(manifest.jsonld()) == data  # nothing we wrote was dropped or changed
        assert data["homepage"][0]["id"] == f"https://example.org/features/{slug}"
    second = json.loads((tmp_path / export_library.slugs[1] / "manifest.json").read_text(encoding="utf-8"))
    assert len(second["items"]) == 6  # seven figures, one picture missing
    canvas = second["items"][0]
    assert (canvas["width"], canvas["height"]) == (1200, 800)
    body = canvas["items"][0]["items"][0]["body"]
    assert body["id"].startswith("https://example.org/iiif/images/") and body["format"] == "image/jpeg"
    assert (tmp_path / "images" / body["id"].rsplit("/", 1)[1]).is_file()
    assert second["requiredStatement"]["value"]["en"][0].startswith("Source of photos")
    assert canvas["summary"]["en"][0].startswith(canvas["label"]["en"][0].rstrip("…"))
    hostile = json.loads((tmp_path / HOSTILE_SLUG / "manifest.json").read_text(encoding="utf-8"))
    assert hostile["items"] == []


def test_iiif_values_that_look_like_html_stay_text() -> None:
    from handscroll.publish.iiif import plain_text

    assert plain_text("<script>alert(1)</script>") == "<span>&lt;script&gt;alert(1)&lt;/script&gt;</span>"
    assert plain_text("Caption <b>") == "Caption <b>"  # not HTML to IIIF: it does not start with <


def test_the_reader_serves_a_valid_manifest_per_feature(make_client: ClientFactory) -> None:
    from iiif_prezi3 import Manifest

    feature = make_feature()
    client = make_client([feature], missing=(feature.figures[-1].media,))
    response = client.get(f"/iiif/{feature.slug}/manifest.json")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    assert response.headers["access-control-allow-origin"] == "*"
    data = response.json()
    Manifest.model_validate(data)
    assert data["id"] == f"http://testserver/iiif/{feature.slug}/manifest.json"
    assert data["homepage"][0]["id"] == f"http://testserver/features/{feature.slug}"
    assert len(data["items"]) == len(feature.figures) - 1  # the missing picture has no canvas
    canvas = data["items"][0]
    assert (canvas["width"], canvas["height"]) == (1000, 600)  # the picture's real size
    body = canvas["items"][0]["items"][0]["body"]
    assert client.get(body["id"].removeprefix("http://testserver")).status_code == 200
    assert client.get("/iiif/no-such-feature/manifest.json").status_code == 404


def test_the_static_build_writes_manifests_only_with_a_base_url(
    export_library: ExportLibrary, tmp_path: Path
) -> None:
    from handscroll.publish.site import build_site

    settings = Settings(db=export_library.url, media_dir=export_library.media)
    with Library.open(export_library.url) as library:
        build_site(library, tmp_path / "plain", settings)
        plain = tmp_path / "plain" / "iiif"
        # Deep-zoom tiles are cut in any case (issue 14); manifests and info.json need absolute ids.
        assert not list(plain.rglob("manifest.json")) and not list(plain.rglob("info.json"))
        assert list(plain.glob("image/*/full/*/0/default.jpg"))
        site = tmp_path / "site"
        build_site(library, site, settings, base_url="https://example.org/history/")
        manifest = site / "iiif" / export_library.slugs[0] / "manifest.json"
        data = json.loads(manifest.read_text(encoding="utf-8"))
        assert data["id"] == f"https://example.org/history/iiif/{export_library.slugs[0]}/manifest.json"
        body = data["items"][0]["items"][0]["items"][0]["body"]
        assert (site / body["id"].removeprefix("https://example.org/history/")).is_file()
        media_id = body["id"].rsplit("/", 1)[-1].removesuffix("-large.webp")
        info = json.loads((site / "iiif" / "image" / media_id / "info.json").read_text(encoding="utf-8"))
        assert info["id"] == f"https://example.org/history/iiif/image/{media_id}"
        assert info["width"] == data["items"][0]["width"] and info["profile"] == "level0"
        before = manifest.stat().st_mtime_ns
        build_site(library, site, settings, base_url="https://example.org/history/")
        assert manifest.stat().st_mtime_ns == before  # unchanged manifests are not rewritten


def test_an_empty_library_is_refused_clearly(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    result = CliRunner().invoke(app, ["export", "epub", "--db", url, "-o", str(tmp_path / "book.epub")])
    assert result.exit_code == 1 and "nothing to export" in result.output
    assert not (tmp_path / "book.epub").exists()


def test_epub_templates_use_what_their_contexts_declare() -> None:
    from dataclasses import fields

    from handscroll.publish.chapters import TimelineLine
    from handscroll.publish.epub import TEMPLATES, Book, TocEntry

    text = "".join(p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.xhtml"))
    for context, name in ((Book, "book"), (TimelineLine, "event"), (TocEntry, "item")):
        unused = [f.name for f in fields(context) if f"{name}.{f.name}" not in text]
        assert not unused, f"{context.__name__} fields no template uses: {unused}"


def test_a_chinese_feature_makes_a_valid_chinese_book(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'zh.db'}"
    feature = Feature(
        title="重慶談判",
        part=1,
        series="zhsite_civilwar",
        language="zh-Hant",
        blocks=(
            Paragraph(text="一九四五年八月二十八日，毛澤東飛抵重慶。"),
            Question(prompt="談判為何失敗？", answer=("雙方互不信任。",)),
        ),
    )
    fill_library(url, [feature])
    book = tmp_path / "zh.epub"
    with Library.open(url) as library:
        run_export("epub", library, ExportRequest(), book)
    assert _epubcheck(book, tmp_path) == []
    with zipfile.ZipFile(book) as archive:
        opf = archive.read("OEBPS/content.opf").decode()
        chapter = archive.read("OEBPS/chapter-01.xhtml").decode()
    assert "<dc:language>zh-Hant</dc:language>" in opf
    assert 'xml:lang="zh-Hant" lang="zh-Hant"' in chapter


def test_timelinejs_escapes_what_timelinejs_renders_as_html(tmp_path: Path) -> None:
    script, img, _ = XSS_PAYLOADS
    feature = Feature(
        title=f"Dated {script}",
        part=1,
        series="hostilesite_xss",
        hero="hostilesite_xss01_1",
        blocks=(
            Paragraph(text=f"On 1 May 1946 the army moved {img}."),
            Figure(media="hostilesite_xss01_1", caption=(f"In June 1946 {script}",)),
            Credit(text=f"Credit {img}"),
        ),
    )
    url = f"sqlite:///{tmp_path / 'x.db'}"
    with Library.open(url) as library:
        library.import_features([ImportItem(feature, "x", "x", enrich_feature(feature))])
        media = tmp_path / "media"
        write_picture(media, "hostilesite_xss01_1")
        run_export("timelinejs", library, ExportRequest(media_dir=media), tmp_path / "t.json")
    document = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))
    assert len(document["events"]) == 2
    text = json.dumps(document)
    assert "<script" not in text and "<img" not in text
    assert "&lt;script&gt;" in text
