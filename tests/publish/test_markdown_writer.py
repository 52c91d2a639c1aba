"""The Markdown writer: what it writes reads back as the very same feature."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from handscroll.config import Settings
from handscroll.errors import ReadError
from handscroll.ingest.decode import decode_bytes
from handscroll.ingest.legacy_text import read_legacy_text
from handscroll.ingest.markdown import read_markdown
from handscroll.model import (
    MEDIA_ID_PATTERN,
    Credit,
    Feature,
    Figure,
    Note,
    Paragraph,
    Question,
    Unclassified,
    is_media_id,
)
from handscroll.publish.markdown import (
    _NO_WRAP,
    _FastFrontMatterDumper,
    _FrontMatterDumper,
    escape_text,
    write_markdown,
)

SEED = Path(__file__).parents[2].parent / "shared" / "seed" / "000_cc4507d8b73957ad.txt"


def _round_trip(feature: Feature) -> Feature:
    result = read_markdown(write_markdown(feature), source="written.md", settings=Settings())
    assert result.warnings == ()
    return result.feature


@pytest.mark.skipif(not SEED.is_file(), reason=f"the seed page is not here ({SEED}); it is not shipped")
def test_seed_survives_legacy_to_markdown_and_back() -> None:
    legacy = read_legacy_text(
        decode_bytes(SEED.read_bytes(), "seed.txt"), source="seed.txt", settings=Settings()
    )
    assert _round_trip(legacy.feature) == legacy.feature


# Characters Markdown gives meaning to, digits, spaces, Chinese, and line openings
# that would start a block if the writer did not escape them.
_ALPHABET = "*_#>-+=:|\\`[]()<>!&~.0123456789 \tab中國\x85\u2028"
_OPENINGS = (
    "# ", "## ", "- ", "+ ", "* ", "1. ", "1945) ", "> ", "```", "~~~", ":::", "::: figure x_1",
    "<div>", "<!-- ", "---", "***", "___", "===", "    ", "[a]: /b", "| a | b |", "\\", "\\*", "&amp;",
    "alt:", "alt: ",
)  # fmt: skip


def _stripped(text: str) -> str:
    return text.strip()


_fragment = st.text(_ALPHABET, max_size=24)
texts = (
    st.one_of(
        _fragment,
        st.tuples(st.sampled_from(_OPENINGS), _fragment).map("".join),
    )
    .map(_stripped)
    .filter(bool)
)
media_ids = st.from_regex(MEDIA_ID_PATTERN, fullmatch=True).filter(lambda m: is_media_id(m) and "\n" not in m)
blocks = st.one_of(
    st.builds(Paragraph, text=texts),
    st.builds(
        Figure, media=media_ids, alt=st.just("") | texts, caption=st.lists(texts, max_size=3).map(tuple)
    ),
    st.builds(Note, kind=texts, text=st.lists(texts, max_size=3).map(tuple)),
    st.builds(Question, prompt=texts, answer=st.lists(texts, max_size=3).map(tuple)),
    st.builds(Credit, text=texts | st.just("")),
    st.builds(Unclassified, text=st.lists(texts, max_size=3).map("\n".join), line=st.integers(1, 10**6)),
)
features = st.builds(
    Feature,
    title=texts,
    part=st.none() | st.integers(0, 9999),
    series=st.none() | texts,
    language=st.sampled_from(["en", "zh-Hant", "zh-Hans"]),  # other tags are refused (issue 12)
    hero=st.none() | media_ids,
    blocks=st.lists(blocks, max_size=8).map(tuple),
    slug=st.just("")
    | st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,3}", fullmatch=True).filter(lambda s: len(s) <= 120),
)


@settings(max_examples=200, deadline=None)
@given(features)
def test_any_feature_survives_write_and_read(feature: Feature) -> None:
    assert _round_trip(feature) == feature


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("1945. The war ends", "1945\\. The war ends"),
        ("::: figure", "\\::: figure"),
        ("<b>bold?</b>", "\\<b>bold?</b>"),
        ("a \\* b", "a \\\\* b"),
        ("C:\\path", "C:\\path"),
        ("*stays* as written", "\\*stays* as written"),
        ("中國 & 蒙古", "中國 & 蒙古"),
    ],
)
def test_escaping_is_minimal_and_readable(text: str, written: str) -> None:
    assert escape_text(text) == written


def test_lines_inside_a_text_become_one_paragraph() -> None:
    feature = Feature(title="T", blocks=(Paragraph(text="one\ntwo\n\nthree"),))
    assert "one two three\n" in write_markdown(feature)
    assert _round_trip(feature).blocks == (Paragraph(text="one two three"),)


def test_front_matter_writes_every_field_that_is_set() -> None:
    feature = Feature(title="1946", part=0, series="s", language="zh-Hant", hero="a_1", slug="x")
    head = write_markdown(feature).split("---")[1]
    assert head == "\ntitle: '1946'\npart: 0\nseries: s\nlanguage: zh-Hant\nhero: a_1\nslug: x\n"


def test_empty_bodies_are_written_as_bare_containers() -> None:
    feature = Feature(title="T", blocks=(Figure(media="a_1"), Note(), Credit(text="")))
    assert write_markdown(feature).endswith("::: figure a_1\n:::\n\n::: note ebook\n:::\n\n::: credit\n:::\n")
    assert _round_trip(feature) == feature


def test_a_question_without_a_prompt_is_refused() -> None:
    with pytest.raises(ValueError, match="prompt"):
        write_markdown(Feature(title="T", blocks=(Question(prompt=" "),)))


@pytest.mark.parametrize("blank", ["\u3000", "\u00a0", "\x0c", "\u2003 \u3000"])
def test_a_blank_paragraph_read_from_markdown_round_trips_unchanged(blank: str) -> None:
    # Issue 10 item 10: a paragraph of only Unicode spaces is blank, as in the
    # legacy reader; reading it as an empty paragraph that the writer then
    # dropped changed the feature on the way back.
    source = f"---\ntitle: T\n---\n\n{blank}\n\nnext\n\n::: figure a_1\n{blank}\n\ncaption\n:::\n"
    read = read_markdown(source, source="blank.md", settings=Settings()).feature
    assert _round_trip(read) == read
    assert read.blocks == (Paragraph(text="next"), Figure(media="a_1", caption=("caption",)))


def test_alt_text_is_its_own_line_and_a_caption_that_looks_like_one_stays_a_caption() -> None:
    feature = Feature(
        title="T", blocks=(Figure(media="a_1", alt="Two sampans", caption=("alt: not the alt", "More.")),)
    )
    written = write_markdown(feature)
    assert "::: figure a_1\nalt: Two sampans\n\nalt\\: not the alt\n\nMore.\n:::" in written
    assert _round_trip(feature) == feature


def test_an_alt_line_followed_directly_by_the_caption_reads_as_both() -> None:
    text = "---\ntitle: T\n---\n\n::: figure a_1\nalt: A junk\nThe caption,\nwrapped.\n:::\n"
    read = read_markdown(text, source="t.md", settings=Settings()).feature
    assert read.blocks == (Figure(media="a_1", alt="A junk", caption=("The caption, wrapped.",)),)


def test_an_overlong_alt_text_is_refused_with_its_line() -> None:
    text = f"---\ntitle: T\n---\n\n::: figure a_1\nalt: {'x' * 400}\n:::\n"
    with pytest.raises(ReadError, match=r"t\.md:6: alt text is short"):
        read_markdown(text, source="t.md", settings=Settings())


# libyaml writes the front matter when PyYAML has it; its output must be PyYAML's own, byte for byte.
_YAML_ALPHABET = (
    "ab Z:#-'\"\\{}[],&*!|>%@`?\t\n\r\x85\u2028\u2029é中國\ufeff\x00\x07\x7f\u200b\ue000\uffff\U00020000😀"
)
_yaml_text = st.one_of(
    st.text(_YAML_ALPHABET, max_size=40),
    st.sampled_from(["yes", "no", "null", "~", "1.5", "0x1F", "2020-01-01", "-", "---", "...", " a", "a "]),
)


@pytest.mark.skipif(not hasattr(yaml, "CSafeDumper"), reason="PyYAML was built without libyaml here")
@settings(max_examples=400, deadline=None)
@given(_yaml_text, _yaml_text, st.none() | st.integers(0, 300))
def test_front_matter_is_the_same_with_either_emitter(title: str, series: str, part: int | None) -> None:
    fields = {"title": title, "part": part, "series": series, "language": "en", "slug": "s"}
    both = [
        yaml.dump(fields, Dumper=dumper, allow_unicode=True, sort_keys=False, width=_NO_WRAP)
        for dumper in (_FrontMatterDumper, _FastFrontMatterDumper)
    ]
    if not any(ord(ch) > 0xFFFF for ch in title + series):
        assert both[0] == both[1]


def test_text_beyond_the_basic_plane_is_written_as_itself_not_escaped() -> None:
    feature = Feature(title="𠀀 and 😀", slug="s")
    assert write_markdown(feature).startswith("---\ntitle: 𠀀 and 😀\n")
