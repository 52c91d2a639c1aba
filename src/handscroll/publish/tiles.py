"""Deep zoom: a picture cut once into IIIF Image API 3 level-0 tiles (issue 14).

Level 0 means a static pyramid of files: a client such as OpenSeadragon asks only
for the tiles the `info.json` promises, so every URL it will ask for is cut in
advance, named exactly as the Image API's canonical form says (`full` or
`x,y,w,h` for the region, `max` or `w,h` for the size). The same files serve the
live reader (cut on a picture's first view, see `derivatives.DerivativeQueue`)
and a static site (cut by `build`).
"""

from __future__ import annotations

import os
import shutil
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

TILE_SIZE = 512
"""The side of a tile in pixels."""

IMAGE_CONTEXT = "http://iiif.io/api/image/3/context.json"
"""The JSON-LD context of IIIF Image API 3."""

DONE = ".complete"
"""A file written last in a picture's tile folder: the pyramid is whole, and from which original."""


@dataclass(frozen=True)
class Tile:
    """One file of a pyramid: where it is in the picture, and its path under the service."""

    scale: int
    box: tuple[int, int, int, int]
    """The region of the original it shows: left, top, width, height in full-size pixels."""
    size: tuple[int, int]
    """Its own width and height in pixels."""
    path: str
    """`{region}/{size}/0/default.jpg`, the URL path after the service id."""


@dataclass(frozen=True)
class Pyramid:
    """How one picture is tiled: its full size, the tile side and the scale factors (1, 2, 4 ...)."""

    width: int
    height: int
    tile: int
    scale_factors: tuple[int, ...]

    def tiles(self) -> Iterator[Tile]:
        """Every tile of every scale, in the canonical names a level-0 client asks for."""
        for scale in self.scale_factors:
            level_width, level_height = -(-self.width // scale), -(-self.height // scale)
            span = self.tile * scale
            for y in range(0, -(-level_height // self.tile)):
                for x in range(0, -(-level_width // self.tile)):
                    left, top = x * span, y * span
                    box = (left, top, min(span, self.width - left), min(span, self.height - top))
                    size = (
                        min(self.tile, level_width - x * self.tile),
                        min(self.tile, level_height - y * self.tile),
                    )
                    whole = box == (0, 0, self.width, self.height)
                    region = "full" if whole else ",".join(map(str, box))
                    named = "max" if size == (self.width, self.height) else f"{size[0]},{size[1]}"
                    yield Tile(scale, box, size, f"{region}/{named}/0/default.jpg")

    def info(self, service_id: str) -> dict[str, Any]:
        """The service's `info.json`: what a viewer reads to know the tiles exist."""
        return {
            "@context": IMAGE_CONTEXT,
            "id": service_id,
            "type": "ImageService3",
            "protocol": "http://iiif.io/api/image",
            "profile": "level0",
            "width": self.width,
            "height": self.height,
            "tiles": [{"width": self.tile, "height": self.tile, "scaleFactors": list(self.scale_factors)}],
        }


def plan_pyramid(width: int, height: int, tile: int = TILE_SIZE) -> Pyramid:
    """Scale factors from 1 (full size) doubling until the whole picture fits one tile."""
    factors = [1]
    while -(-width // factors[-1]) > tile or -(-height // factors[-1]) > tile:
        factors.append(factors[-1] * 2)
    return Pyramid(width, height, tile, tuple(factors))


def tiles_current(folder: Path, source: Path) -> bool:
    """True when `folder` holds the whole pyramid of the file `source` as it is now."""
    try:
        stamp = (folder / DONE).read_text(encoding="ascii")
        return stamp == _stamp(source)
    except OSError:
        return False


def cut_tiles(source: Path, pyramid: Pyramid, folder: Path) -> None:
    """Cut every tile of `pyramid` from the picture `source` into `folder` (`{region}/{size}/0/default.jpg`).

    The pyramid is written into a fresh folder beside `folder` and moved into
    place whole, so a reader never sees half of one; the mark `DONE` records
    which original it was cut from.
    """
    partial = folder.with_name(f".{folder.name}.{os.getpid()}.{threading.get_ident()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(source) as opened:
            full = ImageOps.exif_transpose(opened).convert("RGB")
    try:
        levels: dict[int, Image.Image] = {1: full}
        for tile in pyramid.tiles():
            level = levels.get(tile.scale)
            if level is None:
                size = (-(-pyramid.width // tile.scale), -(-pyramid.height // tile.scale))
                level = levels[tile.scale] = full.resize(size, Image.Resampling.LANCZOS)
            left, top = tile.box[0] // tile.scale, tile.box[1] // tile.scale
            crop = level.crop((left, top, left + tile.size[0], top + tile.size[1]))
            target = partial / tile.path
            target.parent.mkdir(parents=True, exist_ok=True)
            crop.save(target, format="JPEG", quality=82, optimize=True)
        (partial / DONE).write_text(_stamp(source), encoding="ascii")
        old = folder.with_name(f".{folder.name}.{os.getpid()}.{threading.get_ident()}.old")
        if folder.exists():
            folder.replace(old)
        partial.replace(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def _stamp(source: Path) -> str:
    stat = source.stat()
    return f"{stat.st_mtime_ns}:{stat.st_size}"
