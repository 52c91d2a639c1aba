"""What every command shares: the Typer app, the consoles, the options, friendly errors, progress.

Expected errors (HandscrollError) print as one line naming file and line, without a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from handscroll.config import Settings
    from handscroll.pipeline import ImportSummary
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

EncodingOption = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="Encoding of legacy files that are not UTF-8: gb18030 (gbk, gb2312) or big5 "
        "[default: UTF-8, or $HANDSCROLL_ENCODING]",
        show_default=False,
    ),
]


class ParseFormat(StrEnum):
    """Output formats of `parse` and `show`."""

    json = "json"
    md = "md"


def friendly(command: Callable[P, R]) -> Callable[P, R]:
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


def settings_for(
    db: str | None = None, language: str | None = None, encoding: str | None = None, **overrides: object
) -> Settings:
    from handscroll.config import Settings, sqlite_url

    if db is not None and "://" not in db:
        db = sqlite_url(db)  # a bare path means a SQLite file
    return Settings.from_env(None, db=db, language=language, encoding=encoding, **overrides)


def open_library(db: str | None) -> Library:
    from handscroll.store import Library

    return Library.open(settings_for(db).db)


class ProgressBar:
    """A Rich progress bar on stderr, speaking the pipeline's Progress protocol."""

    def __init__(self, bar: Progress, task: TaskID) -> None:
        self._bar = bar
        self._task = task

    def start(self, total: int) -> None:
        self._bar.update(self._task, total=total)

    def advance(self, item: object) -> None:
        self._bar.advance(self._task)
        speed = next(task.speed for task in self._bar.tasks if task.id == self._task)
        if speed:
            self._bar.update(self._task, rate=f"{speed:,.0f}/s")

    def stage(self, label: str) -> Callable[[int, int], None]:
        """A line of its own for a later stage of the work ("indexing"), shown once it is told
        (done, total)."""
        tasks: list[TaskID] = []

        def update(done: int, total: int) -> None:
            if not tasks:
                tasks.append(self._bar.add_task(label, total=total, rate=""))
            self._bar.update(tasks[0], completed=done, total=total)

        return update


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[ProgressBar]:
    """Show a transient progress bar labelled `label`, with the rate and time left, while the block runs."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    rate = TextColumn("{task.fields[rate]}")
    named = TextColumn("{task.description}")
    columns = (named, BarColumn(), MofNCompleteColumn(), rate, TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        yield ProgressBar(bar, bar.add_task(label, total=None, rate=""))


def render_feature(feature_json: str, feature_md: Callable[[], str], fmt: ParseFormat) -> None:
    text = feature_json if fmt is ParseFormat.json else feature_md()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def print_summary(summary: ImportSummary, *, all_or_nothing: bool) -> None:
    """The import's warnings and errors, read back from its log one at a time, then its counts;
    the log is deleted once printed."""
    from rich.table import Table

    from handscroll.run_log import ERROR, REPLACED, WARNING

    log = summary.log
    for warning in log.notes(WARNING):
        err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    for error in log.notes(ERROR):
        err.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    table = Table(title="Import summary", title_justify="left")
    for column in ("files", "added", "updated", "skipped", "warnings", "errors"):
        table.add_column(column, justify="right")
    table.add_row(
        str(summary.files),
        str(summary.added),
        str(summary.updated),
        str(summary.skipped),
        str(log.counts[WARNING]),
        str(log.counts[ERROR]),
    )
    out.print(table)
    for slug in log.notes(REPLACED):  # a real Simplified edition arrived (issue 12)
        out.print(f"replaced the derived Simplified edition {slug}", highlight=False, soft_wrap=True)
    if summary.failed and all_or_nothing:
        err.print("[bold red]nothing was imported[/] (--all-or-nothing)")
    log.close()
