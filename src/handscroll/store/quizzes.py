"""Quiz approvals in the store: which self-check items of a feature an editor approved (issue 15)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from handscroll.errors import NotFoundError, StoreError
from handscroll.store.engine import describe_error
from handscroll.store.records import ImportItem
from handscroll.store.tables import FeatureRow, QuizApprovalRow


def _feature_id(session: Session, slug: str) -> int:
    found = session.execute(select(FeatureRow.id).where(FeatureRow.slug == slug)).scalar_one_or_none()
    if found is None:
        raise NotFoundError(f"no feature {slug!r} in the library")
    return found


def approve_items(writer: Engine, slug: str, item_ids: list[str]) -> None:
    """Record approvals (approving twice is harmless); NotFoundError for an unknown slug."""
    try:
        with Session(writer) as session, session.begin():
            feature_id = _feature_id(session, slug)
            known = set(
                session.execute(
                    select(QuizApprovalRow.item_id).where(QuizApprovalRow.feature_id == feature_id)
                ).scalars()
            )
            now = datetime.now(UTC)
            for item_id in dict.fromkeys(item_ids):
                if item_id not in known:
                    session.add(QuizApprovalRow(feature_id=feature_id, item_id=item_id, approved_at=now))
    except SQLAlchemyError as exc:
        raise StoreError(f"approving failed and nothing was written: {describe_error(exc)}") from exc


def approved_items(engine: Engine, slug: str) -> frozenset[str]:
    """The ids of a feature's approved items; NotFoundError for an unknown slug."""
    with Session(engine) as session:
        feature_id = _feature_id(session, slug)
        query = select(QuizApprovalRow.item_id).where(QuizApprovalRow.feature_id == feature_id)
        return frozenset(session.execute(query).scalars())


def approved_features(engine: Engine) -> frozenset[str]:
    """The slugs of every feature with an approved item: one query for a whole static build, where
    asking per feature cost a query each (issue 11)."""
    query = (
        select(FeatureRow.slug).join(QuizApprovalRow, QuizApprovalRow.feature_id == FeatureRow.id).distinct()
    )
    with Session(engine) as session:
        return frozenset(session.execute(query).scalars())


def pin_approvals(session: Session, items: Sequence[ImportItem]) -> None:
    """Make each pinned feature's approvals exactly the ids its source lists (inside the import's
    transaction, after the features are written)."""
    now = datetime.now(UTC)
    for item in items:
        if item.quiz is None:
            continue
        feature_id = _feature_id(session, item.feature.slug)
        session.execute(delete(QuizApprovalRow).where(QuizApprovalRow.feature_id == feature_id))
        session.add_all(
            QuizApprovalRow(feature_id=feature_id, item_id=item_id, approved_at=now) for item_id in item.quiz
        )
