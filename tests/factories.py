"""Builders for test data (STYLE.md habit 9): one realistic value, overridable field by field.

Import as `from factories import make_feature` (tests/ is on sys.path through
its conftest). The text is our own, written for tests; only facts are shared
with the seed.
"""

from __future__ import annotations

from typing import Any

from handscroll.model import Credit, Feature, Figure, Note, Paragraph, Question, Unclassified


def make_feature(**overrides: Any) -> Feature:
    """A feature with every block type, bilingual names, a hero and a series.

    Any Feature field can be overridden, e.g. `make_feature(slug="x", blocks=())`.
    """
    fields: dict[str, Any] = {
        "title": "Soviet Withdrawal from the Northeast",
        "part": 4,
        "series": "testsite_civilwar",
        "language": "en",
        "hero": "testsite_civilwar04_9",
        "slug": "04-soviet-withdrawal-from-the-northeast",
        "blocks": (
            Paragraph(
                text="Soviet forces left Shenyang (瀋陽) in March 1946 and most of the "
                "Northeast by early May, taking factory machinery with them."
            ),
            Question(
                prompt="Why did the Nationalist Government (國民政府) ask the Soviet army to stay longer?",
                answer=(
                    "Its own troops had not yet arrived to take over the cities.",
                    "蔣經國 negotiated the handover in Changchun (長春).",
                ),
            ),
            Figure(
                media="testsite_civilwar04_1",
                caption=("Soviet troops entering Harbin (哈爾濱), August 1945.",),
            ),
            Note(
                kind="ebook", text=("Losses to industry were counted in billions of US dollars.", "損失慘重")
            ),
            Figure(media="testsite_civilwar04_9", caption=()),
            Unclassified(text="??? 未能分類的一行", line=42),
            Credit(text="Source of photos: test archive."),
        ),
    }
    fields.update(overrides)
    return Feature(**fields)
