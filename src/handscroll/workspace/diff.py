"""Two revisions compared block by block, and words within a changed block (issue 13 item 5).

Figures pair up by media ID (so a moved or replaced photo is seen as such);
the other blocks pair by position between the paired figures; a changed
block carries word-level operations. Chinese text has no spaces, so each
Han character is a word of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from handscroll.config import Settings
from handscroll.ingest.markdown import read_markdown
from handscroll.model import Credit, Feature, Figure, Note, Paragraph, Question, Unclassified
from handscroll.text.cjk import HAN

_TOKEN = re.compile(rf"[{HAN}]|\w+|\s+|[^\w\s]")
"""A word of a diff: one Han character, a run of word characters, of spaces, or one mark."""

Op = Literal["equal", "insert", "delete"]
Kind = Literal["equal", "changed", "added", "removed"]


@dataclass(frozen=True)
class WordOp:
    """A run of text both sides share, or only the newer (insert) or only the older (delete) has."""

    op: Op
    text: str


@dataclass(frozen=True)
class BlockChange:
    """One block of either side: unchanged, changed, only in the newer (added) or only in the older.

    `before`/`after` are the block indexes (None for the front matter, labelled "front matter").
    """

    kind: Kind
    label: str
    before: int | None
    after: int | None
    before_text: str
    after_text: str
    words: tuple[WordOp, ...] = ()


def block_text(block: object) -> str:
    """The text of a block as a reader sees it, one line per paragraph."""
    if isinstance(block, Paragraph | Credit | Unclassified):
        return block.text
    if isinstance(block, Figure):
        return "\n".join(([f"alt: {block.alt}"] if block.alt else []) + list(block.caption))
    if isinstance(block, Note):
        return "\n".join([block.kind, *block.text])
    if isinstance(block, Question):
        return "\n".join([block.prompt, *block.answer])
    return ""


def block_label(block: object, index: int) -> str:
    """How a block is named in a diff: `figure MEDIA` for figures, else its type and number."""
    if isinstance(block, Figure):
        return f"figure {block.media}"
    return f"{getattr(block, 'type', 'block')} {index + 1}"


def head_text(feature: Feature) -> str:
    """The front matter as lines, so a changed title shows in the diff."""
    fields = {
        "title": feature.title, "part": feature.part, "series": feature.series, "hero": feature.hero,
        "date": feature.date,
    }  # fmt: skip
    return "\n".join(f"{key}: {value}" for key, value in fields.items() if value is not None)


def word_ops(before: str, after: str) -> tuple[WordOp, ...]:
    """The word-level edit from `before` to `after`, adjacent runs of one kind merged."""
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    ops: list[WordOp] = []

    def add(op: Op, tokens: list[str]) -> None:
        if not tokens:
            return
        if ops and ops[-1].op == op:
            ops[-1] = WordOp(op, ops[-1].text + "".join(tokens))
        else:
            ops.append(WordOp(op, "".join(tokens)))

    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("equal", a[i1:i2])
        else:
            add("delete", a[i1:i2])
            add("insert", b[j1:j2])
    return tuple(ops)


def diff_features(old: Feature, new: Feature) -> list[BlockChange]:
    """The block changes from `old` to `new`, front matter first, then in reading order."""
    changes = [_compare("front matter", None, None, head_text(old), head_text(new))]
    old_figures = [i for i, b in enumerate(old.blocks) if isinstance(b, Figure)]
    new_figures = [i for i, b in enumerate(new.blocks) if isinstance(b, Figure)]
    matcher = SequenceMatcher(
        None,
        [old.blocks[i].media for i in old_figures],  # type: ignore[union-attr]
        [new.blocks[i].media for i in new_figures],  # type: ignore[union-attr]
        autojunk=False,
    )
    anchors = [
        (old_figures[m.a + k], new_figures[m.b + k])
        for m in matcher.get_matching_blocks()
        for k in range(m.size)
    ]
    start_old = start_new = 0
    for old_at, new_at in [*anchors, (len(old.blocks), len(new.blocks))]:
        changes += _segment(old, new, range(start_old, old_at), range(start_new, new_at))
        if old_at < len(old.blocks):
            changes.append(_pair(old, new, old_at, new_at))
        start_old, start_new = old_at + 1, new_at + 1
    return _pair_moved_figures(old, new, changes)


def diff_revisions(
    a_markdown: str, b_markdown: str, *, settings: Settings | None = None
) -> list[BlockChange]:
    """Compare two revisions' Markdown (both must read: revisions always do); ReadError otherwise."""
    read = settings or Settings()
    old = read_markdown(a_markdown, source="a", settings=read).feature
    new = read_markdown(b_markdown, source="b", settings=read).feature
    return diff_features(old, new)


def changed_only(changes: list[BlockChange]) -> list[BlockChange]:
    """The changes that are not `equal`."""
    return [change for change in changes if change.kind != "equal"]


def _segment(old: Feature, new: Feature, olds: range, news: range) -> list[BlockChange]:
    """Blocks between two paired figures (or the ends): text pairs by position; a figure left
    unpaired is only removed or only added, never compared with another photo."""
    old_text = [i for i in olds if not isinstance(old.blocks[i], Figure)]
    new_text = [j for j in news if not isinstance(new.blocks[j], Figure)]
    paired = min(len(old_text), len(new_text))
    out = [_pair(old, new, i, j) for i, j in zip(old_text, new_text, strict=False)]
    gone = old_text[paired:] + [i for i in olds if isinstance(old.blocks[i], Figure)]
    came = new_text[paired:] + [j for j in news if isinstance(new.blocks[j], Figure)]
    out += [_one_side("removed", old, i) for i in gone] + [_one_side("added", new, j) for j in came]
    # In the newer text's order; a removed block stands where the segment starts.
    return sorted(out, key=lambda c: (c.after if c.after is not None else news.start - 0.5, c.before or 0))


def _pair_moved_figures(old: Feature, new: Feature, changes: list[BlockChange]) -> list[BlockChange]:
    """A photo moved past another one is removed on one side and added on the other: pair them."""
    removed = {
        old.blocks[c.before].media: c.before  # type: ignore[union-attr]
        for c in changes
        if c.kind == "removed" and c.before is not None and isinstance(old.blocks[c.before], Figure)
    }
    out = []
    paired: set[int] = set()
    for change in changes:
        block = new.blocks[change.after] if change.kind == "added" and change.after is not None else None
        if isinstance(block, Figure) and block.media in removed and removed[block.media] not in paired:
            i = removed[block.media]
            paired.add(i)
            out.append(_pair(old, new, i, change.after))  # type: ignore[arg-type]
        else:
            out.append(change)
    return [c for c in out if not (c.kind == "removed" and c.before in paired)]


def _one_side(kind: Kind, feature: Feature, index: int) -> BlockChange:
    block = feature.blocks[index]
    text = block_text(block)
    if kind == "removed":
        return BlockChange(kind, block_label(block, index), index, None, text, "")
    return BlockChange(kind, block_label(block, index), None, index, "", text)


def _pair(old: Feature, new: Feature, i: int, j: int) -> BlockChange:
    before, after = old.blocks[i], new.blocks[j]
    change = _compare(block_label(after, j), i, j, block_text(before), block_text(after))
    if change.kind == "equal" and before != after:  # same text, other fields (a note's kind, a type)
        return BlockChange("changed", change.label, i, j, change.before_text, change.after_text, change.words)
    return change


def _compare(label: str, i: int | None, j: int | None, before: str, after: str) -> BlockChange:
    if before == after:
        return BlockChange("equal", label, i, j, before, after, (WordOp("equal", before),) if before else ())
    return BlockChange("changed", label, i, j, before, after, word_ops(before, after))
