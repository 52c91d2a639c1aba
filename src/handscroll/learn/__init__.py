"""Self-checks for learners: Feature + Enrichment -> quiz items, each with provenance (issue 15).

Input: a feature, its enrichment and the glossary of its series. Output: a
`QuizSet` of proposed items and the reasons others were not made.
Never: reads a question's hidden model answer, touches the store or the web.
An item is shown to readers only after an editor approves it (`handscroll quiz`).
"""

from handscroll.learn.generate import generate_items
from handscroll.learn.items import ItemKind, QuizItem, QuizSet, Rejection, Source

__all__ = ["ItemKind", "QuizItem", "QuizSet", "Rejection", "Source", "generate_items"]
