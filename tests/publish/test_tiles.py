"""Deep-zoom tiles (issue 14 item 4): a IIIF level-0 pyramid cut once per picture, served by the
reader at `/iiif/image/<media-id>/` and linked from the manifest; the viewer itself is tested in
the browser (tests/browser/test_viewer.py)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from handscroll.model import Feature, Figure
from handscroll.publish.media import MediaLibrary
from handscroll.publish.tiles import DONE, plan_pyramid
from publish.builders import write_picture
from publish.conftest import ClientFactory


def test_a_pyramid_halves_until_the_picture_fits_one_tile() -> None:
    pyramid = plan_pyramid(2400, 1600)
    assert pyramid.scale_factors == (1, 2, 4, 8)
    tiles = list(pyramid.tiles())
    assert len(tiles) == 5 * 4 + 3 * 2 + 2 * 1 + 1
    paths = {t.path for t in tiles}
    # The canonical names a level-0 client asks for: edge tiles are cut short, one tile is "full".
    assert "0,0,512,512/512,512/0/default.jpg" in paths
    assert "2048,1536,352,64/352,64/0/default.jpg" in paths
    assert "2048,0,352,1024/176,512/0/default.jpg" in paths
    assert "full/300,200/0/default.jpg" in paths
    assert plan_pyramid(400, 300).scale_factors == (1,)
    assert [t.path for t in plan_pyramid(400, 300).tiles()] == ["full/max/0/default.jpg"]


def test_tiles_are_cut_once_with_the_sizes_their_names_say(tmp_path: Path) -> None:
    write_picture(tmp_path / "media", "tilesite_a01_1", size=(1100, 700))
    media = MediaLibrary(tmp_path / "media", tmp_path / "cache")
    folder = media.tiles("tilesite_a01_1")
    assert folder is not None and (folder / DONE).is_file()
    info = media.info("tilesite_a01_1")
    assert info is not None
    for tile in info.pyramid.tiles():
        with Image.open(folder / tile.path) as image:
            assert image.size == tile.size and image.format == "JPEG"
    stamp = (folder / DONE).stat().st_mtime_ns
    assert media.tiles("tilesite_a01_1") == folder
    assert (folder / DONE).stat().st_mtime_ns == stamp  # not cut again
    assert media.tiles("tilesite_no01_1") is None


def test_the_reader_serves_the_image_service_and_only_its_tiles(make_client: ClientFactory) -> None:
    feature = Feature(title="Tiles", slug="tiles", blocks=(Figure(media="tilesite_a01_1", caption=("A.",)),))
    client = make_client([feature])
    info = client.get("/iiif/image/tilesite_a01_1/info.json")
    assert info.status_code == 200 and info.headers["access-control-allow-origin"] == "*"
    assert "iiif.io/api/image/3" in info.headers["content-type"]
    data = info.json()
    assert data["id"] == "http://testserver/iiif/image/tilesite_a01_1"
    assert data["profile"] == "level0" and data["tiles"][0]["scaleFactors"] == [1, 2]
    first = client.get("/iiif/image/tilesite_a01_1/0,0,512,512/512,512/0/default.jpg")
    assert first.status_code == 200 and first.headers["content-type"] == "image/jpeg"
    for path in (
        "0,0,512,512/512,512/90/default.jpg",  # level 0: no rotation
        "0,0,512,512/256,256/0/default.jpg",  # a size it never cut
        "..%2F..%2Fetc/passwd/0/default.jpg",
        "full/max/0/default.png",
    ):
        assert client.get(f"/iiif/image/tilesite_a01_1/{path}").status_code == 404, path
    assert client.get("/iiif/image/tilesite_no01_1/info.json").status_code == 404
    page = client.get("/features/tiles").text
    assert 'data-tiles="/iiif/image/tilesite_a01_1"' in page and 'data-scale-factors="1,2"' in page
    assert 'href="/media/tilesite_a01_1/large.webp"' in page  # "View larger" without JavaScript
