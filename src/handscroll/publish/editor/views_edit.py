"""Editing one edition: the page, save, autosave, previews and preview links, new editions
(issue 13 item 3). Review and publishing are in `views_review`, history in `views_history`."""

from __future__ import annotations

from datetime import timedelta

from starlette.responses import JSONResponse, RedirectResponse, Response

from handscroll.errors import HandscrollError, NotFoundError
from handscroll.publish.editor.guard import Asked, EditorRoute, message, render
from handscroll.publish.editor.preview import framed_policy, preview_response
from handscroll.publish.editor.structure import read_text
from handscroll.workspace.alignment import source_change
from handscroll.workspace.db import reading
from handscroll.workspace.diff import changed_only
from handscroll.workspace.listing import edition
from handscroll.workspace.previews import make_link, revision_for
from handscroll.workspace.publishing import default_alts, overdue
from handscroll.workspace.review import thread
from handscroll.workspace.revisions import (
    EditConflict,
    latest_revision,
    may_edit,
    owns,
    read_revision_text,
    require_edit,
    revision,
    save_revision,
)
from handscroll.workspace.roles import Action, NotAllowed, allowed
from handscroll.workspace.working_copies import drop_working_copy, save_working_copy, working_copy

NEW_TEXT = """---
title: A new feature
language: en
---

The first paragraph of the narrative.

::: figure new-picture_1
alt: What the picture shows, for someone who cannot see it

The caption.
:::
"""
"""What a new edition starts from."""


def edit_page(
    asked: Asked, *, text: str | None = None, status: int = 200, base_id: str = "", **extra: object
) -> Response:
    """The edition's text beside its structure, problems, review thread and actions."""
    slug, library, me = asked.param("slug"), asked.state.library, asked.me
    latest = latest_revision(library, slug)
    listed = edition(library, slug)
    if latest is None or listed is None:
        raise NotFoundError(f"there is no edition {slug}")
    copy = working_copy(library, me, slug)
    restored = text is None and copy is not None and copy.markdown != latest.markdown
    shown = text if text is not None else (copy.markdown if restored and copy else latest.markdown)
    defaults = _defaults(asked, shown)
    own = owns(library, me, slug)
    can = {action.value: allowed(me.role, action, owns=own) for action in Action}
    return render(
        asked,
        "edit.html",
        status,
        styled=True,
        slug=slug,
        edition=listed,
        latest=latest,
        text=shown,
        base_id=int(base_id) if base_id.isdigit() else (copy.base_id if restored and copy else latest.id),
        restored=copy if restored else None,
        stale_copy=bool(restored and copy and copy.base_id != latest.id),
        reading=read_text(shown, defaults),
        editable=may_edit(library, me, slug),
        can=can,
        comments=thread(library, slug),
        source=source_change(library, slug, shown) if read_text(shown).readable else None,
        overdue=any(s == slug for s, _ in overdue(library)),
        saved=asked.request.query_params.get("saved", ""),
        done=asked.request.query_params.get("done", ""),
        **{"error": "", "conflict": None, "conflict_changes": (), **extra},
    )


def save(asked: Asked) -> Response:
    """Save the text as a revision; refused with what changed meanwhile if someone saved first."""
    slug = asked.param("slug")
    text = asked.field("markdown")
    base = asked.field("base_id")
    try:
        saved = save_revision(
            asked.state.library,
            slug,
            text,
            asked.me,
            asked.field("message")[:500],
            int(base) if base.isdigit() else None,
            in_step=asked.field("in_step") == "yes",
        )
    except EditConflict as conflict:
        return edit_page(
            asked,
            text=conflict.mine,
            status=409,
            conflict=conflict,
            conflict_changes=changed_only(conflict.diff),
        )
    except NotAllowed:
        raise
    except HandscrollError as exc:
        return edit_page(asked, text=text, status=400, error=str(exc), base_id=base)
    drop_working_copy(asked.state.library, asked.me, slug)
    return RedirectResponse(f"/edit/f/{slug}?saved={saved.id}", status_code=303)


def autosave(asked: Asked) -> Response:
    """Keep the account's working copy (no revision) and say what the text reads as."""
    slug, library = asked.param("slug"), asked.state.library
    require_edit(library, asked.me, slug)
    text = asked.field("markdown")
    base = asked.field("base_id")
    copy = save_working_copy(library, asked.me, slug, text, int(base) if base.isdigit() else None)
    reading_ = read_text(text, _defaults(asked, text))
    return JSONResponse(
        {"saved_at": copy.saved_at.isoformat(), "reading": reading_.as_json()},
        headers={"cache-control": "no-store"},
    )


def preview(asked: Asked) -> Response:
    """The preview of a revision (`?rev=N`), else of the account's working copy, else the newest."""
    slug, library = asked.param("slug"), asked.state.library
    rev = asked.request.query_params.get("rev", "")
    copy = working_copy(library, asked.me, slug) if not rev else None
    if rev.isdigit():
        chosen = revision(library, int(rev))
        if chosen.slug != slug:
            raise NotFoundError(f"{slug} has no revision {rev}")
        text, note = chosen.markdown, f"revision {chosen.id}"
    elif copy is not None:
        text, note = copy.markdown, "your unsaved text"
    else:
        newest = latest_revision(library, slug)
        if newest is None:
            raise NotFoundError(f"there is no edition {slug}")
        text, note = newest.markdown, f"revision {newest.id}"
    reading_ = read_text(text)
    if not reading_.readable:
        # Shown inside the editor's preview frame while the text is being typed: an answer, not an error.
        problem = reading_.problems[0]
        answer = message(asked, 200, "The text does not read yet", f"line {problem.line}: {problem.message}")
        answer.headers["content-security-policy"] = framed_policy(asked.state.policy)
        answer.headers["x-frame-options"] = "SAMEORIGIN"
        return answer
    return preview_response(asked.state, read_revision_text(text), "/edit/pictures", note=note)


def share(asked: Asked) -> Response:
    """Make a preview link to the newest revision that works without a login until it expires."""
    slug = asked.param("slug")
    newest = latest_revision(asked.state.library, slug)
    if newest is None:
        raise NotFoundError(f"there is no edition {slug}")
    days = asked.field("days")
    lifetime = timedelta(days=int(days)) if days.isdigit() and 0 < int(days) <= 30 else timedelta(days=3)
    link = make_link(asked.state.library, asked.me, newest.id, lifetime)
    url = f"{asked.request.url.scheme}://{asked.request.url.netloc}/edit/p/{link.token}"
    return render(asked, "shared.html", slug=slug, url=url, link=link)


def shared_preview(asked: Asked) -> Response:
    """A preview link's page, for anyone holding it until it expires."""
    token = asked.param("token")
    found = revision_for(asked.state.library, token)
    if found is None:
        return message(asked, 404, "This preview link has expired", "Ask the editor for a new one.")
    feature = read_revision_text(found.markdown)
    return preview_response(asked.state, feature, f"/edit/p/{token}/pictures", note=f"revision {found.id}")


def new_page(asked: Asked) -> Response:
    return render(
        asked, "new.html", styled=True, text=asked.field("markdown") or NEW_TEXT, reading=None, error=""
    )


def create(asked: Asked) -> Response:
    """Save a new edition's first revision (its slug comes from its text)."""
    text = asked.field("markdown")
    try:
        feature = read_revision_text(text)
        if latest_revision(asked.state.library, feature.slug) is not None:
            raise HandscrollError(f"there is already an edition {feature.slug}; open it from the list")
        first = save_revision(asked.state.library, None, text, asked.me, asked.field("message") or "created")
    except NotAllowed:
        raise
    except HandscrollError as exc:
        return render(asked, "new.html", 400, styled=True, text=text, reading=read_text(text), error=str(exc))
    return RedirectResponse(f"/edit/f/{first.slug}?saved={first.id}", status_code=303)


def _defaults(asked: Asked, text: str) -> dict[str, str]:
    try:
        ids = read_revision_text(text).media_ids
    except HandscrollError:
        return {}
    with reading(asked.state.library) as session:
        return default_alts(session, ids)


def routes() -> list[EditorRoute]:
    """Editing an edition."""
    return [
        EditorRoute("GET", "/new", new_page, Action.CREATE),
        EditorRoute("POST", "/new", create, Action.CREATE),
        EditorRoute("GET", "/f/{slug}", edit_page),
        EditorRoute("POST", "/f/{slug}/save", save, Action.EDIT_OWN),
        EditorRoute("POST", "/f/{slug}/autosave", autosave, Action.EDIT_OWN),
        EditorRoute("GET", "/f/{slug}/preview", preview),
        EditorRoute("POST", "/f/{slug}/share", share, Action.COMMENT),
        EditorRoute("GET", "/p/{token}", shared_preview, public=True),
    ]
