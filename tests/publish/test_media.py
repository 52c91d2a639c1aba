"""Media IDs to files: only IDs, only inside the folder, bombs refused, derivatives right-sized."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from handscroll.publish.media import MediaLibrary, plan_renditions
from publish.builders import write_picture


def _bomb(path: Path, width: int = 30000, height: int = 30000) -> Path:
    """A tiny PNG whose header declares a huge picture (a decompression bomb)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\x00" * 64)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )
    return path


def test_finds_jpg_png_and_webp(tmp_path: Path) -> None:
    for i, fmt in enumerate(("JPEG", "PNG", "WEBP"), 1):
        write_picture(tmp_path / "m", f"site_x_{i}", fmt=fmt)
    media = MediaLibrary(tmp_path / "m", tmp_path / "cache")
    for i in (1, 2, 3):
        info = media.info(f"site_x_{i}")
        assert info is not None and (info.width, info.height) == (1000, 600)
        path = media.derivative(f"site_x_{i}", "thumb")
        assert path is not None
        with Image.open(path) as image:
            assert image.format == "WEBP" and image.size == (320, 192)


@pytest.mark.parametrize(
    "media_id", ["../secret_1", "..", "a/b_1", "/etc/passwd", "site_x_1.jpg", "site x_1", "", "site_x_1\x00"]
)
def test_only_media_ids_are_looked_up(tmp_path: Path, media_id: str) -> None:
    write_picture(tmp_path / "m", "site_x_1")
    write_picture(tmp_path, "secret_1")
    media = MediaLibrary(tmp_path / "m", tmp_path / "cache")
    assert media.find(media_id) is None
    assert media.derivative(media_id, "thumb") is None


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = write_picture(tmp_path, "secret_1")
    (tmp_path / "m").mkdir()
    os.symlink(outside, tmp_path / "m" / "site_x_1.jpg")
    media = MediaLibrary(tmp_path / "m", tmp_path / "cache")
    assert media.find("site_x_1") is None


def test_a_decompression_bomb_is_treated_as_missing(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    _bomb(tmp_path / "m" / "site_x_1.png")
    media = MediaLibrary(tmp_path / "m", tmp_path / "cache")
    assert media.find("site_x_1") is not None
    assert media.info("site_x_1") is None
    assert media.derivative("site_x_1", "large") is None


def test_a_picture_over_the_pixel_limit_is_treated_as_missing(tmp_path: Path, monkeypatch) -> None:
    write_picture(tmp_path / "m", "site_x_1", size=(400, 300))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100 * 100)
    media = MediaLibrary(tmp_path / "m", tmp_path / "cache")
    assert media.info("site_x_1") is None  # over the limit: Pillow warns, handscroll refuses


def test_a_corrupt_file_is_treated_as_missing(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "site_x_1.jpg").write_bytes(b"\xff\xd8 not really a jpeg")
    assert MediaLibrary(tmp_path / "m", tmp_path / "cache").info("site_x_1") is None


def test_no_media_folder_means_no_pictures(tmp_path: Path) -> None:
    assert MediaLibrary(None, tmp_path / "cache").info("site_x_1") is None


def test_renditions_never_enlarge_and_do_not_repeat() -> None:
    assert [(r.size, r.width, r.height) for r in plan_renditions(3000, 2000)] == [
        ("thumb", 320, 213),
        ("medium", 800, 533),
        ("large", 1600, 1067),
    ]
    assert [(r.size, r.width) for r in plan_renditions(600, 400)] == [("thumb", 320), ("medium", 600)]


def test_a_changed_original_remakes_its_derivative(tmp_path: Path) -> None:
    source = write_picture(tmp_path / "m", "site_x_1")
    media = MediaLibrary(tmp_path / "m", tmp_path / "cache")
    first = media.derivative("site_x_1", "medium")
    assert first is not None
    write_picture(tmp_path / "m", "site_x_1", size=(500, 500))
    later = first.stat().st_mtime_ns + 10_000_000
    os.utime(source, ns=(later, later))
    again = media.derivative("site_x_1", "medium")
    assert again is not None
    with Image.open(again) as image:
        assert image.size == (500, 500)
