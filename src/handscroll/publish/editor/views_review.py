"""Review and publishing from the edit page: submit, comment, approve, request changes,
publish now, schedule, unschedule, unpublish (issue 13 item 4). Each answers with the edit
page again, saying what was done or why not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from starlette.responses import RedirectResponse, Response

from handscroll.errors import HandscrollError
from handscroll.publish.editor.guard import Asked, EditorRoute, message
from handscroll.store import Library
from handscroll.workspace import publishing, review
from handscroll.workspace.accounts import Account
from handscroll.workspace.publishing import PublishBlocked
from handscroll.workspace.roles import Action, NotAllowed


def _acting(do: Callable[[Asked, str], str]) -> Callable[[Asked], Response]:
    def act(asked: Asked) -> Response:
        slug = asked.param("slug")
        try:
            done = do(asked, slug)
        except PublishBlocked as blocked:
            return message(
                asked,
                409,
                "Not published yet",
                "Publishing waits until every figure has alt text:",
                items=blocked.missing,
                back=f"/edit/f/{slug}",
            )
        except NotAllowed:
            raise
        except HandscrollError as exc:
            return message(asked, 409, "That did not work", str(exc), back=f"/edit/f/{slug}")
        return RedirectResponse(f"/edit/f/{slug}?done={done}", status_code=303)

    return act


ReviewStep = Callable[[Library, str, Account, str], None]

REVIEW_STEPS: dict[str, tuple[Action, ReviewStep, str]] = {
    "submit": (Action.SUBMIT, review.submit, "submitted"),
    "comment": (Action.COMMENT, review.comment, "commented"),
    "approve": (Action.REVIEW, review.approve, "approved"),
    "changes": (Action.REVIEW, review.request_changes, "changes-requested"),
}
"""Each review step: the action it needs, what it does (with the note sent), and what the page says."""


def _review(step: ReviewStep, done: str) -> Callable[[Asked, str], str]:
    def act(asked: Asked, slug: str) -> str:
        step(asked.state.library, slug, asked.me, asked.field("note"))
        return done

    return act


def _publish(asked: Asked, slug: str) -> str:
    publishing.publish(
        asked.state.library, slug, asked.me, media=asked.state.folders, settings=asked.state.settings
    )
    return "published"


def _schedule(asked: Asked, slug: str) -> str:
    publishing.schedule(asked.state.library, slug, asked.me, scheduled_time(asked))
    return "scheduled"


def _unschedule(asked: Asked, slug: str) -> str:
    publishing.unschedule(asked.state.library, slug, asked.me)
    return "unscheduled"


def _unpublish(asked: Asked, slug: str) -> str:
    publishing.unpublish(asked.state.library, slug, asked.me)
    return "unpublished"


def scheduled_time(asked: Asked) -> datetime:
    """The time asked for: `at` (a date and time, read in the offset `tz` minutes east of UTC the
    browser sends, else UTC)."""
    at = asked.field("at").strip()
    try:
        local = datetime.fromisoformat(at)
    except ValueError:
        raise HandscrollError(f"{at!r} is not a date and time like 2026-12-24T09:00") from None
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    offset = asked.field("tz")
    minutes = int(offset) if offset.lstrip("-").isdigit() and abs(int(offset)) <= 14 * 60 else 0
    return (local - timedelta(minutes=minutes)).replace(tzinfo=UTC)


def routes() -> list[EditorRoute]:
    """The review and publishing actions."""
    return [
        *(
            EditorRoute("POST", f"/f/{{slug}}/{name}", _acting(_review(step, done)), action)
            for name, (action, step, done) in REVIEW_STEPS.items()
        ),
        EditorRoute("POST", "/f/{slug}/publish", _acting(_publish), Action.PUBLISH),
        EditorRoute("POST", "/f/{slug}/schedule", _acting(_schedule), Action.SCHEDULE),
        EditorRoute("POST", "/f/{slug}/unschedule", _acting(_unschedule), Action.SCHEDULE),
        EditorRoute("POST", "/f/{slug}/unpublish", _acting(_unpublish), Action.UNPUBLISH),
    ]
