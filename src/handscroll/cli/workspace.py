"""Commands of the editors' workspace: accounts (`user ...`), `publish-due` for cron, `log` (issue 13).

Passwords are read from a hidden prompt or, for scripts, from standard input
(`--password-stdin`); never from the command line, where `ps` and shell
history would keep them.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from handscroll.cli.common import DbOption, app, err, friendly, open_library, out

user_app = typer.Typer(
    name="user",
    help="Manage the accounts of the editors' workspace (contributor, editor, publisher, admin).",
    no_args_is_help=True,
)
app.add_typer(user_app, name="user")

PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from the first line of standard input instead of a hidden prompt.",
    ),
]
RoleArgument = Annotated[str, typer.Argument(help="contributor, editor, publisher or admin.")]
NameArgument = Annotated[str, typer.Argument(help="The account's name.")]


def _role(value: str) -> object:
    from handscroll.workspace.roles import LADDER, Role

    try:
        return Role(value.strip().lower())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(LADDER)}") from None


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.removesuffix("\n").removesuffix("\r")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@user_app.command("add")
@friendly
def user_add_command(
    name: NameArgument,
    role: Annotated[str, typer.Option("--role", help="contributor, editor, publisher or admin.")],
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
) -> None:
    """Add an account; the password is asked for (twice) or read from standard input."""
    from handscroll.workspace.accounts import add_account, check_name

    chosen = _role(role)
    check_name(name)
    password = _password(password_stdin)
    with open_library(db) as library:
        account = add_account(library, name, chosen, password)  # type: ignore[arg-type]
    out.print(f"added {account.name} ({account.role})", highlight=False)


@user_app.command("list")
@friendly
def user_list_command(db: DbOption = None) -> None:
    """List the accounts with their roles."""
    from rich.table import Table

    from handscroll.workspace.accounts import list_accounts

    with open_library(db) as library:
        accounts = list_accounts(library)
    if not accounts:
        err.print("no accounts yet: add one with `handscroll user add NAME --role admin`")
        return
    table = Table()
    for column in ("name", "role", "status"):
        table.add_column(column)
    for account in accounts:
        table.add_row(account.name, account.role, "disabled" if account.disabled else "active")
    out.print(table)


@user_app.command("set-role")
@friendly
def user_set_role_command(name: NameArgument, role: RoleArgument, db: DbOption = None) -> None:
    """Move an account to another role."""
    from handscroll.workspace.accounts import set_role

    chosen = _role(role)
    with open_library(db) as library:
        account = set_role(library, name, chosen)  # type: ignore[arg-type]
    out.print(f"{account.name} is now {account.role}", highlight=False)


@user_app.command("disable")
@friendly
def user_disable_command(name: NameArgument, db: DbOption = None) -> None:
    """Disable an account: it can no longer log in, and its sessions end now."""
    from handscroll.workspace.accounts import disable_account

    with open_library(db) as library:
        disable_account(library, name)
    out.print(f"disabled {name}; its sessions have ended", highlight=False)


@user_app.command("enable")
@friendly
def user_enable_command(name: NameArgument, db: DbOption = None) -> None:
    """Let a disabled account log in again."""
    from handscroll.workspace.accounts import enable_account

    with open_library(db) as library:
        enable_account(library, name)
    out.print(f"enabled {name}", highlight=False)


@user_app.command("reset-password")
@friendly
def user_reset_password_command(
    name: NameArgument, password_stdin: PasswordStdin = False, db: DbOption = None
) -> None:
    """Give an account a new password (asked for, or read from standard input); its sessions end."""
    from handscroll.workspace.accounts import account_named, reset_password

    with open_library(db) as library:
        if account_named(library, name) is None:
            from handscroll.errors import NotFoundError

            raise NotFoundError(f"there is no account {name!r}")
        reset_password(library, name, _password(password_stdin))
    out.print(f"new password set for {name}; its sessions have ended", highlight=False)


@app.command("publish-due")
@friendly
def publish_due_command(db: DbOption = None) -> None:
    """Publish every scheduled edition whose time has come (for cron; `handscroll serve` does it
    by itself). Exits 1 when one could not be published."""
    from handscroll.cli.common import settings_for
    from handscroll.config import Settings
    from handscroll.workspace.media import MediaFolders
    from handscroll.workspace.publishing import publish_due

    settings = Settings.from_env(db=settings_for(db).db)
    folders = MediaFolders(settings.media_dir) if settings.media_dir else None
    with open_library(db) as library:
        report = publish_due(library, media=folders, settings=settings)
    for slug in report.published:
        out.print(f"published {slug}", highlight=False, soft_wrap=True)
    for slug, why in report.failed:
        err.print(f"[bold red]error:[/] {slug}: {why}", highlight=False, soft_wrap=True)
    if not report.published and not report.failed:
        out.print("nothing is due")
    if report.failed:
        raise typer.Exit(1)


@app.command("log")
@friendly
def log_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=10_000, help="How many entries.")] = 50,
    before: Annotated[
        int | None, typer.Option("--before", help="Only entries older than this entry number (to page back).")
    ] = None,
) -> None:
    """Print the workspace's audit log, newest first: who did what to what, and when."""
    from rich.markup import escape

    from handscroll.workspace.audit import entries

    with open_library(db) as library:
        found = entries(library, limit=limit, before=before)
    if not found:
        err.print("the log is empty")
    for entry in found:
        detail = f" · {escape(entry.detail)}" if entry.detail else ""
        out.print(
            f"{entry.id:>6}  {entry.at:%Y-%m-%d %H:%M:%S}Z  [bold]{escape(entry.actor)}[/]  "
            f"{escape(entry.action)}  [cyan]{escape(entry.target)}[/]{detail}",
            highlight=False,
            soft_wrap=True,
        )
