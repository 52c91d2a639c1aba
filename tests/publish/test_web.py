"""The live reader over a real SQLite library: pages, API, caching headers, errors and security."""

from __future__ import annotations

import gzip
import json
import re

from factories import make_feature
from handscroll.config import Settings
from handscroll.model import Credit, Figure, Note, Paragraph, Question
from handscroll.publish.web import content_security_policy
from publish.builders import XSS_PAYLOADS, fill_library
from publish.conftest import ClientFactory


def _series(n: int = 3) -> list:
    return [
        make_feature(
            title=f"Part {i} of the story",
            part=i,
            slug=f"{i:02d}-part",
            hero=f"testsite_civilwar0{i}_1",
            blocks=(
                Paragraph(text=f"Narrative of part {i}, Nanjing (南京)."),
                Figure(media=f"testsite_civilwar0{i}_1", caption=(f"Caption one of part {i}.",)),
                Note(text=("An extended reading card.",)),
                Figure(media=f"testsite_civilwar0{i}_2", caption=("Caption two.",)),
                Figure(media=f"testsite_civilwar0{i}_3", caption=("Caption three.",)),
                Question(prompt="Why?", answer=("Because.",)),
                Credit(text="Source of photos: test archive."),
            ),
        )
        for i in range(1, n + 1)
    ]


def test_home_lists_series_with_parts_and_lead_pictures(make_client: ClientFactory) -> None:
    client = make_client(_series())
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert 'href="/series/testsite_civilwar"' in html
    for i in (1, 2, 3):
        assert f'href="/features/0{i}-part"' in html
        assert f"/media/testsite_civilwar0{i}_1/thumb.webp" in html


def test_series_page_lists_parts_in_order_and_unknown_series_is_404(make_client: ClientFactory) -> None:
    client = make_client(_series())
    html = client.get("/series/testsite_civilwar").text
    positions = [html.index(f'href="/features/0{i}-part"') for i in (1, 2, 3)]
    assert positions == sorted(positions)
    assert client.get("/series/nothing-here").status_code == 404


def test_feature_page_has_every_part_of_the_reading(make_client: ClientFactory) -> None:
    client = make_client(_series())
    html = client.get("/features/02-part").text
    assert "<h1>Part 2 of the story</h1>" in html
    assert '<p class="eyebrow">Part 2</p>' in html
    assert 'fetchpriority="high"' in html  # the lead picture
    assert 'id="fig-1"' in html and 'id="fig-3"' in html
    assert "data-gallery-total>3<" in html
    assert html.count('class="note"') == 1
    assert "<details" in html and "<summary>Show the model answer</summary>" in html
    assert "Source of photos: test archive." in html
    assert 'rel="prev" href="/features/01-part"' in html
    assert 'rel="next" href="/features/03-part"' in html
    assert '<span lang="zh-Hant">南京</span>' in html


def test_images_have_srcset_sizes_dimensions_and_lazy_loading(make_client: ClientFactory) -> None:
    client = make_client(_series(1))
    html = client.get("/features/01-part").text
    gallery = html[html.index('class="gallery"') :]
    img = re.search(r"<img [^>]*>", gallery)
    assert img is not None
    tag = img.group(0)
    assert 'loading="lazy"' in tag and 'sizes="' in tag
    assert 'width="800" height="480"' in tag
    assert "/media/testsite_civilwar01_1/thumb.webp 320w" in tag
    assert "/media/testsite_civilwar01_1/large.webp 1000w" in tag


def test_missing_picture_is_an_accessible_placeholder_not_a_broken_image(make_client: ClientFactory) -> None:
    client = make_client(_series(1), missing=["testsite_civilwar01_2"])
    html = client.get("/features/01-part").text
    assert "/media/testsite_civilwar01_2/" not in html
    # No alt of its own: the placeholder is hidden from screen readers, the caption describes it.
    assert '<div class="placeholder" aria-hidden="true">' in html and "Caption two." in html
    assert client.get("/media/testsite_civilwar01_2/medium.webp").status_code == 404


def test_media_derivatives_are_webp_made_once_and_cached(make_client: ClientFactory, tmp_path) -> None:
    client = make_client(_series(1))
    response = client.get("/media/testsite_civilwar01_1/thumb.webp")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/webp"
    assert response.content[:4] == b"RIFF" and response.content[8:12] == b"WEBP"
    cached = tmp_path / "cache" / "testsite_civilwar01_1-thumb.webp"
    assert cached.is_file()
    stamp = cached.stat().st_mtime_ns
    assert client.get("/media/testsite_civilwar01_1/thumb.webp").status_code == 200
    assert cached.stat().st_mtime_ns == stamp
    assert client.get("/media/testsite_civilwar01_1/huge.webp").status_code == 404


def test_path_tricks_in_media_ids_are_404(make_client: ClientFactory, tmp_path) -> None:
    client = make_client(_series(1))
    (tmp_path / "secret_1.jpg").write_bytes(b"not for the web")
    for path in (
        "/media/..%2Fsecret_1/thumb.webp",
        "/media/../secret_1/thumb.webp",
        "/media/%2e%2e/thumb.webp",
        "/media/testsite_civilwar01_1.jpg/thumb.webp",
        "/media/%2Fetc%2Fpasswd/thumb.webp",
        "/media/testsite_civilwar01_1%00/thumb.webp",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"not for the web" not in response.content


def test_api_feature_is_the_design_json(make_client: ClientFactory) -> None:
    features = _series(2)
    client = make_client(features)
    response = client.get("/api/features/01-part")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == json.loads(features[0].to_json())


def test_api_features_paginates(make_client: ClientFactory) -> None:
    client = make_client(_series(3))
    first = client.get("/api/features?limit=2").json()
    assert first["limit"] == 2
    assert [i["slug"] for i in first["items"]] == ["01-part", "02-part"]
    assert first["next"].startswith("/api/features?limit=2&cursor=")
    second = client.get(first["next"]).json()
    assert [i["slug"] for i in second["items"]] == ["03-part"]
    assert second["next"] is None
    item = second["items"][0]
    assert item["figures"] == 3 and item["url"] == "/api/features/03-part"
    only = client.get("/api/features?series=testsite_civilwar&limit=1").json()
    assert only["next"].startswith("/api/features?series=testsite_civilwar&limit=1&cursor=")
    assert [i["slug"] for i in client.get(only["next"]).json()["items"]] == ["02-part"]
    for bad in ("limit=0", "limit=1000", "limit=x", "cursor=nonsense", "cursor=WyJ4Il0"):
        response = client.get(f"/api/features?{bad}")
        assert response.status_code == 400 and "error" in response.json()


def test_api_series_and_openapi(make_client: ClientFactory) -> None:
    client = make_client(_series(2))
    assert client.get("/api/series").json() == {
        "series": [
            {"key": "testsite_civilwar", "title": None, "features": 2, "url": "/series/testsite_civilwar"}
        ],
        "next": None,
    }
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert {"/api/series", "/api/features", "/api/features/{slug}"} <= set(spec["paths"])


def test_etag_and_304_for_pages_and_api(make_client: ClientFactory) -> None:
    client = make_client(_series(2))
    for path in (
        "/",
        "/series/testsite_civilwar",
        "/features/01-part",
        "/api/features",
        "/api/features/01-part",
    ):
        first = client.get(path)
        etag = first.headers["etag"]
        assert first.headers["cache-control"] == "no-cache"
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304, path
        assert again.content == b""
        assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_changed_feature_gets_a_new_etag(make_client: ClientFactory, library_file: str) -> None:
    features = _series(1)
    client = make_client(features)
    etag = client.get("/features/01-part").headers["etag"]
    fill_library(library_file, [features[0].model_copy(update={"title": "A new title"})])
    response = client.get("/features/01-part", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "A new title" in response.text


def test_pages_follow_the_library_at_once(make_client: ClientFactory, library_file: str) -> None:
    features = _series(2)
    client = make_client(features)
    for path in ("/", "/series/testsite_civilwar", "/features/01-part", "/features/02-part"):
        assert client.get(path).headers["x-cache"] == "miss"
        assert client.get(path).headers["x-cache"] == "hit", path  # rendered once, kept
    # Another writer (here another Library; in life `handscroll import` in another process):
    fill_library(library_file, [features[0].model_copy(update={"title": "Changed"})])
    page = client.get("/features/01-part")
    assert "Changed" in page.text and page.headers["x-cache"] == "miss"
    assert "Changed" in client.get("/features/02-part").text  # the neighbour's link shows it too
    assert "Changed" in client.get("/series/testsite_civilwar").text
    assert client.get("/api/features/01-part").json()["title"] == "Changed"


def test_a_write_elsewhere_keeps_a_feature_page_without_rendering_it(
    make_client: ClientFactory, library_file: str
) -> None:
    features = _series(9)
    client = make_client(features, media=False)
    first = client.get("/features/01-part")
    fill_library(library_file, [features[8].model_copy(update={"title": "Far away"})])  # 8 parts on
    again = client.get("/features/01-part")
    assert again.headers["x-cache"] == "revalidated" and again.content == first.content
    assert client.get("/features/01-part").headers["x-cache"] == "hit"
    assert "Far away" in client.get("/features/08-part").text  # its neighbour is made again


def test_responses_are_gzipped(make_client: ClientFactory) -> None:
    client = make_client(_series(2))
    response = client.get("/features/01-part", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert "Part 1 of the story" in response.text  # httpx decodes it
    raw = client.get("/features/01-part", headers={"Accept-Encoding": "gzip"}).read()
    assert gzip.compress(raw)  # decoded bytes are whole HTML


def test_security_headers_on_every_response(make_client: ClientFactory) -> None:
    client = make_client(_series(1))
    for path in ("/", "/features/01-part", "/api/features", "/nowhere", "/static/handscroll.css"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert csp == content_security_policy(Settings())
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_pages_carry_no_inline_script_or_style(make_client: ClientFactory) -> None:
    client = make_client(_series(2))
    for path in ("/", "/series/testsite_civilwar", "/features/01-part", "/nowhere"):
        html = client.get(path).text
        # A JSON-LD block is data, not script (issue 6): the CSP does not apply to it.
        assert re.findall(r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))", html) == [], path
        assert " style=" not in html and "<style" not in html, path
        assert re.search(r"\son[a-z]+=", html) is None, path


def test_404_page_helps(make_client: ClientFactory) -> None:
    client = make_client(_series(1))
    response = client.get("/features/no-such-thing")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert 'href="/"' in response.text and 'href="/series/testsite_civilwar"' in response.text
    api = client.get("/api/features/no-such-thing")
    assert api.status_code == 404 and "error" in api.json()


def test_server_error_is_a_plain_page_without_traceback(make_client: ClientFactory, monkeypatch) -> None:
    import handscroll.publish.web as web

    app = make_client(_series(1)).app

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret detail in /srv/private/path.py")

    monkeypatch.setattr(web.Renderer, "render", explode)
    monkeypatch.setattr(web.Renderer, "render_utf8", explode)  # what the reader's pages use
    from starlette.testclient import TestClient

    response = TestClient(app, raise_server_exceptions=False).get("/features/01-part")
    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "Traceback" not in response.text and "secret detail" not in response.text


def test_xss_payloads_show_as_text(make_client: ClientFactory) -> None:
    script, img, js = XSS_PAYLOADS
    feature = make_feature(
        title=f"Hostile {script} title",
        slug="01-hostile",
        part=1,
        hero="testsite_civilwar01_1",
        blocks=(
            Paragraph(text=f"A paragraph with {img} and a {js} link."),
            Figure(media="testsite_civilwar01_1", caption=(f"Caption {script}", f"Second {img}")),
            Note(text=(f"Note {js}",)),
            Question(prompt=f"Prompt {img}?", answer=(f"Answer {script}", f'<a href="{js}">click</a>')),
            Credit(text=f"Credit {script}"),
        ),
    )
    client = make_client([feature], missing=["testsite_civilwar01_1"])
    for path in ("/", "/series/testsite_civilwar", "/features/01-hostile"):
        html = client.get(path).text
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
        assert 'href="javascript:' not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, path
    html = client.get("/features/01-hostile").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;a href=&#34;javascript:alert(1)&#34;&gt;click&lt;/a&gt;" in html


def test_home_stays_small_for_a_large_library(make_client: ClientFactory) -> None:
    from handscroll.publish.contexts import HOME_PARTS_SHOWN, HOME_SERIES_SHOWN

    features = [
        make_feature(
            title=f"Part {p}", part=p, series=f"bigsite_s{s:03d}", slug=f"{p:02d}-s{s:03d}", blocks=()
        )
        for s in range(HOME_SERIES_SHOWN + 5)
        for p in range(1, HOME_PARTS_SHOWN + 3)
    ]
    client = make_client(features, media=False)
    html = client.get("/").text
    assert html.count('class="card"') == HOME_SERIES_SHOWN * HOME_PARTS_SHOWN
    assert 'rel="prev"' not in html
    following = re.search(r'<a rel="next" href="([^"]+)"', html)
    assert following is not None
    second = client.get(following.group(1).replace("&amp;", "&")).text
    assert second.count('class="card"') == 5 * HOME_PARTS_SHOWN and 'rel="next"' not in second
    shown = set(re.findall(r'href="/series/(bigsite_s\d+)"', html + second))
    assert shown == {f"bigsite_s{s:03d}" for s in range(HOME_SERIES_SHOWN + 5)}  # every series reachable
    back = re.search(r'<a rel="prev" href="([^"]+)"', second)
    assert back is not None
    previous = client.get(back.group(1).replace("&amp;", "&")).text
    assert previous.count('class="card"') == html.count('class="card"')


def test_a_decompression_bomb_shows_the_placeholder_not_a_crash(
    make_client: ClientFactory, monkeypatch
) -> None:
    from PIL import Image

    client = make_client(_series(1))
    # Lower the guard instead of shipping a huge file: the 1000x600 pictures now count as bombs.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    response = client.get("/features/01-part")
    assert response.status_code == 200
    # No alt of its own: the placeholder is hidden from screen readers, the caption describes it.
    html = response.text
    assert '<div class="placeholder" aria-hidden="true">' in html and "Caption one of part 1." in html
    assert "<img " not in response.text
    assert client.get("/media/testsite_civilwar01_1/medium.webp").status_code == 404


def test_health_and_a_library_that_does_not_answer(make_client: ClientFactory, monkeypatch) -> None:
    from handscroll.publish.versions import LibraryDown, VersionReader

    client = make_client(_series(1))
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert health.headers["cache-control"] == "no-store"

    async def down(self: VersionReader) -> int:
        raise LibraryDown("connection refused")

    monkeypatch.setattr(VersionReader, "current", down)
    assert client.get("/healthz").status_code == 503
    for path in ("/", "/features/01-part", "/api/features"):
        answer = client.get(path)
        assert answer.status_code == 503 and answer.headers["retry-after"].isdigit(), path
        assert "connection refused" not in answer.text  # no detail of the failure
