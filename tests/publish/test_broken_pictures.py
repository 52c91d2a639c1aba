"""A picture that opens but does not decode gets the placeholder, never a broken <img> (issue 10 item 11)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from handscroll.model import Feature, Figure
from handscroll.publish.media import MediaLibrary
from publish.builders import write_picture
from publish.conftest import ClientFactory


def _noisy(fmt: str) -> bytes:
    """A real picture with detail, so its compressed data is long enough to cut in half."""
    image = Image.effect_noise((640, 480), 80).convert("RGB")
    out = io.BytesIO()
    image.save(out, format=fmt)
    return out.getvalue()


def _truncated_jpeg(path: Path) -> None:
    data = _noisy("JPEG")
    path.write_bytes(data[: len(data) // 2])


def _png_with_bad_crc(path: Path) -> None:
    data = bytearray(_noisy("PNG"))
    data[-20] ^= 0xFF  # inside the last IDAT chunk: its CRC no longer matches
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(("suffix", "damage"), [(".jpg", _truncated_jpeg), (".png", _png_with_bad_crc)])
def test_a_damaged_picture_is_treated_as_missing(tmp_path: Path, suffix: str, damage) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "m"
    folder.mkdir()
    damage(folder / f"site_x_1{suffix}")
    with Image.open(folder / f"site_x_1{suffix}") as image:
        assert image.size == (640, 480)  # the header alone looks fine
    media = MediaLibrary(folder, tmp_path / "cache")
    assert media.info("site_x_1") is None
    assert media.derivative("site_x_1", "thumb") is None


def test_a_truncated_jpeg_shows_the_placeholder(make_client: ClientFactory, tmp_path: Path) -> None:
    feature = Feature(
        title="Broken",
        slug="broken",
        blocks=(
            Figure(media="site_x_1", alt="A harbour", caption=("A cut-off picture.",)),
            Figure(media="site_x_2"),
        ),
    )
    client = make_client([feature], media=False)
    _truncated_jpeg(tmp_path / "media" / "site_x_1.jpg")
    write_picture(tmp_path / "media", "site_x_2")
    html = client.get("/features/broken").text
    assert 'role="img" aria-label="Picture not available: A harbour"' in html
    assert "/media/site_x_1/" not in html
    assert "/media/site_x_2/" in html  # the sound one is still shown
    assert client.get("/media/site_x_1/medium.webp").status_code == 404
