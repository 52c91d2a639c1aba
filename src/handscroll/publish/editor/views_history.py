"""Revisions: the list, two compared side by side block by block, restore (issue 13 item 5)."""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from handscroll.errors import NotFoundError
from handscroll.publish.editor.guard import Asked, EditorRoute, render
from handscroll.workspace.diff import diff_revisions
from handscroll.workspace.revisions import restore, revision, revisions_of
from handscroll.workspace.roles import Action


def history(asked: Asked) -> Response:
    slug = asked.param("slug")
    found = revisions_of(asked.state.library, slug)
    if not found:
        raise NotFoundError(f"there is no edition {slug}")
    return render(asked, "history.html", slug=slug, revisions=found)


def compare(asked: Asked) -> Response:
    """Revisions `a` (older) and `b` side by side: figures paired by media ID, the rest by
    position, words marked within a changed block (default: the newest against the one before)."""
    slug = asked.param("slug")
    found = revisions_of(asked.state.library, slug)
    if not found:
        raise NotFoundError(f"there is no edition {slug}")
    query = asked.request.query_params
    ids = {r.id for r in found}
    b = int(query["b"]) if query.get("b", "").isdigit() and int(query["b"]) in ids else found[0].id
    older = [r.id for r in found if r.id < b]
    a = (
        int(query["a"])
        if query.get("a", "").isdigit() and int(query["a"]) in ids
        else (older[0] if older else b)
    )
    first, second = revision(asked.state.library, a), revision(asked.state.library, b)
    changes = diff_revisions(first.markdown, second.markdown)
    return render(asked, "compare.html", slug=slug, a=first, b=second, changes=changes, revisions=found)


def restore_revision(asked: Asked) -> Response:
    """Write an old revision's text as a new revision."""
    slug = asked.param("slug")
    rev = asked.field("revision")
    old = revision(asked.state.library, int(rev)) if rev.isdigit() else None
    if old is None or old.slug != slug:
        raise NotFoundError(f"{slug} has no revision {rev}")
    new = restore(asked.state.library, old.id, asked.me)
    return RedirectResponse(f"/edit/f/{slug}?saved={new.id}", status_code=303)


def routes() -> list[EditorRoute]:
    return [
        EditorRoute("GET", "/f/{slug}/history", history),
        EditorRoute("GET", "/f/{slug}/compare", compare),
        EditorRoute("POST", "/f/{slug}/restore", restore_revision, Action.RESTORE),
    ]
