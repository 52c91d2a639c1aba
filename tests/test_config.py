"""Settings come from one schema, read from an injectable environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from handscroll.config import DEFAULT_CHROME_LINES, Settings
from handscroll.errors import ConfigError


def test_defaults_without_environment() -> None:
    settings = Settings.from_env({})
    assert settings.db == "sqlite:///handscroll.db"
    assert settings.chrome_lines == DEFAULT_CHROME_LINES
    assert settings.max_file_bytes == 8 * 1024 * 1024


def test_environment_is_read_and_overrides_win() -> None:
    env = {
        "HANDSCROLL_DB": "sqlite:///x.db",
        "HANDSCROLL_MEDIA": "/srv/media",
        "HANDSCROLL_CHROME_LINES": "Back to top|Print this page",
        "HANDSCROLL_MAX_FILE_MB": "2.5",
    }
    settings = Settings.from_env(env)
    assert settings.media_dir == Path("/srv/media")
    assert settings.chrome_lines == ("Back to top", "Print this page")
    assert settings.max_file_bytes == int(2.5 * 1024 * 1024)
    assert Settings.from_env(env, db="sqlite:///y.db").db == "sqlite:///y.db"


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"HANDSCROLL_MAX_FILE_MB": "lots"}, chrome_lines=42)
    message = str(caught.value)
    assert "max_file_mb" in message and "chrome_lines" in message
