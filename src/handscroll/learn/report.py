"""What `handscroll quiz` prints and approves: items with their status, and the reasons for the rest."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from handscroll.errors import NotFoundError
from handscroll.learn.items import QuizSet
from handscroll.learn.load import QuizReader, load_quiz


class QuizLibrary(QuizReader, Protocol):
    """A library that can also record approvals."""

    def approve_quiz_items(self, slug: str, item_ids: list[str]) -> None: ...


def approve_listed(library: QuizLibrary, slug: str, ids: Sequence[str]) -> tuple[QuizSet, frozenset[str]]:
    """Approve the given ids (each must be one of the feature's items now); return the quiz and approvals."""
    quiz, approved = load_quiz(library, slug)
    if ids:
        known = {item.id for item in quiz.items}
        unknown = [item_id for item_id in ids if item_id not in known]
        if unknown:
            raise NotFoundError(
                f"{slug}: no item {unknown[0]!r} (nothing approved); "
                f"its items are: {', '.join(sorted(known)) or 'none'}"
            )
        library.approve_quiz_items(slug, list(ids))
        approved = library.approved_quiz_items(slug)
    return quiz, approved


def quiz_text(quiz: QuizSet, approved: frozenset[str]) -> str:
    """Items one paragraph each (id, status, prompt, choices with the right one starred), then reasons."""
    lines = [f"{quiz.slug}: {len(quiz.items)} items, {len(quiz.approved(approved))} approved", ""]
    for item in quiz.items:
        status = "approved" if item.id in approved else "proposed"
        lines.append(f"{item.id}  [{status}]  {item.label}")
        lines.append(f"  {item.prompt}")
        if item.kind == "order":
            for rank, index in enumerate(item.answer, 1):
                lines.append(f"  {rank}. {item.choices[index]}")
        elif item.kind == "date":
            lines.append(f"  answer: {item.year} (± {item.tolerance})")
        for index, choice in enumerate(item.choices if item.kind != "order" else ()):
            picture = f"  [{item.media[index]}]" if item.media else ""  # a picture, named by its alt text
            lines.append(f"  {'*' if index in item.answer else ' '} {choice}{picture}")
        lines.append(f"  from: {'; '.join(str(s.span.ref) for s in item.sources)}")
        lines.append("")
    reasons = Counter((r.kind, r.reason) for r in quiz.rejections)
    if reasons:
        lines.append("not generated:")
        for (kind, reason), count in sorted(reasons.items()):
            lines.append(f"  {kind}: {reason} ({count})")
    return "\n".join(lines) + "\n"


def quiz_json(quiz: QuizSet, approved: frozenset[str]) -> str:
    """The same as JSON: items with `approved`, and every rejection."""
    data = {
        "slug": quiz.slug,
        "items": [{**item.to_dict(), "approved": item.id in approved} for item in quiz.items],
        "rejections": [{"kind": r.kind, "reason": r.reason, "detail": r.detail} for r in quiz.rejections],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
