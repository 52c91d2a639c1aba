"""IIIF Presentation 3 manifests: one per feature, a canvas per gallery picture (issue 6).

A canvas has the picture's real pixel size; its label is the caption's first
sentence and its summary the whole caption. Labels, summaries and values are
language maps holding every edition of the work (`{"en": [...], "zh-Hant":
[...], "zh-Hans": [...]}`, issue 12): a figure's caption in each edition is
found by its media ID. The credit is the manifest's
`requiredStatement`, the feature page its `homepage`, the lead picture its
thumbnail. The same `build_manifest` serves `/iiif/{slug}/manifest.json` in
the reader (pictures: the large WebP derivative) and `handscroll export iiif`
(pictures: JPEG copies in `OUT/images/`). A picture that cannot be found has
no size, so it gets no canvas, and the exporter says so.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from markupsafe import escape

from handscroll.model import Credit, Feature, Paragraph
from handscroll.publish.contexts import LibraryReader
from handscroll.publish.editions import works_of
from handscroll.publish.exports import (
    ExportReport,
    ExportRequest,
    missing_picture,
    open_media,
    resized_jpeg,
    select_features,
)
from handscroll.publish.i18n import LOCALES, Translator
from handscroll.publish.media import MediaLibrary
from handscroll.publish.urls import SiteUrls, Urls, WebUrls
from handscroll.store import Library
from handscroll.store.works import StoredEdition

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
"""The JSON-LD context of IIIF Presentation 3."""

IIIF_MEDIA_TYPE = f'application/ld+json;profile="{PRESENTATION_CONTEXT}"'
"""The content type IIIF Presentation 3 asks servers to give manifests."""

IIIF_IMAGE_MEDIA_TYPE = 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
"""The content type IIIF Image API 3 asks servers to give `info.json`."""

MAX_IMAGE_SIDE = 2000
"""Longest side of a picture copied by the export, in pixels: enough to zoom into in a viewer."""

_FIRST_SENTENCE = re.compile(r"^(.+?[.!?。！？])(?:\s|$)")

Json = dict[str, Any]


@dataclass(frozen=True)
class PictureRef:
    """A picture as a manifest shows it: the file's URL, format and size, and the original's size."""

    url: str
    format: str
    width: int
    height: int
    full_width: int
    full_height: int


def _lang(value: str, language: str) -> Json:
    return {language: [plain_text(value)]}


def _langs(values: dict[str, str | None]) -> Json:
    """A language map of the editions that have a value."""
    return {language: [plain_text(value)] for language, value in values.items() if value}


def _ui(say: Callable[[Translator], str], languages: list[str]) -> Json:
    """A label of ours in each edition's language, from the reader's catalogues."""
    return {lang: [say(Translator(lang if lang in LOCALES else "en"))] for lang in languages}


def plain_text(value: str) -> str:
    """A text as a IIIF value that clients show as text.

    IIIF reads a value that starts with `<` and ends with `>` as HTML; such a
    text (a caption that is one tag) is escaped inside a span, so it still
    shows as the characters it is.
    """
    stripped = value.strip()
    if stripped.startswith("<") and stripped.endswith(">"):
        return f"<span>{escape(value)}</span>"
    return value


def first_sentence(text: str, limit: int = 120) -> str:
    """A short label from a caption: its first sentence, cut at `limit` characters."""
    match = _FIRST_SENTENCE.match(text)
    sentence = match.group(1) if match else text
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def build_manifest(
    feature: Feature,
    *,
    manifest_url: str,
    page_url: str,
    picture: Callable[[str], PictureRef | None],
    series_title: str | None = None,
    editions: Sequence[tuple[Feature, str]] = (),
) -> tuple[Json, list[str]]:
    """The manifest of a feature, and the media IDs left without a canvas (no picture found).

    `editions` are the work's other editions with their page URLs: their titles, captions,
    summaries and credits join this feature's in every language map.
    """
    language = feature.language or "none"
    base = manifest_url.rsplit("/", 1)[0]
    every = [(feature, page_url), *((f, url) for f, url in editions if f.language != feature.language)]
    languages = [f.language or "none" for f, _ in every]

    def each(read: Callable[[Feature], str | None]) -> Json:
        return _langs({f.language or "none": read(f) for f, _ in every})

    credit = each(lambda f: next((b.text for b in f.blocks if isinstance(b, Credit)), None))
    narrative = each(lambda f: next((b.text for b in f.blocks if isinstance(b, Paragraph)), None))
    manifest: Json = {
        "@context": PRESENTATION_CONTEXT,
        "id": manifest_url,
        "type": "Manifest",
        "label": each(lambda f: f.title),
        "homepage": [
            {
                "id": url,
                "type": "Text",
                "label": _lang(edition.title, edition.language or "none"),
                "format": "text/html",
                "language": [edition.language],
            }
            for edition, url in every
        ],
    }
    if narrative:
        manifest["summary"] = narrative
    metadata = []
    if series_title:
        metadata.append(
            {"label": _ui(lambda ui: ui.gettext("Series"), languages), "value": _lang(series_title, language)}
        )
    if feature.part is not None:
        metadata.append(
            {"label": _ui(lambda ui: ui.gettext("Part"), languages), "value": {"none": [str(feature.part)]}}
        )
    if metadata:
        manifest["metadata"] = metadata
    if credit:
        manifest["requiredStatement"] = {
            "label": _ui(lambda ui: ui.gettext("Credit"), languages),
            "value": credit,
        }
    captions = {
        (f.language or "none", figure.media): " ".join(figure.caption)
        for f, _ in every
        for figure in f.figures
    }
    canvases: list[Json] = []
    missing: list[str] = []
    for number, figure in enumerate(feature.figures, start=1):
        found = picture(figure.media)
        if found is None:
            missing.append(figure.media)
            continue
        canvas_id = f"{base}/canvas/{number}"
        caption = " ".join(figure.caption)
        # The same picture's caption in each edition (editions share media IDs, issue 12).
        said = {lang: captions.get((lang, figure.media)) for lang in languages}
        label = _langs({lang: first_sentence(text) for lang, text in said.items() if text})
        canvas: Json = {
            "id": canvas_id,
            "type": "Canvas",
            "label": label or _lang(figure.media, "none"),
            "width": found.full_width,
            "height": found.full_height,
            "items": [
                {
                    "id": f"{canvas_id}/page",
                    "type": "AnnotationPage",
                    "items": [
                        {
                            "id": f"{canvas_id}/page/painting",
                            "type": "Annotation",
                            "motivation": "painting",
                            "body": _image(found),
                            "target": canvas_id,
                        }
                    ],
                }
            ],
        }
        if caption:
            canvas["summary"] = _langs(said)
        canvases.append(canvas)
    manifest["items"] = canvases
    hero = picture(feature.hero) if feature.hero else None
    if hero is not None:
        manifest["thumbnail"] = [_image(hero)]
    return manifest, missing


def _image(found: PictureRef) -> Json:
    return {
        "id": found.url,
        "type": "Image",
        "format": found.format,
        "width": found.width,
        "height": found.height,
    }


def export_iiif(library: Library, request: ExportRequest, out: Path) -> ExportReport:
    """Write `SLUG/manifest.json` per feature and the pictures into `images/`, in the folder `out`.

    `out` is meant to be served as `iiif/` under `--base-url`, beside the reader.
    """
    selection = select_features(library, request)
    media = open_media(request, out)
    report = ExportReport()
    base = request.base_url.rstrip("/")
    copied: dict[str, PictureRef | None] = {}

    def picture(media_id: str) -> PictureRef | None:
        if media_id not in copied:
            copied[media_id] = None
            info = media.info(media_id)
            found = resized_jpeg(media, media_id, MAX_IMAGE_SIDE) if info is not None else None
            if info is not None and found is not None:
                data, width, height = found
                target = out / "images" / f"{media_id}.jpg"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                report.written.append(target)
                url = f"{base}/iiif/images/{media_id}.jpg"
                copied[media_id] = PictureRef(url, "image/jpeg", width, height, info.width, info.height)
        return copied[media_id]

    for feature in selection.features:
        manifest, missing = build_manifest(
            feature,
            manifest_url=f"{base}/iiif/{feature.slug}/manifest.json",
            page_url=base + _page(WebUrls(), feature),
            picture=picture,
            series_title=selection.series_title(feature.series),
            editions=_other_editions(library, feature, lambda f: base + _page(WebUrls(), f)),
        )
        report.skipped.extend(f"{missing_picture(media, m, feature.slug)}: no canvas" for m in missing)
        target = out / feature.slug / "manifest.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        report.written.insert(0, target)
    return report


def reader_manifest(library: Library, slug: str, media: MediaLibrary, base_url: str) -> Json:
    """The manifest served at `/iiif/{slug}/manifest.json`; pictures are the large WebP derivatives.

    NotFoundError for an unknown slug.
    """
    feature = library.get_feature(slug)
    urls = WebUrls()
    base = base_url.rstrip("/")
    series_title = None
    if feature.series is not None:
        series = library.get_series(feature.series)
        series_title = series.display_title

    def picture(media_id: str) -> PictureRef | None:
        info = media.info(media_id)
        if info is None:
            return None
        large = info.rendition("large")
        url = base + urls.media(media_id, "large")
        return PictureRef(url, "image/webp", large.width, large.height, info.width, info.height)

    manifest, _ = build_manifest(
        feature,
        manifest_url=f"{base}/iiif/{slug}/manifest.json",
        page_url=base + _page(urls, feature),
        picture=picture,
        series_title=series_title,
        editions=_other_editions(library, feature, lambda f: base + _page(urls, f)),
    )
    return manifest


class EditionsReader(Protocol):
    """What a manifest reads of a feature's other editions."""

    def get_feature(self, slug: str) -> Feature: ...

    def editions_of_feature(self, slug: str) -> list[StoredEdition]: ...


def _other_editions(
    library: EditionsReader, feature: Feature, page: Callable[[Feature], str]
) -> list[tuple[Feature, str]]:
    """The other editions of a feature's work, with their page URLs (issue 12)."""
    others = [library.get_feature(e.slug) for e in library.editions_of_feature(feature.slug)]
    return [(other, page(other)) for other in others if other.slug != feature.slug]


def _page(urls: Urls, feature: Feature) -> str:
    """A feature's page in the reader of its own language (`/zh-hant/features/...`)."""
    language = feature.language if feature.language in LOCALES else "en"
    return urls.in_language(language).feature(feature.slug)


def site_manifests(library: LibraryReader, media: MediaLibrary, base_url: str) -> dict[str, bytes]:
    """The manifests of a static site, by path inside it (`iiif/SLUG/manifest.json`).

    IIIF ids must be absolute, so they are made from `base_url`, the address
    the site will be published at; pictures are the large WebP derivatives the
    site already holds in `media/`.
    """
    base = base_url.rstrip("/")
    urls = SiteUrls(0)
    titles = {s.key: s.display_title for s in library.list_series()}

    def picture(media_id: str) -> PictureRef | None:
        info = media.info(media_id)
        if info is None:
            return None
        large = info.rendition("large")
        url = f"{base}/{urls.media(media_id, 'large')}"
        return PictureRef(url, "image/webp", large.width, large.height, info.width, info.height)

    out: dict[str, bytes] = {}
    summaries = library.list_features()
    works = works_of(summaries)
    for summary in summaries:
        feature = library.get_feature(summary.slug)
        others = works.get(summary.work, {}) if summary.work else {}
        editions = [library.get_feature(slug) for slug in others.values() if slug != summary.slug]
        manifest, _ = build_manifest(
            feature,
            manifest_url=f"{base}/iiif/{feature.slug}/manifest.json",
            page_url=f"{base}/{_page(urls, feature)}",
            picture=picture,
            series_title=titles.get(feature.series) if feature.series else None,
            editions=[(edition, f"{base}/{_page(urls, edition)}") for edition in editions],
        )
        out[f"iiif/{feature.slug}/manifest.json"] = json.dumps(
            manifest, ensure_ascii=False, indent=1
        ).encode()
    return out
