"""Templates and contexts: escaping, Chinese spans, overrides, habit 4 (a template uses its context)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from jinja2 import nodes

from factories import make_feature
from handscroll.publish.contexts import FeaturePage, HomePage, NotFoundPage, SeriesPage, feature_page
from handscroll.publish.media import MediaLibrary
from handscroll.publish.places_page import PlacesPage
from handscroll.publish.reference import GlossaryPage
from handscroll.publish.render import TEMPLATES_DIR, Renderer, mark_chinese
from handscroll.publish.timeline_page import TimelinePage
from handscroll.publish.urls import SiteUrls, WebUrls


def test_mark_chinese_escapes_first_then_wraps_han_runs() -> None:
    assert mark_chinese("Nanjing (南京) & <b>") == (
        'Nanjing (<span lang="zh-Hant">南京</span>) &amp; &lt;b&gt;'
    )
    assert mark_chinese("國民政府，中華民國") == '<span lang="zh-Hant">國民政府，中華民國</span>'
    assert (
        mark_chinese("<script>蔣</script>") == '&lt;script&gt;<span lang="zh-Hant">蔣</span>&lt;/script&gt;'
    )
    assert mark_chinese("plain") == "plain"


def _used_attributes(template_name: str, seen: set[str] | None = None) -> set[str]:
    """Every `page.<name>` a template (and what it includes or extends) reads."""
    seen = set() if seen is None else seen
    if template_name in seen:
        return set()
    seen.add(template_name)
    env = Renderer().env
    source = (TEMPLATES_DIR / template_name).read_text(encoding="utf-8")
    tree = env.parse(source)
    used = {
        node.attr
        for node in tree.find_all(nodes.Getattr)
        if isinstance(node.node, nodes.Name) and node.node.name == "page"
    }
    for node in tree.find_all((nodes.Include, nodes.Extends)):
        if isinstance(node.template, nodes.Const):
            used |= _used_attributes(node.template.value, seen)
    return used


@pytest.mark.parametrize(
    "context", [HomePage, SeriesPage, FeaturePage, NotFoundPage, TimelinePage, GlossaryPage, PlacesPage]
)
def test_each_template_uses_exactly_what_its_context_declares(context: type) -> None:
    declared = {f.name for f in dataclasses.fields(context)}
    used = _used_attributes(context.template)
    assert used - declared == set(), f"{context.template} reads undeclared fields"
    assert declared - used == set(), f"{context.__name__} declares fields its template never uses"


def test_templates_have_the_partials_style_md_names() -> None:
    for name in ("base.html", "_gallery.html", "_question.html", "_figure.html"):
        assert (TEMPLATES_DIR / name).is_file()


def _page(tmp_path: Path) -> FeaturePage:
    media = MediaLibrary(None, tmp_path)
    return feature_page(make_feature(), series=None, previous=None, next=None, media=media, urls=WebUrls())


def test_a_feature_specific_template_is_tried_first(tmp_path: Path) -> None:
    overrides = tmp_path / "templates"
    overrides.mkdir()
    page = _page(tmp_path)
    (overrides / f"feature-{page.slug}.html").write_text("special {{ page.title }}", encoding="utf-8")
    assert Renderer(overrides).render(page) == "special Soviet Withdrawal from the Northeast"
    assert Renderer().template_names(page) == [f"feature-{page.slug}.html", "feature.html"]
    assert "<article" in Renderer().render(page)


def test_feature_sections_keep_reading_order(tmp_path: Path) -> None:
    page = _page(tmp_path)
    assert [s.kind for s in page.sections] == ["narrative", "question", "gallery", "narrative", "credit"]
    gallery = page.sections[2]
    assert [i.kind for i in gallery.items] == ["figure", "note", "figure"]  # type: ignore[union-attr]
    assert gallery.figures == 2  # type: ignore[union-attr]


def test_unclassified_lines_show_as_marked_paragraphs(tmp_path: Path) -> None:
    html = Renderer().render(_page(tmp_path))
    assert '<p class="unclassified">??? <span lang="zh-Hant">未能分類的一行</span></p>' in html


def test_static_urls_are_relative() -> None:
    urls = SiteUrls(1)
    assert urls.home() == "../index.html"
    assert urls.feature("01-a") == "../features/01-a.html"
    assert urls.series("a/b") == "../series/a_2Fb.html"
    assert urls.media("x_1", "thumb") == "../media/x_1-thumb.webp"
    assert SiteUrls(0).static("gallery.js") == "static/gallery.js"
