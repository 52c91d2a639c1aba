"""schema.org JSON-LD of features: for every feature page, and as an export of many (issue 6).

A feature is an `Article` and a `LearningResource`; its pictures are
`ImageObject`s with their captions, its thinking questions `Question`s with
an `acceptedAnswer`, its glossary a `DefinedTermSet` of `DefinedTerm`s with
the Chinese as a `zh-Hant` name, its dated events `Event`s (only those whose
date ISO 8601 can say), its places `Place`s with `GeoCoordinates`. Every
node has an `@id` under the reader's address, so graphs of several features
merge.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup

from handscroll.model import Credit, Enrichment, Feature, Note, Paragraph, Question, Term
from handscroll.publish.editions import Translations, translations
from handscroll.publish.event_dates import exact_dates
from handscroll.publish.exports import (
    ExportReport,
    ExportRequest,
    missing_picture,
    open_media,
    select_features,
)
from handscroll.publish.i18n import LOCALES
from handscroll.publish.urls import WebUrls
from handscroll.store import Library

SCHEMA_CONTEXT = "https://schema.org"
"""The context every document names; consumers resolve it to schema.org's vocabulary."""

ZH = "zh-Hant"
"""The language of the Chinese forms in the library: Traditional characters."""

Json = dict[str, Any]


def feature_graph(
    feature: Feature,
    enrichment: Enrichment | None,
    *,
    page_url: str,
    image_url: Callable[[str], str | None],
    series: tuple[str, str] | None = None,
    editions: Translations | None = None,
    found: Json | None = None,
) -> list[Json]:
    """The nodes describing one feature: the article first, then its glossary.

    `image_url(media_id)` gives a picture's absolute address (None leaves the
    picture out); `series` is `(url, title)` of its series page; `editions` links
    the article to the other editions of its work (issue 12); `found` is
    `enrichment_nodes(enrichment, page_url)` when the caller has it already.
    """
    article_id = f"{page_url}#article"
    credit = next((b.text for b in feature.blocks if isinstance(b, Credit)), None)
    article: Json = {
        "@id": article_id,
        "@type": ["Article", "LearningResource"],
        "headline": feature.title,
        "name": feature.title,
        "url": page_url,
        "inLanguage": feature.language,
        "learningResourceType": "illustrated history feature",
        "articleBody": "\n\n".join(b.text for b in feature.blocks if isinstance(b, Paragraph)),
    }
    if feature.part is not None:
        article["position"] = feature.part
    if editions is not None and editions.original is not None:
        article["translationOfWork"] = _edition(*editions.original)
    if editions is not None and editions.translated:
        article["workTranslation"] = [_edition(lang, url) for lang, url in editions.translated]
    if series is not None:
        article["isPartOf"] = {
            "@id": series[0],
            "@type": "CreativeWorkSeries",
            "name": series[1],
            "url": series[0],
        }
    images = _images(feature, page_url, image_url, credit)
    if images:
        article["image"] = images
    notes = [" ".join(b.text) for b in feature.blocks if isinstance(b, Note) and b.text]
    if notes:
        article["comment"] = [{"@type": "Comment", "text": text} for text in notes]
    questions = [
        {
            "@id": f"{page_url}#question-{number}",
            "@type": "Question",
            "name": block.prompt,
            "text": block.prompt,
            "acceptedAnswer": {
                "@id": f"{page_url}#answer-{number}",
                "@type": "Answer",
                "text": "\n\n".join(block.answer),
            },
        }
        for number, block in enumerate((b for b in feature.blocks if isinstance(b, Question)), start=1)
        if block.answer
    ]
    if questions:
        article["hasPart"] = questions
    nodes = [article]
    if found is None and enrichment is not None:
        found = enrichment_nodes(enrichment, page_url)
    if found:
        if found["about"]:
            article["about"] = found["about"]
        if found["contentLocation"]:
            article["contentLocation"] = found["contentLocation"]
        if found["terms"]:
            glossary_id = f"{page_url}#glossary"
            article["mentions"] = {"@id": glossary_id}
            nodes.append(
                {
                    "@id": glossary_id,
                    "@type": "DefinedTermSet",
                    "name": f"Glossary: {feature.title}",
                    "hasDefinedTerm": found["terms"],
                }
            )
    return nodes


def enrichment_nodes(enrichment: Enrichment, page_url: str) -> Json:
    """What enrichment adds to a feature's graph: its dated events (`about`), its places
    (`contentLocation`) and its glossary's terms, their ids under `page_url`."""
    glossary_id = f"{page_url}#glossary"
    return {
        "about": _events(enrichment, page_url),
        "contentLocation": _places(enrichment, page_url),
        "terms": [_term(t, glossary_id) for t in enrichment.terms],
    }


def _edition(language: str, url: str) -> Json:
    """Another edition's article, by the address its own page gives it."""
    return {"@id": f"{url}#article", "@type": "Article", "inLanguage": language, "url": url}


def _images(
    feature: Feature, page_url: str, image_url: Callable[[str], str | None], credit: str | None
) -> list[Json]:
    images: list[Json] = []
    for figure in feature.figures:
        url = image_url(figure.media)
        if url is None:
            continue
        image: Json = {
            "@id": f"{page_url}#figure-{figure.media}",
            "@type": "ImageObject",
            "contentUrl": url,
            "caption": " ".join(figure.caption),
        }
        if credit:
            image["creditText"] = credit
        images.append(image)
    return images


def _events(enrichment: Enrichment, page_url: str) -> list[Json]:
    events: list[Json] = []
    seen: set[str] = set()
    for event in enrichment.events:
        dates = exact_dates(event.value)
        if dates is None or event.value in seen:
            continue  # a season or decade has no ISO 8601 date schema.org could take
        seen.add(event.value)
        node: Json = {
            "@id": f"{page_url}#event-{event.value.replace('/', '--')}",
            "@type": "Event",
            "name": event.sentence,
            "startDate": dates[0].iso(),
        }
        if dates[1] is not None:
            node["endDate"] = dates[1].iso()
        events.append(node)
    return events


def _places(enrichment: Enrichment, page_url: str) -> list[Json]:
    places: list[Json] = []
    for place in enrichment.places:
        node: Json = {
            "@id": f"{page_url}#place-{place.geonameid or place.modern_name.replace(' ', '-')}",
            "@type": "Place",
            "name": [place.name]
            if place.chinese is None
            else [place.name, {"@value": place.chinese, "@language": ZH}],
            "geo": {"@type": "GeoCoordinates", "latitude": place.lat, "longitude": place.lon},
        }
        if place.geonameid is not None:
            node["sameAs"] = f"https://sws.geonames.org/{place.geonameid}/"
        places.append(node)
    return places


def _term(term: Term, glossary_id: str) -> Json:
    node: Json = {"@type": "DefinedTerm", "name": term.english, "inDefinedTermSet": {"@id": glossary_id}}
    names = [
        {"@value": form, "@language": language}
        for form, language in (
            (term.traditional, ZH),
            (term.simplified, "zh-Hans"),
            (term.pinyin, "zh-Latn-pinyin"),
        )
        if form
    ]
    if term.abbreviation:
        names.append({"@value": term.abbreviation, "@language": "en"})
    if names:
        node["alternateName"] = names
    if term.abbreviation:
        node["termCode"] = term.abbreviation
    if term.note:
        node["description"] = term.note
    return node


def document(nodes: list[Json]) -> Json:
    """A JSON-LD document of the nodes, with the schema.org context."""
    return {"@context": SCHEMA_CONTEXT, "@graph": nodes}


def script_json(data: Json | list[Json]) -> str:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so text cannot end it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def reader_urls(base_url: str) -> tuple[Callable[[str], str], Callable[[str], str], Callable[[str], str]]:
    """Absolute addresses in the reader at `base_url`: a feature page, a series page, a picture."""
    urls = WebUrls()
    base = base_url.rstrip("/")
    return (
        lambda slug: base + urls.feature(slug),
        lambda key: base + urls.series(key),
        lambda media_id: base + urls.media(media_id, "large"),
    )


def export_jsonld(library: Library, request: ExportRequest, out: Path) -> ExportReport:
    """Write one JSON-LD document (`out`, a file) describing every feature of the request."""
    selection = select_features(library, request)
    _, series_page, reader_picture = reader_urls(request.base_url)

    def edition_page(language: str, slug: str) -> str:
        """An edition's page in the reader of its language (issue 12)."""
        return request.base_url.rstrip("/") + WebUrls(language if language in LOCALES else "en").feature(slug)

    report = ExportReport()
    media = open_media(request, out.parent)

    def picture(media_id: str) -> str | None:
        # Without a media folder nothing can be checked: the reader's address is given as is.
        if request.media_dir is not None and media.find(media_id) is None:
            report.skipped.append(missing_picture(media, media_id, current))
            return None
        return reader_picture(media_id)

    nodes: list[Json] = []
    current = ""
    for feature in selection.features:
        current = feature.slug
        enrichment = selection.enrichments.get(feature.slug)
        if enrichment is None:
            report.skipped.append(f"{feature.slug}: not enriched, so no events, places or glossary")
        series = None
        if feature.series is not None:
            series = (series_page(feature.series), selection.series_title(feature.series) or feature.series)
        stored = library.editions_of_feature(feature.slug)
        work = {e.language: e.slug for e in stored}
        derived = any(e.derived and e.slug == feature.slug for e in stored)
        nodes.extend(
            feature_graph(
                feature,
                enrichment,
                page_url=edition_page(feature.language, feature.slug),
                image_url=picture,
                series=series,
                editions=translations(feature, work, derived, edition_page),
            )
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document(nodes), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    report.written.append(out)
    return report


PAGE = "\ue000page\ue000"
"""Stands for a page's address in text kept for every page of a feature (`page_parts`): text of
the Unicode private use area, which no feature holds, and which JSON leaves as it is."""

KeptNodes = dict[str, str]
"""`enrichment_nodes(enrichment, PAGE)`, each list as its `script_json` text ("" when empty)."""


def keep_nodes(enrichment: Enrichment) -> KeptNodes:
    """What enrichment adds to a feature's graph, as text any page of the feature can splice in."""
    return {
        name: script_json(nodes) if nodes else ""
        for name, nodes in enrichment_nodes(enrichment, PAGE).items()
    }


def written_as_is(page_url: str) -> bool:
    """Whether JSON-LD text holds `page_url` as it is (nothing in it escaped), so `PAGE` may stand
    for it in text kept from before."""
    return script_json({"": page_url}) == f'{{"":"{page_url}"}}'


def page_jsonld(
    feature: Feature,
    enrichment: Enrichment | None,
    *,
    page_url: str,
    image_url: Callable[[str], str | None],
    series: tuple[str, str] | None = None,
    editions: Translations | None = None,
    kept: KeptNodes | None = None,
) -> Markup:
    """The JSON-LD of a feature page, ready to stand inside `<script type="application/ld+json">`.

    Links may be relative to the page (as the reader's are): JSON-LD resolves
    them against the document's address. `kept` is `keep_nodes(enrichment)`, kept from before
    (issue 11): its texts stand in the page's text where the nodes would, `PAGE` in them as
    `page_url` (for an address JSON writes as it is: `written_as_is`), so the text is the same.
    """
    found: Json | None = None
    if kept is not None:
        found = {name: _slot(name) if text else [] for name, text in kept.items()}
    elif enrichment is not None:
        found = enrichment_nodes(enrichment, page_url)
    nodes = feature_graph(
        feature, None, page_url=page_url, image_url=image_url, series=series, editions=editions, found=found
    )
    text = script_json(document(nodes))
    if kept is not None:
        for name, nodes_text in kept.items():
            text = text.replace(f'"{_slot(name)}"', nodes_text, 1) if nodes_text else text
        text = text.replace(PAGE, page_url)
    return Markup(text)  # escaped by script_json: no `<`, `>` or `&` left


def _slot(name: str) -> str:
    """Where kept nodes go in the page's text: a string no feature holds."""
    return f"\ue001{name}\ue001"
