"""Commands that show what the text says, and search it.

dates, timeline, glossary, places, search, reindex, enrich, quiz.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from handscroll.enrich import Enrichment
    from handscroll.model import Feature
    from handscroll.publish.shapes import Shape

from handscroll.cli.common import (
    DbOption,
    app,
    err,
    friendly,
    open_library,
    out,
    progress_bar,
    settings_for,
)


class DataFormat(StrEnum):
    """Output formats of the enrichment commands."""

    json = "json"
    csv = "csv"


_EOL = re.compile(r"\r?\n")
"""The line end that closes a front matter block, not part of the text a TimeML file holds."""


class DatesFormat(StrEnum):
    """Output formats of `handscroll dates`: the shared ones, and the text tagged as TimeML."""

    json = "json"
    csv = "csv"
    timeml = "timeml"


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
        feature = read_path(path, settings_for()).feature
        return feature, enrich_feature(feature)
    with open_library(db) as library:
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
@friendly
def dates_command(
    file: Annotated[Path, typer.Argument(help="A text file (any text, not only a feature).")],
    fmt: Annotated[
        DatesFormat,
        typer.Option("--format", "-f", help="json, csv, or timeml (the text with TIMEX3 tags in place)."),
    ] = DatesFormat.json,
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
        str | None,
        typer.Option(
            "--ranges",
            help="join (1915/1916) or split (two expressions, the default in news mode and for timeml).",
        ),
    ] = None,
) -> None:
    """Print every date expression of a text file with its TIMEX3 type and normalised value.

    Offsets (`start`, `end`) are character offsets into the decoded file text.
    A `dct:` (or a Markdown feature's `date:`) line in front matter at the top of the file
    is its document date. A TimeML document (TimeBank, TempEval-3) is read as a scorer reads
    it: the text of its <TEXT> without its tags (the offsets count into that), dated by its <DCT>.
    """
    from handscroll.enrich.dates import find_dates
    from handscroll.enrich.dates_news import front_matter_dct
    from handscroll.errors import Location, ReadError
    from handscroll.ingest import load_source
    from handscroll.ingest.decode import decode_bytes
    from handscroll.ingest.timeml import is_timeml, read_timeml
    from handscroll.publish.shapes import DateShape, date_shapes

    if language.split("-")[0].lower() not in ("en", "zh"):
        raise typer.BadParameter(f"--language must be en or zh (zh-Hant, zh-Hans), not {language!r}")
    if mode not in (None, "narrative", "news"):
        raise typer.BadParameter(f"--mode must be narrative or news, not {mode!r}")
    if ranges not in (None, "join", "split"):
        raise typer.BadParameter(f"--ranges must be join or split, not {ranges!r}")
    source = load_source(file, settings_for())
    text = decode_bytes(source.data, source.shown)
    doc_id = file.stem
    timeml = is_timeml(text)
    if timeml:  # TimeBank, AQUAINT, TempEval-3: the text of <TEXT>, the date of <DCT>
        document = read_timeml(text, source.shown)
        text, front_dct, body_start, doc_id = document.text, document.dct, 0, document.doc_id or doc_id
    else:
        front_dct, body_start = front_matter_dct(text)
    written = dct or front_dct
    try:
        joined = None if ranges is None else ranges == "join"
        if joined is None and fmt is DatesFormat.timeml:
            joined = False  # a TIMEX3 value has no "1915/1916": TimeML tags a range's two ends
        found = find_dates(text, language=language, dct=written, mode=mode, ranges=joined)
    except ValueError as error:
        if dct:
            raise typer.BadParameter(str(error), param_hint="--dct") from None
        if timeml:  # its <DCT>
            raise ReadError(str(error), Location(source.shown)) from None
        key = "\ndct:" if "\ndct:" in text[:body_start] else "\ndate:"
        line = text[: text.find(key) + 1].count("\n") + 1
        raise ReadError(str(error), Location(source.shown, line)) from None
    shapes = date_shapes(x for x in found if x.start >= body_start)
    if fmt is DatesFormat.timeml:
        from handscroll.publish.timeml import timeml_document

        eol = _EOL.match(text, body_start) if body_start else None
        after = eol.end() if eol else body_start
        sys.stdout.write(timeml_document(text, shapes, doc_id=doc_id, dct=written, start=after))
        return
    _print_shapes(DateShape, shapes, DataFormat(fmt.value))


@app.command("timeline")
@friendly
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
@friendly
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
@friendly
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
@friendly
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
    language: Annotated[
        str | None,
        typer.Option("--language", help="Only editions in this language (en, zh-Hant, zh-Hans)."),
    ] = None,
) -> None:
    """Search the library in English, Traditional or Simplified Chinese, pinyin or historical names."""
    import json

    from handscroll.publish.search_marks import result_dict, results_text, search_notices

    with open_library(db) as library:
        results = library.search(
            query, series=series, year_from=year_from, year_to=year_to, language=language, limit=limit
        )
    for line in search_notices(results):
        err.print(line, highlight=False, soft_wrap=True, markup=False)
    if fmt is SearchFormat.json:
        rows = [result_dict(result) for result in results.results]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
    elif results.results:
        sys.stdout.write(results_text(results) + "\n")


@app.command("reindex")
@friendly
def reindex_command(db: DbOption = None) -> None:
    """Build the search index again from the library (the library itself is not changed).

    On SQLite the index is a folder beside the database file (`library.db-search/`):
    delete it, copy the file without it, or run this to make it anew.
    """
    with open_library(db) as library, progress_bar("indexing") as progress:
        state = {"done": 0}

        def advance(done: int, total: int) -> None:
            progress.start(total)
            for _ in range(done - state["done"]):
                progress.advance(None)
            state["done"] = done

        count = library.rebuild_search_index(advance)
    out.print(f"indexed {count} feature{'s' if count != 1 else ''}")


@app.command("enrich")
@friendly
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

    with open_library(db) as library, progress_bar("enriching") as progress:
        slugs = enrich_library(library, everything=everything, progress=progress)
    out.print(f"enriched {len(slugs)} feature{'s' if len(slugs) != 1 else ''}")


@app.command("quiz")
@friendly
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

    with open_library(db) as library:
        quiz, approved = approve_listed(library, slug, approve or [])
    sys.stdout.write(quiz_json(quiz, approved) if fmt is SearchFormat.json else quiz_text(quiz, approved))
