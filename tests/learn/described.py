"""The second sample with alt text on every picture, for the "which picture" items (issue 15).

The sample files are legacy text, which has no alt line; these alt texts were
written for the tests, describing what each placeholder stands for.
"""

from __future__ import annotations

from pathlib import Path

from handscroll.config import Settings
from handscroll.ingest import read_path
from handscroll.model import Feature, Figure
from handscroll.publish.markdown import write_markdown
from handscroll.samples import sample_paths

ALTS = {
    "handscroll_sample_civilwar02_1": "A general in uniform stepping down from an aircraft onto an airfield",
    "handscroll_sample_civilwar02_2": "Three men at a long table strewn with papers and maps",
    "handscroll_sample_civilwar02_3": "Three officers in different uniforms standing beside a jeep",
    "handscroll_sample_civilwar02_4": "Rows of delegates in dark suits seated in a large hall",
    "handscroll_sample_civilwar02_5": "Soldiers with rifles crouching in a bare field outside a walled town",
    "handscroll_sample_civilwar02_6": "A small propeller plane on a mountain airstrip among pines",
    "handscroll_sample_civilwar02_7": "A man in a long coat climbing the steps into an aircraft",
}
"""Alt text for each picture of the second sample: what it shows, never the caption's words."""


def described_feature() -> Feature:
    """The second sample, every figure with its alt text."""
    feature = read_path(sample_paths()[1], Settings()).feature
    blocks = tuple(
        block.model_copy(update={"alt": ALTS[block.media]}) if isinstance(block, Figure) else block
        for block in feature.blocks
    )
    return feature.model_copy(update={"blocks": blocks})


def write_described(folder: Path) -> Path:
    """The described sample as a Markdown file in `folder`, ready to import in its place."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "civil-war-02.md"
    path.write_text(write_markdown(described_feature()), encoding="utf-8")
    return path
