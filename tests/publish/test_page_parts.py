"""A feature page's parts kept in the library (issue 11): the page made of them is the page made
without them, byte for byte, in every interface language; stale parts are made again and kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from handscroll.config import Settings
from handscroll.publish.enriched import map_setup
from handscroll.publish.i18n import URL_PREFIXES
from handscroll.publish.loaders import load_feature
from handscroll.publish.media import MediaLibrary
from handscroll.publish.page_parts import parts_key, prepare_pages
from handscroll.publish.render import Renderer
from handscroll.publish.urls import WebUrls
from handscroll.store import Library
from publish.builders import import_sample_editions


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    folder: Path = tmp_path_factory.mktemp("parts")
    url = f"sqlite:///{folder / 'library.db'}"
    import_sample_editions(url)
    with Library.open(url) as library:
        yield library


def _pages(library: Library, tmp_path: Path, *, kept: bool) -> dict[tuple[str, str], bytes]:
    media = MediaLibrary(tmp_path / "media", tmp_path / "cache")
    renderer = Renderer()
    pages = {}
    for language in URL_PREFIXES:
        urls = WebUrls(language)
        maps = map_setup(Settings(), urls, True)
        for slug in library.feature_slugs():
            page = load_feature(library, slug, media, urls, maps, kept=kept)
            pages[language, slug] = renderer.render_utf8(page)
    return pages


def _keys(library: Library) -> dict[int, str]:
    with library.engine.connect() as conn:
        return {
            row.feature_id: row.key for row in conn.execute(text("SELECT feature_id, key FROM render_parts"))
        }


def test_pages_of_kept_parts_are_the_pages_made_without_them(library: Library, tmp_path: Path) -> None:
    slugs = library.feature_slugs()
    assert len(slugs) >= 4
    assert prepare_pages(library, slugs) == len(slugs)
    assert prepare_pages(library, slugs) == 0  # fresh parts are not made again
    made_here = _pages(library, tmp_path, kept=False)
    of_parts = _pages(library, tmp_path, kept=True)
    assert of_parts == made_here
    assert any(b'class="term"' in page for page in of_parts.values())  # the parts hold marked texts
    assert all(b'"@type":"Event"' in page for (_, slug), page in of_parts.items() if "zh" not in slug)


def test_stale_parts_are_made_again_and_kept(library: Library, tmp_path: Path) -> None:
    slug = library.feature_slugs()[0]
    view = library.feature_view(slug)
    prepare_pages(library, [slug])
    with library.engine.begin() as conn:
        conn.execute(
            text("UPDATE render_parts SET key = 'stale', data = x'00' WHERE feature_id = :id"),
            {"id": view.feature_id},
        )
    urls = WebUrls("en")
    media = MediaLibrary(tmp_path / "media", tmp_path / "cache")
    renderer = Renderer()
    page = renderer.render_utf8(load_feature(library, slug, media, urls))
    assert _keys(library)[view.feature_id] == parts_key(view.content_hash, view.enrichment_json)
    assert page == renderer.render_utf8(load_feature(library, slug, media, urls, kept=False))


def test_parts_go_with_their_feature(library: Library) -> None:
    slugs = library.feature_slugs()
    prepare_pages(library, slugs)
    gone = library.feature_view(slugs[-1]).feature_id
    library.delete_feature(slugs[-1])
    assert gone not in _keys(library)
    assert len(_keys(library)) == len(slugs) - 1


def test_a_page_does_not_wait_on_another_writer_to_keep_its_parts(library: Library, tmp_path: Path) -> None:
    slug = library.feature_slugs()[0]
    view = library.feature_view(slug)
    with library.engine.begin() as conn:
        conn.execute(text("DELETE FROM render_parts WHERE feature_id = :id"), {"id": view.feature_id})
    other = create_engine(str(library.engine.url))
    try:
        with other.connect() as holder:
            holder.exec_driver_sql("BEGIN IMMEDIATE")  # an import's write transaction, held
            media = MediaLibrary(tmp_path / "media", tmp_path / "cache")
            page = load_feature(library, slug, media, WebUrls("en"))
            assert page.extras.terms  # made here, all the same
            assert view.feature_id not in _keys(library)  # and not kept: the lock was taken
            holder.exec_driver_sql("ROLLBACK")
    finally:
        other.dispose()
    load_feature(library, slug, MediaLibrary(tmp_path / "media", tmp_path / "cache"), WebUrls("en"))
    assert view.feature_id in _keys(library)  # kept on the next view
