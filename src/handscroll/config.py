"""One Settings schema: the only place that reads handscroll's environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from handscroll.errors import ConfigError
from handscroll.text.encodings import encoding_name
from handscroll.text.languages import language_tag

DEFAULT_CHROME_LINES: tuple[str, ...] = (
    "Please drag to the left for more details",
    "See answer below.",
)
"""Site chrome the legacy exports carry on lines of their own; never content."""

MAX_CHROME_LENGTH = 200
"""Chrome lines are short; the legacy reader relies on it to skip long prose lines fast."""

ANSWER_MARKER = "See answer below."

DEFAULT_ANSWER_MARKERS: dict[str, tuple[str, ...]] = {
    "en": (ANSWER_MARKER,),
    "zh-Hant": ("答案見下。", "「答案見下。」"),
    "zh-Hans": ("答案见下。", "「答案见下。」"),
}
"""The line that follows a thinking question where it is first asked, per edition language (issue 12).

Compared with punctuation width folded, so `答案見下.` and `（答案見下。）`-free variants match too.
"""

DEFAULT_MAP_TILES = ""
"""No tiles by default: the maps draw the coastlines and borders shipped with the reader, so they
work offline, in a school network and in China, and no request leaves the host (issue 14)."""

DEFAULT_MAP_ATTRIBUTION = ""
"""No tiles, no tile credit (the shipped base map's credit, Natural Earth, is always shown)."""


class Settings(BaseModel):
    """Everything configurable, with where each value comes from.

    Build it with `Settings.from_env()`; pass it down explicitly, never read
    the environment anywhere else.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    db: str = Field(
        default="sqlite:///handscroll.db",
        description="SQLAlchemy URL of the library (HANDSCROLL_DB): a SQLite file or postgresql+psycopg://...",
    )
    media_dir: Path | None = Field(
        default=None,
        description="Folder of image files named by media ID (HANDSCROLL_MEDIA).",
    )
    chrome_lines: tuple[Annotated[str, Field(min_length=1, max_length=MAX_CHROME_LENGTH)], ...] = Field(
        default=DEFAULT_CHROME_LINES,
        description="Legacy-text lines that are site chrome, compared without case and spacing "
        "(HANDSCROLL_CHROME_LINES, separated by '|').",
    )
    answer_markers: tuple[Annotated[str, Field(min_length=1, max_length=MAX_CHROME_LENGTH)], ...] = Field(
        default=tuple(m for markers in DEFAULT_ANSWER_MARKERS.values() for m in markers),
        description="Legacy-text lines that follow a question where it is asked, in any edition's "
        "language, compared without case, spacing and punctuation width (HANDSCROLL_ANSWER_MARKERS, "
        "separated by '|').",
    )
    language: str | None = Field(
        default=None,
        description="Language tag of the features read (en, zh-Hant, zh-Hans; zh-TW and zh-CN are "
        "accepted), instead of detecting it from the text (HANDSCROLL_LANGUAGE, or --language).",
    )
    encoding: str | None = Field(
        default=None,
        description="Encoding of legacy files without a byte-order mark, when not UTF-8: gb18030 (gbk, "
        "gb2312) or big5 (HANDSCROLL_ENCODING, or --encoding); by default UTF-8, and a Chinese file in "
        "another encoding is refused with the encoding named.",
    )
    conversion: str = Field(
        default="hk2s",
        pattern=r"^(hk2s|t2s|tw2s|tw2sp|none)$",
        description="OpenCC configuration that derives a Simplified edition from a work's Traditional one "
        "when the work has no Simplified edition: hk2s, t2s, tw2s or tw2sp; none derives nothing "
        "(HANDSCROLL_CONVERSION, or --conversion).",
    )
    phrases: Path | None = Field(
        default=None,
        description="YAML phrase table ('Traditional: Simplified' lines) applied before OpenCC when deriving "
        "a Simplified edition (HANDSCROLL_PHRASES, or --phrases); by default phrases.yaml beside a "
        "SQLite library, when there is one.",
    )
    max_file_mb: float = Field(
        default=8.0,
        gt=0,
        description="Largest input file read, in MB (HANDSCROLL_MAX_FILE_MB); larger files are refused.",
    )

    map_tiles: str = Field(
        default=DEFAULT_MAP_TILES,
        pattern=r"^(https://[^/\s]+/\S*)?$",
        description="Tile URL template drawn over the maps' own base map, https only, with {z}/{x}/{y} "
        "and optionally {s} (HANDSCROLL_MAP_TILES), e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; "
        "its host is allowed in the reader's Content-Security-Policy. Empty (the default): no tiles, "
        "the map needs no network.",
    )
    map_attribution: str = Field(
        default=DEFAULT_MAP_ATTRIBUTION,
        max_length=300,
        description="Plain-text credit of the map tiles, shown on every map (HANDSCROLL_MAP_ATTRIBUTION).",
    )
    leaflet_dir: Path | None = Field(
        default=None,
        description="Folder holding leaflet.js and leaflet.css (npm's node_modules/leaflet/dist) "
        "(HANDSCROLL_LEAFLET); by default found in node_modules/ above the package or the working folder.",
    )

    secret_key: str | None = Field(
        default=None,
        min_length=32,
        repr=False,
        description="Key that signs the editors' session cookies (HANDSCROLL_SECRET_KEY), at least 32 "
        "characters; by default one is made once and kept in the library, shared by every worker.",
    )
    max_upload_mb: float = Field(
        default=20.0,
        gt=0,
        le=200,
        description="Largest picture the editors may upload, in MB (HANDSCROLL_MAX_UPLOAD_MB).",
    )

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str | None) -> str | None:
        return None if value is None else language_tag(value)

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        if value is None or value.strip().lower().replace("_", "-") in ("utf-8", "utf8"):
            return None
        return encoding_name(value)

    @property
    def phrase_table(self) -> Path | None:
        """The phrase table to derive Simplified editions with: `phrases`, else `phrases.yaml` in the
        folder of a SQLite library (the library folder), else none."""
        if self.phrases is not None:
            return self.phrases
        if self.db.startswith("sqlite:///") and self.db != "sqlite:///:memory:":
            beside = Path(self.db.removeprefix("sqlite:///")).parent / "phrases.yaml"
            return beside if beside.is_file() else None
        return None

    @property
    def max_file_bytes(self) -> int:
        """The file-size limit in bytes."""
        return int(self.max_file_mb * 1024 * 1024)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read HANDSCROLL_* variables, apply explicit overrides, report all problems at once."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        if "HANDSCROLL_DB" in env:
            values["db"] = env["HANDSCROLL_DB"]
        if "HANDSCROLL_MEDIA" in env:
            values["media_dir"] = env["HANDSCROLL_MEDIA"]
        if "HANDSCROLL_CHROME_LINES" in env:
            values["chrome_lines"] = tuple(s for s in env["HANDSCROLL_CHROME_LINES"].split("|") if s.strip())
        if "HANDSCROLL_ANSWER_MARKERS" in env:
            values["answer_markers"] = tuple(
                s for s in env["HANDSCROLL_ANSWER_MARKERS"].split("|") if s.strip()
            )
        if "HANDSCROLL_ENCODING" in env:
            values["encoding"] = env["HANDSCROLL_ENCODING"]
        if "HANDSCROLL_LANGUAGE" in env:
            values["language"] = env["HANDSCROLL_LANGUAGE"]
        if "HANDSCROLL_CONVERSION" in env:
            values["conversion"] = env["HANDSCROLL_CONVERSION"]
        if "HANDSCROLL_PHRASES" in env:
            values["phrases"] = env["HANDSCROLL_PHRASES"]
        if "HANDSCROLL_MAX_FILE_MB" in env:
            values["max_file_mb"] = env["HANDSCROLL_MAX_FILE_MB"]
        if "HANDSCROLL_MAP_TILES" in env:
            values["map_tiles"] = env["HANDSCROLL_MAP_TILES"]
        if "HANDSCROLL_MAP_ATTRIBUTION" in env:
            values["map_attribution"] = env["HANDSCROLL_MAP_ATTRIBUTION"]
        if "HANDSCROLL_LEAFLET" in env:
            values["leaflet_dir"] = env["HANDSCROLL_LEAFLET"]
        if "HANDSCROLL_SECRET_KEY" in env:
            values["secret_key"] = env["HANDSCROLL_SECRET_KEY"]
        if "HANDSCROLL_MAX_UPLOAD_MB" in env:
            values["max_upload_mb"] = env["HANDSCROLL_MAX_UPLOAD_MB"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
            )
            raise ConfigError(f"invalid settings: {problems}") from None


def sqlite_url(path: Path | str) -> str:
    """The SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path)}"
