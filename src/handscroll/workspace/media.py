"""Uploaded pictures: checked, cleaned and kept under a media ID (issue 13 item 7).

An upload must be a JPEG, PNG or WebP that Pillow verifies and decodes whole,
under a byte and a pixel limit (checked before decoding, so a decompression
bomb is refused unopened). It is then re-encoded from its pixels: whatever
rode along in the file (a script appended to a polyglot, comments, the EXIF
location) is gone, and the orientation is baked in. The file name is never
used as a path: the picture is stored as `<media-id>.<format>`.

Uploads wait in the workspace's folder (`MediaFolders.uploads`, beside but
outside what the reader serves) until a feature using them is published; a
publisher's replacement of a picture already public goes public at once, and
the reader remakes its derivatives because the file is newer.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath, PureWindowsPath

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.orm import Session

from handscroll.errors import HandscrollError, NotFoundError
from handscroll.model import ALT_MAX_LENGTH, is_media_id
from handscroll.store import Library
from handscroll.store.workspace_tables import EditionStateRow, MediaAssetRow, MediaUseRow
from handscroll.workspace.accounts import Account
from handscroll.workspace.audit import write_entry
from handscroll.workspace.db import aware, reading, utc, writing
from handscroll.workspace.roles import Action, require

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""The largest file accepted."""

MAX_PIXELS = 40_000_000
"""The most pixels accepted (e.g. 8000 x 5000), checked from the header before any decoding."""

FORMATS: dict[str, str] = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
"""Pillow's format name -> the suffix the picture is stored with."""

SUFFIXES: tuple[str, ...] = ("jpg", "jpeg", "png", "webp", "JPG", "JPEG", "PNG", "WEBP")
"""Every suffix the reader finds a picture by (`publish.media.EXTENSIONS`)."""

_GPS_IFD = 0x8825
_UPLOADS = ".workspace-uploads"


class UploadRefused(HandscrollError):
    """The file is not a picture handscroll will keep; the message says why."""


@dataclass(frozen=True)
class MediaFolders:
    """Where pictures live: `public` is the reader's media folder; uploads wait inside it in a
    hidden folder the reader never looks in (it only opens `<media-id>.<suffix>` files)."""

    public: Path

    @property
    def uploads(self) -> Path:
        return self.public / _UPLOADS

    def upload_path(self, media_id: str) -> Path | None:
        """The waiting upload of a media ID, or None."""
        return _existing(self.uploads, media_id)

    def public_path(self, media_id: str) -> Path | None:
        """The public picture of a media ID, or None."""
        return _existing(self.public, media_id)


@dataclass(frozen=True)
class CleanImage:
    """An upload after checking: its format suffix, pixel size and the re-encoded bytes."""

    suffix: str
    width: int
    height: int
    data: bytes


@dataclass(frozen=True)
class MediaAsset:
    """An uploaded picture as the editor lists it."""

    media_id: str
    suffix: str
    width: int
    height: int
    size: int
    default_alt: str
    uploaded_by: str
    uploaded_at: datetime
    public: bool


def media_id_from(filename: str) -> str:
    """A media ID made from an upload's file name (its last part only, never a path):
    `Harbour view.JPG` -> `harbour-view_1`."""
    name = PureWindowsPath(PurePosixPath(filename).name).name
    stem = re.sub(r"[^a-z0-9]+", "-", name.rsplit(".", 1)[0].lower()).strip("-")[:60] or "picture"
    if not stem[0].isalpha():
        stem = f"p-{stem}"
    return stem if is_media_id(stem) else f"{stem}_1"


def clean_image(data: bytes, *, limit: int = MAX_UPLOAD_BYTES) -> CleanImage:
    """Check an upload and re-encode it; UploadRefused saying what is wrong."""
    if len(data) > limit:
        raise UploadRefused(f"the file is {len(data) // 1024} KB; the limit is {limit // 1024} KB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                kind = probe.format or ""
                width, height = probe.size
                if kind not in FORMATS:
                    raise UploadRefused(f"a {kind or 'file'} is not accepted: upload a JPEG, PNG or WebP")
                if width * height > MAX_PIXELS:
                    raise UploadRefused(
                        f"the picture is {width} x {height} pixels; at most "
                        f"{MAX_PIXELS // 1_000_000} million pixels are accepted"
                    )
                probe.verify()
            with Image.open(io.BytesIO(data)) as opened:
                opened.load()
                exif = opened.getexif()
                image = ImageOps.exif_transpose(opened)
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UploadRefused(
            f"the picture declares more pixels than can be opened safely; at most "
            f"{MAX_PIXELS // 1_000_000} million pixels are accepted"
        ) from exc
    except UnidentifiedImageError as exc:
        raise UploadRefused(
            f"this is not a picture handscroll can read safely ({type(exc).__name__})"
        ) from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise UploadRefused(f"the picture is damaged or incomplete: {exc}") from exc
    exif.pop(_GPS_IFD, None)  # where the photo was taken stays with the photographer
    exif.pop(0x0112, None)  # the orientation is baked into the pixels
    out = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=92, exif=exif.tobytes())
    elif kind == "PNG":
        image.save(out, "PNG", exif=exif.tobytes())
    else:
        image.save(out, "WEBP", quality=90, exif=exif.tobytes())
    return CleanImage(FORMATS[kind], image.width, image.height, out.getvalue())


def store_upload(
    library: Library,
    folders: MediaFolders,
    account: Account,
    media_id: str,
    data: bytes,
    *,
    default_alt: str = "",
    replace: bool = False,
    limit: int = MAX_UPLOAD_BYTES,
    now: datetime | None = None,
) -> MediaAsset:
    """Keep an uploaded picture under `media_id`; with `replace`, in place of the one there.

    A picture that is already public may be replaced only by a publisher, and the
    replacement is public at once (the reader's derivatives are remade from it).
    """
    require(account.role, Action.UPLOAD_MEDIA, what=media_id)
    if not is_media_id(media_id):
        raise UploadRefused(f"{media_id!r} is not a media ID: a stem and a number, like harbour_1")
    alt = _check_alt(default_alt)
    image = clean_image(data, limit=limit)
    with writing(library) as session:
        row = session.get(MediaAssetRow, media_id, with_for_update=True)
        public = (row is not None and row.public) or folders.public_path(media_id) is not None
        if (row is not None or public) and not replace:
            raise UploadRefused(f"there is already a picture {media_id}; replace it, or choose another ID")
        if public:
            require(account.role, Action.PUBLISH, what=f"replace the public picture {media_id}")
        _write(folders.uploads, media_id, image)
        if public:
            _write(folders.public, media_id, image)
        if row is None:
            row = MediaAssetRow(media_id=media_id, default_alt=alt)
            session.add(row)
        row.format, row.width, row.height, row.size = image.suffix, image.width, image.height, len(image.data)
        row.sha256 = hashlib.sha256(image.data).hexdigest()
        row.uploaded_by, row.uploaded_at, row.public = account.name, utc(now), public
        if alt:
            row.default_alt = alt
        action = "media.replace" if replace else "media.upload"
        write_entry(
            session, account.name, action, media_id, f"{image.width}x{image.height} {image.suffix}", now=now
        )
        session.flush()
        return _asset(row)


def promote(session: Session, folders: MediaFolders, media_ids: tuple[str, ...]) -> None:
    """Copy the waiting uploads among `media_ids` into the public folder (a publish uses them)."""
    if not media_ids:
        return
    rows = session.execute(
        select(MediaAssetRow).where(MediaAssetRow.media_id.in_(media_ids), MediaAssetRow.public.is_(False))
    ).scalars()
    for row in rows:
        path = folders.upload_path(row.media_id)
        if path is not None:
            _write(
                folders.public,
                row.media_id,
                CleanImage(path.suffix[1:], row.width, row.height, path.read_bytes()),
            )
            row.public = True


def set_default_alt(
    library: Library, account: Account, media_id: str, alt: str, *, now: datetime | None = None
) -> None:
    """Give a picture the alt text its figures get when they have none of their own."""
    require(account.role, Action.UPLOAD_MEDIA, what=media_id)
    with writing(library) as session:
        row = session.get(MediaAssetRow, media_id)
        if row is None:
            raise NotFoundError(f"there is no uploaded picture {media_id}")
        row.default_alt = _check_alt(alt)
        write_entry(session, account.name, "media.alt", media_id, row.default_alt, now=now)


def list_assets(library: Library, *, offset: int = 0, limit: int = 50) -> list[MediaAsset]:
    """Uploaded pictures, newest first."""
    query = select(MediaAssetRow).order_by(MediaAssetRow.uploaded_at.desc()).offset(offset).limit(limit)
    with reading(library) as session:
        return [_asset(row) for row in session.execute(query).scalars()]


def asset(library: Library, media_id: str) -> MediaAsset | None:
    """One uploaded picture, or None."""
    with reading(library) as session:
        row = session.get(MediaAssetRow, media_id)
        return None if row is None else _asset(row)


def uses_of(library: Library, media_id: str) -> list[tuple[str, str, str]]:
    """Where a picture is used: (slug, title, state) of each edition whose newest revision has it."""
    query = (
        select(MediaUseRow.slug, EditionStateRow.title, EditionStateRow.state)
        .join(EditionStateRow, EditionStateRow.slug == MediaUseRow.slug)
        .where(MediaUseRow.media_id == media_id)
        .order_by(MediaUseRow.slug)
    )
    with reading(library) as session:
        return [(slug, title or slug, state) for slug, title, state in session.execute(query)]


def _check_alt(alt: str) -> str:
    alt = " ".join(alt.split())
    if len(alt) > ALT_MAX_LENGTH:
        raise UploadRefused(f"alt text is short: at most {ALT_MAX_LENGTH} characters")
    return alt


def _asset(row: MediaAssetRow) -> MediaAsset:
    return MediaAsset(
        row.media_id,
        row.format,
        row.width,
        row.height,
        row.size,
        row.default_alt,
        row.uploaded_by,
        aware(row.uploaded_at),
        row.public,
    )


def _existing(folder: Path, media_id: str) -> Path | None:
    if not is_media_id(media_id):
        return None
    for suffix in SUFFIXES:
        path = folder / f"{media_id}.{suffix}"
        if path.is_file():
            return path
    return None


def _write(folder: Path, media_id: str, image: CleanImage) -> None:
    """Write atomically as `<media-id>.<suffix>`, removing the ID's file in another format."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{media_id}.{image.suffix}"
    partial = folder / f".{media_id}.{os.getpid()}.partial"
    partial.write_bytes(image.data)
    partial.replace(target)
    for suffix in SUFFIXES:
        other = folder / f"{media_id}.{suffix}"
        if other != target and other.exists():
            other.unlink()
