"""Pinyin in a query -> the Chinese terms of the library's glossary that read so (issue 5).

"guomin zhengfu", "guominzhengfu" or "guó mín zhèng fǔ" should find a feature
that writes 國民政府 even when that feature's own glossary does not define it:
another feature's glossary says how the term reads. A run of plain Latin words
is joined, cut into pinyin syllables in every way that works (a bounded few),
and looked up in `terms.pinyin_plain` (indexed); a hit turns the run into one
clause that also matches the term's characters.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from handscroll.store.query import Alternative, Clause, SearchQuery, fold_tokens
from handscroll.store.tables import TermRow
from handscroll.text.cjk import strip_tones

MAX_RUN = 4
"""Most words one pinyin term may be typed as ("guo min zheng fu")."""

MAX_SEGMENTATIONS = 6
"""Most ways one run is cut into syllables ("xian" is xian or xi an)."""

MAX_JOINED = 30
"""Longer runs are not pinyin of a term."""


@cache
def _syllables() -> frozenset[str]:
    """Every toneless pinyin syllable pypinyin knows (about 420)."""
    from pypinyin.constants import PINYIN_DICT  # lazy: the table is large

    return frozenset(
        strip_tones(reading).lower() for readings in PINYIN_DICT.values() for reading in readings.split(",")
    )


def segmentations(word: str) -> list[str]:
    """Ways to cut a word into pinyin syllables, space-joined, longest syllables first."""
    syllables = _syllables()
    found: list[str] = []

    def walk(at: int, parts: list[str]) -> None:
        if len(found) >= MAX_SEGMENTATIONS:
            return
        if at == len(word):
            found.append(" ".join(parts))
            return
        for end in range(min(len(word), at + 6), at, -1):
            if word[at:end] in syllables:
                walk(end, [*parts, word[at:end]])

    if word.isascii() and word.isalpha() and len(word) <= MAX_JOINED:
        walk(0, [])
    return found


def expand_pinyin(session: Session, query: SearchQuery) -> SearchQuery:
    """The query with runs of words that read as a glossary term's pinyin also matching its characters."""
    clauses = list(query.clauses)
    runs: dict[tuple[int, int], list[str]] = {}
    for start in range(len(clauses)):
        for size in range(1, MAX_RUN + 1):
            run = clauses[start : start + size]
            if len(run) < size or not all(_plain_word(clause) for clause in run):
                break
            joined = "".join(clause.alternatives[0].tokens[0] for clause in run)
            forms = [form for form in segmentations(joined) if size > 1 or " " in form]
            if forms:
                runs[(start, size)] = forms
    if not runs:
        return query
    wanted = sorted({form for forms in runs.values() for form in forms})
    readings: dict[str, set[str]] = {}
    rows = session.execute(
        select(TermRow.pinyin_plain, TermRow.simplified)
        .where(TermRow.pinyin_plain.in_(wanted), TermRow.simplified.is_not(None))
        .distinct()
        .limit(50)
    )
    for reading, simplified in rows:
        if reading and simplified:
            readings.setdefault(reading, set()).add(simplified)
    if not readings:
        return query
    expanded: list[Clause] = []
    at = 0
    while at < len(clauses):
        for size in range(MAX_RUN, 0, -1):  # the longest run that reads as a term wins
            terms = sorted({t for form in runs.get((at, size), ()) for t in readings.get(form, ())})
            if terms:
                run = clauses[at : at + size]
                typed = Alternative(tuple(clause.alternatives[0].tokens[0] for clause in run))
                alternatives = [typed, *(Alternative(fold_tokens(term)) for term in terms)]
                expanded.append(Clause(" ".join(clause.text for clause in run), tuple(alternatives)))
                at += size
                break
        else:
            expanded.append(clauses[at])
            at += 1
    return replace(query, clauses=tuple(expanded))


def _plain_word(clause: Clause) -> bool:
    """A clause that is one typed Latin word, not a phrase, prefix or place name."""
    if len(clause.alternatives) != 1:
        return False
    alternative = clause.alternatives[0]
    return (
        not alternative.prefix
        and len(alternative.tokens) == 1
        and alternative.tokens[0].isascii()
        and alternative.tokens[0].isalpha()
        and not clause.text.startswith('"')
    )
