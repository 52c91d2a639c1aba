"""How the reader app makes its editor: one `EditorState` over the reader's library and pictures."""

from __future__ import annotations

from handscroll.config import Settings
from handscroll.publish.editor import Editor
from handscroll.publish.editor.state import EditorState
from handscroll.publish.routes.state import ReaderState


def make_editor(reader: ReaderState, settings: Settings, policy: str, publish_every: float) -> Editor:
    """The editor mounted at /edit/, sharing the reader's library connection and media folder."""
    state = EditorState(
        library=reader.store,
        settings=settings,
        public_media=reader.media,
        maps=reader.maps,
        cache_dir=reader.media.cache_dir,
        policy=policy,
    )
    return Editor(state, publish_every)
