"""The role ladder, action by action, written out independently of `roles.LOWEST_ROLE`."""

from __future__ import annotations

import itertools

import pytest

from handscroll.workspace.roles import Action, NotAllowed, Role, allowed, require

C, E, P, A = Role.CONTRIBUTOR, Role.EDITOR, Role.PUBLISHER, Role.ADMIN
EXPECTED: dict[Action, tuple[set[Role], set[Role]]] = {
    # action: (roles allowed on their own edition, roles allowed on someone else's)
    Action.CREATE: ({C, E, P, A}, {C, E, P, A}),
    Action.EDIT_OWN: ({C, E, P, A}, {E, P, A}),
    Action.EDIT_ANY: ({E, P, A}, {E, P, A}),
    Action.SUBMIT: ({C, E, P, A}, {E, P, A}),
    Action.RESTORE: ({C, E, P, A}, {E, P, A}),
    Action.COMMENT: ({C, E, P, A}, {C, E, P, A}),
    Action.UPLOAD_MEDIA: ({C, E, P, A}, {C, E, P, A}),
    Action.REVIEW: ({E, P, A}, {E, P, A}),
    Action.PUBLISH: ({P, A}, {P, A}),
    Action.UNPUBLISH: ({P, A}, {P, A}),
    Action.SCHEDULE: ({P, A}, {P, A}),
    Action.MANAGE_ACCOUNTS: ({A}, {A}),
    Action.VIEW_AUDIT: ({A}, {A}),
}


def test_every_action_is_in_the_table() -> None:
    assert set(EXPECTED) == set(Action)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("owns", [True, False])
def test_each_role_may_do_exactly_what_the_ladder_says(role: Role, action: Action, owns: bool) -> None:
    expected = role in EXPECTED[action][0 if owns else 1]
    assert allowed(role, action, owns=owns) is expected
    if expected:
        require(role, action, owns=owns)
    else:
        with pytest.raises(NotAllowed, match=f"a {role} may not"):
            require(role, action, owns=owns)


def test_each_role_has_the_rights_of_the_ones_below() -> None:
    ladder = list(Role)
    for lower, higher in itertools.pairwise(ladder):
        for action in Action:
            for owns in (True, False):
                assert allowed(higher, action, owns=owns) or not allowed(lower, action, owns=owns)
