"""Exports opened by their real clients in Chromium (issue 6): TimelineJS 3 and a IIIF viewer (TIFY).

Both come from npm (`npm ci` at the repository root) and are served from
loopback with the exported files; every request that leaves loopback is
refused, so a client that reached for a CDN fails here. Screenshots go to
test-output/screenshots/.
"""

from __future__ import annotations

import functools
import json
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from browser.conftest import SampleLibrary, Watch, clean_screenshots, require_part
from handscroll.publish.exports import ExportRequest, run_export
from handscroll.store import Library

pytestmark = pytest.mark.browser

NODE_MODULES = Path(__file__).parents[2] / "node_modules"
TIMELINEJS = NODE_MODULES / "@knight-lab" / "timelinejs" / "dist"
TIFY = NODE_MODULES / "tify" / "dist"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def serve_folder(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on a free loopback port: (folder, base URL ending in /)."""
    root = tmp_path / "site"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


def _local_only(page: Any, base: str, refused: list[str], *others: str) -> None:
    def route(r: Any) -> None:
        if r.request.url.startswith((base, "data:", *others)):
            r.continue_()
        else:
            refused.append(r.request.url)
            r.abort()

    page.route("**/*", route)


TIMELINE_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Timeline</title>
<link rel="stylesheet" href="timelinejs/css/timeline.css">
<script src="timelinejs/js/timeline.js"></script></head>
<body><div id="timeline-embed" style="width: 100%; height: 640px"></div>
<script>
window.timelineReady = false;
fetch("timeline.json").then(r => r.json()).then(data => {
  // script_path: the fonts and locales next to our copy, not on Knight Lab's CDN; a system-font pair;
  // language: the TimelineJS locale the export names for its edition (issue 12).
  window.timeline = new TL.Timeline("timeline-embed", data, {
    hash_bookmark: false,
    script_path: new URL("timelinejs/js/", location.href).href,
    font: "georgia-helvetica",
    language: data.handscroll.timelinejs_language
  });
  window.timeline.on("loaded", function () { window.timelineReady = true; });
});
</script></body></html>
"""


def test_timelinejs_shows_every_event_as_a_slide(
    sample_library: SampleLibrary, serve_folder: tuple[Path, str], watched: tuple[Any, Watch]
) -> None:
    if not (TIMELINEJS / "js" / "timeline.js").is_file():
        require_part(f"TimelineJS is not installed in {NODE_MODULES}: run `npm ci` at the repository root")
    root, base = serve_folder
    shutil.copytree(TIMELINEJS, root / "timelinejs")
    (root / "index.html").write_text(TIMELINE_PAGE, encoding="utf-8")
    with Library.open(sample_library.url) as library:
        report = run_export(
            "timelinejs",
            library,
            ExportRequest(media_dir=sample_library.settings.media_dir),
            root / "timeline.json",
        )
    document = json.loads((root / "timeline.json").read_text(encoding="utf-8"))
    events = document["events"]
    assert len(events) > 20 and document["eras"]
    assert any("month" in e["start_date"] and "day" not in e["start_date"] for e in events)
    assert any("day" in e["start_date"] for e in events) and any("end_date" in e for e in events)
    assert all(e["media"]["url"].startswith("timeline-media/") for e in events if "media" in e)
    assert len(report.written) > 1
    page, watch = watched
    refused: list[str] = []
    _local_only(page, base, refused)
    page.goto(base + "index.html")
    page.wait_for_function("window.timelineReady === true", timeout=30_000)
    slides = page.evaluate("window.timeline._storyslider._slides.length")
    assert slides == len(events) + 1  # the title slide, then one per event
    ids = page.evaluate("window.timeline._storyslider._slides.map(s => s.data.unique_id)")
    assert set(ids) >= {e["unique_id"] for e in events}
    assert page.locator(".tl-timemarker").count() == len(events)
    assert page.locator(".tl-message-full").count() == 0  # the timeline's own error box
    # Step onto the first event, so the screenshot shows our text and picture.
    page.evaluate("window.timeline.goTo(1)")
    page.wait_for_timeout(1500)
    headline = page.locator(".tl-slide-content .tl-headline").nth(1).inner_text()
    assert headline.strip()
    page.screenshot(path=str(clean_screenshots() / "timelinejs.png"))
    assert not refused, refused
    assert not watch.errors, watch.errors


VIEWER_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>IIIF viewer</title>
<link rel="stylesheet" href="tify/tify.css"></head>
<body><div id="tify" style="height: 760px"></div>
<script type="module">
import Tify from "./tify/tify.js";
const params = new URLSearchParams(location.search);
window.tify = new Tify({
  container: "#tify",
  manifestUrl: params.get("manifest"),
  translationsDirUrl: "tify/translations",
  view: "thumbnails"
});
window.tify.ready.then(() => { window.tifyReady = true; }, (e) => { window.tifyError = String(e); });
</script></body></html>
"""


def test_iiif_manifest_opens_in_the_tify_viewer(
    sample_library: SampleLibrary, serve_folder: tuple[Path, str], watched: tuple[Any, Watch]
) -> None:
    if not (TIFY / "tify.js").is_file():
        require_part(f"TIFY is not installed in {NODE_MODULES}: run `npm ci` at the repository root")
    from iiif_prezi3 import Manifest

    root, base = serve_folder
    shutil.copytree(TIFY, root / "tify")
    (root / "index.html").write_text(VIEWER_PAGE, encoding="utf-8")
    (root / "favicon.ico").write_bytes(b"")
    slug = sample_library.slugs[0]
    with Library.open(sample_library.url) as library:
        run_export(
            "iiif",
            library,
            ExportRequest(
                series=sample_library.series, media_dir=sample_library.settings.media_dir, base_url=base
            ),
            root / "iiif",
        )
        feature = library.get_feature(slug)
    data = json.loads((root / "iiif" / slug / "manifest.json").read_text(encoding="utf-8"))
    manifest = Manifest.model_validate(data)
    assert len(manifest.items) == len(feature.figures)
    page, watch = watched
    refused: list[str] = []
    _local_only(page, base, refused)
    page.goto(f"{base}index.html?manifest=iiif/{slug}/manifest.json")
    page.wait_for_function("window.tifyReady === true || window.tifyError !== undefined", timeout=30_000)
    assert page.evaluate("window.tifyError") is None
    title = page.locator(".tify-header-title").inner_text()
    assert " ".join(title.replace("\xa0", " ").split()) == feature.title  # TIFY keeps the last words together
    assert page.locator(".tify-thumbnails-item").count() == len(feature.figures)
    first_caption = feature.figures[0].caption[0]
    assert first_caption[:40] in page.locator(".tify-thumbnails-item").first.inner_text()
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.tify-thumbnails-image'))"
        ".every(i => i.complete && i.naturalWidth > 0)",
        timeout=15_000,
    )
    page.wait_for_timeout(1000)  # let OpenSeadragon draw the first picture
    page.screenshot(path=str(clean_screenshots() / "iiif-tify.png"))
    page.click("text=Info")
    info = page.locator(".tify-main").inner_text()
    assert "Source of photos" in info and feature.title in info
    assert not refused, refused
    assert not watch.errors, watch.errors


LOCAL_SCHEMA_CONTEXT = {"@context": {"@vocab": "https://schema.org/", "url": {"@type": "@id"}}}
"""A small schema.org context given to PyLD instead of the network."""


@pytest.mark.parametrize("which", ["sample", "hostile"])
def test_feature_pages_carry_json_ld_that_pyld_expands(
    sample_library: SampleLibrary, live_url: str, watched: tuple[Any, Watch], which: str
) -> None:
    from pyld import jsonld

    from browser.conftest import HOSTILE_SLUG

    slug = sample_library.slugs[0] if which == "sample" else HOSTILE_SLUG
    page, watch = watched
    page_url = f"{live_url}/features/{slug}"
    page.goto(page_url)
    blocks = page.locator('script[type="application/ld+json"]')
    assert blocks.count() == 1
    data = json.loads(blocks.first.text_content())

    def loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        assert url.rstrip("/") == "https://schema.org", f"tried to fetch {url}"
        return {"contextUrl": None, "documentUrl": url, "document": LOCAL_SCHEMA_CONTEXT}

    expanded = jsonld.expand(data, {"documentLoader": loader, "base": page_url})
    article = next(n for n in expanded if "https://schema.org/Article" in n.get("@type", []))
    assert article["@id"] == f"{page_url}#article"  # relative links resolve against the page
    assert article["https://schema.org/url"] == [{"@id": page_url}]
    if which == "sample":
        assert article["https://schema.org/image"] and article["https://schema.org/hasPart"]
    else:
        assert "<script>" in article["https://schema.org/headline"][0]["@value"]  # kept as text
    assert not watch.errors, watch.errors  # a CSP refusal would show here
    assert not watch.dialogs


def test_the_readers_manifest_opens_in_tify_from_another_origin(
    sample_library: SampleLibrary, live_url: str, serve_folder: tuple[Path, str], watched: tuple[Any, Watch]
) -> None:
    if not (TIFY / "tify.js").is_file():
        require_part(f"TIFY is not installed in {NODE_MODULES}: run `npm ci` at the repository root")
    root, base = serve_folder
    shutil.copytree(TIFY, root / "tify")
    (root / "index.html").write_text(VIEWER_PAGE, encoding="utf-8")
    (root / "favicon.ico").write_bytes(b"")
    slug = sample_library.slugs[1]
    with Library.open(sample_library.url) as library:
        feature = library.get_feature(slug)
    page, watch = watched
    refused: list[str] = []
    _local_only(page, base, refused, live_url)
    page.goto(f"{base}index.html?manifest={live_url}/iiif/{slug}/manifest.json")
    page.wait_for_function("window.tifyReady === true || window.tifyError !== undefined", timeout=30_000)
    assert page.evaluate("window.tifyError") is None
    assert page.locator(".tify-thumbnails-item").count() == len(feature.figures)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.tify-thumbnails-image'))"
        ".every(i => i.complete && i.naturalWidth > 0)",
        timeout=15_000,
    )
    page.wait_for_timeout(1000)
    page.screenshot(path=str(clean_screenshots() / "iiif-tify-reader.png"))
    assert not refused, refused
    assert not watch.errors, watch.errors


def test_a_static_sites_manifest_opens_in_tify(
    sample_library: SampleLibrary, serve_folder: tuple[Path, str], watched: tuple[Any, Watch]
) -> None:
    if not (TIFY / "tify.js").is_file():
        require_part(f"TIFY is not installed in {NODE_MODULES}: run `npm ci` at the repository root")
    from iiif_prezi3 import Manifest

    from handscroll.publish.site import build_site

    root, base = serve_folder
    with Library.open(sample_library.url) as library:
        build_site(library, root, sample_library.settings, base_url=base)
        feature = library.get_feature(sample_library.slugs[2])
    manifest_path = root / "iiif" / feature.slug / "manifest.json"
    data = json.loads(manifest_path.read_text(encoding="utf-8"))
    Manifest.model_validate(data)
    assert data["homepage"][0]["id"] == f"{base}features/{feature.slug}.html"
    assert (root / "features" / f"{feature.slug}.html").is_file()
    shutil.copytree(TIFY, root / "tify")
    (root / "viewer.html").write_text(VIEWER_PAGE, encoding="utf-8")
    (root / "favicon.ico").write_bytes(b"")
    page, watch = watched
    refused: list[str] = []
    _local_only(page, base, refused)
    page.goto(f"{base}viewer.html?manifest=iiif/{feature.slug}/manifest.json")
    page.wait_for_function("window.tifyReady === true || window.tifyError !== undefined", timeout=30_000)
    assert page.evaluate("window.tifyError") is None
    assert page.locator(".tify-thumbnails-item").count() == len(feature.figures)
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.tify-thumbnails-image'))"
        ".every(i => i.complete && i.naturalWidth > 0)",
        timeout=15_000,
    )
    assert not refused, refused
    assert not watch.errors, watch.errors
