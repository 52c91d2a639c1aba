"""The editor served over real HTTP for the security tests: one library per database, an account
per role, a feature nobody but `import` owns, pictures, and a client that logs in like a browser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx

from handscroll.config import Settings
from handscroll.publish.web import create_app
from handscroll.store import Library
from handscroll.workspace.accounts import add_account
from handscroll.workspace.imports import record_published
from handscroll.workspace.roles import Role
from publish.builders import write_picture
from publish.live import serve
from workspace.texts import PASSWORD, feature_text

SLUG = "01-the-river-port"
ACCOUNTS = {"cora": Role.CONTRIBUTOR, "eddie": Role.EDITOR, "pia": Role.PUBLISHER, "ada": Role.ADMIN}
"""One account per role; none of them owns the feature (`import` wrote its first revision)."""
NAME_OF = {role: name for name, role in ACCOUNTS.items()}
_CSRF = re.compile(r'<meta name="csrf-token" content="([0-9a-f]+)">')


@dataclass(frozen=True)
class Site:
    """A served editor: its base URL, library URL and media folder."""

    url: str
    library_url: str
    media: Path


def prepare(library_url: str, folder: Path) -> Path:
    """Accounts, the feature (published, as an import leaves it) and its two pictures."""
    media = folder / "media"
    for n in (1, 2):
        write_picture(media, f"handscroll_sample_port01_{n}", (640, 400))
    with Library.open(library_url) as library:
        for name, role in ACCOUNTS.items():
            add_account(library, name, role, PASSWORD)
        from handscroll.workspace.revisions import read_revision

        read = read_revision(feature_text())
        from handscroll.store import ImportItem

        items = [ImportItem(read.feature, "port.md", "0" * 64)]
        library.import_features(items, then=lambda session, report: record_published(session, items, report))
    return media


@contextmanager
def served(library_url: str, media: Path, cache: Path, publish_every: float = 0.5) -> Iterator[Site]:
    settings = Settings(db=library_url, media_dir=media)
    app = create_app(library_url, settings, cache_dir=cache, publish_every=publish_every)
    with serve(app) as url:
        yield Site(url, library_url, media)


class Client:
    """An HTTP client with its own cookie jar, like one browser."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.http = httpx.Client(base_url=site.url, follow_redirects=False, timeout=30)

    def close(self) -> None:
        self.http.close()

    def csrf(self, path: str = "/edit/") -> str:
        """The CSRF token a page of the editor carries."""
        page = self.http.get(path)
        if page.status_code == 303:  # not logged in: the login form's token
            page = self.http.get("/edit/login")
        found = _CSRF.search(page.text)
        assert found is not None, f"no CSRF token on {path} ({page.status_code})"
        return found.group(1)

    def login(self, name: str, password: str = PASSWORD) -> httpx.Response:
        token = self.csrf("/edit/login")
        return self.http.post(
            "/edit/login", data={"csrf": token, "name": name, "password": password, "next": ""}
        )

    def post(self, path: str, data: dict[str, str] | None = None, **options: object) -> httpx.Response:
        """A POST with the CSRF token of the editor's front page."""
        return self.http.post(path, data={"csrf": self.csrf(), **(data or {})}, **options)  # type: ignore[arg-type]


@contextmanager
def logged_in(site: Site, name: str) -> Iterator[Client]:
    client = Client(site)
    try:
        answer = client.login(name)
        assert answer.status_code == 303, answer.text[:500]
        yield client
    finally:
        client.close()
