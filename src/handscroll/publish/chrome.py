"""The frame of every page: its links, its interface language and the language switcher (issue 12).

Every page context holds a `Chrome`; `base.html` draws it. The switcher and the
`hreflang` alternates lead to this same page in each interface language, which
the page says with a `Here` (a series page is the series page in every
language; a feature page is the work's edition each language's readers see).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handscroll.publish.i18n import LOCALES, NATIVE_NAMES
from handscroll.publish.urls import Urls

SITE_NAME = "handscroll"
"""The name shown in every page's header and title."""


@dataclass(frozen=True)
class LanguageLink:
    """This page in one of the reader's languages: the switcher's link and an `hreflang` alternate."""

    language: str
    name: str
    url: str
    current: bool


@dataclass(frozen=True)
class Chrome:
    """What every page's frame (base.html) needs: links to home, the timeline and glossary,
    stylesheet, script and icon, the interface language and this page in the others."""

    home_url: str
    timeline_url: str
    glossary_url: str
    css_url: str
    js_url: str
    icon_url: str
    site_name: str = SITE_NAME
    search_url: str = ""
    """Where the search box on every page sends its query (issue 5)."""
    viewer_js: str = ""
    """The deep-zoom viewer's script, on pages with pictures (issue 14)."""
    openseadragon_js: str = ""
    """OpenSeadragon, which the viewer loads when a picture is first opened."""
    glossary_js: str = ""
    """The glossary page's filter box (issue 14)."""
    places_url: str = ""
    """The places of the whole library (issue 14)."""
    language: str = "en"
    """The interface language: `lang` on `<html>`, and the catalogue the page is rendered with."""
    languages: tuple[LanguageLink, ...] = ()
    """The language switcher, this language included (issue 12)."""


Here = Callable[[Urls], str]
"""Where the page being built lives in another language, given that language's `Urls`."""


def make_chrome(urls: Urls, here: Here | None = None) -> Chrome:
    """The frame links for pages addressed by `urls`; `here` places this page in each language
    for the switcher (by default, each language's home page)."""
    place = here or (lambda other: other.home())
    return Chrome(
        home_url=urls.home(),
        timeline_url=urls.timeline(),
        glossary_url=urls.glossary(),
        css_url=urls.static("handscroll.css"),
        js_url=urls.static("gallery.js"),
        icon_url=urls.static("favicon.svg"),
        search_url=urls.search(),
        viewer_js=urls.static("viewer.js"),
        openseadragon_js=urls.static("vendor/openseadragon/openseadragon.min.js"),
        glossary_js=urls.static("glossary.js"),
        places_url=urls.places(),
        language=urls.language,
        languages=_switcher(urls, place),
    )


def _switcher(urls: Urls, place: Here) -> tuple[LanguageLink, ...]:
    """This page in each language the publisher has (a static site may be built in fewer: its
    `in_language` stays in this one); none when there is only this one."""
    others = [(lang, urls.in_language(lang)) for lang in LOCALES]
    links = tuple(
        LanguageLink(lang, NATIVE_NAMES[lang], place(other), lang == urls.language)
        for lang, other in others
        if other.language == lang
    )
    return links if len(links) > 1 else ()
