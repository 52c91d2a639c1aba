"""The editor's security over real HTTP (uvicorn, loopback), on SQLite and PostgreSQL (issue 13):
every role and an anonymous visitor against every route, CSRF, session fixation, cookie flags,
lockout, sessions ended by logout and by disabling an account, secrets kept out of logs."""

from __future__ import annotations

import io
import logging
import re
from datetime import UTC, datetime, timedelta

import httpx2 as httpx
import pytest
from PIL import Image

from handscroll.publish.editor import editor_routes
from handscroll.publish.editor.guard import EditorRoute
from handscroll.store import Library
from handscroll.workspace.accounts import disable_account, enable_account
from handscroll.workspace.previews import make_link
from handscroll.workspace.revisions import latest_revision, revisions_of
from handscroll.workspace.roles import Role, allowed
from workspace.site import ACCOUNTS, NAME_OF, SLUG, Client, Site, logged_in
from workspace.texts import PASSWORD, feature_text

UPLOAD = "matrix-upload_1"


def png(size: tuple[int, int] = (40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (90, 120, 150)).save(out, "PNG")
    return out.getvalue()


def _path(route: EditorRoute, token: str) -> str:
    media = "handscroll_sample_port01_1" if "pictures" in route.path else UPLOAD
    return "/edit" + route.path.format(slug=SLUG, token=token, media_id=media, size="thumb")


def _form(route: EditorRoute, role: str, library: Library) -> tuple[dict[str, str], dict[str, object]]:
    """A sensible form for each POST route, so that only the role decides the answer."""
    latest = latest_revision(library, SLUG)
    base = str(latest.id) if latest else ""
    first = str(revisions_of(library, SLUG)[-1].id)
    forms: dict[str, dict[str, str]] = {
        "/login": {
            "name": NAME_OF.get(Role(role), "cora") if role != "anonymous" else "cora",
            "password": "x",
        },
        "/accounts": {"do": "enable", "name": "cora"},
        "/new": {"markdown": feature_text(title=f"Matrix {role}", part=9)},
        "/f/{slug}/save": {"markdown": feature_text(paragraph=f"Saved by {role}."), "base_id": base},
        "/f/{slug}/autosave": {"markdown": feature_text(paragraph=f"Typed by {role}."), "base_id": base},
        "/f/{slug}/schedule": {"at": (datetime.now(UTC) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")},
        "/f/{slug}/share": {"days": "1"},
        "/f/{slug}/restore": {"revision": first},
        "/media": {"media_id": f"matrix-{role}_1", "alt": "A test picture"},
        "/media/{media_id}/alt": {"alt": "A blue rectangle"},
    }
    data = forms.get(route.path, {"note": f"a note from {role}"})
    files: dict[str, object] = (
        {"files": {"file": ("picture.png", png(), "image/png")}} if route.upload else {}
    )
    return data, files


def _ask(client: Client, route: EditorRoute, token: str, role: str, library: Library) -> tuple[int, str]:
    path = _path(route, token)
    if route.method == "GET":
        answer = client.http.get(path)
    else:
        data, files = _form(route, role, library)
        answer = client.post(path, data, **files)
    return answer.status_code, answer.headers.get("location", "")


def test_every_role_and_anonymous_against_every_editor_route(site: Site) -> None:
    routes = sorted(editor_routes(), key=lambda r: r.path == "/logout")  # logging out comes last
    with logged_in(site, "ada") as admin:
        answer = admin.post(
            "/edit/media", {"media_id": UPLOAD}, files={"file": ("a.png", png(), "image/png")}
        )
        assert answer.status_code == 303, answer.text[:300]
    with Library.open(site.library_url) as library:
        from handscroll.workspace.accounts import account_named

        ada = account_named(library, "ada")
        assert ada is not None
        token = make_link(library, ada, revisions_of(library, SLUG)[-1].id).token
        wrong: list[str] = []
        anonymous = Client(site)
        for route in routes:
            status, location = _ask(anonymous, route, token, "anonymous", library)
            sent_to_login = status == 303 and location.startswith("/edit/login")
            if route.public == sent_to_login:
                wrong.append(f"anonymous {route.method} {route.path}: {status} {location}")
        anonymous.close()
        for name, role in ACCOUNTS.items():
            with logged_in(site, name) as client:
                for route in routes:
                    if route.public:
                        continue
                    expected = route.action is None or allowed(role, route.action, owns=False)
                    status, location = _ask(client, route, token, role.value, library)
                    refused = status == 403
                    to_login = location.startswith("/edit/login") and route.path != "/logout"
                    if expected == refused or to_login:
                        wrong.append(f"{role} {route.method} {route.path}: {status} (expected {expected})")
    assert not wrong, "\n".join(wrong)


def test_a_post_without_or_with_a_forged_csrf_token_or_from_another_site_is_refused(site: Site) -> None:
    with logged_in(site, "eddie") as client:
        path = f"/edit/f/{SLUG}/comment"
        assert client.http.post(path, data={"note": "no token"}).status_code == 403
        assert client.http.post(path, data={"note": "forged", "csrf": "0" * 64}).status_code == 403
        other = Client(site)
        other.login("pia")
        assert client.http.post(path, data={"note": "another's", "csrf": other.csrf()}).status_code == 403
        other.close()
        foreign = client.http.post(
            path, data={"note": "x", "csrf": client.csrf()}, headers={"origin": "https://evil.example"}
        )
        assert foreign.status_code == 403
        assert client.post(path, {"note": "with the token"}).status_code == 303
    login = Client(site)
    refused = login.http.post("/edit/login", data={"name": "eddie", "password": PASSWORD})
    assert refused.status_code == 403 and "handscroll_session" not in refused.headers.get("set-cookie", "")
    login.close()


def test_login_gives_a_new_session_id_and_ends_the_one_it_was_sent_with(site: Site) -> None:
    attacker = Client(site)
    assert attacker.login("cora").status_code == 303
    planted = attacker.http.cookies["handscroll_session"]
    victim = Client(site)
    victim.http.cookies.set("handscroll_session", planted, domain="127.0.0.1", path="/edit")
    answer = victim.login("eddie")
    assert answer.status_code == 303
    fresh = victim.http.cookies["handscroll_session"]
    assert fresh != planted
    assert attacker.http.get("/edit/").status_code == 303  # the planted session ended at the login
    assert victim.http.get("/edit/").status_code == 200
    again = Client(site)
    again.login("eddie")
    assert again.http.cookies["handscroll_session"] not in (fresh, planted)
    for client in (attacker, victim, again):
        client.close()


def session_cookie_flags(answer: httpx.Response, name: str = "handscroll_session") -> set[str]:
    [cookie] = [c for c in answer.headers.get_list("set-cookie") if c.startswith(f"{name}=")]
    return {part.strip().lower() for part in cookie.split(";")}


def test_the_session_cookie_is_signed_httponly_samesite_and_secure_behind_https(site: Site) -> None:
    client = Client(site)
    flags = session_cookie_flags(client.login("eddie"))
    assert {"httponly", "samesite=lax", "path=/edit"} <= flags and "secure" not in flags
    token = client.http.cookies["handscroll_session"]
    tampered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    client.http.cookies.set("handscroll_session", tampered, domain="127.0.0.1", path="/edit")
    assert client.http.get("/edit/").status_code == 303  # a tampered signature is no session
    client.close()
    proxied = httpx.Client(base_url=site.url, headers={"x-forwarded-proto": "https"})  # a loopback proxy
    form = proxied.get("/edit/login")
    assert "secure" in session_cookie_flags(form, "handscroll_login")
    seed = form.headers["set-cookie"].split(";")[0]  # a Secure cookie: sent by hand over plain HTTP
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', form.text)
    assert token is not None
    login = proxied.post(
        "/edit/login",
        data={"csrf": token.group(1), "name": "eddie", "password": PASSWORD},
        headers={"cookie": seed},
    )
    assert login.status_code == 303 and "secure" in session_cookie_flags(login)
    proxied.close()


def test_the_lockout_holds_even_for_the_right_password_and_ends_sessions_never(site: Site) -> None:
    client = Client(site)
    for _ in range(5):
        assert client.login("pia", "wrong password!").status_code == 401
    locked = client.login("pia")
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 60
    assert "try again in" in locked.text
    other = Client(site)
    assert other.login("eddie").status_code == 303  # the lock is on the account, not everyone
    other.close()
    with Library.open(site.library_url) as library:
        from handscroll.workspace.accounts import reset_password

        reset_password(library, "pia", PASSWORD)  # an administrator lifts it
    assert client.login("pia").status_code == 303
    client.close()


def test_logout_and_disabling_an_account_end_its_sessions(site: Site) -> None:
    with logged_in(site, "eddie") as client:
        cookie = client.http.cookies["handscroll_session"]
        assert client.post("/edit/logout").status_code == 303
        replay = Client(site)
        replay.http.cookies.set("handscroll_session", cookie, domain="127.0.0.1", path="/edit")
        assert replay.http.get("/edit/").status_code == 303
        replay.close()
    with logged_in(site, "cora") as client:
        assert client.http.get("/edit/").status_code == 200
        with Library.open(site.library_url) as library:
            disable_account(library, "cora")
        assert client.http.get("/edit/").status_code == 303
        assert client.login("cora").status_code == 401
        with Library.open(site.library_url) as library:
            enable_account(library, "cora")


def test_passwords_and_session_tokens_never_reach_a_log(site: Site, caplog: pytest.LogCaptureFixture) -> None:
    secret = "never-log-this-password-42"
    access = logging.getLogger("uvicorn.access")  # uvicorn's access log does not propagate to the root
    access.addHandler(caplog.handler)
    with caplog.at_level(logging.DEBUG), caplog.at_level(logging.DEBUG, logger="uvicorn.access"):
        client = Client(site)
        client.login("eddie", secret)
        assert client.login("eddie").status_code == 303
        token = client.http.cookies["handscroll_session"]
        client.post(f"/edit/f/{SLUG}/comment", {"note": "logged"})
        with logged_in(site, "ada") as admin:
            admin.post("/edit/accounts", {"do": "reset", "name": "cora", "password": secret})
            admin.post("/edit/accounts", {"do": "reset", "name": "cora", "password": PASSWORD})
            audit = admin.http.get("/edit/audit").text
        client.close()
    access.removeHandler(caplog.handler)
    assert "login.failed" in audit and "account.reset_password" in audit
    # The test's own HTTP client logs the headers it sends; everything else is the server's.
    server_log = "\n".join(
        f"{r.name} {r.getMessage()}" for r in caplog.records if not r.name.startswith(("httpcore", "httpx"))
    )
    assert "POST /edit/login" in server_log  # the server's access log was captured
    for text in (server_log, audit):
        assert secret not in text and PASSWORD not in text
        assert token not in text and token.split(".")[0] not in text
    with Library.open(site.library_url) as library, library.engine.connect() as conn:
        from sqlalchemy import text as sql

        rows = " ".join(
            str(row)
            for table in ("sessions", "audit_log", "accounts")
            for row in conn.execute(sql(f"SELECT * FROM {table}"))
        )
    assert secret not in rows and PASSWORD not in rows and token.split(".")[0] not in rows
