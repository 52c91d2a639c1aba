"""Builders for publishing tests (STYLE.md habit 9): a library, real pictures, hostile strings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from factories import make_feature
from handscroll.model import Feature, Paragraph
from handscroll.store import ImportItem, Library

XSS_PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)")
"""Hostile strings that must show as text wherever content appears."""


NAMING_SENTENCES = (
    "Chiang Kai-shek (蔣介石) and Mao Zedong (毛澤東) met in Chongqing (重慶).",
    "Zhou Enlai (周恩來) spoke for the Chinese Communist Party (中國共產黨).",
    "The Nationalist Government (國民政府) held Nanjing (南京) and Harbin (哈爾濱).",
    "Changchun (長春) and Mukden (瀋陽) changed hands; Yan'an (延安) stayed far away.",
)
"""Sentences giving glossary terms in two languages, for glossary tests."""


def naming_features(count: int) -> tuple[Feature, ...]:
    """`count` parts of the series "talks", each naming Chiang Kai-shek and one other sentence's
    terms: a dozen terms, one of them in every feature."""
    return tuple(
        make_feature(
            title=f"Part {number}",
            slug=f"part-{number:03d}",
            part=number,
            series="talks",
            blocks=(
                Paragraph(text=f"{NAMING_SENTENCES[0]} {NAMING_SENTENCES[number % len(NAMING_SENTENCES)]}"),
            ),
        )
        for number in range(1, count + 1)
    )


def fill_library(url: str, features: Sequence[Feature]) -> None:
    """Import features into the library at `url` (created when missing)."""
    with Library.open(url) as library:
        library.import_features(
            [ImportItem(feature=f, source=f"{f.slug}.json", source_hash=f.content_hash()) for f in features]
        )


def write_picture(
    folder: Path, media_id: str, size: tuple[int, int] = (1000, 600), fmt: str = "JPEG"
) -> Path:
    """A small real picture named by media ID."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[fmt]
    path = folder / f"{media_id}{suffix}"
    Image.new("RGB", size, (180, 150, 110)).save(path, format=fmt)
    return path


def fill_enriched_library(url: str, features: Sequence[Feature]) -> None:
    """Import features and store their enrichment, as `handscroll import` does."""
    from handscroll.enrich import enrich_feature

    fill_library(url, features)
    with Library.open(url) as library:
        library.save_enrichments([(f.slug, enrich_feature(f)) for f in features])


def save_enrichment(url: str, slug: str, enrichment: object) -> None:
    """Store a hand-made enrichment (hostile text, overlaps) for a feature already imported."""
    with Library.open(url) as library:
        library.save_enrichments([(slug, enrichment)])  # type: ignore[list-item]


def import_sample_editions(url: str) -> None:
    """Import the first two bundled samples and their other editions, enriched, into the library at `url`."""
    from handscroll.config import Settings
    from handscroll.pipeline import import_paths
    from handscroll.samples import PHRASES, edition_paths, sample_paths

    with Library.open(url) as library:
        paths = [str(p) for p in [*sample_paths()[:2], *edition_paths()]]
        assert not import_paths(paths, library, Settings(db=url, phrases=PHRASES)).failed
