"""The rule for missing parts: skip with a reason, or fail when HANDSCROLL_REQUIRE_ALL_PARTS=1."""

from __future__ import annotations

import pytest

from browser.conftest import require_part


def test_a_missing_part_skips_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HANDSCROLL_REQUIRE_ALL_PARTS", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is gone"):
        require_part("Chromium is gone")


def test_a_missing_part_fails_when_all_parts_are_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANDSCROLL_REQUIRE_ALL_PARTS", "1")
    with pytest.raises(pytest.fail.Exception, match="Chromium is gone"):
        require_part("Chromium is gone")
