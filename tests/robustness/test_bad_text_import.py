"""A file with a control character deep inside is reported and skipped; the rest imports (issue 10 item 3)."""

from __future__ import annotations

from pathlib import Path

from handscroll.config import Settings
from handscroll.pipeline import import_paths
from handscroll.store import Library


def test_a_late_nul_skips_only_its_file(tmp_path: Path, library_url: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text("(1) Good\n\nA paragraph.\n", encoding="utf-8")
    filler = "".join(f"Paragraph {n}, long enough to pass 8 KB in the end.\n\n" for n in range(300))
    (folder / "b-late-nul.txt").write_bytes(f"(2) Bad\n\n{filler}a\x00b\n".encode())
    (folder / "c-escaped-nul.json").write_text(
        '{"title": "Bad JSON", "blocks": [{"type": "paragraph", "text": "a\\u0000b"}]}', encoding="utf-8"
    )
    (folder / "d-good.md").write_text("---\ntitle: Also good\n---\n\nText.\n", encoding="utf-8")
    with Library.open(library_url) as library:
        summary = import_paths([str(folder)], library, Settings())
        assert sorted(f.title for f in library.list_features()) == ["Also good", "Good"]
    assert summary.report.added == 2
    shown = sorted((Path(e.location.path).name, e.location.line) for e in summary.errors)
    assert shown == [("b-late-nul.txt", 603), ("c-escaped-nul.json", 1)]
    assert all("U+0000" in e.message for e in summary.errors)
