"""The reader's interface catalogues (issue 12, item 6): complete, current, and used by every page."""

from __future__ import annotations

import re
from pathlib import Path

import opencc
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from handscroll.publish.contexts import not_found_page
from handscroll.publish.i18n import LOCALE_DIR, LOCALES, Translator
from handscroll.publish.render import Renderer
from handscroll.publish.urls import SiteUrls, WebUrls

ROOT = Path(__file__).parents[2]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|<[^>]+>")


def _catalog(name: str):  # type: ignore[no-untyped-def]
    with (LOCALE_DIR / name).open("rb") as po:
        return read_po(po)


def _ids(catalog) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}


def test_the_template_catalogue_holds_exactly_what_babel_extracts_from_the_source() -> None:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options = parse_mapping_cfg(config)
    found = {
        message if isinstance(message, str) else message[0]
        for _, _, message, *_ in extract_from_dir(ROOT, method_map, options)
    }
    assert "Put these events in the order they happened, earliest first." in found  # learn/wording.py
    assert "Teacher's pack" in found  # templates/pack/
    assert found == _ids(_catalog("messages.pot")), "run `pybabel extract` (docs/i18n.md)"


@pytest.mark.parametrize("locale", ["zh_Hant", "zh_Hans"])
def test_each_chinese_catalogue_translates_every_string_keeping_its_placeholders(locale: str) -> None:
    catalog = _catalog(f"{locale}/LC_MESSAGES/messages.po")
    assert _ids(catalog) == _ids(_catalog("messages.pot")), "run `pybabel update` (docs/i18n.md)"
    for message in catalog:
        if not message.id:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        text = message.string if isinstance(message.string, str) else message.string[0]
        assert text and not message.fuzzy, f"{locale}: {source!r} is not translated"
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(source)), (locale, source)


def test_the_simplified_catalogue_is_written_in_simplified_characters() -> None:
    to_simplified = opencc.OpenCC("t2s")
    for message in _catalog("zh_Hans/LC_MESSAGES/messages.po"):
        text = message.string if isinstance(message.string, str) else message.string[0]
        assert to_simplified.convert(text) == text, text


def test_interface_strings_come_from_the_catalogue_of_the_page_language() -> None:
    assert [Translator(lang).gettext("Think about it") for lang in LOCALES] == [
        "Think about it",
        "想一想",
        "想一想",
    ]
    assert Translator("zh-Hans").gettext("Gallery") == "图集"
    with pytest.raises(ValueError, match="no interface"):
        Translator("fr").gettext("Gallery")


def test_urls_name_the_language_english_unprefixed() -> None:
    assert [WebUrls(lang).feature("x") for lang in LOCALES] == [
        "/features/x",
        "/zh-hant/features/x",
        "/zh-hans/features/x",
    ]
    assert WebUrls("zh-Hant").home() == "/zh-hant/" and WebUrls().home() == "/"
    assert WebUrls("zh-Hans").media("m_1", "small") == "/media/m_1/small.webp"  # pictures are shared
    nested = SiteUrls(2, "zh-Hant")
    assert nested.feature("x") == "../../zh-hant/features/x.html"
    assert nested.static("handscroll.css") == "../../static/handscroll.css"
    assert nested.in_language("en").feature("x") == "../../features/x.html"


def test_a_page_renders_in_its_language_with_the_switcher_and_alternates() -> None:
    html = Renderer().render(not_found_page("/nowhere", [], WebUrls("zh-Hant")))
    assert '<html lang="zh-Hant">' in html
    assert "<h1>找不到頁面</h1>" in html and "跳到內容" in html
    for lang, href in (("en", "/"), ("zh-Hant", "/zh-hant/"), ("zh-Hans", "/zh-hans/")):
        assert f'<link rel="alternate" hreflang="{lang}" href="{href}">' in html
    assert re.search(
        r'<a href="/zh-hant/" hreflang="zh-Hant" lang="zh-Hant" aria-current="true">繁體中文</a>', html
    )
    assert '<a href="/zh-hans/" hreflang="zh-Hans" lang="zh-Hans">简体中文</a>' in html
