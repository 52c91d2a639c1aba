"""Editions kept in step: which edition of a work is the source, and which have fallen behind it
(issue 13 item 6).

The source of a work is its English edition, else its Traditional one (the
publisher's editions are translated from English, and Simplified is derived
from Traditional). Every other edition records the source revision it was
last in step with (`aligned_revision_id`); when the source gets a newer
revision, the edition is stale, and the blocks aligned with the source's
changed blocks are flagged "source changed" with the source's diff.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from handscroll.config import Settings
from handscroll.editions.align import Edition, align_editions, work_key
from handscroll.ingest.markdown import read_markdown
from handscroll.ingest.result import ReadResult
from handscroll.store import Library
from handscroll.store.workspace_tables import EditionStateRow, MediaUseRow, RevisionRow
from handscroll.workspace.db import reading
from handscroll.workspace.diff import BlockChange, changed_only, diff_revisions

SOURCE_ORDER: tuple[str, ...] = ("en", "zh-Hant", "zh-Hans")
"""The first of these languages a work has is its source edition."""

LANGUAGES: tuple[str, ...] = SOURCE_ORDER
"""The columns of the editions table."""


class Step(StrEnum):
    """Where one edition of a work stands against its source."""

    SOURCE = "source"
    UP_TO_DATE = "up to date"
    STALE = "stale"
    MISSING = "missing"


def source_language(languages: Iterable[str]) -> str | None:
    """The language of a work's source edition, among the languages it has."""
    have = set(languages)
    return next((lang for lang in SOURCE_ORDER if lang in have), min(have) if have else None)


def note_saved(session: Session, state: EditionStateRow, read: ReadResult, *, in_step: bool = False) -> None:
    """Keep what the lists need of the newest revision (title, language, work, pictures used) and,
    for a translation, the source revision it is in step with: the newest when `in_step`, or
    when it has none yet (a new edition starts in step)."""
    feature = read.feature
    state.title = feature.title
    state.language = feature.language
    state.work_key = work_key(feature, read.work)
    session.execute(delete(MediaUseRow).where(MediaUseRow.slug == state.slug))
    if feature.media_ids:
        session.execute(insert(MediaUseRow), [{"slug": state.slug, "media_id": m} for m in feature.media_ids])
    session.flush()
    source = _source_slug(session, state.work_key)
    if source is None or source == state.slug:
        return
    if in_step or state.aligned_revision_id is None:
        state.aligned_revision_id = _latest_id(session, source)


def bring_in_step(session: Session, slugs: Iterable[str]) -> None:
    """Mark translations among `slugs` in step with their source's newest revision (an import
    writes every edition it reads as the publisher's truth)."""
    for state in session.execute(
        select(EditionStateRow).where(EditionStateRow.slug.in_(list(slugs)))
    ).scalars():
        source = _source_slug(session, state.work_key)
        if source is not None and source != state.slug:
            state.aligned_revision_id = _latest_id(session, source)


@dataclass(frozen=True)
class WorkRow:
    """One work of the editions table: its key, and per language the edition's slug and step."""

    key: str
    title: str
    editions: dict[str, tuple[str | None, Step]]


def editions_table(library: Library, *, offset: int = 0, limit: int = 100) -> list[WorkRow]:
    """The feature x language table: per work (by key), each language's edition and whether it is
    the source, up to date, stale or missing."""
    with reading(library) as session:
        keys: list[str] = list(
            key
            for key in session.execute(
                select(EditionStateRow.work_key)
                .where(EditionStateRow.work_key.is_not(None))
                .group_by(EditionStateRow.work_key)
                .order_by(EditionStateRow.work_key)
                .offset(offset)
                .limit(limit)
            ).scalars()
            if key is not None
        )
        rows = session.execute(select(EditionStateRow).where(EditionStateRow.work_key.in_(keys))).scalars()
        by_key: dict[str, list[EditionStateRow]] = {}
        for row in rows:
            by_key.setdefault(str(row.work_key), []).append(row)
        latest = _latest_ids(session, [row.slug for rows_ in by_key.values() for row in rows_])
    table = []
    for key in keys:
        editions = {str(row.language): row for row in by_key.get(key, [])}
        source = source_language(editions)
        cells: dict[str, tuple[str | None, Step]] = {}
        for language in LANGUAGES:
            edition = editions.get(language)
            if edition is None:
                cells[language] = (None, Step.MISSING)
            elif language == source:
                cells[language] = (edition.slug, Step.SOURCE)
            else:
                fresh = edition.aligned_revision_id == latest.get(editions[str(source)].slug)
                cells[language] = (edition.slug, Step.UP_TO_DATE if fresh else Step.STALE)
        title = editions[str(source)].title if source in editions else key
        table.append(WorkRow(key, title or key, cells))
    return table


@dataclass(frozen=True)
class SourceChange:
    """What changed in the source since an edition was last in step with it: the source's
    diff, and the edition's blocks aligned with a changed source block (by block index)."""

    source_slug: str
    from_revision: int | None
    to_revision: int
    diff: list[BlockChange]
    flagged: dict[int, BlockChange]


def source_change(library: Library, slug: str, markdown: str) -> SourceChange | None:
    """For a stale translation whose text is `markdown`: what changed in its source; None when
    it is the source, has none, or is up to date."""
    with reading(library) as session:
        state = session.get(EditionStateRow, slug)
        if state is None:
            return None
        source = _source_slug(session, state.work_key)
        if source is None or source == slug:
            return None
        newest = session.execute(
            select(RevisionRow).where(RevisionRow.slug == source).order_by(RevisionRow.id.desc()).limit(1)
        ).scalar_one_or_none()
        if newest is None or newest.id == state.aligned_revision_id:
            return None
        old = session.get(RevisionRow, state.aligned_revision_id) if state.aligned_revision_id else None
        before = old.markdown if old is not None else None
        from_revision = old.id if old is not None else None
        after = newest.markdown
    diff = diff_revisions(before if before is not None else after, after)
    if before is None:  # never in step: every source block counts as changed
        diff = [BlockChange("added", c.label, None, c.after, "", c.after_text) for c in diff]
    changed = {c.after: c for c in changed_only(diff) if c.after is not None}
    mine, theirs = _read(markdown), _read(after)
    alignment = align_editions(
        "work", [Edition("source", theirs.feature), Edition("this edition", mine.feature)]
    )
    source_lang, own_lang = theirs.feature.language, mine.feature.language
    flagged = {
        pair[own_lang]: changed[pair[source_lang]]
        for pair in alignment.pairs
        if own_lang in pair and source_lang in pair and pair[source_lang] in changed
    }
    return SourceChange(source, from_revision, newest.id, diff, flagged)


def _read(markdown: str) -> ReadResult:
    return read_markdown(markdown, source="revision", settings=Settings())


def _source_slug(session: Session, key: str | None) -> str | None:
    if key is None:
        return None
    rows = session.execute(
        select(EditionStateRow.language, EditionStateRow.slug).where(EditionStateRow.work_key == key)
    ).all()
    by_language = {str(lang): slug for lang, slug in rows}
    language = source_language(by_language)
    return by_language.get(language) if language is not None else None


def _latest_id(session: Session, slug: str) -> int | None:
    return session.execute(select(func.max(RevisionRow.id)).where(RevisionRow.slug == slug)).scalar_one()


def _latest_ids(session: Session, slugs: list[str]) -> dict[str, int]:
    if not slugs:
        return {}
    query = select(RevisionRow.slug, func.max(RevisionRow.id)).where(RevisionRow.slug.in_(slugs))
    return {slug: rid for slug, rid in session.execute(query.group_by(RevisionRow.slug))}
