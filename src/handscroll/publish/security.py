"""The reader's security headers: one ASGI layer outside everything else, error pages included.

`SecurityHeadersMiddleware` wraps the whole Starlette stack (see `web.ReaderApp`), so even
the 500 page, which Starlette sends from its outermost error middleware, carries them
(issue 10).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from handscroll.config import Settings

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
"""No inline scripts or styles at all: templates carry neither (issue 3). Pictures may also come
from the map's tile host (see `content_security_policy`)."""

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
"""Sent with every response, with the Content-Security-Policy."""


def tile_source(tiles: str) -> str:
    """The CSP source of a tile URL template: its scheme and host, `{s}` subdomains as `*`."""
    parts = urlsplit(tiles.replace("{s}", "a"))
    host = parts.hostname or ""
    if "{s}" in tiles.split("//", 1)[-1].split("/", 1)[0]:
        host = "*." + host.split(".", 1)[1] if "." in host else host
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}"


def content_security_policy(settings: Settings) -> str:
    """The reader's CSP: `CONTENT_SECURITY_POLICY`, with the map's tile host allowed for images."""
    if not settings.map_tiles:
        return CONTENT_SECURITY_POLICY  # the shipped base map needs no other host (issue 14)
    return CONTENT_SECURITY_POLICY.replace(
        "img-src 'self' data:", f"img-src 'self' data: {tile_source(settings.map_tiles)}"
    )


class SecurityHeadersMiddleware:
    """Adds the security headers to every response, and a cache lifetime to static files."""

    def __init__(self, app: ASGIApp, policy: str = CONTENT_SECURITY_POLICY) -> None:
        self.app = app
        self.headers = ((b"content-security-policy", policy.encode()), *SECURITY_HEADERS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = str(scope.get("path", "")).startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                # A response may set its own (the editor's preview is framed by the editor, issue 13).
                own = {name.lower() for name, _ in headers}
                headers.extend(header for header in self.headers if header[0] not in own)
                if static:
                    headers.append((b"cache-control", b"public, max-age=3600"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
