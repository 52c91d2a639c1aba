"""The static site's search index and page (issues 5, 11): data in small scripts, safety, no inline script."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path
from typing import Any

from factories import make_feature
from handscroll.enrich import enrich_feature
from handscroll.publish.render import Renderer
from handscroll.publish.search_index import CHUNK_BYTES, INDEX_DIR, META_FILE, PAGE_FILE, write_static_search
from handscroll.publish.search_page import SearchPage
from handscroll.store import ImportItem, Library

_CALL = re.compile(r'^window\.handscrollSearchChunk\(("[^"]+"), (.*)\);\n$', re.S)


def _read(path: Path) -> tuple[str, Any]:
    text = path.read_text(encoding="utf-8")
    assert "</" not in text
    found = _CALL.match(text)
    assert found, path
    return json.loads(found.group(1)), json.loads(found.group(2))


def _write(tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]], str]:
    hostile = make_feature(slug="hostile", title="</script><script>alert(1)</script> 瀋陽", series=None)
    with Library.open(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        items = [
            ImportItem(f, f"{f.slug}.txt", "0" * 64, enrich_feature(f)) for f in (make_feature(), hostile)
        ]
        library.import_features(items)
        out = tmp_path / "site"
        out.mkdir()
        (out / "search-index.js").write_text("left by an older build")
        write_static_search(library, out, Renderer())
    meta_text = (out / META_FILE).read_text(encoding="utf-8")
    assert meta_text.startswith("window.HANDSCROLL_SEARCH = ") and meta_text.endswith(";\n")
    meta = json.loads(meta_text.removeprefix("window.HANDSCROLL_SEARCH = ").removesuffix(";\n"))
    keys: dict[str, Any] = {}
    for number in range(len(meta["chunks"])):
        name, chunk = _read(out / INDEX_DIR / "k" / f"{number}.js")
        assert name == f"k/{number}"
        keys.update(chunk)
    docs = [_read(out / INDEX_DIR / "d" / f"{n}.js")[1] for n in range(meta["docs"])]
    assert not (out / "search-index.js").exists()
    return meta, keys, docs, (out / PAGE_FILE).read_text(encoding="utf-8")


def test_index_holds_postings_tables_and_one_file_per_feature(tmp_path: Path) -> None:
    meta, keys, docs, _ = _write(tmp_path)
    by_url = {doc["u"]: (n, doc) for n, doc in enumerate(docs)}
    number, soviet = by_url["features/04-soviet-withdrawal-from-the-northeast.html"]
    caption = "Soviet troops entering Harbin (哈爾濱), August 1945."
    assert ["Figure 1", "fig-1", caption, "figure"] in soviet["f"]
    assert "shen yang" in soviet["x"] and "shenyang" in soviet["x"]
    assert soviet["m"]["瀋"] == "沈"  # the Traditional characters it uses, for folding it
    assert keys["瀋|t"] == "沈"
    assert {"shenyang", "沈 阳"} <= set(keys["mukden|p"])
    assert keys["mukden|o"] == ["Mukden", "Shenyang"]
    assert keys["withdrawal|w"] == "withdraw"
    title_ids, _terms, _body = keys["soviet|s"]
    assert number in _ids(title_ids)
    assert by_url["features/hostile.html"][1]["t"].startswith("</script>")  # data, escaped by the DOM
    assert meta["chunks"] == sorted(meta["chunks"], key=lambda key: key.encode("utf-16-be"))


def _ids(gaps: list[int]) -> list[int]:
    ids, at = [], 0
    for gap in gaps:
        at += gap
        ids.append(at)
    return ids


def test_chunks_are_small(tmp_path: Path) -> None:
    _write(tmp_path)
    chunks = list((tmp_path / "site" / INDEX_DIR / "k").glob("*.js"))
    assert chunks and all(path.stat().st_size < 3 * CHUNK_BYTES for path in chunks)


def test_page_loads_scripts_by_src_only(tmp_path: Path) -> None:
    *_, html = _write(tmp_path)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all('src="' in attrs and body.strip() == "" for attrs, body in scripts)
    assert f'src="{META_FILE}"' in html and 'src="static/search.js"' in html
    assert 'role="search"' in html and "<noscript>" in html


def test_search_template_uses_exactly_what_its_context_declares() -> None:
    from publish.test_render import _used_attributes

    declared = {f.name for f in dataclasses.fields(SearchPage)}
    assert _used_attributes(SearchPage.template) == declared
