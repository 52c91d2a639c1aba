"""TimelineJS 3 JSON of the timeline: a slide per dated event, an era per series (issue 6).

Dates keep the granularity the text gives (`{"year": 1945, "month": 8}` for
"August 1945"); a season or a decade starts at its first month or year and
shows the words of the text as `display_date`. TimelineJS renders `text`,
`headline`, `caption` and `credit` as HTML, so every string from the library
is escaped here. Pictures are copied as JPEG into `<OUT stem>-media/` beside
the JSON and linked relatively: put the page that embeds the timeline in the
same folder as the JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from markupsafe import escape

from handscroll.model import Credit, Feature, Figure
from handscroll.publish.chapters import book_date
from handscroll.publish.event_dates import CalendarDate, exact_dates, nearest_date
from handscroll.publish.exports import (
    ExportReport,
    ExportRequest,
    Selection,
    missing_picture,
    open_media,
    resized_jpeg,
    select_features,
)
from handscroll.publish.i18n import LOCALES, Translator
from handscroll.publish.media import MediaLibrary
from handscroll.store import Library
from handscroll.store.records import TimelineEntry

MAX_IMAGE_SIDE = 1200
"""Longest side of a picture copied for the timeline, in pixels."""

TIMELINEJS_LANGUAGES = {"en": "en", "zh-Hant": "zh-tw", "zh-Hans": "zh-cn"}
"""TimelineJS's own locale for each edition language (its `language` option; issue 12)."""

Json = dict[str, Any]


def _date(date: CalendarDate, display: str | None = None) -> Json:
    out: Json = {"year": date.year}
    if date.month is not None:
        out["month"] = date.month
        if date.day is not None:
            out["day"] = date.day
    if display is not None:
        out["display_date"] = display
    return out


def _picture_for(entry: TimelineEntry, feature: Feature | None) -> tuple[Figure, str | None] | None:
    """The figure an event stands in (its caption's picture), else the feature's lead picture,
    with the feature's credit."""
    if feature is None:
        return None
    credit = next((b.text for b in feature.blocks if isinstance(b, Credit)), None)
    if entry.block is not None and entry.block < len(feature.blocks):
        block = feature.blocks[entry.block]
        if isinstance(block, Figure):
            return block, credit
    if feature.hero is not None:
        figure = next((f for f in feature.figures if f.media == feature.hero), Figure(media=feature.hero))
        return figure, credit
    return None


def build_timeline(
    selection: Selection, picture_url: Any, *, feature_url: Any = None
) -> tuple[Json, list[str], list[str]]:
    """The TimelineJS document of a selection, the media IDs it shows, and the events it left out.

    `picture_url(media_id, slug)` gives a picture's URL or None (then the slide
    has no media); `feature_url(slug)`, when given, links each slide to its feature.
    """
    features = {f.slug: f for f in selection.features}
    language = selection.language if selection.language in LOCALES else "en"
    ui = Translator(language)
    events: list[Json] = []
    skipped: list[str] = []
    shown: list[str] = []
    years: dict[str | None, list[int]] = {}
    for entry in selection.timeline:
        exact = exact_dates(entry.value)
        if exact is not None:
            start, end = exact
            start_date, end_date = _date(start), _date(end) if end is not None else None
        else:
            near = nearest_date(entry.value, entry.mod)
            if near is None:
                skipped.append(f"{entry.slug}: event {entry.text!r} ({entry.value}) has no calendar date")
                continue
            start, end, start_date, end_date = near, None, _date(near, entry.text), None
        # "the end of 1945" says more than "1945": a modified date shows the words of the text.
        headline = entry.text if entry.mod else book_date(entry.value, entry.text, language)
        if entry.mod:
            start_date["display_date"] = entry.text
        feature = features.get(entry.slug)
        named = entry.title
        if entry.part is not None:
            named = ui.gettext("Part %(part)s: %(title)s") % {"part": entry.part, "title": entry.title}
        text = f"<p>{escape(entry.sentence)}</p>"
        if feature_url is not None:
            text += f'<p><a href="{escape(feature_url(entry.slug))}">{escape(named)}</a></p>'
        event: Json = {
            "unique_id": f"{entry.slug}-{entry.block}-{entry.field}-{entry.paragraph}-{entry.start}",
            "start_date": start_date,
            "text": {"headline": str(escape(headline[:1].upper() + headline[1:])), "text": text},
            "group": str(escape(selection.series_title(entry.series) or named)),
        }
        if end_date is not None:
            event["end_date"] = end_date
        picture = _picture_for(entry, feature)
        if picture is not None:
            figure, credit = picture
            url = picture_url(figure.media, entry.slug)
            if url is not None:
                shown.append(figure.media)
                event["media"] = {
                    "url": url,
                    "caption": str(escape(" ".join(figure.caption))),
                    "credit": str(escape(credit or "")),
                    # its own alt, never the caption again (issue 14)
                    "alt": str(escape(figure.alt)),
                }
        events.append(event)
        years.setdefault(entry.series, []).extend([start.year] + ([end.year] if end is not None else []))
    eras = [
        {
            "start_date": {"year": min(found)},
            "end_date": {"year": max(max(found), min(found) + 1)},
            "text": {"headline": str(escape(selection.series_title(key) or ui.gettext("Other features")))},
        }
        for key, found in years.items()
        if key is not None
    ]
    document: Json = {
        "title": {
            "text": {
                "headline": str(escape(selection.title)),
                "text": "<p>"
                + ui.gettext("%(events)s dated events from %(features)s features")
                % {"events": len(events), "features": len(selection.features)}
                + "</p>",
            }
        },
        "events": events,
        # Not TimelineJS's: the edition's language, and the locale to give TimelineJS as its
        # `language` option, so its own words and dates match the text (issue 12).
        "handscroll": {"language": language, "timelinejs_language": TIMELINEJS_LANGUAGES[language]},
    }
    if eras:
        document["eras"] = eras
    return document, shown, skipped


def export_timelinejs(library: Library, request: ExportRequest, out: Path) -> ExportReport:
    """Write the TimelineJS JSON to `out` and its pictures into `<out stem>-media/` beside it."""
    selection = select_features(library, request)
    media_dir = out.with_name(f"{out.stem}-media")
    media = open_media(request, media_dir)
    report = ExportReport()
    copied: dict[str, str | None] = {}

    def picture_url(media_id: str, slug: str) -> str | None:
        if media_id not in copied:
            copied[media_id] = _copy_picture(media, media_id, media_dir)
            if copied[media_id] is None:
                report.skipped.append(missing_picture(media, media_id, slug))
            else:
                report.written.append(media_dir / f"{media_id}.jpg")
        return copied[media_id]

    base = request.base_url.rstrip("/")
    document, _, skipped = build_timeline(
        selection, picture_url, feature_url=lambda slug: f"{base}/features/{slug}"
    )
    report.skipped.extend(skipped)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    report.written.insert(0, out)
    return report


def _copy_picture(media: MediaLibrary, media_id: str, folder: Path) -> str | None:
    found = resized_jpeg(media, media_id, MAX_IMAGE_SIDE)
    if found is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{media_id}.jpg").write_bytes(found[0])
    return f"{folder.name}/{media_id}.jpg"
