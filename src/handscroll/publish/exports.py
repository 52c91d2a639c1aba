"""Exports: the registry FORMAT -> exporter, what an export covers, and what it reports (issue 6).

An exporter is a plain function `(library, request, out) -> ExportReport`.
Every format is a `handscroll.exporters` entry point, handscroll's own
declared in its pyproject.toml as a plugin package declares its own
(docs/plugins.md); each is imported only when its format is asked for, so
`handscroll --help` stays fast. Exporters read the store through a
`Selection` and never re-parse source text.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    # Only for types: this module is imported by `handscroll --help`, which must stay fast.
    from handscroll.model import Enrichment, Feature
    from handscroll.publish.media import MediaLibrary
    from handscroll.store import Library
    from handscroll.store.records import GlossaryEntry, SeriesSummary, TimelineEntry

DEFAULT_BASE_URL = "http://localhost:8000/"
"""Where the reader is assumed to be served when an export needs absolute links (`handscroll serve`)."""


Answers = Literal["end", "inline", "none"]
"""Where a printed export puts the answers: at the back, beside each question, or nowhere."""

Paper = Literal["A4", "Letter"]


@dataclass(frozen=True)
class ExportRequest:
    """What to export: a series, one feature, or (neither) the whole library, and with which pictures."""

    series: str | None = None
    slug: str | None = None
    media_dir: Path | None = None
    base_url: str = DEFAULT_BASE_URL
    """The reader's address, for links that must be absolute (IIIF ids, JSON-LD @id, page links)."""
    language: str | None = None
    """Only the edition in this language (`en`, `zh-Hant`, `zh-Hans`); None for every edition."""
    answers: Answers = "end"
    paper: Paper = "A4"


@dataclass
class ExportReport:
    """The files an export wrote and, one line each, what it left out and why."""

    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


Exporter = Callable[["Library", ExportRequest, Path], ExportReport]
"""Writes one format to `out` (a file or a folder, as the format says) and reports."""


@dataclass(frozen=True)
class ExportFormat:
    """A registered format: its name, a one-line description for `--help`, and where its exporter lives."""

    name: str
    description: str
    target: str
    """`module:function`, imported on first use; or a registered callable."""
    exporter: Exporter | None = None
    entry: EntryPoint | None = None
    """The entry point that declared it, so a failure to load names it."""

    def load(self) -> Exporter:
        """The exporter function, imported now if it was registered by name (PluginError if it fails)."""
        if self.exporter is not None:
            return self.exporter
        from handscroll.plugins import EXPORTERS, load_plugin

        entry = self.entry or EntryPoint(self.name, self.target, EXPORTERS)
        loaded: Exporter = load_plugin(entry)
        return loaded


EXPORT_FORMATS: dict[str, ExportFormat] = {}
"""Every known format by name: handscroll's own, then those of plugin packages."""


def register_exporter(name: str, description: str, target: str | Exporter) -> None:
    """Make a format known to `handscroll export`: `target` is `module:function` or the function."""
    if isinstance(target, str):
        EXPORT_FORMATS[name] = ExportFormat(name, description, target)
    else:
        EXPORT_FORMATS[name] = ExportFormat(
            name, description, f"{target.__module__}:{target.__name__}", target
        )


DESCRIPTIONS: dict[str, str] = {
    "epub": "EPUB 3 book (OUT.epub): a chapter per feature, timeline and glossary appendices",
    "timelinejs": "TimelineJS 3 JSON (OUT.json), pictures copied into a folder beside it",
    "iiif": "IIIF Presentation 3 manifests (OUT folder): one per feature, with its pictures",
    "jsonld": "schema.org JSON-LD (OUT.jsonld): articles, pictures, questions, events, places, glossary",
    "csv": "CSV, UTF-8 with BOM (OUT folder): timeline.csv and glossary.csv",
    "gift": "Moodle GIFT (OUT.gift): the approved self-check items",
    "pdf": "a teacher's pack (OUT.pdf; a worksheet with --feature): --answers, --paper",
    "h5p": "H5P Question Set (OUT.h5p): the approved self-check items",
}
"""`--help` lines of the built-in formats (their modules are not imported to describe them)."""


def _register_entry_points() -> None:
    """Register every `handscroll.exporters` entry point, without importing any of them."""
    from handscroll.plugins import EXPORTERS, is_builtin, plugin_entry_points

    for entry in plugin_entry_points(EXPORTERS):
        description = DESCRIPTIONS.get(entry.name) if is_builtin(entry) else None
        if description is None:
            package = entry.dist.name if entry.dist is not None else "a plugin"
            description = f"from the {package} package ({entry.value})"
        EXPORT_FORMATS[entry.name] = ExportFormat(entry.name, description, entry.value, entry=entry)


_register_entry_points()


def run_export(name: str, library: Library, request: ExportRequest, out: Path) -> ExportReport:
    """Export in the named format; KeyError for a format nobody registered."""
    return EXPORT_FORMATS[name].load()(library, request, out)


@dataclass(frozen=True)
class Selection:
    """The features an export covers, with the series, timeline and glossary that go with them."""

    title: str
    features: tuple[Feature, ...]
    series: tuple[SeriesSummary, ...]
    timeline: tuple[TimelineEntry, ...]
    glossary: tuple[GlossaryEntry, ...]
    enrichments: dict[str, Enrichment | None]

    @property
    def language(self) -> str:
        """The language of the selection's edition when all its features share one, else English
        (issue 12): what an export's own labels and dates are written in."""
        languages = {f.language for f in self.features}
        return languages.pop() if len(languages) == 1 else "en"

    def series_title(self, key: str | None) -> str | None:
        """The display title of a series (`SeriesSummary.display_title`)."""
        for s in self.series:
            if s.key == key:
                return s.display_title
        return key


def select_features(library: Library, request: ExportRequest) -> Selection:
    """Load what the request covers; NotFoundError for an unknown series or slug."""
    features: tuple[Feature, ...]
    if request.slug is not None:
        features = (library.get_feature(request.slug),)
        timeline = library.timeline(slug=request.slug)
        glossary = library.glossary(slug=request.slug)  # its own terms, not the library's (issue 11)
        title = features[0].title
        keys = [features[0].series] if features[0].series else []
        series = tuple(library.get_series(k) for k in keys)
    elif request.series is not None:
        summary = library.get_series(request.series)
        features = tuple(library.get_feature(f.slug) for f in library.list_features(series=request.series))
        timeline = library.timeline(series=request.series)
        glossary = library.glossary(series=request.series)
        title = summary.display_title
        series = (summary,)
    else:
        features = tuple(library.get_feature(f.slug) for f in library.list_features())
        timeline = library.timeline()
        glossary = library.glossary()
        series = tuple(library.list_series())
        title = series[0].display_title if len(series) == 1 else "handscroll library"
    if request.language is not None:
        features = tuple(f for f in features if f.language == request.language)
        kept = {f.slug for f in features}
        timeline = [t for t in timeline if t.slug in kept]
        glossary = [g for g in glossary if kept.intersection(g.slugs)]
    if not features:
        from handscroll.errors import NotFoundError

        if request.language is not None:
            raise NotFoundError(f"nothing to export: no feature of this selection is in {request.language}")
        raise NotFoundError("nothing to export: the library holds no features (import some first)")
    enrichments = {f.slug: library.get_enrichment(f.slug) for f in features}
    return Selection(title, features, series, tuple(timeline), tuple(glossary), enrichments)


def open_media(request: ExportRequest, out: Path) -> MediaLibrary:
    """The pictures of the request (none without a media folder); derivatives are not cached."""
    from handscroll.publish.media import MediaLibrary

    return MediaLibrary(request.media_dir, out)


def resized_jpeg(media: MediaLibrary, media_id: str, max_side: int) -> tuple[bytes, int, int] | None:
    """A picture as JPEG bytes no larger than `max_side` on either side, with its size; None if unusable.

    Exports carry their pictures inside them (a book, a folder), so they are
    re-encoded as JPEG, which every reading system and viewer opens.
    """
    from PIL import Image, ImageOps

    info = media.info(media_id)
    if info is None:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(info.path) as opened:
                image = ImageOps.exif_transpose(opened).convert("RGB")
                image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        return None
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue(), image.width, image.height


def missing_picture(media: MediaLibrary, media_id: str, slug: str) -> str:
    """The skip line for a picture an export could not include."""
    if media.media_dir is None:
        return f"{slug}: picture {media_id} left out (no media folder given: --media DIR)"
    return f"{slug}: picture {media_id} left out (not found or unreadable in {media.media_dir})"
