"""A second library for the reader's browser tests (issue 14): a feature whose photographs differ in
shape (portrait, landscape, panorama, with notes between them), and a timeline of 10,000 dated events
in 100 series, served by its own uvicorn on loopback."""

from __future__ import annotations

import calendar
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from handscroll.config import Settings
from handscroll.model import Credit, Enrichment, Event, Feature, Figure, Note, Paragraph, Span, TextRef
from handscroll.store import ImportItem, Library

STAGE_SLUG = "01-the-stage"
STAGE_SIZES = (
    (2400, 1600),
    (1600, 2200),
    (3000, 1000),
    (2400, 1600),
    (1200, 1800),
    (2400, 1600),
    (1600, 2200),
)
"""The gallery's pictures: landscape, portrait (the issue's 1600x2200), panorama, and so on."""

TIMELINE_FEATURES = 1000
TIMELINE_EVENTS = 10
"""1,000 features of ten dated sentences: a timeline of 10,000 events."""

DEEDS = (
    "signed an agreement",
    "met in the capital",
    "crossed the river",
    "opened the railway",
    "held a vote",
)
MONTHS = list(calendar.month_name)[1:]


@dataclass(frozen=True)
class ReaderSite:
    """The second library's address, settings and what it holds."""

    url: str
    settings: Settings
    stage: str
    figures: int
    notes: int


def _photo(path: Path, size: tuple[int, int], seed: int) -> None:
    """A picture with shapes in it, so tiles and zoom show something."""
    rng = random.Random(seed)
    image = Image.new("RGB", size, (rng.randint(90, 160),) * 3)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y, r = rng.randint(0, size[0]), rng.randint(0, size[1]), rng.randint(20, size[0] // 5)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randint(0, 255) for _ in range(3)))
    image.save(path, format="JPEG", quality=80)


def stage_feature(media: Path) -> Feature:
    """Seven photographs of different shapes, two notes among them, captions of one to three lines."""
    blocks: list[Paragraph | Figure | Note | Credit] = [
        Paragraph(text="A feature whose photographs differ in shape, written for the reader's tests.")
    ]
    for number, size in enumerate(STAGE_SIZES, start=1):
        media_id = f"stagesite_shapes01_{number}"
        _photo(media / f"{media_id}.jpg", size, number)
        lines = ("The harbour seen from the hill, with junks moored in a row.",) * (1 + number % 3)
        blocks.append(
            Figure(media=media_id, caption=(f"Photograph {number}, {size[0]} by {size[1]}.", *lines))
        )
        if number in (2, 5):
            blocks.append(
                Note(text=(f"A note after photograph {number}: more to read between the pictures.",))
            )
    blocks.append(Credit(text="Source of pictures: drawn for the tests."))
    return Feature(
        title="The Stage", part=1, series="stagesite_shapes", slug=STAGE_SLUG, blocks=tuple(blocks)
    )


def timeline_items(count: int = TIMELINE_FEATURES) -> list[ImportItem]:
    """Features of ten dated sentences each, with the enrichment that finds the dates."""
    rng = random.Random(14)
    items = []
    for number in range(count):
        paragraphs, events = [], []
        for block in range(TIMELINE_EVENTS):
            year, month, day = rng.randint(1900, 1999), rng.randint(1, 12), rng.randint(1, 28)
            date = f"{day} {MONTHS[month - 1]} {year}"
            sentence = (
                f"On {date} the envoys {rng.choice(DEEDS)}, as part {number} tells in paragraph {block}."
            )
            paragraphs.append(Paragraph(text=sentence))
            start = sentence.index(date)
            events.append(
                Event(
                    f"{year}-{month:02d}-{day:02d}",
                    date,
                    sentence,
                    Span(TextRef(block, "text"), start, start + len(date)),
                )
            )
        feature = Feature(
            title=f"Envoys, part {number}",
            part=number % 10 + 1,
            series=f"tlsite_envoys{number // 10:02d}",
            slug=f"envoys-{number:04d}",
            blocks=tuple(paragraphs),
        )
        items.append(
            ImportItem(
                feature,
                f"{feature.slug}.json",
                feature.content_hash(),
                Enrichment(feature.content_hash(), tuple(events)),
            )
        )
    return items


@pytest.fixture(scope="session")
def reader_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReaderSite]:
    """The second library served by uvicorn in a background thread on a free loopback port."""

    from browser.conftest import serving
    from handscroll.publish.web import create_app

    folder = tmp_path_factory.mktemp("reader-site")
    media = folder / "media"
    media.mkdir()
    url = f"sqlite:///{folder / 'library.db'}"
    stage = stage_feature(media)
    with Library.open(url) as library:
        library.import_features([ImportItem(stage, "stage.json", stage.content_hash())])
        items = timeline_items()
        for start in range(0, len(items), 500):
            library.import_features(items[start : start + 500])
    settings = Settings(db=url, media_dir=media)
    with serving(create_app(url, settings, cache_dir=folder / "cache")) as base:
        yield ReaderSite(base, settings, STAGE_SLUG, len(STAGE_SIZES), 2)
