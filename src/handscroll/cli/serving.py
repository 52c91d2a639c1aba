"""Commands that publish the library: serve, build, demo, export."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast, get_args

import typer

if TYPE_CHECKING:
    from handscroll.config import Settings

from handscroll.cli.common import (
    DbOption,
    app,
    err,
    friendly,
    open_library,
    out,
    print_summary,
    progress_bar,
    settings_for,
)

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


WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        min=1,
        max=64,
        help="Worker processes sharing the port and the library (production: about one per core).",
    ),
]


def _serve(settings: Settings, host: str, port: int, workers: int = 1) -> None:
    import uvicorn

    from handscroll.publish.server import run_workers, server_options
    from handscroll.publish.web import create_app

    where = f"serving the library at [bold]http://{host}:{port}/[/]"
    if workers > 1:
        with open_library(settings.db):  # each worker opens it: check and migrate it once, first
            pass
        out.print(f"{where} with {workers} workers (Ctrl+C to stop)", soft_wrap=True)
        media = str(settings.media_dir) if settings.media_dir else None
        run_workers(settings.db, media, host, port, workers)
        return
    app = create_app(settings.db, settings)
    out.print(f"{where} (Ctrl+C to stop)", soft_wrap=True)
    uvicorn.run(app, **server_options(host, port))  # with timeouts for slow clients (issue 10)


@app.command("serve")
@friendly
def serve_command(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    media: MediaOption = None,
    workers: WorkersOption = 1,
) -> None:
    """Serve the library as a website with a JSON API under /api/ (the reader)."""
    from handscroll.config import Settings

    settings = Settings.from_env(db=settings_for(db).db, media_dir=media)
    _serve(settings, host, port, workers)


@app.command("prepare-pages")
@friendly
def prepare_pages_command(db: DbOption = None) -> None:
    """Work out and keep the parts of every feature page that depend on the feature alone, so
    that a first view of any page renders in about half the time (the reader otherwise makes
    each on its first view)."""
    from handscroll.publish.page_parts import prepare_pages

    with open_library(db) as library:
        made = prepare_pages(library, library.feature_slugs())
    out.print(f"prepared {made} page{'s' if made != 1 else ''}")


@app.command("build")
@friendly
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
    languages: Annotated[
        str | None,
        typer.Option(
            "--languages",
            help="Interface languages to build, comma-separated (en, zh-Hant, zh-Hans; default all "
            "three): `--languages en` writes a third of the pages.",
        ),
    ] = None,
) -> None:
    """Write the library as a static site with relative links (works from file:// and any host).

    Rebuilding rewrites only the pages whose content changed.
    """
    from handscroll.config import Settings
    from handscroll.publish.site import build_site, interface_languages
    from handscroll.publish.urls import site_folder

    settings = Settings.from_env(db=settings_for(db).db, media_dir=media)
    try:
        built = interface_languages([part.strip() for part in (languages or "").split(",") if part.strip()])
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--languages") from None
    with open_library(db) as library, progress_bar("building") as progress:
        report = build_site(library, out_dir, settings, progress=progress, base_url=base_url, languages=built)
    out.print(
        f"{report.pages} pages in {out_dir}: {len(report.written)} written, {report.unchanged} unchanged, "
        f"{len(report.removed)} removed; {report.media} pictures",
        soft_wrap=True,
        highlight=False,
    )
    home = out_dir / site_folder(built[0]) / "index.html"
    out.print(f"open {home.resolve().as_uri()}", soft_wrap=True, highlight=False)


@app.command("demo")
@friendly
def demo_command(
    db: DbOption = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the library after importing the samples.")
    ] = True,
) -> None:
    """Import the sample series in English, Traditional and Simplified Chinese (if not there yet),
    draw its pictures, and serve it.

    The placeholder pictures are drawn once into ~/.cache/handscroll/sample-media.
    """
    from handscroll.config import Settings
    from handscroll.pipeline import import_paths
    from handscroll.samples import PHRASES, edition_paths, sample_media_dir, sample_paths

    settings = settings_for(db, phrases=PHRASES)  # the sample publisher's phrase table (issue 12)
    with open_library(db) as library:
        # English, Traditional and Simplified editions (issue 12).
        paths = [str(p) for p in [*sample_paths(), *edition_paths()]]
        summary = import_paths(paths, library, settings)  # its series.yaml names the series
    print_summary(summary, all_or_nothing=False)
    media = sample_media_dir()
    out.print(f"sample pictures in {media}", soft_wrap=True, highlight=False)
    if serve:
        _serve(Settings.from_env(db=settings.db, media_dir=media), host, port)


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
@friendly
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
    answers: Annotated[
        str,
        typer.Option("--answers", help="pdf: answers at the back (end), by each question (inline), or none."),
    ] = "end",
    language: Annotated[
        str | None, typer.Option("--language", help="Only the edition in one language: en, zh-Hant, zh-Hans.")
    ] = None,
    paper: Annotated[str, typer.Option("--paper", help="pdf: A4 or Letter.")] = "A4",
) -> None:
    """Export the library, a series (--series) or one feature (--feature) as EPUB, TimelineJS,
    IIIF, JSON-LD, CSV, GIFT or PDF, and say what was left out."""
    from handscroll.config import Settings
    from handscroll.errors import HandscrollError
    from handscroll.publish.exports import Answers, ExportRequest, Paper, run_export
    from handscroll.text.languages import UnknownLanguageError, language_tag

    if series is not None and feature is not None:
        raise HandscrollError("give --series or --feature, not both")
    settings = Settings.from_env(db=settings_for(db).db, media_dir=media)
    if answers not in get_args(Answers):
        raise typer.BadParameter(f"--answers must be end, inline or none, not {answers!r}")
    if paper not in get_args(Paper):
        raise typer.BadParameter(f"--paper must be A4 or Letter, not {paper!r}")
    try:
        edition = language_tag(language) if language else None
    except UnknownLanguageError as error:
        raise typer.BadParameter(str(error), param_hint="--language") from None
    request = ExportRequest(
        series=series,
        slug=feature,
        media_dir=settings.media_dir,
        base_url=base_url,
        language=edition,
        answers=cast(Answers, answers),
        paper=cast(Paper, paper),
    )
    with open_library(db) as library:
        report = run_export(fmt, library, request, out_path)
    for line in report.skipped:
        err.print(f"[yellow]skipped:[/] {line}", highlight=False, soft_wrap=True)
    shown = report.written[:5]  # an IIIF export writes a picture per figure: name a few, count the rest
    for path in shown:
        out.print(f"wrote {path}", highlight=False, soft_wrap=True)
    if len(report.written) > len(shown):
        out.print(f"wrote {len(report.written) - len(shown)} more files", highlight=False)
