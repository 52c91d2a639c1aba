"""The enrichment commands: dates, timeline (from a file and from the library)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from handscroll.cli import app
from handscroll.samples import sample_paths

runner = CliRunner()


def test_dates_prints_offsets_into_the_decoded_file(tmp_path: Path) -> None:
    text = "\ufeffIntro line\r\nThe talks ended on 10 October 1945; fighting resumed in early 1946.\r\n"
    path = tmp_path / "note.txt"
    path.write_bytes(text.encode("utf-8"))
    result = runner.invoke(app, ["dates", str(path)])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    decoded = text.removeprefix("\ufeff")
    assert [(r["value"], r.get("mod")) for r in rows] == [("1945-10-10", None), ("1946", "START")]
    for row in rows:
        assert decoded[row["start"] : row["end"]] == row["text"]
    assert list(rows[0]) == [
        "start",
        "end",
        "text",
        "type",
        "value",
        "mod",
        "quant",
        "freq",
    ]  # every field, null when absent


def test_dates_refuses_a_binary_file_by_name(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    result = runner.invoke(app, ["dates", str(path)])
    assert result.exit_code == 1
    assert "photo.txt:1: this is a binary file" in result.stderr


def test_timeline_from_a_file_and_from_the_library_agree(tmp_path: Path) -> None:
    sample = sample_paths()[0]
    from_file = runner.invoke(app, ["timeline", str(sample)])
    assert from_file.exit_code == 0, from_file.stderr
    events = json.loads(from_file.stdout)
    assert events, "the sample has dated events"
    db = tmp_path / "lib.db"
    assert runner.invoke(app, ["import", str(sample), "--db", str(db)]).exit_code == 0
    slug = events[0]["feature"]
    from_library = runner.invoke(app, ["timeline", slug, "--db", str(db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(from_library.stdout_bytes.decode("utf-8-sig"), newline="")))
    assert [r["value"] for r in rows] == [e["value"] for e in events]


def test_timeline_of_an_unknown_slug_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["timeline", "no-such-feature", "--db", str(tmp_path / "lib.db")])
    assert result.exit_code == 1
    assert "no feature 'no-such-feature'" in result.stderr


def test_glossary_of_a_stored_feature_has_both_scripts_and_pinyin(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    assert runner.invoke(app, ["import", *map(str, sample_paths()), "--db", str(db)]).exit_code == 0
    slug = json.loads(runner.invoke(app, ["timeline", str(sample_paths()[0])]).stdout)[0]["feature"]
    result = runner.invoke(app, ["glossary", slug, "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    terms = json.loads(result.stdout)
    chinese = [t for t in terms if t["chinese"]]
    assert chinese, "the sample glosses names in Chinese"
    for term in chinese:
        assert term["traditional"] and term["simplified"] and term["pinyin"]
        assert term["pinyin_plain"].isascii()


def test_csv_rows_keep_chinese_intact(tmp_path: Path) -> None:
    result = runner.invoke(app, ["glossary", str(sample_paths()[0]), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in row["chinese"]) for row in rows)


def test_enrich_redoes_only_what_is_stale(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    runner.invoke(app, ["import", *map(str, sample_paths()), "--db", str(db)])
    assert "enriched 0 features" in runner.invoke(app, ["enrich", "--db", str(db)]).stdout
    everything = runner.invoke(app, ["enrich", "--all", "--db", str(db)])
    assert f"enriched {len(sample_paths())} features" in everything.stdout
