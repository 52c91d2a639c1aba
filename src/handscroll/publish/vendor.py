"""The reader's front-end packages from npm (package.json pins them): the text face, the deep-zoom
viewer and the offline base map, served from our own host and copied into static builds.

Only the files named here are served or copied, never a whole package folder, so
the live reader and a static site ship the same bytes. A package that is not
installed (no `npm ci`) is simply absent: the page falls back (system fonts, the
plain "view larger" link, the list of places without a map).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Vendor:
    """One npm package's shipped files: served at `/static/vendor/<name>/<file>`."""

    name: str
    folder: str
    """The folder inside node_modules holding the files."""
    files: tuple[str, ...]
    """Glob patterns relative to `folder`; a subfolder keeps its name (`images/*.png`)."""


FONT_FILES = tuple(
    f"source-serif-4-{subset}-{weight}-{style}.woff2"
    for subset in ("latin", "latin-ext")
    for weight in (400, 600)
    for style in ("normal", "italic")
)
"""Source Serif 4 in the weights and styles the stylesheet uses; latin-ext carries pinyin's tone
marks (ǎ, ǐ, ǔ, ǚ)."""

VENDORS = (
    Vendor("fonts", "@fontsource/source-serif-4/files", FONT_FILES),
    Vendor("openseadragon", "openseadragon/build/openseadragon", ("openseadragon.min.js", "images/*.png")),
    Vendor("world-atlas", "world-atlas", ("countries-50m.json",)),
    Vendor("topojson", "topojson-client/dist", ("topojson-client.min.js",)),
    Vendor("markercluster", "leaflet.markercluster/dist", ("leaflet.markercluster.js", "*.css")),
)
"""Every package the reader serves besides Leaflet (which has a setting of its own)."""


def node_modules() -> Path | None:
    """The node_modules folder above this package (a checkout after `npm ci`) or above the
    working folder, the first that holds any of `VENDORS`."""
    for start in (Path(__file__).resolve(), Path.cwd().resolve() / "_"):
        for folder in start.parents:
            candidate = folder / "node_modules"
            if any((candidate / v.folder).is_dir() for v in VENDORS):
                return candidate
    return None


def vendor_files(root: Path | None = None) -> dict[str, Path]:
    """Every shipped file by its path under `static/vendor/` (`fonts/source-serif-4-...woff2`)."""
    root = root if root is not None else node_modules()
    if root is None:
        return {}
    found: dict[str, Path] = {}
    for vendor in VENDORS:
        base = root / vendor.folder
        for path in _matches(base, vendor.files):
            found[f"{vendor.name}/{path.relative_to(base).as_posix()}"] = path
    return found


WRAPPED = {"world-atlas/countries-50m.js": ("world-atlas/countries-50m.json", "handscrollWorldAtlas")}
"""JSON served as a script setting a global, so a static site opened from `file://` (where a
script may not fetch) still draws the base map: path -> (the JSON's path, the global's name)."""


def wrapped_file(files: dict[str, Path], name: str) -> bytes | None:
    """The bytes of a `WRAPPED` script, or None when it is not one or its JSON is not installed."""
    if name not in WRAPPED or WRAPPED[name][0] not in files:
        return None
    source, variable = WRAPPED[name]
    return f"window.{variable} = ".encode() + files[source].read_bytes().strip() + b";\n"


def installed(files: dict[str, Path], name: str) -> bool:
    """True when the package `name` has at least one file to ship."""
    return any(key.startswith(f"{name}/") for key in files)


def _matches(base: Path, patterns: tuple[str, ...]) -> Iterator[Path]:
    if not base.is_dir():
        return
    for pattern in patterns:
        yield from (p for p in sorted(base.glob(pattern)) if p.is_file())
