"""The static site's search index and page (issue 5): data, safety, no inline script."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from factories import make_feature
from handscroll.enrich import enrich_feature
from handscroll.publish.render import Renderer
from handscroll.publish.search_index import INDEX_FILE, PAGE_FILE, write_static_search
from handscroll.publish.search_page import SearchPage
from handscroll.store import ImportItem, Library


def _write(tmp_path: Path) -> tuple[dict, str]:  # type: ignore[type-arg]
    hostile = make_feature(slug="hostile", title="</script><script>alert(1)</script> 瀋陽", series=None)
    with Library.open(f"sqlite:///{tmp_path / 'lib.db'}") as library:
        items = [
            ImportItem(f, f"{f.slug}.txt", "0" * 64, enrich_feature(f)) for f in (make_feature(), hostile)
        ]
        library.import_features(items)
        out = tmp_path / "site"
        out.mkdir()
        write_static_search(library, out, Renderer())
    script = (out / INDEX_FILE).read_text(encoding="utf-8")
    assert script.startswith("window.HANDSCROLL_SEARCH = ") and script.endswith(";\n")
    assert "</" not in script
    data = json.loads(script.removeprefix("window.HANDSCROLL_SEARCH = ").removesuffix(";\n"))
    return data, (out / PAGE_FILE).read_text(encoding="utf-8")


def test_index_holds_documents_sections_terms_and_tables(tmp_path: Path) -> None:
    data, _ = _write(tmp_path)
    docs = {doc["u"]: doc for doc in data["docs"]}
    soviet = docs["features/04-soviet-withdrawal-from-the-northeast.html"]
    assert ["Figure 1", "fig-1", "Soviet troops entering Harbin (哈爾濱), August 1945."] in soviet["f"]
    assert "shen yang" in soviet["x"] and "shenyang" in soviet["x"]
    assert data["t2s"]["瀋"] == "沈"
    assert {"shenyang", "沈 阳"} <= set(data["places"]["mukden"])
    assert docs["features/hostile.html"]["t"].startswith("</script>")  # data, escaped by the script's DOM use


def test_page_loads_scripts_by_src_only(tmp_path: Path) -> None:
    _, html = _write(tmp_path)
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all('src="' in attrs and body.strip() == "" for attrs, body in scripts)
    assert f'src="{INDEX_FILE}"' in html and 'src="static/search.js"' in html
    assert 'role="search"' in html and "<noscript>" in html


def test_search_template_uses_exactly_what_its_context_declares() -> None:
    from publish.test_render import _used_attributes

    declared = {f.name for f in dataclasses.fields(SearchPage)}
    assert _used_attributes(SearchPage.template) == declared
