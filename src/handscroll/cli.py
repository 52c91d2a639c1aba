"""The `handscroll` command: one thin function per command, no logic of its own.

Imports are lazy so that `handscroll --help` stays fast. Expected errors
(HandscrollError) print as one line naming file and line, without a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from handscroll.config import Settings
    from handscroll.enrich import Enrichment
    from handscroll.model import Feature
    from handscroll.pipeline import ImportSummary
    from handscroll.publish.shapes import Shape
    from handscroll.store import Library

app = typer.Typer(
    name="handscroll",
    help="Publish illustrated history features: read legacy text and Markdown into a library, "
    "then serve and export it.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
out = Console()
err = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Library URL: a SQLite file path or URL, or postgresql+psycopg://... "
        "[default: handscroll.db here, or $HANDSCROLL_DB]",
        show_default=False,
    ),
]

LanguageOption = Annotated[
    str | None,
    typer.Option(
        "--language",
        help="Language of the files read: en, zh-Hant or zh-Hans (zh-TW, zh-CN accepted) "
        "[default: detected from the text, or $HANDSCROLL_LANGUAGE]",
        show_default=False,
    ),
]


class ParseFormat(StrEnum):
    """Output formats of `parse` and `show`."""

    json = "json"
    md = "md"


def _friendly(command: Callable[P, R]) -> Callable[P, R]:
    """Print expected errors as one clean line and exit with their code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from handscroll.errors import HandscrollError

        try:
            return command(*args, **kwargs)
        except HandscrollError as exc:
            err.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def _settings(db: str | None = None, language: str | None = None) -> Settings:
    from handscroll.config import Settings, sqlite_url

    if db is not None and "://" not in db:
        db = sqlite_url(db)  # a bare path means a SQLite file
    return Settings.from_env(db=db, language=language)


def _open_library(db: str | None) -> Library:
    from handscroll.store import Library

    return Library.open(_settings(db).db)


class _ProgressBar:
    """A Rich progress bar on stderr, speaking the pipeline's Progress protocol."""

    def __init__(self, bar: Progress, task: TaskID) -> None:
        self._bar = bar
        self._task = task

    def start(self, total: int) -> None:
        self._bar.update(self._task, total=total)

    def advance(self, item: object) -> None:
        self._bar.advance(self._task)


@contextlib.contextmanager
def _progress(label: str) -> Iterator[_ProgressBar]:
    """Show a transient progress bar labelled `label` while the block runs."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), console=err, transient=True) as bar:
        yield _ProgressBar(bar, bar.add_task(label, total=None))


def _render(feature_json: str, feature_md: Callable[[], str], fmt: ParseFormat) -> None:
    text = feature_json if fmt is ParseFormat.json else feature_md()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.command("parse")
@_friendly
def parse_command(
    file: Annotated[Path, typer.Argument(help="A feature file: legacy text (.txt), Markdown (.md) or JSON.")],
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f", help="Output format.")] = ParseFormat.json,
    language: LanguageOption = None,
) -> None:
    """Read one feature file and print its model, without touching any library.

    Warnings (lines kept as unclassified, figures without captions, unanswered
    questions) go to stderr with file and line.
    """
    from handscroll.ingest import read_path
    from handscroll.publish.markdown import write_markdown

    result = read_path(file, _settings(language=language))
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    _render(result.feature.to_json(), lambda: write_markdown(result.feature), fmt)


@app.command("import")
@_friendly
def import_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (searched recursively) or globs.")],
    db: DbOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-read files even when their bytes are unchanged.")
    ] = False,
    all_or_nothing: Annotated[
        bool,
        typer.Option("--all-or-nothing", help="If any file fails, import nothing at all."),
    ] = False,
    enrich: Annotated[
        bool,
        typer.Option(
            "--enrich/--no-enrich",
            help="Derive timelines, glossaries, places and figures while importing; "
            "--no-enrich loads faster and leaves that to `handscroll enrich`.",
        ),
    ] = True,
    language: LanguageOption = None,
) -> None:
    """Import features into the library: new ones are added, changed ones updated in place,
    unchanged ones skipped. The whole batch is written in one transaction.

    Exits 1 when any file could not be imported (the others are imported
    unless --all-or-nothing).
    """
    from handscroll.pipeline import import_paths

    settings = _settings(db, language)
    with _open_library(db) as library, _progress("importing") as progress:
        summary = import_paths(
            paths,
            library,
            settings,
            force=force,
            all_or_nothing=all_or_nothing,
            enrich=enrich,
            progress=progress,
        )
    _print_summary(summary, all_or_nothing=all_or_nothing)
    if summary.failed:
        raise typer.Exit(1)


def _print_summary(summary: ImportSummary, *, all_or_nothing: bool) -> None:
    from rich.table import Table

    for warning in summary.warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    for error in summary.errors:
        err.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    report = summary.report
    table = Table(title="Import summary", title_justify="left")
    for column in ("files", "added", "updated", "skipped", "warnings", "errors"):
        table.add_column(column, justify="right")
    table.add_row(
        str(summary.files),
        str(report.added),
        str(report.updated),
        str(report.skipped),
        str(len(summary.warnings)),
        str(len(summary.errors)),
    )
    out.print(table)
    if summary.failed and all_or_nothing:
        err.print("[bold red]nothing was imported[/] (--all-or-nothing)")


@app.command("list")
@_friendly
def list_command(
    db: DbOption = None,
    series: Annotated[str | None, typer.Option("--series", help="Only this series (its key).")] = None,
) -> None:
    """List the features in the library, by series and part."""
    import itertools
    import textwrap

    from rich.markup import escape

    with _open_library(db) as library:
        features = library.list_features(series=series)
        titles = {s.key: s.title for s in library.list_series()}
    if not features:
        err.print("the library is empty" if series is None else f"no features in series {series!r}")
        return
    # A list, not a table: at 80 columns a table cuts the slug, which is what the reader
    # copies into `show` and `delete`; here it stands on its own line, whole (soft-wrapped).
    for key, group in itertools.groupby(features, key=lambda f: f.series or ""):
        items = list(group)
        noun = "feature" if len(items) == 1 else "features"
        heading = escape(titles.get(key) or key or "(no series)")
        aside = f" ({escape(key)})" if titles.get(key) else ""
        out.print(f"[bold]{heading}[/bold]{aside} · {len(items)} {noun}", highlight=False)
        for f in items:
            number = "  -" if f.part is None else f"{f.part:>3}."
            title = textwrap.fill(
                f.title, width=max(out.width, 40), initial_indent=f"{number} ", subsequent_indent="     "
            )
            out.print(f"[bold]{escape(title)}[/bold]", highlight=False)
            out.print(f"     [cyan]{escape(f.slug)}[/cyan]", soft_wrap=True, highlight=False)
            figures = "figure" if f.figures == 1 else "figures"
            out.print(
                f"     [dim]{f.figures} {figures} · updated {f.updated_at:%Y-%m-%d %H:%M}[/dim]",
                soft_wrap=True,
                highlight=False,
            )
        out.print()


@app.command("show")
@_friendly
def show_command(
    slug: Annotated[str, typer.Argument(help="The feature's slug (see `handscroll list`).")],
    db: DbOption = None,
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f", help="Output format.")] = ParseFormat.json,
) -> None:
    """Print one feature from the library as JSON or as authoring Markdown."""
    from handscroll.publish.markdown import write_markdown

    with _open_library(db) as library:
        feature = library.get_feature(slug)
    _render(feature.to_json(), lambda: write_markdown(feature), fmt)


@app.command("delete")
@_friendly
def delete_command(
    slug: Annotated[str, typer.Argument(help="The feature's slug (see `handscroll list`).")],
    db: DbOption = None,
) -> None:
    """Delete one feature (and everything derived from it) from the library."""
    with _open_library(db) as library:
        library.delete_feature(slug)
    out.print(f"deleted {slug}")


HostOption = Annotated[str, typer.Option("--host", help="Address to listen on (loopback by default).")]
PortOption = Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")]
MediaOption = Annotated[
    Path | None,
    typer.Option(
        "--media",
        help="Folder of image files named by media ID (jpg, png, webp) [default: $HANDSCROLL_MEDIA]",
        show_default=False,
        exists=True,
        file_okay=False,
    ),
]


def _serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from handscroll.publish.server import server_config
    from handscroll.publish.web import create_app

    app = create_app(settings.db, settings)
    out.print(f"serving the library at [bold]http://{host}:{port}/[/] (Ctrl+C to stop)", soft_wrap=True)
    uvicorn.Server(server_config(app, host, port)).run()  # with timeouts for slow clients (issue 10)


@app.command("serve")
@_friendly
def serve_command(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    media: MediaOption = None,
) -> None:
    """Serve the library as a website with a JSON API under /api/ (the reader)."""
    from handscroll.config import Settings

    settings = Settings.from_env(db=_settings(db).db, media_dir=media)
    _serve(settings, host, port)


@app.command("build")
@_friendly
def build_command(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the site into (created if missing).")],
    db: DbOption = None,
    media: MediaOption = None,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Where the site will be published (https://...): also write IIIF manifests, "
            "whose ids must be absolute.",
        ),
    ] = None,
) -> None:
    """Write the library as a static site with relative links (works from file:// and any host).

    Rebuilding rewrites only the pages whose content changed.
    """
    from handscroll.config import Settings
    from handscroll.publish.site import build_site

    settings = Settings.from_env(db=_settings(db).db, media_dir=media)
    with _open_library(db) as library, _progress("building") as progress:
        report = build_site(library, out_dir, settings, progress=progress, base_url=base_url)
    out.print(
        f"{report.pages} pages in {out_dir}: {len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.removed)} removed; {report.media} pictures",
        soft_wrap=True,
        highlight=False,
    )
    out.print(f"open {(out_dir / 'index.html').resolve().as_uri()}", soft_wrap=True, highlight=False)


@app.command("demo")
@_friendly
def demo_command(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the library after importing the samples.")
    ] = True,
) -> None:
    """Import the sample series (if not there yet), draw its pictures, and serve it.

    The placeholder pictures are drawn once into ~/.cache/handscroll/sample-media.
    """
    from handscroll.config import Settings
    from handscroll.pipeline import import_paths
    from handscroll.samples import SERIES, SERIES_TITLE, sample_media_dir, sample_paths

    settings = _settings(db)
    with _open_library(db) as library:
        summary = import_paths([str(p) for p in sample_paths()], library, settings)
        if library.get_series(SERIES).title is None:
            library.set_series_title(SERIES, SERIES_TITLE)
    _print_summary(summary, all_or_nothing=False)
    media = sample_media_dir()
    out.print(f"sample pictures in {media}", soft_wrap=True, highlight=False)
    if serve:
        _serve(Settings.from_env(db=settings.db, media_dir=media), host, port)


@app.command("series")
@_friendly
def series_command(
    key: Annotated[str | None, typer.Argument(help="A series key (see the list without one).")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Give the series this display title.")] = None,
    db: DbOption = None,
) -> None:
    """List the series of the library, or give one a display title.

    Legacy exports name a series only by its media-ID stem
    (`mainsite_psd_neizhanyi`); the reader shows the title instead.
    """
    from rich.table import Table

    with _open_library(db) as library:
        if key is not None and title is not None:
            library.set_series_title(key, title)
        series = [library.get_series(key)] if key is not None else library.list_series()
    table = Table()
    for column in ("key", "title", "features"):
        table.add_column(column)
    for s in series:
        table.add_row(s.key, s.title or "", str(s.features))
    out.print(table)


class DataFormat(StrEnum):
    """Output formats of the enrichment commands."""

    json = "json"
    csv = "csv"


TargetArgument = Annotated[
    str, typer.Argument(help="A feature file, or the slug of a feature in the library.")
]
DataFormatOption = Annotated[DataFormat, typer.Option("--format", "-f", help="Output format.")]


def _enrichment_from(target: str, db: str | None) -> tuple[Feature, Enrichment]:
    """A feature and its enrichment: from a file (enriched now), or else stored in the library by slug."""
    from handscroll.enrich import enrich_feature
    from handscroll.ingest import read_path

    path = Path(target)
    if path.is_file():
        feature = read_path(path, _settings()).feature
        return feature, enrich_feature(feature)
    with _open_library(db) as library:
        feature = library.get_feature(target)
        return feature, library.get_enrichment(target) or enrich_feature(feature)


def _print_shapes(shape: type[Shape], items: Sequence[Shape], fmt: DataFormat) -> None:
    """JSON or CSV (UTF-8 with BOM, CRLF: the one CSV writer) of output shapes, on stdout."""
    import json

    from handscroll.publish.rows import csv_bytes

    if fmt is DataFormat.json:
        sys.stdout.write(json.dumps([i.dump() for i in items], ensure_ascii=False, indent=1) + "\n")
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(csv_bytes(shape, items))
    sys.stdout.buffer.flush()


@app.command("dates")
@_friendly
def dates_command(
    file: Annotated[Path, typer.Argument(help="A text file (any text, not only a feature).")],
    fmt: DataFormatOption = DataFormat.json,
    language: Annotated[str, typer.Option("--language", help="en, or zh for Chinese dates.")] = "en",
    dct: Annotated[
        str | None,
        typer.Option("--dct", help="The document's own date (2013-03-22): today, Friday count from it."),
    ] = None,
    mode: Annotated[
        str | None,
        typer.Option("--mode", help="narrative, or news (the default with --dct): what a bare month means."),
    ] = None,
    ranges: Annotated[
        str, typer.Option("--ranges", help="join (1915/1916, the default) or split (two expressions).")
    ] = "join",
) -> None:
    """Print every date expression of a text file with its TIMEX3 type and normalised value.

    Offsets (`start`, `end`) are character offsets into the decoded file text.
    A `dct:` line in front matter at the top of the file is its document date.
    """
    from handscroll.enrich.dates import find_dates
    from handscroll.enrich.dates_news import front_matter_dct
    from handscroll.errors import Location, ReadError
    from handscroll.ingest import load_source
    from handscroll.ingest.decode import decode_bytes
    from handscroll.publish.shapes import DateShape, date_shapes

    if mode not in (None, "narrative", "news"):
        raise typer.BadParameter(f"--mode must be narrative or news, not {mode!r}")
    if ranges not in ("join", "split"):
        raise typer.BadParameter(f"--ranges must be join or split, not {ranges!r}")
    source = load_source(file, _settings())
    text = decode_bytes(source.data, source.shown)
    front_dct, body_start = front_matter_dct(text)
    written = dct or front_dct
    try:
        found = find_dates(text, language=language, dct=written, mode=mode, ranges=ranges == "join")
    except ValueError as error:
        if dct:
            raise typer.BadParameter(str(error), param_hint="--dct") from None
        line = text[: text.find("dct:")].count("\n") + 1
        raise ReadError(str(error), Location(source.shown, line)) from None
    _print_shapes(DateShape, date_shapes(x for x in found if x.start >= body_start), fmt)


@app.command("timeline")
@_friendly
def timeline_command(
    target: TargetArgument,
    db: DbOption = None,
    fmt: DataFormatOption = DataFormat.json,
) -> None:
    """Print a feature's dated events in time order, each with its sentence and where it stands."""
    from handscroll.model import in_time_order
    from handscroll.publish.shapes import TimelineEvent, event_shapes

    feature, enrichment = _enrichment_from(target, db)
    _print_shapes(TimelineEvent, event_shapes(in_time_order(enrichment.events), feature), fmt)


@app.command("glossary")
@_friendly
def glossary_command(
    target: TargetArgument,
    db: DbOption = None,
    fmt: DataFormatOption = DataFormat.json,
) -> None:
    """Print a feature's bilingual glossary: English, Chinese (Traditional and Simplified),
    pinyin with tones, abbreviation and note, with where each term is defined."""
    from handscroll.publish.shapes import GlossaryTerm, term_shapes

    feature, enrichment = _enrichment_from(target, db)
    _print_shapes(GlossaryTerm, term_shapes(enrichment.terms, feature.slug), fmt)


@app.command("places")
@_friendly
def places_command(
    target: TargetArgument,
    db: DbOption = None,
    fmt: DataFormatOption = DataFormat.json,
) -> None:
    """Print the places a feature names, with coordinates and where each is named."""
    from handscroll.publish.shapes import PlaceShape, place_shapes

    feature, enrichment = _enrichment_from(target, db)
    _print_shapes(PlaceShape, place_shapes(enrichment.places, feature.slug), fmt)


class SearchFormat(StrEnum):
    """Output formats of `search`."""

    text = "text"
    json = "json"


@app.command("search")
@_friendly
def search_command(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", withdr* (prefix), Chinese or pinyin.')],
    db: DbOption = None,
    fmt: Annotated[SearchFormat, typer.Option("--format", "-f", help="Output format.")] = SearchFormat.text,
    series: Annotated[str | None, typer.Option("--series", help="Only this series (its key).")] = None,
    year_from: Annotated[
        int | None, typer.Option("--from", help="Only features with an event in or after this year.")
    ] = None,
    year_to: Annotated[
        int | None, typer.Option("--to", help="Only features with an event in or before this year.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many results (up to 100).")] = 20,
) -> None:
    """Search the library in English, Traditional or Simplified Chinese, pinyin or historical names."""
    import json

    from handscroll.publish.search_marks import result_dict, results_text, search_notices

    with _open_library(db) as library:
        results = library.search(query, series=series, year_from=year_from, year_to=year_to, limit=limit)
    for line in search_notices(results):
        err.print(line, highlight=False, soft_wrap=True, markup=False)
    if fmt is SearchFormat.json:
        rows = [result_dict(result) for result in results.results]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif results.results:
        sys.stdout.write(results_text(results) + "\n")


@app.command("enrich")
@_friendly
def enrich_command(
    db: DbOption = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Redo every feature, not only those never or no longer enriched.")
    ] = False,
) -> None:
    """Derive timelines, glossaries, places and key figures again for stored features.

    Import enriches as it goes; run this after upgrading handscroll. Features
    whose enrichment is current are left alone, so running it twice is harmless.
    """
    from handscroll.pipeline import enrich_library

    with _open_library(db) as library, _progress("enriching") as progress:
        slugs = enrich_library(library, everything=everything, progress=progress)
    out.print(f"enriched {len(slugs)} feature{'s' if len(slugs) != 1 else ''}")


@app.command("quiz")
@_friendly
def quiz_command(
    slug: Annotated[str, typer.Argument(help="The feature's slug (see `handscroll list`).")],
    db: DbOption = None,
    approve: Annotated[
        list[str] | None,
        typer.Option(
            "--approve", help="Approve this item (its ID): readers and exports show it. Repeatable."
        ),
    ] = None,
    fmt: Annotated[SearchFormat, typer.Option("--format", "-f", help="Output format.")] = SearchFormat.text,
) -> None:
    """List a feature's generated self-check items, approved or proposed, and why others were not made;
    --approve ID approves one (see docs/quizzes.md)."""
    from handscroll.learn.report import approve_listed, quiz_json, quiz_text

    with _open_library(db) as library:
        quiz, approved = approve_listed(library, slug, approve or [])
    sys.stdout.write(quiz_json(quiz, approved) if fmt is SearchFormat.json else quiz_text(quiz, approved))


def _export_formats_help() -> str:
    from handscroll.publish.exports import EXPORT_FORMATS

    return "Format, one of: " + "; ".join(
        f"[bold]{f.name}[/]: {f.description}" for f in EXPORT_FORMATS.values()
    )


def _check_export_format(value: str) -> str:
    from handscroll.publish.exports import EXPORT_FORMATS

    if value not in EXPORT_FORMATS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(EXPORT_FORMATS)}")
    return value


@app.command("export")
@_friendly
def export_command(
    fmt: Annotated[
        str,
        typer.Argument(
            metavar="FORMAT",
            help=_export_formats_help(),
            callback=_check_export_format,
            show_default=False,
        ),
    ],
    out_path: Annotated[
        Path, typer.Option("--out", "-o", help="Where to write: a file or a folder, as FORMAT says.")
    ],
    db: DbOption = None,
    series: Annotated[str | None, typer.Option("--series", help="Export this series only.")] = None,
    feature: Annotated[str | None, typer.Option("--feature", help="Export this feature (slug) only.")] = None,
    media: MediaOption = None,
    base_url: Annotated[
        str,
        typer.Option("--base-url", help="Where the reader is served, for links that must be absolute."),
    ] = "http://localhost:8000/",
) -> None:
    """Export the library, a series (--series) or one feature (--feature) as EPUB, TimelineJS,
    IIIF, JSON-LD or CSV, and say what was left out."""
    from handscroll.config import Settings
    from handscroll.errors import HandscrollError
    from handscroll.publish.exports import ExportRequest, run_export

    if series is not None and feature is not None:
        raise HandscrollError("give --series or --feature, not both")
    settings = Settings.from_env(db=_settings(db).db, media_dir=media)
    request = ExportRequest(series=series, slug=feature, media_dir=settings.media_dir, base_url=base_url)
    with _open_library(db) as library:
        report = run_export(fmt, library, request, out_path)
    for line in report.skipped:
        err.print(f"[yellow]skipped:[/] {line}", highlight=False, soft_wrap=True)
    shown = report.written[:5]  # an IIIF export writes a picture per figure: name a few, count the rest
    for path in shown:
        out.print(f"wrote {path}", highlight=False, soft_wrap=True)
    if len(report.written) > len(shown):
        out.print(f"wrote {len(report.written) - len(shown)} more files", highlight=False)
