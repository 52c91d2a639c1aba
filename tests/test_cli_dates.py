"""`handscroll dates` with a document date, news mode and split ranges (issue 16)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from typer.testing import CliRunner

from handscroll.cli import app

runner = CliRunner()

NEWS_NOTE = "The minister resigned on Friday; last year the party lost. Talks ran 1915-1916.\n"


def test_dates_takes_a_document_date_and_splits_ranges(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(NEWS_NOTE, encoding="utf-8")
    result = runner.invoke(app, ["dates", str(path), "--dct", "2013-03-22", "--ranges", "split"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["text"], r["type"], r["value"]) for r in rows] == [
        ("Friday", "DATE", "2013-03-22"),
        ("last year", "DATE", "2012"),
        ("1915", "DATE", "1915"),
        ("1916", "DATE", "1916"),
    ]
    joined = json.loads(runner.invoke(app, ["dates", str(path)]).stdout)
    assert [r["value"] for r in joined] == ["XXXX-WXX-5", "XXXX", "1915/1916"]  # no date: underspecified


def test_ranges_are_split_by_default_in_news_mode_and_in_timeml(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(NEWS_NOTE, encoding="utf-8")

    def values(*options: str) -> list[str]:
        result = runner.invoke(app, ["dates", str(path), *options])
        assert result.exit_code == 0, result.stderr
        if "timeml" in options:
            return re.findall(r'value="([^"]+)">', result.stdout.split("<TEXT>")[1])
        return [r["value"] for r in json.loads(result.stdout)]

    assert values("--dct", "2013-03-22")[2:] == ["1915", "1916"]  # news mode: TimeML's two ends
    assert values("--dct", "2013-03-22", "--ranges", "join")[2:] == ["1915/1916"]
    assert values("--mode", "narrative", "--dct", "2013-03-22")[2:] == ["1915/1916"]
    assert values("--format", "timeml")[2:] == ["1915", "1916"]  # no TIMEX3 value is "1915/1916"
    assert values("--format", "timeml", "--ranges", "join")[2:] == ["1915/1916"]


def test_dates_reads_the_document_date_from_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("---\ntitle: A letter\ndct: 2013-03-22\n---\n" + NEWS_NOTE, encoding="utf-8")
    result = runner.invoke(app, ["dates", str(path), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert [r["value"] for r in rows][:2] == ["2013-03-22", "2012"]  # the front matter itself is not tagged


def test_dates_names_the_file_and_line_of_a_bad_front_matter_date(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("---\ntitle: A letter\ndct: 2013-13-01\n---\nToday.\n", encoding="utf-8")
    result = runner.invoke(app, ["dates", str(path)])
    assert result.exit_code == 1
    assert "letter.txt:3: the document date must be a day" in result.stderr


def test_dates_refuses_a_bad_option_value(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(NEWS_NOTE, encoding="utf-8")
    for option in (["--dct", "2013-03"], ["--mode", "diary"], ["--ranges", "both"], ["--language", "fr"]):
        result = runner.invoke(app, ["dates", str(path), *option])
        assert result.exit_code == 2, option


def test_dates_prints_quant_and_freq_of_sets_in_json_and_csv(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("The council meets twice a week and inspects the works every Monday.\n", encoding="utf-8")
    rows = json.loads(runner.invoke(app, ["dates", str(path), "--dct", "2013-03-22"]).stdout)
    assert [(r["text"], r["type"], r["value"], r["quant"], r["freq"]) for r in rows] == [
        ("twice a week", "SET", "P1W", None, "2X"),
        ("every Monday", "SET", "XXXX-WXX-1", "EVERY", None),
    ]
    result = runner.invoke(app, ["dates", str(path), "--format", "csv"])
    table = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert [(r["quant"], r["freq"]) for r in table] == [("", "2X"), ("EVERY", "")]
