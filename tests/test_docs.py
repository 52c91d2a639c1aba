"""The docs keep up with the code: every command and every setting is documented."""

from __future__ import annotations

from pathlib import Path

import typer.main

from handscroll.cli import app
from handscroll.config import Settings

DOCS = Path(__file__).parents[1] / "docs"


def test_every_command_is_documented_in_cli_md() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert commands, "the CLI registers no commands"
    missing = [name for name in commands if f"`handscroll {name}" not in text]
    assert not missing, f"commands missing from docs/cli.md: {missing}"


def test_every_setting_is_documented_in_cli_md() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"`{name}`" not in text]
    assert not missing, f"settings missing from docs/cli.md: {missing}"


def test_every_setting_has_a_description() -> None:
    undocumented = [name for name, field in Settings.model_fields.items() if not field.description]
    assert not undocumented
