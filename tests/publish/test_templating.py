"""Interface strings and partials compiled into the templates (issue 11): the bytes Jinja's own way gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment

from factories import make_feature
from handscroll.config import Settings
from handscroll.enrich import enrich_feature
from handscroll.ingest import read_path
from handscroll.model import Enrichment, Feature
from handscroll.publish.contexts import feature_page
from handscroll.publish.enriched import map_setup
from handscroll.publish.media import MediaLibrary
from handscroll.publish.render import Renderer
from handscroll.publish.templating import FoldingEnvironment
from handscroll.publish.urls import WebUrls
from handscroll.samples import sample_paths

LANGUAGES = ("en", "zh-Hant", "zh-Hans")


def _unfolded(monkeypatch: pytest.MonkeyPatch, extra: Path | None = None) -> Renderer:
    """The same renderer with templates compiled as Jinja compiles them."""
    with monkeypatch.context() as patch:
        patch.setattr(FoldingEnvironment, "_parse", Environment._parse)
        renderer = Renderer(extra)
        for env in renderer.envs.values():
            for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
                env.get_template(name)  # compiled now, while unpatched
    return renderer


@pytest.fixture(scope="module")
def enriched() -> tuple[Feature, Enrichment]:
    """A bundled sample with its enrichment: every partial of a feature page has something to show."""
    feature = read_path(sample_paths()[0], Settings()).feature
    return feature, enrich_feature(feature)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_feature_page_is_the_same_bytes_as_without_folding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, enriched: tuple[Feature, Enrichment]
) -> None:
    feature, enrichment = enriched
    urls = WebUrls().in_language(language)
    page = feature_page(
        feature,
        series=None,
        previous=None,
        next=None,
        media=MediaLibrary(None, tmp_path),
        urls=urls,
        enrichment=enrichment,
        map_setup=map_setup(Settings(), urls, True),
    )
    assert page.chrome.language == language
    plain = _unfolded(monkeypatch).render_utf8(page)
    assert Renderer().render_utf8(page) == plain
    assert b'class="term-card"' in plain  # the partials of the extras are in it


def test_constant_strings_are_compiled_in_and_the_rest_left_to_run_time() -> None:
    env = Renderer().envs["zh-Hant"]
    source, filename, _ = env.loader.get_source(env, "base.html")  # type: ignore[union-attr]
    code = env.compile(source, "base.html", filename, raw=True)
    assert "搜尋" in code  # "Search", looked up when compiled
    assert "'gettext'" not in code and "context.call" not in code
    feature = env.compile(*env.loader.get_source(env, "feature.html")[:2], raw=True)  # type: ignore[union-attr]
    assert "'_term.html'" not in feature  # included by its body
    assert "Markup('第%(part)s篇') % {'part'" in feature  # one with variables: formatted when rendered
    assert "'gettext'" not in feature  # ngettext's plural is chosen at run time


def test_inlined_partials_keep_their_own_scope(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "_item.html").write_text(
        "{% set label = 'inner' %}[{{ x }}:{{ label }}:{% trans %}Glossary{% endtrans %}:"
        "{% trans n=x %}No. {{ n }}{% endtrans %}]",
        encoding="utf-8",
    )
    (folder / "_loop.html").write_text("{{ loop is defined }}", encoding="utf-8")  # an include has no loop
    (folder / "_raw.html").write_text("{% autoescape false %}{{ _('Glossary') }}{% endautoescape %}", "utf-8")
    (folder / "feature.html").write_text(
        "{% set label = 'outer' %}{% set x = 'top' %}{% include '_item.html' %}{{ label }}"
        "{% for x in ['<a>', 'b'] %}{% include '_item.html' %}{% include '_loop.html' %}{% endfor %}"
        "{{ label }}{% include '_raw.html' %}{% include '_absent.html' ignore missing %}",
        encoding="utf-8",
    )
    urls = WebUrls().in_language("zh-Hant")
    media = MediaLibrary(None, tmp_path)
    page = feature_page(make_feature(), series=None, previous=None, next=None, media=media, urls=urls)
    folded = Renderer(folder).render(page)
    assert folded == _unfolded(monkeypatch, folder).render(page)
    assert folded.startswith("[top:inner:詞彙表:No. top]outer")  # the partial's `set` stays in the partial
    assert folded.endswith(
        "[&lt;a&gt;:inner:詞彙表:No. &lt;a&gt;]False[b:inner:詞彙表:No. b]Falseouter詞彙表"
    )
