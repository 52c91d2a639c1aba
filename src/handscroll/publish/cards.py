"""The pieces pages are made of: pictures, cards, a feature's narrative, gallery, questions and credit.

Frozen dataclasses, one per template fragment (`_picture.html`, `_card.html`,
`_figure.html`, `_question.html`...), shared by the pages of `contexts.py`,
which re-exports them; `make_picture` and `part_card` build the two that come
from the library's media and listings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

from handscroll.publish.media import MediaLibrary
from handscroll.publish.urls import Urls
from handscroll.store.records import FeatureSummary


@dataclass(frozen=True)
class Link:
    """A labelled link (series breadcrumbs, the 404 page's suggestions)."""

    url: str
    label: str
    current: bool = False
    """Whether the link leads to the page it is on (`aria-current`)."""


@dataclass(frozen=True)
class Zoom:
    """A picture's deep zoom: the largest derivative (the link without JavaScript) and its IIIF
    level-0 tiles (the viewer's source), with the original's size and the tiling."""

    large: str
    tiles: str
    width: int
    height: int
    tile: int
    scale_factors: str
    """Comma-separated, as the viewer script reads them (`1,2,4`)."""


@dataclass(frozen=True)
class Picture:
    """An image on a page, or the placeholder shown instead when the file is missing or unsafe.

    `src` is empty for a placeholder; otherwise `srcset` lists the WebP
    derivatives and `width`/`height` reserve the space so nothing jumps.
    """

    media: str
    alt: str
    src: str = ""
    srcset: str = ""
    width: int = 0
    height: int = 0
    zoom: Zoom | None = None
    """How to view it larger (issue 14); None for a placeholder."""

    @property
    def available(self) -> bool:
        """True when there is an image file to show."""
        return bool(self.src)


@dataclass(frozen=True)
class PartCard:
    """A feature as listed on the home and series pages, or as the previous/next part."""

    url: str
    title: str
    part: int | None
    language: str
    figures: int
    picture: Picture | None


@dataclass(frozen=True)
class SeriesCard:
    """A series on the home page: its first parts, and how many more the series page lists."""

    url: str
    title: str
    count: int
    parts: tuple[PartCard, ...]
    more: int


@dataclass(frozen=True)
class Narrative:
    """Consecutive paragraphs of the narrative; `unclassified` marks lines the reader could not place."""

    kind: ClassVar[str] = "narrative"
    paragraphs: tuple[Markup, ...]
    unclassified: tuple[bool, ...]


@dataclass(frozen=True)
class FigureCard:
    """A gallery photo: its number in the feature (`#fig-3`), its picture and caption."""

    kind: ClassVar[str] = "figure"
    number: int
    anchor: str
    picture: Picture
    caption: tuple[Markup, ...]


@dataclass(frozen=True)
class NoteCard:
    """An extended-reading ("ebook") card, standing in the gallery where the source put it."""

    kind: ClassVar[str] = "note"
    label: str
    text: tuple[Markup, ...]
    number: int = 0
    """Its number among the feature's notes: the gallery counts a note as a step of its own
    ("Note 1") and names it in the address (`#note-1`, issue 14)."""

    @property
    def anchor(self) -> str:
        """The element id of the note, `note-N`."""
        return f"note-{self.number}"


@dataclass(frozen=True)
class Gallery:
    """A run of figures and notes shown as one horizontal strip, with its own counter."""

    kind: ClassVar[str] = "gallery"
    index: int
    items: tuple[FigureCard | NoteCard, ...]
    figures: int


@dataclass(frozen=True)
class QuestionCard:
    """A thinking question; its model answer stays folded until the reader opens it."""

    kind: ClassVar[str] = "question"
    number: int
    prompt: Markup
    answer: tuple[Markup, ...]


@dataclass(frozen=True)
class CreditLine:
    """The photo credit."""

    kind: ClassVar[str] = "credit"
    text: Markup


Section = Narrative | Gallery | QuestionCard | CreditLine
"""One stretch of a feature page, in reading order."""


def make_picture(media: MediaLibrary, media_id: str, alt: str, urls: Urls) -> Picture:
    """A picture with its derivatives, or a placeholder when the image is missing or unsafe."""
    info = media.info(media_id)
    if info is None:
        return Picture(media=media_id, alt=alt)
    medium = info.rendition("medium")
    srcset = ", ".join(f"{urls.media(media_id, r.size)} {r.width}w" for r in info.renditions)
    pyramid = info.pyramid
    zoom = Zoom(
        large=urls.media(media_id, "large"),
        tiles=urls.tiles(media_id),
        width=pyramid.width,
        height=pyramid.height,
        tile=pyramid.tile,
        scale_factors=",".join(map(str, pyramid.scale_factors)),
    )
    return Picture(
        media=media_id,
        alt=alt,
        src=urls.media(media_id, medium.size),
        srcset=srcset,
        width=medium.width,
        height=medium.height,
        zoom=zoom,
    )


def part_card(summary: FeatureSummary, media: MediaLibrary, urls: Urls) -> PartCard:
    """A listing card for one feature, with its lead picture when it has one."""
    picture = None
    if summary.hero:
        picture = make_picture(media, summary.hero, "", urls)
    return PartCard(
        url=urls.feature(summary.slug),
        title=summary.title,
        part=summary.part,
        language=summary.language,
        figures=summary.figures,
        picture=picture,
    )
