"""The static site: relative links only, pictures copied, and incremental rebuilds."""

from __future__ import annotations

import re
from pathlib import Path

from factories import make_feature
from handscroll.config import Settings
from handscroll.model import Figure, Paragraph
from handscroll.publish.site import build_site
from handscroll.store import Library
from publish.builders import XSS_PAYLOADS, fill_library, write_picture


def _features(n: int = 4, series: str = "testsite_civilwar") -> list:
    return [
        make_feature(
            title=f"Part {i}",
            part=i,
            series=series,
            slug=f"{i:02d}-{series.replace('_', '-')}",
            hero=f"{series}0{i}_1",
            blocks=(
                Paragraph(text=f"Story {i}."),
                Figure(media=f"{series}0{i}_1", caption=(f"Caption {i}.",)),
                Figure(media=f"{series}0{i}_2", caption=("Second.",)),
            ),
        )
        for i in range(1, n + 1)
    ]


def _setup(tmp_path: Path, features: list) -> tuple[str, Settings]:
    url = f"sqlite:///{tmp_path / 'library.db'}"
    fill_library(url, features)
    for feature in features:
        write_picture(tmp_path / "media", feature.media_ids[0])  # the second picture stays missing
    return url, Settings(db=url, media_dir=tmp_path / "media")


def _build(url: str, out: Path, settings: Settings):  # type: ignore[no-untyped-def]
    with Library.open(url) as library:
        return build_site(library, out, settings)


def test_build_writes_every_page_with_relative_links_only(tmp_path: Path) -> None:
    url, settings = _setup(tmp_path, _features(3))
    out = tmp_path / "site"
    report = _build(url, out, settings)
    pages = {
        "index.html",
        "404.html",
        "series/testsite_civilwar.html",
        "features/01-testsite-civilwar.html",
        "features/02-testsite-civilwar.html",
        "features/03-testsite-civilwar.html",
        "timeline.html",
        "timelines/testsite_civilwar.html",
        "glossary.html",
        "glossary-pinyin.html",
        "places.html",  # issue 14
    }
    # Every page in each interface language: English at the root, Chinese in a folder (issue 12).
    assert set(report.written) == {
        f"{folder}{page}" for folder in ("", "zh-hant/", "zh-hans/") for page in pages
    }
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for link in re.findall(r'(?:href|src)="([^"]*)"', html) + re.findall(r'srcset="([^"]*)"', html):
            for part in link.split(","):
                target = part.strip().split(" ")[0]
                if target.startswith("#"):
                    continue
                assert not target.startswith(("/", "http:", "https:", "//")), f"{page}: {target}"
                resolved = (page.parent / target.split("#")[0]).resolve()
                assert resolved.is_file(), f"{page.relative_to(out)} links to missing {target}"
    assert (out / "static" / "gallery.js").is_file() and (out / "static" / "handscroll.css").is_file()
    assert (out / "media" / "testsite_civilwar01_1-medium.webp").is_file()
    assert report.media == 3


def test_missing_pictures_are_placeholders_in_the_static_site(tmp_path: Path) -> None:
    url, settings = _setup(tmp_path, _features(1))
    out = tmp_path / "site"
    _build(url, out, settings)
    html = (out / "features" / "01-testsite-civilwar.html").read_text(encoding="utf-8")
    assert "testsite_civilwar01_2-" not in html
    # No alt of its own: the placeholder is hidden from screen readers, the caption describes it.
    assert '<div class="placeholder" aria-hidden="true">' in html and "Second." in html


def test_rebuild_without_changes_writes_nothing(tmp_path: Path) -> None:
    url, settings = _setup(tmp_path, _features(3))
    out = tmp_path / "site"
    _build(url, out, settings)
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    again = _build(url, out, settings)
    assert again.written == () and again.unchanged == 33
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.html")} == stamps


def test_rebuild_after_one_change_rewrites_only_its_dependants(tmp_path: Path) -> None:
    features = _features(4) + _features(2, series="othersite_story")
    url, settings = _setup(tmp_path, features)
    out = tmp_path / "site"
    _build(url, out, settings)
    stamps = {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*.html")}
    changed = features[1].model_copy(update={"title": "Part 2, revised"})
    fill_library(url, [changed])
    report = _build(url, out, settings)
    expected = {
        f"{folder}{page}"
        for folder in ("", "zh-hant/", "zh-hans/")
        for page in (
            "features/02-testsite-civilwar.html",
            "features/01-testsite-civilwar.html",  # its next-part link shows the new title
            "features/03-testsite-civilwar.html",  # its previous-part link too
            "series/testsite_civilwar.html",
            "index.html",
        )  # not places.html: it is keyed on the places it shows, and these features name none (issue 11)
    }
    assert set(report.written) == expected
    after = {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*.html")}
    assert {path for path in after if after[path] != stamps[path]} == expected
    assert "Part 2, revised" in (out / "features/02-testsite-civilwar.html").read_text(encoding="utf-8")


def test_deleted_feature_pages_are_removed(tmp_path: Path) -> None:
    url, settings = _setup(tmp_path, _features(3))
    out = tmp_path / "site"
    _build(url, out, settings)
    with Library.open(url) as library:
        library.delete_feature("03-testsite-civilwar")
    report = _build(url, out, settings)
    assert report.removed == (
        "features/03-testsite-civilwar.html",
        "zh-hans/features/03-testsite-civilwar.html",
        "zh-hant/features/03-testsite-civilwar.html",
    )
    assert not (out / "features/03-testsite-civilwar.html").exists()
    assert "features/02-testsite-civilwar.html" in report.written  # it lost its next part


def test_static_pages_escape_hostile_text(tmp_path: Path) -> None:
    script, img, js = XSS_PAYLOADS
    feature = make_feature(title=f"T {script}", blocks=(Paragraph(text=f"{img} {js}"),))
    url, settings = _setup(tmp_path, [feature])
    out = tmp_path / "site"
    _build(url, out, settings)
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html


def test_enriching_one_feature_rewrites_its_page_and_the_reference_pages(
    tmp_path: Path, library_url: str
) -> None:
    """Issue 9.8: a feature page's key covers its enrichment, on SQLite and PostgreSQL."""
    from handscroll.enrich import enrich_feature

    features = [
        feature.model_copy(
            update={"blocks": (Paragraph(text="In March 1946 the talks in Chongqing (重慶) ended."),)}
        )
        for feature in _features(3)
    ]
    fill_library(library_url, features)
    settings = Settings(db=library_url, media_dir=tmp_path / "media")
    out = tmp_path / "site"
    _build(library_url, out, settings)
    with Library.open(library_url) as library:
        library.save_enrichments([(features[1].slug, enrich_feature(features[1]))])
        assert set(library.enrichment_stamps()) == {features[1].slug}
    report = _build(library_url, out, settings)
    page = f"features/{features[1].slug}.html"
    assert page in report.written
    assert not {f"features/{f.slug}.html" for f in (features[0], features[2])} & set(report.written)
    assert {"timeline.html", "glossary.html"} <= set(report.written)
    assert 'id="ev-0-text-0-3"' in (out / page).read_text(encoding="utf-8")
    assert _build(library_url, out, settings).written == ()


def test_the_home_page_is_paged_like_the_servers(tmp_path: Path) -> None:
    """Issue 11: more series than a home page shows continue on index-2.html, linked both ways."""
    from handscroll.publish.contexts import HOME_SERIES_SHOWN, NOT_FOUND_SERIES

    features = [
        make_feature(
            title=f"Part of {s}", part=1, series=f"pagesite_s{s:03d}", slug=f"01-s{s:03d}", blocks=()
        )
        for s in range(HOME_SERIES_SHOWN + 3)
    ] + [make_feature(title="Alone", part=None, series=None, slug="alone", blocks=())]
    url, settings = _setup(tmp_path, features)
    out = tmp_path / "site"
    _build(url, out, settings)
    first, second = (out / "index.html").read_text(), (out / "index-2.html").read_text()
    assert not (out / "index-3.html").exists()
    assert 'rel="next" href="index-2.html"' in first and 'rel="prev"' not in first
    assert 'rel="prev" href="index.html"' in second and 'rel="next"' not in second
    shown = re.findall(r'href="series/(pagesite_s\d+)\.html"', first + second)
    assert sorted(set(shown)) == [f"pagesite_s{s:03d}" for s in range(HOME_SERIES_SHOWN + 3)]
    assert "features/alone.html" in second and "features/alone.html" not in first
    # The 404 page offers the first series, as the server's does, not every one of the library's.
    offered = re.findall(r'href="series/(pagesite_s\d+)\.html"', (out / "404.html").read_text())
    assert (
        offered == [f"pagesite_s{s:03d}" for s in range(NOT_FOUND_SERIES)]
        and len(features) - 1 > NOT_FOUND_SERIES
    )
