"""Plugins come in through entry points: an outside package's reader, enricher and exporter are used
by `handscroll import` and `handscroll export`, and a broken one is named (issue 9).

The package is tests/plugins/handscroll_tiny. It is installed here as pip would leave it: its
module and a `.dist-info` with its entry points, on the path of a real `handscroll` process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from handscroll.plugins import BUILTIN, plugin_entry_points

TINY = Path(__file__).parent / "plugins" / "handscroll_tiny"
ROOT = Path(__file__).parents[1]


def _install(site: Path, name: str, version: str, entry_points: dict[str, dict[str, str]]) -> None:
    """Leave a distribution's metadata in `site` as an installer does: METADATA and entry_points.txt."""
    info = site / f"{name.replace('-', '_')}-{version}.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    lines = []
    for group, entries in entry_points.items():
        lines.append(f"[{group}]")
        lines.extend(f"{key} = {value}" for key, value in entries.items())
        lines.append("")
    (info / "entry_points.txt").write_text("\n".join(lines))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder holding the tiny plugin, installed: its package and its dist-info."""
    folder = tmp_path / "site"
    shutil.copytree(TINY / "handscroll_tiny", folder / "handscroll_tiny")
    project = tomllib.loads((TINY / "pyproject.toml").read_text())["project"]
    _install(folder, project["name"], project["version"], project["entry-points"])
    return folder


def _handscroll(site: Path, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "HANDSCROLL_DB": f"sqlite:///{db}"}
    script = Path(sys.executable).with_name("handscroll")
    return subprocess.run([str(script), *args], capture_output=True, text=True, env=env, check=False)


def test_a_plugin_reader_enricher_and_exporter_are_used(site: Path, tmp_path: Path) -> None:
    source = tmp_path / "in" / "seals.scroll"
    source.parent.mkdir()
    source.write_text("= The Imperial Seals\n\nEvery edict bore a seal.\nThe seals were jade.\n")
    (source.parent / "plain.txt").write_text("(1) A Plain Feature\n\nNo stamps here.\n")
    db = tmp_path / "library.db"

    imported = _handscroll(site, db, "import", str(source.parent))
    assert imported.returncode == 0, imported.stderr

    out = tmp_path / "seals.tsv"
    exported = _handscroll(site, db, "export", "seal-list", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    rows = sorted(out.read_text(encoding="utf-8").splitlines())
    # The .scroll file was read by the plugin's reader, enriched by its enricher (and the
    # built-in ones: the plain feature went through them too), exported by its exporter.
    assert rows == [
        "01-a-plain-feature\tA Plain Feature\t",
        "the-imperial-seals\tThe Imperial Seals\tseal=印章",
    ]

    listed = _handscroll(site, db, "export", "--help")
    assert "seal-list" in listed.stdout and "handscroll-tiny" in listed.stdout


def test_a_broken_plugin_is_named(site: Path, tmp_path: Path) -> None:
    _install(
        site,
        "handscroll-broken",
        "1.0",
        {
            "handscroll.exporters": {"broken": "handscroll_broken_gone:export"},
            "handscroll.enrichers": {"stamps": "handscroll_tiny:no_such_enricher"},
            "handscroll.readers": {"boom": "handscroll_tiny:read_boom"},
        },
    )
    db = tmp_path / "library.db"
    source = tmp_path / "a.txt"
    source.write_text("(1) A Feature\n\nText.\n")

    imported = _handscroll(site, db, "import", str(source))
    assert imported.returncode == 2
    assert (
        "handscroll.enrichers entry point 'stamps' = 'handscroll_tiny:no_such_enricher' "
        "(from the handscroll-broken package) failed to load: AttributeError"
    ) in " ".join(imported.stderr.split())
    assert "Traceback" not in imported.stderr

    assert _handscroll(site, db, "import", "--no-enrich", str(source)).returncode == 0
    exported = _handscroll(site, db, "export", "broken", "--out", str(tmp_path / "x"))
    assert exported.returncode == 2
    message = " ".join(exported.stderr.split())
    assert "handscroll.exporters entry point 'broken' = 'handscroll_broken_gone:export'" in message
    assert "ModuleNotFoundError" in message
    assert not (tmp_path / "x").exists()

    boom = tmp_path / "x.boom"
    boom.write_text("anything\n")
    read = _handscroll(site, db, "import", "--no-enrich", str(boom))
    assert read.returncode == 2
    assert (
        "handscroll.readers entry point 'boom' = 'handscroll_tiny:read_boom' (from the "
        "handscroll-broken package) failed: ValueError: this reader always fails"
    ) in " ".join(read.stderr.split())
    assert "Traceback" not in read.stderr


def test_the_builtins_are_declared_in_pyproject_as_plugins_are() -> None:
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]
    assert declared == BUILTIN
    # And the installed metadata is what this process found them by.
    for group, entries in BUILTIN.items():
        found = {e.name: e.value for e in plugin_entry_points(group) if e.dist is not None}
        assert found == entries
