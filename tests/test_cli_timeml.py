"""`handscroll dates --format timeml`: the text with TIMEX3 tags in place, as TempEval-3's scorer reads
it (issue 16), read back here by an XML parser."""

from __future__ import annotations

import html
import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from handscroll.cli import app
from handscroll.enrich.dates import find_dates

runner = CliRunner()
TBAQ = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "tbaq-cleaned"


def _read_back(document: str) -> tuple[str, str | None, list[dict[str, str | int]]]:
    """The TEXT's plain text, the DCT's value and each TIMEX3 with its offsets in that text."""
    root = ET.fromstring(document)
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    assert body is not None
    plain, found = [body.text or ""], []
    for element in body:
        assert element.tag == "TIMEX3" and len(element) == 0  # flat: no nesting
        start = sum(map(len, plain))
        plain.append(element.text or "")
        found.append({"start": start, "end": start + len(element.text or ""), **element.attrib})
        plain.append(element.tail or "")
    return "".join(plain), (dct.get("value") if dct is not None else None), found


def _run(path: Path, *args: str) -> str:
    result = runner.invoke(app, ["dates", str(path), *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_timeml_tags_every_expression_in_place_and_keeps_the_text(tmp_path: Path) -> None:
    text = "The board met on Friday afternoon <again> & agreed; it meets every Monday.\nLast year it lost.\n"
    path = tmp_path / "minutes.txt"
    path.write_text("---\ndct: 2013-03-22\n---\n" + text, encoding="utf-8")
    plain, dct, tagged = _read_back(_run(path, "--format", "timeml"))
    assert plain == text and dct == "2013-03-22"
    listed = json.loads(_run(path))
    assert [(t["type"], t["value"], plain[t["start"] : t["end"]]) for t in tagged] == [
        (d["type"], d["value"], d["text"]) for d in listed
    ]
    assert [t["tid"] for t in tagged] == ["t1", "t2", "t3"]
    monday = next(t for t in tagged if t["value"] == "XXXX-WXX-1")
    assert monday["type"] == "SET" and monday["quant"] == "EVERY"
    assert "mod" not in tagged[0] and "freq" not in tagged[0]  # empty attributes are left out


def test_timeml_without_a_document_date_has_no_dct(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Written in March 1946.", encoding="utf-8")
    plain, dct, tagged = _read_back(_run(path, "--format", "timeml"))
    assert dct is None and plain == "Written in March 1946."
    assert [(t["value"], plain[t["start"] : t["end"]]) for t in tagged] == [("1946-03", "March 1946")]


def test_a_timebank_document_comes_back_with_its_text_unchanged(tmp_path: Path) -> None:
    """The whole path an outside scorer takes: TimeBank's text in, TimeML out, the same text read back."""
    if not TBAQ.is_dir():
        pytest.skip(f"the TempEval-3 training data is not at {TBAQ}")
    raw = (TBAQ / "TimeBank" / "ABC19980108.1830.0711.tml").read_text(encoding="utf-8")
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    dct = re.search(r'<DCT>.*?value="([^"]*)"', raw, re.S)
    assert body and dct
    text = html.unescape(re.sub(r"<[^>]+>", "", body[1]))
    path = tmp_path / "ABC19980108.1830.0711.txt"
    path.write_text(text, encoding="utf-8")
    document = _run(path, "--format", "timeml", "--dct", dct[1], "--ranges", "split")
    plain, read_dct, tagged = _read_back(document)
    assert plain == text and read_dct == "1998-01-08"
    listed = json.loads(_run(path, "--dct", dct[1], "--ranges", "split"))
    assert len(tagged) == len(listed) > 5
    assert [(t["start"], t["end"], t["value"]) for t in tagged] == [
        (d["start"], d["end"], d["value"]) for d in listed
    ]
    assert "<DOCID>ABC19980108.1830.0711</DOCID>" in document


def test_a_timeml_document_is_read_as_a_scorer_reads_it() -> None:
    """TimeBank's own file in: its <TEXT> without the gold tags, dated by its <DCT>, as the API tags it."""
    path = TBAQ / "TimeBank" / "ABC19980108.1830.0711.tml"
    if not path.is_file():
        pytest.skip(f"the TempEval-3 training data is not at {TBAQ}")
    raw = path.read_text(encoding="utf-8")
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    assert body
    text = html.unescape(re.sub(r"<[^>]+>", "", body[1]))
    listed = json.loads(_run(path))
    assert [(d["start"], d["end"], d["value"]) for d in listed] == [
        (x.start, x.end, x.value) for x in find_dates(text, dct="1998-01-08", ranges=False)
    ]
    assert all(text[d["start"] : d["end"]] == d["text"] for d in listed) and len(listed) > 5
    plain, dct, tagged = _read_back(_run(path, "--format", "timeml"))
    assert plain == text and dct == "1998-01-08" and len(tagged) == len(listed)
    assert "<DOCID>ABC19980108.1830.0711</DOCID>" in _run(path, "--format", "timeml")
    assert json.loads(_run(path, "--dct", "2013-03-22")) != listed  # a date given wins over the <DCT>


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            "<TimeML>\n<TEXT>On Friday.\n</TIMEX3></TEXT></TimeML>",
            "doc.tml:3: not well-formed TimeML (mismatched tag)",
        ),
        ("<TimeML><DOCID>x</DOCID></TimeML>", "doc.tml: a TimeML document without a <TEXT> element"),
        (
            '<TimeML><DCT><TIMEX3 value="2013-02-30"/></DCT><TEXT>On Friday.</TEXT></TimeML>',
            "doc.tml: the document date must be a day",
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE TimeML [<!ENTITY a "aaaaaaaaaa">'
            + "".join(f'<!ENTITY {b} "{f"&{a};" * 10}">' for a, b in itertools.pairwise("abcdefgh"))
            + "]>\n<TimeML><TEXT>&h;</TEXT></TimeML>",  # a billion laughs: 10**8 letters from 500 bytes
            "doc.tml:3: not well-formed TimeML",
        ),
    ],
    ids=["mismatched", "no-text", "bad-dct", "entity-bomb"],
)
def test_a_bad_timeml_document_is_named_with_its_line(tmp_path: Path, document: str, message: str) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(document, encoding="utf-8")
    result = runner.invoke(app, ["dates", str(path)])
    assert result.exit_code == 1 and message in result.stderr, result.stderr
