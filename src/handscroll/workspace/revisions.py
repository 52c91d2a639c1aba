"""Revisions: every save of a feature edition, kept whole and never changed (issue 13 item 2).

A save names the revision it started from; if someone saved in between, it is
refused with what they changed, and the refused text comes back in the error
so nothing is lost. A revision always reads as authoring Markdown (an
unreadable text is refused with its line), so any of them can be published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from handscroll.config import Settings
from handscroll.errors import HandscrollError, NotFoundError
from handscroll.ingest.markdown import read_markdown
from handscroll.ingest.result import ReadResult
from handscroll.model import Feature
from handscroll.store import Library
from handscroll.store.workspace_tables import RevisionRow
from handscroll.workspace.accounts import Account
from handscroll.workspace.alignment import note_saved
from handscroll.workspace.audit import write_entry
from handscroll.workspace.db import aware, reading, utc, writing
from handscroll.workspace.diff import BlockChange, diff_revisions
from handscroll.workspace.roles import Action, NotAllowed, require
from handscroll.workspace.states import back_to_draft, locked_state

Author = Account | str
"""Who saves: an account (its role is checked) or handscroll itself ("import"), trusted."""


@dataclass(frozen=True)
class Revision:
    """One saved text of an edition."""

    id: int
    slug: str
    language: str
    markdown: str
    author: str
    created_at: datetime
    message: str
    base_id: int | None


class EditConflict(HandscrollError):
    """Someone saved the edition after the revision this save started from.

    `theirs` is the newest revision, `diff` what changed from the save's base
    to it, `mine` the refused text (kept, to be merged and saved again).
    """

    def __init__(self, theirs: Revision, diff: list[BlockChange], mine: str) -> None:
        super().__init__(
            f"{theirs.author} saved {theirs.slug} (revision {theirs.id}) after you started; "
            "your text was not saved: compare and save again"
        )
        self.theirs = theirs
        self.diff = diff
        self.mine = mine


def read_revision(markdown: str, *, settings: Settings | None = None) -> ReadResult:
    """What a revision's text reads as (feature, warnings, work key); ReadError with the line if
    it does not read."""
    return read_markdown(markdown, source="revision", settings=settings or Settings())


def read_revision_text(markdown: str, *, settings: Settings | None = None) -> Feature:
    """The feature a revision's text holds; ReadError (with the line) if it does not read."""
    return read_revision(markdown, settings=settings).feature


class SlugChanged(HandscrollError):
    """The text names another edition in its `slug:` line than the one being saved."""


def check_slug(slug: str, feature: Feature) -> None:
    """SlugChanged unless the text's slug is the edition's: an edition keeps its name (and URL)."""
    if feature.slug != slug:
        raise SlugChanged(
            f"this text's slug is {feature.slug!r}, but it is saved as the edition {slug!r}: "
            f"keep the front matter line `slug: {slug}`"
        )


def revision_of(row: RevisionRow) -> Revision:
    return Revision(
        id=row.id,
        slug=row.slug,
        language=row.language,
        markdown=row.markdown,
        author=row.author,
        created_at=aware(row.created_at),
        message=row.message,
        base_id=row.base_id,
    )


def save_revision(
    library: Library,
    slug: str | None,
    markdown: str,
    author: Author,
    message: str = "",
    base_id: int | None = None,
    *,
    in_step: bool = False,
    now: datetime | None = None,
) -> Revision:
    """Save a new revision of `slug` (None: a new edition, named by its text's slug).

    Raises EditConflict when `base_id` is not the newest revision, ReadError
    when the text does not read, SlugChanged when it names another edition,
    NotAllowed when the author may not edit it. Saving the newest text
    unchanged adds nothing and returns that revision. `in_step` says the
    author brought this edition in step with its source edition (item 6).
    """
    read = read_revision(markdown)
    feature = read.feature
    key = slug or feature.slug
    check_slug(key, feature)
    with writing(library) as session:
        state = locked_state(session, key, now)
        latest = _latest(session, key)
        if isinstance(author, Account):
            check_may_edit(session, author, key, latest)
        if latest is not None and latest.markdown == markdown:
            return revision_of(latest)
        if latest is None and base_id is not None:
            raise NotFoundError(f"{key} has no revision {base_id}; save it without a base")
        if latest is not None and latest.id != base_id:
            raise EditConflict(revision_of(latest), _changes_since(session, base_id, latest), markdown)
        row = _insert(session, key, feature.language, markdown, _name(author), message, base_id, now)
        back_to_draft(state, now)
        note_saved(session, state, read, in_step=in_step)
        write_entry(session, _name(author), "revision.save", key, f"revision {row.id}: {message}", now=now)
        return revision_of(row)


def restore(library: Library, revision_id: int, author: Author, *, now: datetime | None = None) -> Revision:
    """Bring back an old revision's text as a new revision (history is never rewritten)."""
    with writing(library) as session:
        old = session.get(RevisionRow, revision_id)
        if old is None:
            raise NotFoundError(f"there is no revision {revision_id}")
        state = locked_state(session, old.slug, now)
        latest = _latest(session, old.slug)
        if isinstance(author, Account):
            check_may_edit(session, author, old.slug, latest, action=Action.RESTORE)
        message = f"restored revision {old.id}"
        row = _insert(
            session,
            old.slug,
            old.language,
            old.markdown,
            _name(author),
            message,
            latest.id if latest else None,
            now,
        )
        back_to_draft(state, now)
        note_saved(session, state, read_revision(old.markdown))
        write_entry(
            session, _name(author), "revision.restore", old.slug, f"revision {row.id}: {message}", now=now
        )
        return revision_of(row)


def revisions_of(library: Library, slug: str) -> list[Revision]:
    """Every revision of an edition, newest first."""
    query = select(RevisionRow).where(RevisionRow.slug == slug).order_by(RevisionRow.id.desc())
    with reading(library) as session:
        return [revision_of(row) for row in session.execute(query).scalars()]


def revision(library: Library, revision_id: int) -> Revision:
    """One revision; NotFoundError if there is none with that id."""
    with reading(library) as session:
        row = session.get(RevisionRow, revision_id)
        if row is None:
            raise NotFoundError(f"there is no revision {revision_id}")
        return revision_of(row)


def latest_revision(library: Library, slug: str) -> Revision | None:
    """The newest revision of an edition, or None when it has none."""
    with reading(library) as session:
        row = _latest(session, slug)
        return None if row is None else revision_of(row)


def owner_of(session: Session, slug: str) -> str | None:
    """Who owns an edition: the author of its first revision."""
    first = select(func.min(RevisionRow.id)).where(RevisionRow.slug == slug).scalar_subquery()
    return session.execute(select(RevisionRow.author).where(RevisionRow.id == first)).scalar_one_or_none()


def check_may_edit(
    session: Session,
    account: Account,
    slug: str,
    latest: RevisionRow | None,
    *,
    action: Action = Action.EDIT_OWN,
) -> None:
    """NotAllowed unless the account may create (a new edition) or edit this one."""
    if account.disabled:
        raise NotAllowed(f"the account {account.name} is disabled")
    if latest is None:
        require(account.role, Action.CREATE, what=slug)
    else:
        require(account.role, action, owns=owner_of(session, slug) == account.name, what=slug)


def _latest(session: Session, slug: str) -> RevisionRow | None:
    query = select(RevisionRow).where(RevisionRow.slug == slug).order_by(RevisionRow.id.desc()).limit(1)
    return session.execute(query).scalar_one_or_none()


def _changes_since(session: Session, base_id: int | None, latest: RevisionRow) -> list[BlockChange]:
    base = session.get(RevisionRow, base_id) if base_id is not None else None
    before = base.markdown if base is not None else f"---\ntitle: {latest.slug}\n---\n"
    return diff_revisions(before, latest.markdown)


def _insert(
    session: Session,
    slug: str,
    language: str,
    markdown: str,
    author: str,
    message: str,
    base_id: int | None,
    now: datetime | None,
) -> RevisionRow:
    new_id = session.execute(
        insert(RevisionRow)
        .values(
            slug=slug,
            language=language,
            markdown=markdown,
            author=author,
            created_at=utc(now),
            message=message,
            base_id=base_id,
        )
        .returning(RevisionRow.id)
    ).scalar_one()
    row = session.get(RevisionRow, new_id)
    assert row is not None
    return row


def _name(author: Author) -> str:
    return author.name if isinstance(author, Account) else author


def require_edit(library: Library, account: Account, slug: str) -> None:
    """NotAllowed unless the account may edit this edition (or create it, when it has no revision)."""
    with reading(library) as session:
        check_may_edit(session, account, slug, _latest(session, slug))


def may_edit(library: Library, account: Account, slug: str) -> bool:
    """Whether the account may edit this edition (the editor shows its text read-only if not)."""
    try:
        require_edit(library, account, slug)
    except NotAllowed:
        return False
    return True


def owns(library: Library, account: Account, slug: str) -> bool:
    """Whether the account owns the edition (wrote its first revision)."""
    with reading(library) as session:
        return owner_of(session, slug) == account.name
