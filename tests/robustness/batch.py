"""Batches of generated legacy features for the kill tests, each with its own title and slug."""

from __future__ import annotations

from pathlib import Path

from handscroll.samples import sample_paths


def write_batch(folder: Path, count: int, *, tag: str = "Generated") -> list[Path]:
    """Write `count` features, made from the first sample with a new title each."""
    folder.mkdir(parents=True, exist_ok=True)
    template = sample_paths()[0].read_text(encoding="utf-8")
    title = next(line for line in template.splitlines() if line.startswith("("))
    paths = []
    for n in range(count):
        path = folder / f"part-{n:04d}.txt"
        path.write_text(template.replace(title, f"({n + 1}) {tag} part {n + 1}", 1), encoding="utf-8")
        paths.append(path)
    return paths
