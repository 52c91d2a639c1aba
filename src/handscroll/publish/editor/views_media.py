"""Pictures in the editor: upload, replace, default alt text, where each is used, and the
guarded picture route previews use (issue 13 item 7)."""

from __future__ import annotations

from starlette.responses import FileResponse, RedirectResponse, Response

from handscroll.errors import HandscrollError, NotFoundError
from handscroll.publish.editor.guard import Asked, EditorRoute, render
from handscroll.publish.media import SIZES
from handscroll.workspace.media import (
    UploadRefused,
    asset,
    list_assets,
    media_id_from,
    set_default_alt,
    store_upload,
    uses_of,
)
from handscroll.workspace.previews import revision_for
from handscroll.workspace.revisions import read_revision_text
from handscroll.workspace.roles import Action


def media_list(asked: Asked, status: int = 200, error: str = "") -> Response:
    return render(
        asked,
        "media.html",
        status,
        assets=list_assets(asked.state.library),
        error=error,
        enabled=asked.state.folders is not None,
        limit_mb=asked.state.settings.max_upload_mb,
    )


def upload(asked: Asked) -> Response:
    """A new picture; its media ID is the one typed, else one made from the file name."""
    file = asked.upload("file")
    if asked.state.folders is None:
        return media_list(asked, 400, "Uploads need a media folder: start the server with --media DIR.")
    if file is None or not file.filename:
        return media_list(asked, 400, "Choose a picture to upload.")
    media_id = asked.field("media_id").strip() or media_id_from(file.filename)
    try:
        data = file.file.read(asked.state.upload_limit + 1)
        stored = store_upload(
            asked.state.library,
            asked.state.folders,
            asked.me,
            media_id,
            data,
            default_alt=asked.field("alt"),
            limit=asked.state.upload_limit,
        )
    except UploadRefused as exc:
        return media_list(asked, 400, str(exc))
    return RedirectResponse(f"/edit/media/{stored.media_id}?done=uploaded", status_code=303)


def media_item(asked: Asked, status: int = 200, error: str = "") -> Response:
    media_id = asked.param("media_id")
    found = asset(asked.state.library, media_id)
    public = asked.state.public_media.find(media_id) is not None
    if found is None and not public:
        raise NotFoundError(f"there is no picture {media_id}")
    return render(
        asked,
        "media_item.html",
        status,
        media_id=media_id,
        asset=found,
        public=public,
        uses=uses_of(asked.state.library, media_id),
        error=error,
        done=asked.request.query_params.get("done", ""),
    )


def replace(asked: Asked) -> Response:
    media_id = asked.param("media_id")
    file = asked.upload("file")
    if asked.state.folders is None or file is None or not file.filename:
        return media_item(asked, 400, "Choose a picture to replace this one with.")
    try:
        store_upload(
            asked.state.library,
            asked.state.folders,
            asked.me,
            media_id,
            file.file.read(asked.state.upload_limit + 1),
            replace=True,
            limit=asked.state.upload_limit,
        )
    except UploadRefused as exc:
        return media_item(asked, 400, str(exc))
    return RedirectResponse(f"/edit/media/{media_id}?done=replaced", status_code=303)


def default_alt(asked: Asked) -> Response:
    media_id = asked.param("media_id")
    try:
        set_default_alt(asked.state.library, asked.me, media_id, asked.field("alt"))
    except HandscrollError as exc:
        return media_item(asked, 400, str(exc))
    return RedirectResponse(f"/edit/media/{media_id}?done=alt", status_code=303)


def picture(asked: Asked) -> Response:
    """A derivative of a draft's picture (waiting upload or public), for logged-in editors."""
    return _picture(asked, asked.param("media_id"), asked.param("size"))


def shared_picture(asked: Asked) -> Response:
    """A picture of a preview link's revision, for whoever holds the link."""
    found = revision_for(asked.state.library, asked.param("token"))
    media_id = asked.param("media_id")
    if found is None or media_id not in read_revision_text(found.markdown).media_ids:
        raise NotFoundError("no such picture")
    return _picture(asked, media_id, asked.param("size"))


def _picture(asked: Asked, media_id: str, size: str) -> Response:
    if size not in SIZES:
        raise NotFoundError("no such size")
    path = asked.state.drafts.derivative(media_id, size)
    if path is None:
        raise NotFoundError(f"there is no picture {media_id}")
    return FileResponse(path, media_type="image/webp", headers={"cache-control": "private, no-cache"})


def routes() -> list[EditorRoute]:
    return [
        EditorRoute("GET", "/media", media_list),
        EditorRoute("POST", "/media", upload, Action.UPLOAD_MEDIA, upload=True),
        EditorRoute("GET", "/media/{media_id}", media_item),
        EditorRoute("POST", "/media/{media_id}/replace", replace, Action.UPLOAD_MEDIA, upload=True),
        EditorRoute("POST", "/media/{media_id}/alt", default_alt, Action.UPLOAD_MEDIA),
        EditorRoute("GET", "/pictures/{media_id}/{size}.webp", picture),
        EditorRoute("GET", "/p/{token}/pictures/{media_id}/{size}.webp", shared_picture, public=True),
    ]
