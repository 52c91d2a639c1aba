"""Revisions on both databases: saves, conflicts that lose nothing, restore, who may edit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from handscroll.errors import NotFoundError, ReadError
from handscroll.store import Library
from handscroll.workspace.accounts import add_account
from handscroll.workspace.revisions import (
    EditConflict,
    latest_revision,
    restore,
    revision,
    revisions_of,
    save_revision,
)
from handscroll.workspace.roles import NotAllowed, Role
from handscroll.workspace.working_copies import drop_working_copy, save_working_copy, working_copy
from workspace.texts import PASSWORD, feature_text

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
SLUG = "01-the-river-port"


def test_a_first_save_names_the_edition_by_its_slug(library: Library) -> None:
    first = save_revision(library, None, feature_text(), "import", "imported from port.md", now=T0)
    assert (first.slug, first.language, first.author, first.base_id) == (SLUG, "en", "import", None)
    assert first.created_at == T0
    assert revision(library, first.id) == first
    assert revisions_of(library, SLUG) == [first]


def test_each_save_is_a_revision_and_an_unchanged_save_adds_none(library: Library) -> None:
    first = save_revision(library, None, feature_text(), "import")
    second = save_revision(
        library, SLUG, feature_text(caption="Boats at the new quay."), "import", "quay", first.id
    )
    assert second.base_id == first.id
    assert save_revision(library, SLUG, second.markdown, "import", "again", second.id) == second
    assert [r.id for r in revisions_of(library, SLUG)] == [second.id, first.id]
    assert latest_revision(library, SLUG) == second


def test_a_stale_save_is_refused_with_what_changed_and_the_text_it_refused(library: Library) -> None:
    base = save_revision(library, None, feature_text(), "import")
    theirs = save_revision(
        library, SLUG, feature_text(caption="Junks at the quay."), "lin", "theirs", base.id
    )
    mine = feature_text(paragraph="The port grew fast.")
    with pytest.raises(EditConflict) as conflict:
        save_revision(library, SLUG, mine, "mei", "mine", base.id)
    assert conflict.value.theirs == theirs
    assert conflict.value.mine == mine
    changed = [c for c in conflict.value.diff if c.kind != "equal"]
    assert [c.label for c in changed] == ["figure handscroll_sample_port01_1"]
    assert ("delete", "Boats") in [(w.op, w.text) for w in changed[0].words]
    assert latest_revision(library, SLUG) == theirs
    merged = save_revision(library, SLUG, mine, "mei", "mine, after reading theirs", theirs.id)
    assert merged.base_id == theirs.id


def test_a_text_that_does_not_read_is_refused_with_its_line(library: Library) -> None:
    with pytest.raises(ReadError, match=r"revision:5: .*never closed"):
        save_revision(library, None, "---\ntitle: T\n---\n\n::: figure a_1\ncaption\n", "import")
    assert revisions_of(library, "t") == []


def test_a_base_of_an_edition_without_revisions_is_refused(library: Library) -> None:
    with pytest.raises(NotFoundError, match="no revision 7"):
        save_revision(library, None, feature_text(), "import", base_id=7)


def test_restore_writes_a_new_revision_with_the_old_text(library: Library) -> None:
    first = save_revision(library, None, feature_text(), "import")
    second = save_revision(
        library, SLUG, feature_text(caption="A wrong caption."), "import", "oops", first.id
    )
    restored = restore(library, first.id, "import")
    assert restored.id > second.id and restored.markdown == first.markdown
    assert restored.base_id == second.id and restored.message == f"restored revision {first.id}"
    assert [r.id for r in revisions_of(library, SLUG)] == [restored.id, second.id, first.id]
    with pytest.raises(NotFoundError):
        restore(library, 999, "import")


def test_a_contributor_edits_only_its_own_editions(library: Library) -> None:
    mei = add_account(library, "mei", Role.CONTRIBUTOR, PASSWORD)
    lin = add_account(library, "lin", Role.CONTRIBUTOR, PASSWORD)
    editor = add_account(library, "wen", Role.EDITOR, PASSWORD)
    own = save_revision(library, None, feature_text(), mei)
    again = save_revision(library, SLUG, feature_text(caption="Better."), mei, "mine", own.id)
    with pytest.raises(NotAllowed, match="a contributor may not edit someone else's edition"):
        save_revision(library, SLUG, feature_text(caption="Not yours."), lin, "", again.id)
    with pytest.raises(NotAllowed):
        restore(library, own.id, lin)
    assert save_revision(library, SLUG, feature_text(caption="Edited."), editor, "", again.id).author == "wen"
    imported = save_revision(library, None, feature_text(title="Another port"), "import")
    with pytest.raises(NotAllowed):
        save_revision(
            library, imported.slug, feature_text(title="Another port", caption="x"), mei, "", imported.id
        )


def test_autosave_keeps_one_working_copy_and_adds_no_revision(library: Library) -> None:
    mei = add_account(library, "mei", Role.CONTRIBUTOR, PASSWORD)
    first = save_revision(library, None, feature_text(), mei)
    for n in range(5):
        save_working_copy(library, mei, SLUG, f"{first.markdown}\nhalf-typed {n}", first.id, now=T0)
    copy = working_copy(library, mei, SLUG)
    assert copy is not None and copy.markdown.endswith("half-typed 4") and copy.base_id == first.id
    assert copy.saved_at == T0
    assert revisions_of(library, SLUG) == [first]
    with library.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM working_copies")).scalar_one() == 1
    drop_working_copy(library, mei, SLUG)
    assert working_copy(library, mei, SLUG) is None
