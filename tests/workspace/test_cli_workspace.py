"""The workspace's commands on both databases: accounts, import as revisions and drafts,
publish-due for cron, the audit log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from handscroll.cli import app
from handscroll.store import Library
from handscroll.workspace.accounts import account_named, check_login
from handscroll.workspace.listing import edition
from handscroll.workspace.publishing import schedule
from handscroll.workspace.revisions import latest_revision, revisions_of
from handscroll.workspace.states import State
from workspace.texts import PASSWORD, feature_text

runner = CliRunner()
SLUG = "01-the-river-port"


def run(*args: str, stdin: str | None = None) -> Result:
    return runner.invoke(app, list(args), input=stdin, catch_exceptions=False, env={"COLUMNS": "300"})


@pytest.fixture
def port_file(tmp_path: Path) -> Path:
    path = tmp_path / "port.md"
    path.write_text(feature_text(), encoding="utf-8")
    return path


def test_user_commands_add_list_change_disable_and_reset(library_url: str) -> None:
    added = run(
        "user", "add", "mei", "--role", "editor", "--password-stdin", "--db", library_url, stdin=PASSWORD
    )
    assert added.exit_code == 0, added.output
    listed = run("user", "list", "--db", library_url)
    assert "mei" in listed.stdout and "editor" in listed.stdout and "active" in listed.stdout
    assert run("user", "set-role", "mei", "publisher", "--db", library_url).exit_code == 0
    new_password = "another long secret"
    reset = run("user", "reset-password", "mei", "--password-stdin", "--db", library_url, stdin=new_password)
    assert reset.exit_code == 0
    assert run("user", "disable", "mei", "--db", library_url).exit_code == 0
    with Library.open(library_url) as library:
        account = account_named(library, "mei")
        assert account is not None and account.role == "publisher" and account.disabled
    assert run("user", "enable", "mei", "--db", library_url).exit_code == 0
    with Library.open(library_url) as library:
        assert check_login(library, "mei", new_password, "127.0.0.1").name == "mei"
    log = run("log", "--db", library_url)
    assert "account.add" in log.stdout and "account.reset_password" in log.stdout
    assert PASSWORD not in log.stdout and new_password not in log.stdout


def test_a_password_is_never_taken_from_the_command_line(library_url: str) -> None:
    refused = run("user", "add", "mei", "--role", "editor", "--password", PASSWORD, "--db", library_url)
    assert refused.exit_code == 2
    short = run(
        "user", "add", "mei", "--role", "editor", "--password-stdin", "--db", library_url, stdin="short"
    )
    assert short.exit_code == 1 and "at least 10" in short.stderr
    unknown_role = run(
        "user", "add", "mei", "--role", "boss", "--password-stdin", "--db", library_url, stdin=PASSWORD
    )
    assert unknown_role.exit_code == 2


def test_import_writes_a_published_revision_and_draft_touches_nothing_public(
    library_url: str, port_file: Path
) -> None:
    assert run("import", str(port_file), "--db", library_url, "--no-enrich").exit_code == 0
    with Library.open(library_url) as library:
        [first] = revisions_of(library, SLUG)
        assert first.author == "import"
        state = edition(library, SLUG)
        assert state is not None and state.state is State.PUBLISHED and state.public
        assert library.get_feature(SLUG).figures[0].caption == ("Boats at the quay.",)
    port_file.write_text(feature_text(caption="Junks at the quay."), encoding="utf-8")
    assert run("import", str(port_file), "--db", library_url, "--draft").exit_code == 0
    with Library.open(library_url) as library:
        newest = latest_revision(library, SLUG)
        assert newest is not None and "Junks" in newest.markdown and newest.base_id == first.id
        state = edition(library, SLUG)
        assert state is not None and state.state is State.DRAFT and state.public
        assert library.get_feature(SLUG).figures[0].caption == ("Boats at the quay.",)  # still the public one
        assert library.search("Junks").total == 0
    again = run("import", str(port_file), "--db", library_url, "--draft")
    assert again.exit_code == 0
    with Library.open(library_url) as library:
        assert len(revisions_of(library, SLUG)) == 2  # the same draft is not written twice


def test_publish_due_publishes_what_is_due_and_says_so(library_url: str, port_file: Path) -> None:
    assert run("import", str(port_file), "--db", library_url, "--draft", "--no-enrich").exit_code == 0
    assert run("publish-due", "--db", library_url).stdout.strip() == "nothing is due"
    run("user", "add", "pia", "--role", "publisher", "--password-stdin", "--db", library_url, stdin=PASSWORD)
    with Library.open(library_url) as library:
        publisher = account_named(library, "pia")
        assert publisher is not None
        schedule(library, SLUG, publisher, datetime.now(UTC) - timedelta(seconds=1))
    done = run("publish-due", "--db", library_url)
    assert done.exit_code == 0 and f"published {SLUG}" in done.stdout
    with Library.open(library_url) as library:
        assert library.get_feature(SLUG).title == "The river port"
    assert "nothing is due" in run("publish-due", "--db", library_url).stdout
    log = run("log", "--db", library_url, "--limit", "3")
    assert "scheduler" in log.stdout and "publish" in log.stdout
