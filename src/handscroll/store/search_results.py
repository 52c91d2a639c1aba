"""From ranked feature ids to results: works grouped, the edition shown, every matching section.

A work published in English, Traditional and Simplified Chinese is one result
(issue 12): the matching editions of a work are grouped by their work key, the
work is shown in the reader's language when it has an edition in it, and the
snippet comes from the edition that matched (the reader's own when it did).
Every section of that edition that matched is listed, best first, so a
feature naming Shenyang five times says so (issue 14); a match on another
form of a place's name than the one typed carries a note of the older name.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from handscroll.store import search_strategy
from handscroll.store.query import SearchQuery, fold_text, older_names
from handscroll.store.search_strategy import Hits, SearchBackend, SearchFilters
from handscroll.store.search_text import (
    SearchMatch,
    SectionHit,
    Snippet,
    cut_snippet,
    match_sections,
)
from handscroll.store.tables import EditionRow, FeatureRow

EDITIONS_PER_WORK = 3
"""At most one edition per language: English, Traditional and Simplified Chinese."""

SHARED_TTL = 60.0
"""Seconds the answer to "does any work have two editions?" is reused."""


@dataclass(frozen=True)
class WorkHit:
    """A work on a page of results: its key (None for a feature of no work), its matching editions,
    best first."""

    work: str | None
    hits: Hits


@dataclass(frozen=True)
class Edition:
    """An edition of a work: the feature, its language and title."""

    slug: str
    language: str
    title: str


@dataclass(frozen=True)
class NameNote:
    """A historical name matched: `name` is an older name of `modern` ("Mukden", "Shenyang")."""

    name: str
    modern: str


@dataclass(frozen=True)
class SearchResult:
    """One matching work: the edition shown, its best snippet and where it is, and every other match."""

    slug: str
    title: str
    series: str | None
    part: int | None
    snippet: Snippet
    match: SearchMatch | None
    score: float
    language: str = "en"
    """The language of the edition shown (the reader's, when the work has it)."""
    matched: Edition | None = None
    """The edition whose text matched, when it is not the one shown."""
    more: tuple[SectionHit, ...] = ()
    """Every other section of the matched edition that matches, best first."""
    editions: tuple[Edition, ...] = ()
    """Every edition of the work (empty for a feature with no other edition)."""
    names: tuple[NameNote, ...] = ()
    """Historical names that matched another form than the one typed."""


class EditionsCache:
    """Whether any work of the library has two editions, asked at most every SHARED_TTL seconds.

    Only counting needs it: when no work has two editions, a feature is a work
    and the backend's count is the answer. The Library clears it when it imports.
    """

    def __init__(self) -> None:
        self._read_at = -SHARED_TTL
        self._shared = False

    def shared(self, session: Session) -> bool:
        """The cached answer, asked again when older than the TTL."""
        now = time.monotonic()
        if now - self._read_at > SHARED_TTL:
            query = "SELECT 1 FROM editions GROUP BY work_key HAVING count(*) > 1 LIMIT 1"
            self._shared, self._read_at = session.execute(text(query)).first() is not None, now
        return self._shared

    def clear(self) -> None:
        """Ask again next time (editions were just written)."""
        self._read_at = -SHARED_TTL


def page_of_works(
    session: Session,
    backend: SearchBackend,
    query: SearchQuery,
    filters: SearchFilters,
    limit: int,
    offset: int,
    editions: EditionsCache,
) -> tuple[list[WorkHit], int, bool]:
    """A page of works, best first; how many works match; whether that count is exact."""
    cap = search_strategy.COUNT_CAP
    if not editions.shared(session):  # every work has one edition: a feature is a work
        hits, total = backend.match(session, query, filters, limit, offset)
        exact = backend.exact_totals or total <= cap
        return [WorkHit(None, [hit]) for hit in hits], total, exact
    want = offset + limit
    hits, total = backend.match(session, query, filters, want * EDITIONS_PER_WORK, 0)
    exact = backend.exact_totals or total <= cap
    if len(hits) < total <= EDITIONS_PER_WORK * cap and exact:
        # Few enough to count into works one by one; past this there are over `cap` works.
        hits, total = backend.match(session, query, filters, total, 0)
    works = _group(session, hits)
    if exact and len(hits) >= total:
        return works[offset:want], len(works), True
    # Not every match was seen: at least this many works (a work has at most three editions).
    return works[offset:want], max(len(works), -(-total // EDITIONS_PER_WORK)), False


def _group(session: Session, hits: Hits) -> list[WorkHit]:
    """Ranked hits gathered into works, in the order of each work's best hit."""
    keys = work_keys(session, [feature_id for feature_id, _ in hits])
    grouped: dict[str, list[tuple[int, float]]] = {}
    for feature_id, score in hits:
        grouped.setdefault(keys.get(feature_id, f"#{feature_id}"), []).append((feature_id, score))
    return [WorkHit(keys.get(found[0][0]), found) for found in grouped.values()]


def results_for(
    session: Session,
    backend: SearchBackend,
    query: SearchQuery,
    works: Sequence[WorkHit],
    language: str | None,
) -> list[SearchResult]:
    """The results of a page of works, shown in `language` where a work has it."""
    keys = [work.work for work in works if work.work is not None]
    members = _editions(session, keys) if keys else {}
    shown = backend.shown(session, [fid for work in works for fid, _ in work.hits])
    results = []
    for work in works:
        matched = [(fid, shown[fid]) for fid, _ in work.hits if fid in shown]
        if not matched:
            continue  # deleted since it was indexed
        source = next((s for _, s in matched if s.language == language), matched[0][1])
        siblings = members.get(work.work or "", [])
        display = next((e for e in siblings if e.language == language), None)
        hits = match_sections(source.sections, query)
        first = hits[0] if hits else None
        opening = source.sections[0].text if source.sections else source.title
        results.append(
            SearchResult(
                slug=display.slug if display else source.slug,
                title=display.title if display else source.title,
                series=source.series,
                part=source.part,
                snippet=first.snippet if first else cut_snippet(opening, []),
                match=first.match if first else None,
                score=work.hits[0][1],
                language=display.language if display else source.language,
                matched=Edition(source.slug, source.language, source.title)
                if display and display.slug != source.slug
                else None,
                more=tuple(hits[1:]),
                editions=tuple(siblings) if len(siblings) > 1 else (),
                names=_names(hits),
            )
        )
    return results


def _names(hits: Sequence[SectionHit]) -> tuple[NameNote, ...]:
    """Notes for the historical names among the forms a query matched other than the one typed."""
    older = older_names()
    notes: list[NameNote] = []
    for hit in hits:
        for typed, matched in hit.aliases:
            for form in (typed, matched):
                found = older.get(fold_text(form))
                if found is not None and NameNote(*found) not in notes:
                    notes.append(NameNote(*found))
                    break
    return tuple(notes)


def work_keys(session: Session, feature_ids: Sequence[int]) -> dict[int, str]:
    """The work key of each of these features that is an edition of a work."""
    keys: dict[int, str] = {}
    ids = list(feature_ids)
    for start in range(0, len(ids), 500):
        query = select(EditionRow.feature_id, EditionRow.work_key).where(
            EditionRow.feature_id.in_(ids[start : start + 500])
        )
        keys.update((int(fid), str(key)) for fid, key in session.execute(query))
    return keys


def _editions(session: Session, keys: Sequence[str]) -> dict[str, list[Edition]]:
    """Every edition of these works, by work key, in slug order."""
    query = (
        select(EditionRow.work_key, FeatureRow.slug, FeatureRow.language, FeatureRow.title)
        .join(FeatureRow, EditionRow.feature_id == FeatureRow.id)
        .where(EditionRow.work_key.in_(list(keys)))
        .order_by(FeatureRow.slug)
    )
    found: dict[str, list[Edition]] = {}
    for key, slug, language, title in session.execute(query):
        found.setdefault(key, []).append(Edition(slug, language, title))
    return found
