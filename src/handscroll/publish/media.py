"""Pictures: media ID -> image file in the media folder -> responsive WebP derivatives.

Only strings that are media IDs (`model.is_media_id`: no dots, slashes or
spaces) are ever looked up, and the resolved file must still lie inside the
media folder (a symlink pointing out of it is refused). Pillow's
decompression-bomb guard stays on: an image too large to decode safely is
treated like a missing one, so the page shows its placeholder.
"""

from __future__ import annotations

import hashlib
import os
import threading
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from handscroll.model import is_media_id
from handscroll.publish.tiles import Pyramid, cut_tiles, plan_pyramid, tiles_current
from handscroll.publish.urls import derivative_name

SIZES: dict[str, int] = {"thumb": 320, "medium": 800, "large": 1600}
"""Derivative names and their largest widths in pixels; pictures are never enlarged."""

EXTENSIONS: tuple[str, ...] = (".jpg", ".jpeg", ".png", ".webp", ".JPG", ".JPEG", ".PNG", ".WEBP")
"""File suffixes tried, in order, for a media ID."""

_UNREADABLE = (
    OSError,
    UnidentifiedImageError,
    Image.DecompressionBombError,
    Image.DecompressionBombWarning,
    ValueError,
    SyntaxError,  # Pillow raises it for some malformed headers
)


@dataclass(frozen=True)
class Rendition:
    """One derivative of a picture: its size name and the pixel size it has."""

    size: str
    width: int
    height: int


@dataclass(frozen=True)
class ImageInfo:
    """A picture that exists and can be decoded: its file, its pixel size and its derivatives."""

    media_id: str
    path: Path
    width: int
    height: int
    renditions: tuple[Rendition, ...]

    @property
    def pyramid(self) -> Pyramid:
        """How the picture is cut into deep-zoom tiles."""
        return plan_pyramid(self.width, self.height)

    def rendition(self, size: str) -> Rendition:
        """The derivative of that size name (the largest one when it was folded away)."""
        for item in self.renditions:
            if item.size == size:
                return item
        return self.renditions[-1]


def plan_renditions(width: int, height: int) -> tuple[Rendition, ...]:
    """The derivatives worth making: one per size name, without repeats of the same width."""
    out: list[Rendition] = []
    for size, limit in SIZES.items():
        w = min(width, limit)
        h = max(1, round(height * w / width))
        if out and out[-1].width == w:
            continue
        out.append(Rendition(size, w, h))
    return tuple(out)


class MediaLibrary:
    """Finds pictures by media ID in one folder and makes their derivatives in a cache folder.

    `media_dir` may be None (no pictures: every figure shows its placeholder).
    Derivatives are named `<media-id>-<size>.webp` in `cache_dir` and remade
    when the original is newer than the cached file; deep-zoom tiles go to
    `tiles_dir/<media-id>/` (default `cache_dir/tiles`).
    """

    def __init__(self, media_dir: Path | None, cache_dir: Path, tiles_dir: Path | None = None) -> None:
        self.media_dir = media_dir.resolve() if media_dir is not None else None
        self.cache_dir = cache_dir
        self.tiles_dir = tiles_dir if tiles_dir is not None else cache_dir / "tiles"
        self._info: dict[str, tuple[tuple[int, int], ImageInfo | None]] = {}
        self._found: dict[str, Path] = {}
        self._lock = threading.Lock()

    def find(self, media_id: str) -> Path | None:
        """The image file of a media ID, or None; never a path outside the media folder."""
        if self.media_dir is None or not is_media_id(media_id):
            return None
        for ext in EXTENSIONS:
            candidate = self.media_dir / f"{media_id}{ext}"
            try:
                resolved = candidate.resolve(strict=True)
            except OSError:
                continue
            if resolved.is_file() and resolved.is_relative_to(self.media_dir):
                return resolved
        return None

    def info(self, media_id: str) -> ImageInfo | None:
        """Size and derivatives of a picture, or None when it is missing or cannot be decoded safely.

        Results are remembered per file modification time, so a page render
        costs one `stat` per picture.
        """
        path = self._found.get(media_id)
        try:
            if path is None:
                raise FileNotFoundError(media_id)
            stat = path.stat()  # a file found before: one stat says it is still there
        except OSError:
            self._found.pop(media_id, None)
            path = self.find(media_id)
            if path is None:
                return None
            stat = path.stat()
        self._found[media_id] = path
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._info.get(media_id)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        info = _read_info(media_id, path)
        with self._lock:
            self._info[media_id] = (stamp, info)
        return info

    def derivative(self, media_id: str, size: str) -> Path | None:
        """The cached WebP of one size, made on first request; None for a missing or unsafe picture."""
        state = self.cached_derivative(media_id, size)
        return state if not isinstance(state, ImageInfo) else self.make_derivative(state, size)

    def cached_derivative(self, media_id: str, size: str) -> Path | ImageInfo | None:
        """Cheaply: the cached WebP when it is current, the picture's info when it must be made
        (see `make_derivative`), None for an unknown size or a missing or unsafe picture."""
        if size not in SIZES:
            return None
        info = self.info(media_id)
        if info is None:
            return None
        target = self.cache_dir / derivative_name(media_id, size)
        try:
            if target.stat().st_mtime_ns >= info.path.stat().st_mtime_ns:
                return target
        except OSError:
            pass
        return info

    def make_derivative(self, info: ImageInfo, size: str) -> Path | None:
        """Decode, resize and write one derivative (the costly part); None when it cannot be decoded."""
        target = self.cache_dir / derivative_name(info.media_id, size)
        try:
            _write_derivative(info.path, target, info.rendition(size))
        except _UNREADABLE:
            return None
        return target

    def cached_tiles(self, media_id: str) -> Path | ImageInfo | None:
        """Cheaply: the picture's tile folder when its pyramid is whole and current, the picture's
        info when it must be cut (see `make_tiles`), None for a missing or unsafe picture."""
        info = self.info(media_id)
        if info is None:
            return None
        folder = self.tiles_dir / media_id
        return folder if tiles_current(folder, info.path) else info

    def make_tiles(self, info: ImageInfo) -> Path | None:
        """Cut the picture's whole pyramid (the costly part, once per picture); None when it cannot
        be decoded."""
        folder = self.tiles_dir / info.media_id
        try:
            cut_tiles(info.path, info.pyramid, folder)
        except _UNREADABLE:
            return None
        return folder

    def tiles(self, media_id: str) -> Path | None:
        """The picture's tile folder, cut now when needed; None for a missing or unsafe picture."""
        state = self.cached_tiles(media_id)
        return state if not isinstance(state, ImageInfo) else self.make_tiles(state)

    def fingerprint(self) -> str:
        """A hash of the media folder's listing (names, sizes, times): changes when any picture does."""
        digest = hashlib.sha256()
        if self.media_dir is not None and self.media_dir.is_dir():
            entries = sorted(
                (e.name, e.stat().st_size, e.stat().st_mtime_ns)
                for e in os.scandir(self.media_dir)
                if e.is_file()
            )
            digest.update(repr(entries).encode())
        return digest.hexdigest()


def _read_info(media_id: str, path: Path) -> ImageInfo | None:
    try:
        with warnings.catch_warnings():
            # Over MAX_IMAGE_PIXELS Pillow only warns; a picture that large is
            # refused here like one over twice the limit (issue 3: bombs are harmless).
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                image.verify()  # checksums and structure, without decoding
            with Image.open(path) as image:
                width, height = image.size
                orientation = image.getexif().get(0x0112, 1)
                # A truncated JPEG opens and verifies: only decoding finds it out,
                # and its <img> would then fail (issue 10 item 11). A JPEG decodes
                # at 1/8 scale here, which still reads every byte.
                image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
                image.load()
    except _UNREADABLE:
        return None
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    if width < 1 or height < 1:
        return None
    return ImageInfo(media_id, path, width, height, plan_renditions(width, height))


def _write_derivative(source: Path, target: Path, rendition: Rendition) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(source) as opened:
            # A JPEG decodes straight at 1/2, 1/4 or 1/8 scale when that is still large enough.
            turned = opened.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            wanted = (rendition.height, rendition.width) if turned else (rendition.width, rendition.height)
            opened.draft("RGB", wanted)
            image = ImageOps.exif_transpose(opened)
            image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            image = image.resize((rendition.width, rendition.height), Image.Resampling.LANCZOS)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.partial")
    image.save(partial, format="WEBP", quality=80, method=4)
    partial.replace(target)
