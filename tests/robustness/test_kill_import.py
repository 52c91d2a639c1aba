"""SIGKILL during import, on SQLite and PostgreSQL: no partial or duplicated features, no orphans."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from robustness.kills import kill_imports


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_imports_killed_at_random_moments_leave_a_sound_library(tmp_path: Path, library_url: str) -> None:
    tally = kill_imports(library_url, tmp_path, kills=2, batch=30, pause=4.0)
    assert tally.tried == 2
    assert tally.problems == []
    assert tally.orphans == 0
