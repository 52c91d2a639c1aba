"""Old feature URLs keep working after a re-import renamed the feature (issues 9, 10).

The web app answers 301 from `/features/OLD` to the feature's URL now; a
static host cannot send a status, so the build writes `features/OLD.html`,
a page that names the new one as canonical and moves there at once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from html import escape
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from handscroll.errors import NotFoundError


async def or_redirect(
    slug: str,
    answer: Awaitable[Response],
    redirect_for: Callable[[str], str | None],
    url: Callable[[str], str],
) -> Response:
    """The response `answer` gives, or a 301 to where the feature is now if `slug` is an old one."""
    try:
        return await answer
    except NotFoundError:
        target = await run_in_threadpool(redirect_for, slug)
        if target is None:
            raise
        return RedirectResponse(url(target), status_code=301)


def redirect_page(target: str, canonical: str) -> bytes:
    """A page that moves the reader to `target` (relative) and names `canonical` as the page's address."""
    to, home = escape(target, quote=True), escape(canonical, quote=True)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        "<title>This feature has moved</title>\n"
        f'<link rel="canonical" href="{home}">\n'
        f'<meta http-equiv="refresh" content="0; url={to}">\n'
        '<meta name="robots" content="noindex">\n'
        f'</head><body><p>This feature has moved: <a href="{to}">{to}</a>.</p></body></html>\n'
    ).encode()


def write_redirect_pages(
    redirects: dict[str, str], out_dir: Path, live: set[str], base_url: str | None
) -> dict[str, dict[str, object]]:
    """Write `features/OLD.html` for each old slug no live page uses; return their manifest entries."""
    entries: dict[str, dict[str, object]] = {}
    for old, new in sorted(redirects.items()):
        path = f"features/{old}.html"
        if path in live:
            continue
        canonical = f"{base_url.rstrip('/')}/features/{new}.html" if base_url else f"{new}.html"
        data = redirect_page(f"{new}.html", canonical)
        target = out_dir / path
        if not target.is_file() or target.read_bytes() != data:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        entries[path] = {"key": hashlib.sha256(data).hexdigest(), "media": []}
    return entries
