"""What the editor's routes share: the library, settings, templates, draft pictures, the key.

Drafts may use pictures that are not public yet: `DraftMedia` finds a media ID
among the waiting uploads first, then in the reader's media folder, and the
preview's `PreviewUrls` send its pictures to the editor's own (login- or
link-guarded) picture route instead of the public `/media/`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from handscroll.config import Settings
from handscroll.publish.enriched import MapSetup
from handscroll.publish.i18n import DEFAULT_LANGUAGE, URL_PREFIXES
from handscroll.publish.media import MediaLibrary
from handscroll.publish.render import Renderer
from handscroll.publish.urls import WebUrls
from handscroll.store import Library
from handscroll.workspace.media import MediaFolders
from handscroll.workspace.sessions import signing_key

TEMPLATES = Path(__file__).parent / "templates"
"""The editor's own templates; the production ones are found after them (the preview extends
`feature.html`)."""

STATIC = Path(__file__).parent / "static"
"""The editor's stylesheet and script, served at /edit/static/ (never copied into static sites)."""


class DraftMedia(MediaLibrary):
    """Pictures for previews: waiting uploads first, then the public media folder."""

    def __init__(self, uploads: Path | None, public: MediaLibrary, cache_dir: Path) -> None:
        super().__init__(uploads, cache_dir)
        self.public = public

    def find(self, media_id: str) -> Path | None:
        found = super().find(media_id) if self.media_dir is not None and self.media_dir.is_dir() else None
        return found or self.public.find(media_id)


class PreviewUrls(WebUrls):
    """The reader's links in `language`, except pictures, which come from `prefix` (the editor's
    picture route)."""

    def __init__(self, prefix: str, language: str) -> None:
        super().__init__(language if language in URL_PREFIXES else DEFAULT_LANGUAGE)
        self.prefix = prefix

    def media(self, media_id: str, size: str) -> str:
        return f"{self.prefix}/{media_id}/{size}.webp"


@dataclass
class EditorState:
    """The shared parts of the editor, made once per app."""

    library: Library
    settings: Settings
    public_media: MediaLibrary
    maps: MapSetup
    cache_dir: Path
    policy: str
    """The reader's Content-Security-Policy; previews send it with `frame-ancestors 'self'`."""
    renderer: Renderer = field(init=False)
    folders: MediaFolders | None = field(init=False)
    drafts: DraftMedia = field(init=False)

    def __post_init__(self) -> None:
        self.renderer = Renderer(TEMPLATES)
        self.folders = MediaFolders(self.settings.media_dir) if self.settings.media_dir else None
        uploads = self.folders.uploads if self.folders else None
        self.drafts = DraftMedia(uploads, self.public_media, self.cache_dir / "drafts")

    @cached_property
    def secret(self) -> str:
        """The key that signs cookies and CSRF tokens: the configured one, or the library's own.

        Read when first needed (the app's startup reads it), not when the app is made: an app
        that is never started holds no connection."""
        return signing_key(self.library, self.settings.secret_key)

    @property
    def upload_limit(self) -> int:
        """The largest upload, in bytes."""
        return int(self.settings.max_upload_mb * 1024 * 1024)
