"""Commands that read files into the library and look at it: parse, import, list, show, delete, series."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from handscroll.cli.common import (
    DbOption,
    EncodingOption,
    LanguageOption,
    ParseFormat,
    app,
    err,
    friendly,
    open_library,
    out,
    print_summary,
    progress_bar,
    render_feature,
    settings_for,
)


@app.command("parse")
@friendly
def parse_command(
    file: Annotated[Path, typer.Argument(help="A feature file: legacy text (.txt), Markdown (.md) or JSON.")],
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f", help="Output format.")] = ParseFormat.json,
    language: LanguageOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Read one feature file and print its model, without touching any library.

    Warnings (lines kept as unclassified, figures without captions, unanswered
    questions) go to stderr with file and line.
    """
    from handscroll.ingest import read_path
    from handscroll.publish.markdown import write_markdown

    result = read_path(file, settings_for(language=language, encoding=encoding))
    for warning in result.warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    render_feature(result.feature.to_json(), lambda: write_markdown(result.feature), fmt)


@app.command("import")
@friendly
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
    encoding: EncodingOption = None,
    work: Annotated[
        str | None,
        typer.Option(
            "--work",
            help="A work key for every file: editions with one key are aligned as one work "
            "[default: series and part, for content with media IDs]",
            show_default=False,
        ),
    ] = None,
    conversion: Annotated[
        str | None,
        typer.Option(
            "--conversion",
            help="OpenCC configuration deriving a Simplified edition for a work with a Traditional one "
            "and no Simplified one: hk2s, t2s, tw2s, tw2sp, or none [default: hk2s]",
            show_default=False,
        ),
    ] = None,
    phrases: Annotated[
        Path | None,
        typer.Option(
            "--phrases",
            help="YAML phrase table ('Traditional: Simplified' lines) applied before OpenCC "
            "[default: phrases.yaml beside a SQLite library]",
            show_default=False,
        ),
    ] = None,
    batch_size: Annotated[
        int,
        typer.Option(
            "--batch-size",
            min=1,
            help="Files read and written per transaction; memory holds two batches at most.",
        ),
    ] = 250,
    draft: Annotated[
        bool,
        typer.Option(
            "--draft",
            help="Write each feature as a draft revision in the editors' workspace, not published.",
        ),
    ] = False,
) -> None:
    """Import features into the library: new ones are added, changed ones updated in place,
    unchanged ones skipped. Files stream through in batches, each written in one transaction
    (with --all-or-nothing, the whole run in one). Each feature written is a revision in the
    editors' workspace, published (--draft: only a draft).

    Exits 1 when any file could not be imported (the others are imported
    unless --all-or-nothing).
    """
    from handscroll.pipeline import import_paths

    settings = settings_for(db, language, encoding, conversion=conversion, phrases=phrases)
    with open_library(db) as library, progress_bar("importing") as progress:
        summary = import_paths(
            paths,
            library,
            settings,
            force=force,
            all_or_nothing=all_or_nothing,
            enrich=enrich,
            progress=progress,
            work=work,
            batch_size=batch_size,
            draft=draft,
            indexed=progress.stage("indexing"),
        )
    print_summary(summary, all_or_nothing=all_or_nothing)
    if summary.failed:
        raise typer.Exit(1)


@app.command("list")
@friendly
def list_command(
    db: DbOption = None,
    series: Annotated[str | None, typer.Option("--series", help="Only this series (its key).")] = None,
) -> None:
    """List the features in the library, by series and part."""
    import itertools
    import textwrap

    from rich.markup import escape

    with open_library(db) as library:
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
@friendly
def show_command(
    slug: Annotated[str, typer.Argument(help="The feature's slug (see `handscroll list`).")],
    db: DbOption = None,
    fmt: Annotated[ParseFormat, typer.Option("--format", "-f", help="Output format.")] = ParseFormat.json,
) -> None:
    """Print one feature from the library as JSON or as authoring Markdown."""
    from handscroll.publish.markdown import write_markdown

    with open_library(db) as library:
        feature = library.get_feature(slug)
        approved = library.approved_quiz_items(slug)
    # Markdown carries the approvals as a `::: quiz` container, so they survive a round trip (issue 15).
    render_feature(feature.to_json(), lambda: write_markdown(feature, approved or None), fmt)


@app.command("delete")
@friendly
def delete_command(
    slug: Annotated[str, typer.Argument(help="The feature's slug (see `handscroll list`).")],
    db: DbOption = None,
) -> None:
    """Delete one feature (and everything derived from it) from the library."""
    with open_library(db) as library:
        library.delete_feature(slug)
    out.print(f"deleted {slug}")


@app.command("series")
@friendly
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

    with open_library(db) as library:
        if key is not None and title is not None:
            library.set_series_title(key, title)
        series = [library.get_series(key)] if key is not None else library.list_series()
    table = Table()
    for column in ("key", "title", "features"):
        table.add_column(column)
    for s in series:
        table.add_row(s.key, s.title or "", str(s.features))
    out.print(table)
