"""The editor's front door and lists: login, logout, the editions list, the review queue, the
editions table, the audit log and the accounts (issue 13)."""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from handscroll.errors import HandscrollError
from handscroll.publish.editor.guard import (
    PRELOGIN_COOKIE,
    SESSION_COOKIE,
    Asked,
    EditorRoute,
    csrf_token,
    message,
    new_prelogin,
    render,
    signer,
)
from handscroll.workspace import accounts as account_store
from handscroll.workspace.accounts import LoginRefused, check_login
from handscroll.workspace.alignment import LANGUAGES, editions_table
from handscroll.workspace.audit import entries
from handscroll.workspace.listing import PAGE, Filters, adopt_library, list_editions, review_queue
from handscroll.workspace.publishing import overdue
from handscroll.workspace.roles import LADDER, Action, Role
from handscroll.workspace.sessions import end_session, open_session
from handscroll.workspace.states import State


def login_form(asked: Asked, status: int = 200, error: str = "") -> Response:
    seed = asked.request.cookies.get(PRELOGIN_COOKIE) or new_prelogin()
    asked.cookies.append((PRELOGIN_COOKIE, seed))
    nxt = asked.field("next") or asked.request.query_params.get("next", "")
    return render(
        asked,
        "login.html",
        status,
        csrf=csrf_token(asked.state.secret, seed),
        next=_safe_next(nxt),
        error=error,
        name=asked.field("name"),
    )


def login(asked: Asked) -> Response:
    """Check name and password; a new session (a new token, whatever was sent) on success."""
    address = asked.request.client.host if asked.request.client else "unknown"
    try:
        account = check_login(asked.state.library, asked.field("name"), asked.field("password"), address)
    except LoginRefused as exc:
        response = login_form(asked, 429 if exc.retry_after else 401, exc.reason)
        if exc.retry_after:
            response.headers["retry-after"] = str(exc.retry_after)
        return response
    if asked.token:  # a session sent with the login ends: the new one shares nothing with it
        end_session(asked.state.library, asked.token)
    token = open_session(asked.state.library, account)
    asked.cookies += [(SESSION_COOKIE, str(signer(asked.state.secret).dumps(token))), (PRELOGIN_COOKIE, "")]
    return RedirectResponse(_safe_next(asked.field("next")) or "/edit/", status_code=303)


def logout(asked: Asked) -> Response:
    end_session(asked.state.library, asked.token)
    asked.cookies.append((SESSION_COOKIE, ""))
    return RedirectResponse("/edit/login", status_code=303)


def home(asked: Asked) -> Response:
    """The editions list, filtered by state, language, text and author."""
    query = asked.request.query_params
    state = query.get("state", "")
    language = query.get("language", "")
    filters = Filters(
        state=state if state in set(State) else "",
        language=language if language in LANGUAGES else "",
        text=query.get("q", "")[:200],
        author=asked.me.name if query.get("mine") else "",
    )
    page = _number(query.get("page", "0"))
    adopt_library(asked.state.library)  # features imported before the workspace (one cheap query if none)
    listed, total = list_editions(asked.state.library, filters, page=page)
    return render(
        asked,
        "list.html",
        editions=listed,
        total=total,
        filters=filters,
        mine=bool(query.get("mine")),
        page_number=page,
        pages=max(1, -(-total // PAGE)),
        states=[s.value for s in State],
        languages=LANGUAGES,
        overdue=overdue(asked.state.library),
        queue_size=len(review_queue(asked.state.library)),
    )


def queue(asked: Asked) -> Response:
    return render(asked, "queue.html", editions=review_queue(asked.state.library))


def editions(asked: Asked) -> Response:
    page = _number(asked.request.query_params.get("page", "0"))
    return render(
        asked,
        "editions.html",
        works=editions_table(asked.state.library, offset=page * 100),
        languages=LANGUAGES,
    )


def audit(asked: Asked) -> Response:
    before = asked.request.query_params.get("before")
    found = entries(asked.state.library, limit=100, before=_number(before) if before else None)
    return render(asked, "audit.html", entries=found)


def accounts(asked: Asked, status: int = 200, error: str = "", done: str = "") -> Response:
    found = account_store.list_accounts(asked.state.library)
    return render(asked, "accounts.html", status, accounts=found, roles=LADDER, error=error, done=done)


def account_action(asked: Asked) -> Response:
    """Add an account, change its role, disable, enable or reset its password (admins)."""
    library, me = asked.state.library, asked.me.name
    what, name = asked.field("do"), asked.field("name")
    try:
        if what == "add":
            account_store.add_account(
                library, name, Role(asked.field("role")), asked.field("password"), actor=me
            )
        elif what == "role":
            account_store.set_role(library, name, Role(asked.field("role")), actor=me)
        elif what == "disable":
            if name == me:
                raise HandscrollError("you cannot disable your own account")
            account_store.disable_account(library, name, actor=me)
        elif what == "enable":
            account_store.enable_account(library, name, actor=me)
        elif what == "reset":
            account_store.reset_password(library, name, asked.field("password"), actor=me)
        else:
            return message(asked, 400, "Unknown action", "Choose an action from the page.")
    except (HandscrollError, ValueError) as exc:
        return accounts(asked, 400, error=str(exc))
    return accounts(asked, done=f"{name}: done")


def _safe_next(target: str) -> str:
    """Only a path inside the editor: never another site (`//host`, `/\\host`)."""
    if target.startswith("/edit/") and not target.startswith(("//", "/\\")) and "\\" not in target:
        return target
    return ""


def _number(text: str | None) -> int:
    return int(text) if text and text.isdigit() and len(text) < 7 else 0


def routes() -> list[EditorRoute]:
    """The front door and the lists."""
    return [
        EditorRoute("GET", "/login", login_form, public=True),
        EditorRoute("POST", "/login", login, public=True),
        EditorRoute("POST", "/logout", logout),
        EditorRoute("GET", "/", home),
        EditorRoute("GET", "/queue", queue),
        EditorRoute("GET", "/editions", editions),
        EditorRoute("GET", "/audit", audit, Action.VIEW_AUDIT),
        EditorRoute("GET", "/accounts", accounts, Action.MANAGE_ACCOUNTS),
        EditorRoute("POST", "/accounts", account_action, Action.MANAGE_ACCOUNTS),
    ]
