"""The `handscroll` command end to end: parse, import, list, show, delete, demo, on both databases."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner, Result

from handscroll.cli import app
from handscroll.samples import sample_paths
from handscroll.store import Library

SEED = Path(__file__).parents[1].parent / "shared" / "seed"
runner = CliRunner()


def run(*args: str) -> Result:
    # A wide terminal, so Rich tables never cut a slug short.
    return runner.invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "400"})


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    folder = tmp_path / "samples"
    folder.mkdir()
    for path in sample_paths():
        shutil.copy(path, folder / path.name)
    return folder


def test_parse_the_seed_prints_the_expected_structure() -> None:
    if not SEED.is_dir():
        pytest.skip(f"the seed is not at {SEED}")
    result = run("parse", str(SEED / "000_cc4507d8b73957ad.txt"))
    assert result.exit_code == 0, result.stderr
    expected = json.loads((SEED / "expected-structure.json").read_text(encoding="utf-8"))
    got = json.loads(result.stdout)
    assert {k: got[k] for k in ("title", "part", "hero", "blocks")} == {
        k: expected[k] for k in ("title", "part", "hero", "blocks")
    }


def test_parse_as_markdown_prints_front_matter_and_containers(samples: Path) -> None:
    first = sorted(samples.iterdir())[0]
    result = run("parse", str(first), "--format", "md")
    assert result.exit_code == 0
    assert result.stdout.startswith("---\ntitle: ")
    assert "\n::: figure " in result.stdout and "\n::: question " in result.stdout


def test_parse_a_bad_file_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"(1) Title\n\ncaf\xe9 au lait\n")
    result = run("parse", str(bad))
    assert result.exit_code == 1
    assert "bad.txt:3: not valid UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_list_show_delete_round_trip(samples: Path, library_url: str) -> None:
    result = run("import", str(samples), "--db", library_url)
    assert result.exit_code == 0, result.stderr
    count = len(list(samples.iterdir()))
    with Library.open(library_url) as library:
        slugs = [f.slug for f in library.list_features()]
    assert len(slugs) == count
    assert _summary_row(result.stdout) == [str(count), str(count), "0", "0", "0", "0"]

    listed = run("list", "--db", library_url)
    assert all(slug in listed.stdout for slug in slugs)

    shown = run("show", slugs[0], "--db", library_url)
    parsed = run("parse", str(sorted(samples.iterdir())[0]))
    assert json.loads(shown.stdout) == json.loads(parsed.stdout)

    again = run("import", str(samples), "--db", library_url)
    assert _summary_row(again.stdout) == [str(count), "0", "0", str(count), "0", "0"]

    deleted = run("delete", slugs[0], "--db", library_url)
    assert deleted.exit_code == 0
    missing = run("show", slugs[0], "--db", library_url)
    assert missing.exit_code == 1
    assert f"no feature '{slugs[0]}'" in missing.stderr


def test_a_changed_file_is_updated_in_place(samples: Path, tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    run("import", str(samples), "--db", str(db))
    first = sorted(samples.iterdir())[0]
    first.write_text(
        first.read_text(encoding="utf-8") + "\nA closing line that joins the credit.\n", encoding="utf-8"
    )
    result = run("import", str(samples), "--db", str(db))
    assert _summary_row(result.stdout)[1:4] == ["0", "1", str(len(list(samples.iterdir())) - 1)]
    assert "kept as unclassified" in result.stderr  # the new line after the credit is reported


def test_one_bad_file_fails_the_exit_but_not_the_others(samples: Path, tmp_path: Path) -> None:
    (samples / "zz-broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    db = tmp_path / "lib.db"
    result = run("import", str(samples), "--db", str(db))
    assert result.exit_code == 1
    assert "zz-broken.txt:3: this is a binary file" in result.stderr  # the NUL byte is on line 3
    with Library.open(f"sqlite:///{db}") as library:
        assert library.count_features() == len(sample_paths())


@pytest.mark.parametrize("batches", [[], ["--batch-size", "2"]], ids=["one batch", "batches of two"])
def test_all_or_nothing_writes_nothing_when_a_file_fails(
    samples: Path, tmp_path: Path, batches: list[str]
) -> None:
    (samples / "zz-empty.txt").write_text("  \n\n", encoding="utf-8")
    db = tmp_path / "lib.db"
    result = run("import", str(samples), "--db", str(db), "--all-or-nothing", *batches)
    assert result.exit_code == 1
    assert "zz-empty.txt: the file is empty" in result.stderr
    assert "nothing was imported" in result.stderr
    with Library.open(f"sqlite:///{db}") as library:
        assert library.count_features() == 0


def test_two_files_with_one_slug_are_refused_by_name(samples: Path, tmp_path: Path) -> None:
    first = sorted(samples.iterdir())[0]
    twin = samples / "twin.txt"
    twin.write_text(
        first.read_text(encoding="utf-8").replace("Source of", "One more answer line.\n\nSource of"), "utf-8"
    )
    result = run("import", str(first), str(twin), "--db", str(tmp_path / "lib.db"))
    assert result.exit_code == 1
    assert "twin.txt: two features with the slug" in result.stderr
    assert first.name in result.stderr


def test_nothing_importable_exits_non_zero(tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "nowhere"), "--db", str(tmp_path / "lib.db"))
    assert result.exit_code == 1
    assert "no such file, folder or glob match" in result.stderr


def test_the_library_comes_from_the_environment(
    samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "env.db"
    monkeypatch.setenv("HANDSCROLL_DB", f"sqlite:///{db}")
    assert run("import", str(samples)).exit_code == 0
    assert db.exists()


def test_demo_imports_the_samples_once(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    first = run("demo", "--db", str(db), "--no-serve")
    assert first.exit_code == 0, first.stderr
    with Library.open(f"sqlite:///{db}") as library:
        languages = {library.get_feature(slug).language for slug in _slugs(library)}
    assert languages == {"en", "zh-Hant", "zh-Hans"}  # all three editions (issue 12)
    second = run("demo", "--db", str(db), "--no-serve")
    assert _summary_row(second.stdout)[1] == "0"  # nothing added the second time


def test_every_command_has_useful_help() -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name in commands:
        result = run(name, "--help")
        assert result.exit_code == 0
        assert len(result.stdout.split()) > 15, f"`handscroll {name} --help` says too little"


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("handscroll")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "import" in result.stdout and "parse" in result.stdout


def _slugs(library: Library) -> list[str]:
    return [summary.slug for summary in library.list_features(limit=1000)]


def _summary_row(stdout: str) -> list[str]:
    """The numbers of the import summary table (files, added, updated, skipped, warnings, errors)."""
    rows = [line for line in stdout.splitlines() if line.startswith("│") and any(c.isdigit() for c in line)]
    assert rows, f"no summary table in:\n{stdout}"
    return [cell.strip() for cell in rows[-1].strip("│").split("│")]


def test_series_get_a_title_the_list_shows(samples: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    run("import", str(samples), "--db", db)
    listed = run("series", "--db", db)
    assert "handscroll_sample_civilwar" in listed.stdout
    titled = run("series", "handscroll_sample_civilwar", "--title", "國共內戰 1945–1949", "--db", db)
    assert titled.exit_code == 0
    assert "國共內戰 1945–1949" in run("series", "--db", db).stdout
    missing = run("series", "nope", "--title", "x", "--db", db)
    assert missing.exit_code == 1 and "no series 'nope'" in missing.stderr


def test_list_reads_at_80_columns_with_every_slug_whole(samples: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "lib.db")
    run("import", str(samples), "--db", db)
    run("series", "handscroll_sample_civilwar", "--title", "China's Civil War, 1945–1949", "--db", db)
    listed = runner.invoke(app, ["list", "--db", db], catch_exceptions=False, env={"COLUMNS": "80"})
    lines = listed.stdout.splitlines()
    with Library.open(f"sqlite:///{db}") as library:
        slugs = [f.slug for f in library.list_features()]
    # Each slug stands whole on its own line, to be copied; every other line fits 80 columns.
    assert all(any(line.strip() == slug for line in lines) for slug in slugs)
    assert all(len(line) <= 80 for line in lines if line.strip() not in slugs)
    assert lines[0].startswith("China's Civil War, 1945–1949 (handscroll_sample_civilwar)")


def test_the_summary_counts_the_warnings_and_errors_it_prints(samples: Path, tmp_path: Path) -> None:
    # Read back from the run's log (issue 11 item 3): each printed once, and counted as printed.
    first = sorted(samples.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nA line after the credit.\n", encoding="utf-8")
    (samples / "zz-a.txt").write_text("  \n", encoding="utf-8")
    (samples / "zz-b.txt").write_text("\n", encoding="utf-8")
    result = run("import", str(samples), "--db", str(tmp_path / "lib.db"), "--batch-size", "2")
    assert result.exit_code == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(warnings) == len(set(warnings)) >= 1
    assert [e.split(":")[1].strip() for e in errors] == [str(samples / "zz-a.txt"), str(samples / "zz-b.txt")]
    assert _summary_row(result.stdout)[4:] == [str(len(warnings)), "2"]
