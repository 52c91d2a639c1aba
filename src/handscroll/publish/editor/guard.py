"""Who is asking, and may they: the session cookie, CSRF, roles, and errors as pages (issue 13).

The session cookie holds the session's random token, signed (itsdangerous), HttpOnly,
SameSite=Lax, limited to /edit, and Secure whenever the request came over HTTPS (uvicorn
believes a proxy's X-Forwarded-Proto only from the addresses in FORWARDED_ALLOW_IPS). Every
POST carries a CSRF token, an HMAC of the session token (or of a random pre-login cookie on
the login form), in a form field or the X-CSRF-Token header, and a foreign Origin is refused.
Each editor route declares the action it needs; anonymous visitors are sent to the login page,
accounts whose role falls short get 403.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from itsdangerous import BadSignature, URLSafeSerializer
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from handscroll.errors import HandscrollError, NotFoundError, ReadError
from handscroll.publish.editor.state import EditorState
from handscroll.workspace.accounts import Account
from handscroll.workspace.roles import Action, NotAllowed, allowed
from handscroll.workspace.sessions import session_account

SESSION_COOKIE = "handscroll_session"
PRELOGIN_COOKIE = "handscroll_login"
COOKIE_PATH = "/edit"
MAX_FIELDS = 200
"""Form fields per request; a larger form is refused before it is parsed whole."""


@dataclass
class Asked:
    """One request to the editor: who asks, what they sent, and what the page may show."""

    request: Request
    state: EditorState
    account: Account | None
    form: FormData | None = None
    token: str = ""
    """The session token (never shown, never logged)."""
    cookies: list[tuple[str, str]] = field(default_factory=list)
    """Cookies to set on the answer (name, value); empty value: clear it."""
    before_login: bool = False
    """A route open to anyone (the login form): its token is bound to the pre-login cookie."""

    @property
    def csrf(self) -> str:
        """The CSRF token pages put in their forms: bound to the session, or before a login to
        the pre-login cookie."""
        seed = "" if self.before_login else self.token
        return csrf_token(self.state.secret, seed or self.request.cookies.get(PRELOGIN_COOKIE, ""))

    def field(self, name: str, default: str = "") -> str:
        """A text form field, stripped of nothing (texts are kept as typed)."""
        value = self.form.get(name) if self.form is not None else None
        return value if isinstance(value, str) else default

    def upload(self, name: str) -> UploadFile | None:
        value = self.form.get(name) if self.form is not None else None
        return value if isinstance(value, UploadFile) else None

    def param(self, name: str) -> str:
        return str(self.request.path_params[name])

    @property
    def me(self) -> Account:
        """The account asking; only called by routes that need a login."""
        assert self.account is not None
        return self.account


Handler = Callable[[Asked], Response]


@dataclass(frozen=True)
class EditorRoute:
    """One editor route and the action it needs (None: any account; `public`: no login)."""

    method: str
    path: str
    handler: Handler
    action: Action | None = None
    public: bool = False
    upload: bool = False
    """The route takes a file: its form may hold a part up to the upload limit."""


def signer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="handscroll-session")


def csrf_token(secret: str, seed: str) -> str:
    return hmac.new(secret.encode(), f"csrf:{seed}".encode(), hashlib.sha256).hexdigest()


def session_token(request: Request, secret: str) -> str:
    """The session token the signed cookie holds, or "" (unsigned or forged: none)."""
    raw = request.cookies.get(SESSION_COOKIE, "")
    if not raw or len(raw) > 400:
        return ""
    try:
        value = signer(secret).loads(raw)
    except BadSignature:
        return ""
    return value if isinstance(value, str) else ""


def set_cookie(response: Response, request: Request, name: str, value: str) -> None:
    """Set (or, with "", clear) one of the editor's cookies with the flags it must have."""
    secure = request.url.scheme == "https"
    if value:
        response.set_cookie(name, value, path=COOKIE_PATH, httponly=True, samesite="lax", secure=secure)
    else:
        response.delete_cookie(name, path=COOKIE_PATH, httponly=True, samesite="lax", secure=secure)


def endpoint(route: EditorRoute, state: EditorState) -> Callable[[Request], Awaitable[Response]]:
    """The Starlette endpoint of an editor route: login, CSRF and role checked before the handler."""

    async def answer(request: Request) -> Response:
        token = session_token(request, state.secret)
        account = await run_in_threadpool(session_account, state.library, token) if token else None
        asked = Asked(request, state, account, token=token if account else "", before_login=route.public)
        try:
            return await checked(asked)
        finally:
            if asked.form is not None:
                await asked.form.close()  # uploaded files are spooled to disk

    async def checked(asked: Asked) -> Response:
        request, account = asked.request, asked.account
        if account is None and not route.public:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/edit/login?next={quote(target, safe='')}", status_code=303)
        if request.method == "POST":
            refused = _foreign_origin(request)
            if refused is None:
                try:
                    limit = state.upload_limit + 65536 if route.upload else 4 * 1024 * 1024
                    asked.form = await request.form(max_fields=MAX_FIELDS, max_part_size=limit)
                except Exception:  # python-multipart's and Starlette's refusals of a malformed body
                    return message(asked, 400, "The form could not be read", "Send it again from the page.")
                sent = asked.field("csrf") or request.headers.get("x-csrf-token", "")
                if not hmac.compare_digest(sent.encode(), asked.csrf.encode()):
                    refused = "the form's security token is missing or wrong; reload the page and try again"
            if refused is not None:
                return message(asked, 403, "Refused", refused)
        if (
            route.action is not None
            and account is not None
            and not allowed(account.role, route.action, owns=True)
        ):
            return message(asked, 403, "Not allowed", f"A {account.role} may not do this.")
        try:
            response = await run_in_threadpool(route.handler, asked)
        except NotAllowed as exc:
            return message(asked, 403, "Not allowed", str(exc))
        except NotFoundError as exc:
            return message(asked, 404, "Not found", str(exc))
        except ReadError as exc:
            return message(asked, 400, "The text does not read", str(exc))
        except HandscrollError as exc:
            return message(asked, 400, "That did not work", str(exc))
        for name, value in asked.cookies:
            set_cookie(response, request, name, value)
        response.headers.setdefault("cache-control", "no-store")
        return response

    return answer


def _foreign_origin(request: Request) -> str | None:
    origin = request.headers.get("origin")
    if origin is None:  # not every client sends one; the CSRF token still has to match
        return None
    own = f"{request.url.scheme}://{request.url.netloc}"
    if origin != own:
        return "this form was sent from another site"
    return None


def new_prelogin() -> str:
    """The random value of the pre-login cookie the login form's CSRF token is bound to."""
    return secrets.token_urlsafe(24)


def render(
    asked: Asked, template: str, status: int = 200, *, styled: bool = False, **values: Any
) -> HTMLResponse:
    """An editor page: `values` plus what every editor page shows (the account, the CSRF token).

    A `styled` page (one with CodeMirror, which injects its stylesheet) gets a fresh nonce
    that its Content-Security-Policy allows for style elements, and nothing else inline.
    """
    nonce = secrets.token_urlsafe(16) if styled else ""
    page = {
        "account": asked.account,
        "csrf": asked.csrf,
        "path": asked.request.url.path,
        "nonce": nonce,
        **values,
    }
    html = asked.state.renderer.env.get_template(template).render(page=page)
    headers = {"cache-control": "no-store"}
    if nonce:
        headers["content-security-policy"] = asked.state.policy.replace(
            "style-src 'self'", f"style-src 'self' 'nonce-{nonce}'"
        )
    return HTMLResponse(html, status_code=status, headers=headers)


def message(asked: Asked, status: int, title: str, text: str, **extra: Any) -> Response:
    """An editor page saying what happened (refusals and errors), with the right status; JSON
    for the editor's script."""
    if "application/json" in asked.request.headers.get("accept", ""):
        return JSONResponse(
            {"error": text, **extra}, status_code=status, headers={"cache-control": "no-store"}
        )
    items, back = extra.get("items", ()), extra.get("back", "")
    return render(asked, "message.html", status, title=title, text=text, items=items, back=back)
