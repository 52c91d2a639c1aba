"""Old slugs: a feature renamed by a re-import keeps answering at its old URLs (issue 9, 10).

A redirect names the feature, not its new slug, so a feature renamed twice
sends both old slugs to where it is now; a slug in use by a live feature is
never a redirect (the feature wins).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from handscroll.store.tables import FeatureRow, RedirectRow


def keep_redirects(session: Session, renamed: Sequence[tuple[str, int]], live: Sequence[str]) -> None:
    """Record `(old slug, feature id)` redirects and drop those whose slug is live again."""
    slugs = [old for old, _ in renamed] + list(live)
    for start in range(0, len(slugs), 2500):  # below both databases' bound-parameter limits
        chunk = slugs[start : start + 2500]
        session.execute(delete(RedirectRow).where(RedirectRow.old_slug.in_(chunk)))
    live_now = set(live)
    rows = [
        {"old_slug": old, "feature_id": fid, "created_at": datetime.now(UTC)}
        for old, fid in renamed
        if old not in live_now
    ]
    if rows:
        session.execute(insert(RedirectRow), rows)


def redirect_target(session: Session, slug: str) -> str | None:
    """The current slug of the feature that once had `slug`, or None."""
    query = (
        select(FeatureRow.slug)
        .join(RedirectRow, RedirectRow.feature_id == FeatureRow.id)
        .where(RedirectRow.old_slug == slug)
    )
    return session.execute(query).scalar_one_or_none()


def all_redirects(session: Session) -> dict[str, str]:
    """Every old slug with the current slug of its feature, for the static build."""
    query = select(RedirectRow.old_slug, FeatureRow.slug).join(
        FeatureRow, RedirectRow.feature_id == FeatureRow.id
    )
    return {old: new for old, new in session.execute(query)}
