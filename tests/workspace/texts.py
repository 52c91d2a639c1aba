"""Texts the workspace tests share: a password and a small feature in the authoring Markdown."""

from __future__ import annotations

PASSWORD = "correct horse battery"


def feature_text(
    title: str = "The river port",
    *,
    caption: str = "Boats at the quay.",
    alt: str | None = "Boats moored under a cliff",
    paragraph: str = "The port grew with the river trade.",
    part: int = 1,
    language: str = "en",
    slug: str = "",
) -> str:
    """A small feature in the authoring Markdown, with two figures (the second without alt text)."""
    alt_line = f"alt: {alt}\n\n" if alt else ""
    slug_line = f"slug: {slug}\n" if slug else ""
    return (
        f"---\ntitle: {title}\npart: {part}\nseries: handscroll_sample_port\n"
        f"language: {language}\n{slug_line}---\n\n"
        f"{paragraph}\n\n"
        f"::: figure handscroll_sample_port01_1\n{alt_line}{caption}\n:::\n\n"
        "A second paragraph, between the photos.\n\n"
        "::: figure handscroll_sample_port01_2\nalt: A crane unloading sacks\n\nThe crane.\n:::\n"
    )
