"""Enrichments in tables: the whole record as JSON, events, terms and places copied out for queries.

The JSON is the truth (it round-trips to an equal Enrichment); the `events`,
`terms` and `places` rows exist so a library timeline, glossary or places page
is one sorted query instead of a load of every feature's enrichment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from handscroll.model import Enrichment, sort_key, sort_text
from handscroll.store.places import place_values
from handscroll.store.tables import EnrichmentRow, EventRow, PlaceRow, TermRow
from handscroll.text.order import name_order

_COPIES = (EnrichmentRow, EventRow, TermRow, PlaceRow)
_TABLES = {row.__tablename__: row.metadata.tables[row.__tablename__] for row in _COPIES}


def replace_enrichments(session: Session, enrichments: Sequence[tuple[int, Enrichment]]) -> None:
    """Replace the stored enrichment of each feature id: delete, then bulk insert."""
    if not enrichments:
        return
    ids = [feature_id for feature_id, _ in enrichments]
    for row in _COPIES:
        for start in range(0, len(ids), 5000):
            session.execute(
                delete(row).where(row.feature_id.in_(ids[start : start + 5000])),
                execution_options={"synchronize_session": False},
            )
    heads, events, terms, places = [], [], [], []
    for feature_id, enrichment in enrichments:
        heads.append(
            {
                "feature_id": feature_id,
                "feature_hash": enrichment.feature_hash,
                "version": enrichment.version,
                "data": enrichment.to_dict(),
            }
        )
        events.extend(_event_values(feature_id, enrichment))
        terms.extend(_term_values(feature_id, enrichment))
        places.extend(place_values(feature_id, enrichment.places))
    for table, rows in (("enrichments", heads), ("events", events), ("terms", terms), ("places", places)):
        if rows:
            session.execute(insert(_TABLES[table]), rows)


def _event_values(feature_id: int, enrichment: Enrichment) -> list[dict[str, Any]]:
    rows = []
    for position, event in enumerate(enrichment.events):
        year, rank, *_ = sort_key(event.value, event.mod)
        ref = event.span.ref
        rows.append(
            {
                "feature_id": feature_id,
                "position": position,
                "sort_key": sort_text(event.value, event.mod),
                "year": year if rank == 2 and abs(year) < 100_000 else None,
                "value": event.value,
                "mod": event.mod,
                "text": event.text,
                "sentence": event.sentence,
                "block": ref.block,
                "field": ref.field,
                "paragraph": ref.index,
                "start": event.span.start,
                "end": event.span.end,
            }
        )
    return rows


def _term_values(feature_id: int, enrichment: Enrichment) -> list[dict[str, Any]]:
    return [
        {
            "feature_id": feature_id,
            "position": position,
            "english": term.english,
            "english_order": name_order(term.english),
            "chinese": term.chinese,
            "abbreviation": term.abbreviation,
            "note": term.note,
            "traditional": term.traditional,
            "simplified": term.simplified,
            "pinyin": term.pinyin,
            "pinyin_plain": term.pinyin_plain,
        }
        for position, term in enumerate(enrichment.terms)
    ]
