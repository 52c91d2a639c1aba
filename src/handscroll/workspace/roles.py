"""Who may do what: a ladder of four roles, each with the rights of the ones below (issue 13)."""

from __future__ import annotations

from enum import StrEnum

from handscroll.errors import HandscrollError


class Role(StrEnum):
    """An account's place on the ladder, lowest first."""

    CONTRIBUTOR = "contributor"
    EDITOR = "editor"
    PUBLISHER = "publisher"
    ADMIN = "admin"


class Action(StrEnum):
    """Everything the workspace lets someone do; `allowed` says who."""

    CREATE = "create"
    EDIT_OWN = "edit_own"
    EDIT_ANY = "edit_any"
    SUBMIT = "submit"
    REVIEW = "review"
    COMMENT = "comment"
    PUBLISH = "publish"
    UNPUBLISH = "unpublish"
    SCHEDULE = "schedule"
    RESTORE = "restore"
    UPLOAD_MEDIA = "upload_media"
    MANAGE_ACCOUNTS = "manage_accounts"
    VIEW_AUDIT = "view_audit"


LADDER: tuple[Role, ...] = (Role.CONTRIBUTOR, Role.EDITOR, Role.PUBLISHER, Role.ADMIN)

LOWEST_ROLE: dict[Action, Role] = {
    Action.CREATE: Role.CONTRIBUTOR,
    Action.EDIT_OWN: Role.CONTRIBUTOR,
    Action.SUBMIT: Role.CONTRIBUTOR,
    Action.COMMENT: Role.CONTRIBUTOR,
    Action.RESTORE: Role.CONTRIBUTOR,
    Action.UPLOAD_MEDIA: Role.CONTRIBUTOR,
    Action.EDIT_ANY: Role.EDITOR,
    Action.REVIEW: Role.EDITOR,
    Action.PUBLISH: Role.PUBLISHER,
    Action.UNPUBLISH: Role.PUBLISHER,
    Action.SCHEDULE: Role.PUBLISHER,
    Action.MANAGE_ACCOUNTS: Role.ADMIN,
    Action.VIEW_AUDIT: Role.ADMIN,
}
"""The lowest role that may take each action."""

OWN_ONLY: frozenset[Action] = frozenset({Action.EDIT_OWN, Action.SUBMIT, Action.RESTORE})
"""Actions a contributor may take only on a feature edition it owns; from editor up, on any."""


class NotAllowed(HandscrollError):
    """The account's role does not allow the action; nothing was done."""

    exit_code = 3


def rank(role: Role) -> int:
    """The role's height on the ladder (contributor is 0)."""
    return LADDER.index(role)


def allowed(role: Role, action: Action, *, owns: bool = False) -> bool:
    """Say whether `role` may take `action`; `owns` is whether the edition is the account's own.

    An own-only action on someone else's edition needs the right to edit any.
    """
    if action in OWN_ONLY and not owns:
        action = Action.EDIT_ANY
    return rank(role) >= rank(LOWEST_ROLE[action])


def require(role: Role, action: Action, *, owns: bool = False, what: str = "") -> None:
    """Raise NotAllowed unless `allowed`; the message names the role and the action."""
    if not allowed(role, action, owns=owns):
        verb = "edit" if action is Action.EDIT_OWN else action.replace("_", " ")
        whose = " someone else's edition" if action in OWN_ONLY and not owns else ""
        target = f" ({what})" if what else ""
        raise NotAllowed(f"a {role} may not {verb}{whose}{target}")
