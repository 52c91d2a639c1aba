"""Chinese editions read exactly: part numerals, markers, questions ending a paragraph (issue 12).

The fixtures are our own Traditional (full-width punctuation, bracketed
marker, the question line repeated whole) and Simplified (ASCII punctuation,
plain marker) editions of one feature.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handscroll.config import Settings
from handscroll.errors import ConfigError, ReadError
from handscroll.ingest import LineKind, read_path
from handscroll.ingest.chinese import chinese_numeral, read_part, split_question
from handscroll.model import Credit, Figure, Note, Paragraph, Question

FIXTURES = Path(__file__).parent / "fixtures"
HANT = FIXTURES / "zh_hant_marshall.txt"
HANS = FIXTURES / "zh_hans_marshall.txt"


@pytest.mark.parametrize(
    ("path", "language", "title", "prompt", "credit"),
    [
        (HANT, "zh-Hant", "《停戰協定》與馬歇爾調處", "馬歇爾的調處為何未能阻止內戰全面爆發？", "圖片來源"),
        (HANS, "zh-Hans", "《停战协定》与马歇尔调处", "马歇尔的调处为何未能阻止内战全面爆发?", "图片来源"),
    ],
)
def test_chinese_edition_reads_exactly(
    path: Path, language: str, title: str, prompt: str, credit: str
) -> None:
    result = read_path(path, Settings())
    feature = result.feature
    assert result.warnings == ()
    assert (feature.title, feature.part, feature.language) == (title, 3, language)
    assert (feature.hero, feature.series) == ("demo_marshall03_1", "demo_marshall")
    kinds = [type(b) for b in feature.blocks]
    assert kinds == [Paragraph, Paragraph, Question, Figure, Figure, Note, Figure, Credit]
    first, second, question = feature.blocks[:3]
    assert isinstance(first, Paragraph) and first.text.startswith("1945年12月")
    # The question is the last sentence of the second paragraph-like line: split off it.
    assert isinstance(second, Paragraph) and second.text.endswith(("擴大。", "扩大。"))
    assert isinstance(question, Question) and question.prompt == prompt
    assert len(question.answer) == 1 and question.answer[0].startswith(("雙方", "双方"))
    assert [f.media for f in feature.figures] == [f"demo_marshall03_{n}" for n in (2, 3, 4)]
    assert all(len(f.caption) == 1 for f in feature.figures)
    note = feature.blocks[5]
    assert isinstance(note, Note) and note.kind == "ebook" and note.text[0].startswith(("執行部", "执行部"))
    last = feature.blocks[-1]
    assert isinstance(last, Credit) and last.text.startswith(credit)


@pytest.mark.parametrize("path", [HANT, HANS])
def test_chinese_edition_accounts_for_every_line(path: Path) -> None:
    result = read_path(path, Settings())
    counts = result.line_counts
    assert counts[LineKind.UNCLASSIFIED] == 0
    assert counts[LineKind.CHROME] == 1  # the answer marker
    assert counts[LineKind.MEDIA] == counts[LineKind.REPEATED_MEDIA] == 4
    assert counts[LineKind.REPEATED_PROMPT] == 1
    assert counts[LineKind.TITLE] == 1 and counts[LineKind.MARKER] == 1
    assert len(result.lines) == len(path.read_text(encoding="utf-8").split("\n"))


@pytest.mark.parametrize(
    ("title", "part", "rest"),
    [
        ("(一)重慶談判", 1, "重慶談判"),
        ("（十二） 《雙十協定》", 12, "《雙十協定》"),
        ("(二十)標題", 20, "標題"),
        ("（九十九）最後一篇", 99, "最後一篇"),
        ("（4）Soviet Withdrawal", 4, "Soviet Withdrawal"),
        ("(4) Soviet Withdrawal", 4, "Soviet Withdrawal"),
    ],
)
def test_part_numbers_in_either_width(title: str, part: int, rest: str) -> None:
    assert read_part(title) == (part, rest)


@pytest.mark.parametrize("text", ["一百", "十十", "二二", "甲", ""])
def test_numerals_outside_one_to_ninety_nine_are_not_parts(text: str) -> None:
    assert chinese_numeral(text) is None
    assert read_part(f"({text})標題") is None


def test_question_splits_off_the_last_sentence_only_at_chinese_stops() -> None:
    assert split_question("東北局勢緊張。為何如此？") == ("東北局勢緊張。", "為何如此？")
    assert split_question("東北局勢緊張.為何如此?") == ("東北局勢緊張.", "為何如此?")
    assert split_question("戰事擴大。目的是甚麼？為何失敗？") == ("戰事擴大。", "目的是甚麼？為何失敗？")
    assert split_question("Why did Mr. Hurley fly to Yan'an?") == ("", "Why did Mr. Hurley fly to Yan'an?")


def test_markers_match_in_any_width_and_brackets(tmp_path: Path) -> None:
    for marker in ("答案見下。", "「答案見下。」", "答案見下.", "答案见下。", "『答案见下。』"):
        path = tmp_path / "q.txt"
        path.write_text(
            f"(一)標題\n\ndemo_q01_1\ndemo_q01_1\n\n重慶是戰時首都，國民政府在此辦公多年。\n\n"
            f"為何選在重慶？\n\n{marker}\n\ndemo_q01_2\ndemo_q01_2\n\n山城的照片。\n\n"
            "為何選在重慶？\n\n因為地勢險要，日軍難以攻入。\n",
            encoding="utf-8",
        )
        result = read_path(path, Settings())
        assert result.warnings == (), marker
        question = next(b for b in result.feature.blocks if isinstance(b, Question))
        assert question.answer == ("因為地勢險要，日軍難以攻入。",), marker


def test_language_is_overridable_and_unknown_tags_are_refused(tmp_path: Path) -> None:
    assert read_path(HANT, Settings(language="zh-Hans")).feature.language == "zh-Hans"
    assert Settings(language="zh-TW").language == "zh-Hant"
    with pytest.raises(ConfigError, match="unknown language tag 'klingon'; handscroll knows en, zh-Hant"):
        Settings.from_env({"HANDSCROLL_LANGUAGE": "klingon"})


def test_mixed_language_lines_are_reported_with_their_line(tmp_path: Path) -> None:
    text = HANT.read_text(encoding="utf-8").replace(
        "軍事調處執行部的美方人員在北平出發前合影。各地小組往往要乘搭飛機，才能趕到衝突的現場。",
        "American members of the Executive Headquarters pose in Peiping before setting out by plane.",
    )
    path = tmp_path / "mixed.txt"
    path.write_text(text, encoding="utf-8")
    result = read_path(path, Settings())
    line = text.split("\n").index(
        "American members of the Executive Headquarters pose in Peiping before setting out by plane."
    )
    assert [(w.location.line, w.message.split(";")[0]) for w in result.warnings] == [
        (line + 1, "this line is in English but the feature is Traditional Chinese (zh-Hant)")
    ]
    trad_note = next(ln for ln in text.split("\n") if ln.startswith("執行部"))
    simp_note = next(ln for ln in HANS.read_text(encoding="utf-8").split("\n") if ln.startswith("执行部"))
    simplified = HANT.read_text(encoding="utf-8").replace(trad_note, simp_note)
    path.write_text(simplified, encoding="utf-8")
    warnings = read_path(path, Settings()).warnings
    assert len(warnings) == 1 and "Simplified Chinese" in warnings[0].message


@pytest.mark.parametrize(
    ("codec", "named", "option"),
    [("big5", "Big5-HKSCS (Traditional Chinese", "big5"), ("gb18030", "GB18030 (Simplified Chinese", "gbk")],
)
def test_a_legacy_chinese_file_is_refused_naming_its_encoding_and_read_when_told(
    tmp_path: Path, codec: str, named: str, option: str
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(HANT.read_text(encoding="utf-8").encode(codec))
    with pytest.raises(ReadError) as caught:
        read_path(path, Settings())
    assert caught.value.location.line == 1
    assert f"it looks like {named}" in caught.value.message
    assert read_path(path, Settings(encoding=option)).feature == read_path(HANT, Settings()).feature


def test_an_unknown_encoding_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown encoding 'latin-9'"):
        Settings.from_env({"HANDSCROLL_ENCODING": "latin-9"})
