"""Placeholder pictures for the sample features, drawn with Pillow.

The samples refer to media IDs but the project ships no photographs (and no
binary files at all): each picture is drawn on demand, a paper-coloured
handscroll with ink-wash hills, the media ID and its figure number. Drawing
is deterministic, so the same ID always gives the same picture, and cheap
(a few milliseconds each), so nothing needs to be kept in the package.

`handscroll.samples.sample_media_dir()` draws the missing pictures into a
cache folder (by default `~/.cache/handscroll/sample-media`) the first time it
is asked; `generate_sample_media(out_dir)` draws all of them into any folder.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

PAPER = (239, 230, 211)
"""Background: an aged-paper beige, muted enough not to look like a real photo."""
SILK = (226, 214, 190)
ROLLER = (110, 78, 52)
ROLLER_END = (72, 50, 34)
INK = (62, 58, 54)
SEAL = (168, 58, 44)

_TRAILING_NUMBER = re.compile(r"_([0-9]+)$")
_PART_NUMBER = re.compile(r"([0-9]+)_[0-9]+$")


def make_placeholder(media_id: str, path: Path, size: tuple[int, int] = (1200, 800)) -> Path:
    """Draw the placeholder picture of one media ID and save it as a JPEG at `path`.

    The file is written under a temporary name and moved into place, so a
    reader never sees half a picture.
    """
    width, height = size
    image = Image.new("RGB", size, PAPER)
    draw = ImageDraw.Draw(image)
    _draw_scroll(draw, width, height)
    _draw_hills(draw, media_id, width, height)
    _draw_label(draw, media_id, width, height)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    image.save(partial, format="JPEG", quality=82, optimize=True)
    partial.replace(path)
    return path


def generate_sample_media(out_dir: Path) -> list[Path]:
    """Draw a JPEG named `<media-id>.jpg` in `out_dir` for every media ID the samples use."""
    from handscroll.samples import sample_media_ids  # lazy: the package imports this module

    return [make_placeholder(media_id, out_dir / f"{media_id}.jpg") for media_id in sample_media_ids()]


def figure_label(media_id: str) -> str:
    """The caption drawn under the ID: `Part 1 · Figure 4` for `..._civilwar01_4`."""
    figure = _TRAILING_NUMBER.search(media_id)
    part = _PART_NUMBER.search(media_id)
    words = []
    if part:
        words.append(f"Part {int(part.group(1))}")
    if figure:
        words.append(f"Figure {int(figure.group(1))}")
    return " · ".join(words)


def _draw_scroll(draw: ImageDraw.ImageDraw, width: int, height: int) -> None:
    """A horizontal silk band between two wooden rollers, like an unrolled handscroll."""
    margin_y = height // 8
    roller_w = max(width // 40, 8)
    left, right = width // 12, width - width // 12
    top, bottom = margin_y, height - margin_y
    # A soft vertical gradient on the silk, lighter at the centre line.
    for y in range(top, bottom):
        t = abs((y - top) / max(bottom - top - 1, 1) - 0.5) * 2
        colour = tuple(round(s + (p - s) * (1 - t) * 0.6) for s, p in zip(SILK, PAPER, strict=True))
        draw.line([(left, y), (right, y)], fill=colour)
    draw.rectangle([left, top, right, bottom], outline=(196, 180, 150), width=2)
    for x in (left - roller_w, right):
        draw.rounded_rectangle(
            [x, top - margin_y // 3, x + roller_w, bottom + margin_y // 3],
            radius=roller_w // 2,
            fill=ROLLER,
        )
        for cap_y in (top - margin_y // 3, bottom + margin_y // 3 - roller_w):
            draw.ellipse([x - 2, cap_y, x + roller_w + 2, cap_y + roller_w], fill=ROLLER_END)


def _draw_hills(draw: ImageDraw.ImageDraw, media_id: str, width: int, height: int) -> None:
    """Two faint ridges of ink-wash hills, shaped by the ID so pictures differ."""
    digest = hashlib.sha256(media_id.encode()).digest()
    left, right = width // 12 + 4, width - width // 12 - 4
    base = height - height // 8 - 4
    for layer, shade in enumerate(((214, 203, 182), (196, 186, 167))):
        points = [(left, base)]
        steps = 12
        for i in range(steps + 1):
            x = left + (right - left) * i // steps
            rise = digest[(i + layer * 13) % len(digest)] / 255
            y = base - int(height * (0.10 + 0.16 * rise) * (1 - 0.35 * layer))
            points.append((x, y))
        points.append((right, base))
        draw.polygon(points, fill=shade)


def _draw_label(draw: ImageDraw.ImageDraw, media_id: str, width: int, height: int) -> None:
    """The media ID, the figure number and a small red seal, centred on the silk."""
    id_font = _font(_fit(media_id, width * 0.7, start=height // 14))
    label_font = _font(height // 22)
    centre_x, centre_y = width // 2, height // 2 - height // 10
    draw.text((centre_x, centre_y), media_id, fill=INK, font=id_font, anchor="mm")
    label = figure_label(media_id)
    if label:
        draw.text((centre_x, centre_y + height // 11), label, fill=INK, font=label_font, anchor="mm")
    seal = height // 18
    seal_x, seal_y = width - width // 12 - seal * 2, height // 8 + seal
    draw.rectangle([seal_x, seal_y, seal_x + seal, seal_y + seal], fill=SEAL)
    draw.text((seal_x + seal // 2, seal_y + seal // 2), "hs", fill=PAPER, font=_font(seal // 2), anchor="mm")


def _fit(text: str, max_width: float, *, start: int) -> int:
    """The largest font size, from `start` down, at which `text` fits in `max_width`."""
    size = start
    while size > 10 and _font(size).getlength(text) > max_width:
        size -= 2
    return size


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's bundled font at a size (Pillow >= 10.1 scales it with FreeType)."""
    return ImageFont.load_default(size=size)


def write_missing(media_ids: Iterable[str], out_dir: Path) -> list[Path]:
    """Draw only the pictures not already in `out_dir`; return every picture's path."""
    paths = []
    for media_id in media_ids:
        path = out_dir / f"{media_id}.jpg"
        if not path.is_file():
            make_placeholder(media_id, path)
        paths.append(path)
    return paths
