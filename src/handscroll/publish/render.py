"""Page contexts -> HTML, with one Jinja2 environment shared by the web reader and the static site.

Autoescaping is on for every template, and the only filter that returns
markup (`zh`) escapes its input first, so text from the library can never
become markup: a caption holding `<script>` shows as text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Protocol

from jinja2 import FileSystemLoader, StrictUndefined, Template, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup

from handscroll.publish.annotate import han_lang, mark_chinese
from handscroll.publish.chrome import Chrome
from handscroll.publish.contexts import FeaturePage
from handscroll.publish.i18n import LOCALE_DIR, LOCALES, translations
from handscroll.publish.templating import FoldingEnvironment
from handscroll.publish.xml_text import clean_xml_text, xml_utf8

TEMPLATES_DIR = Path(__file__).parent / "templates"
"""The built-in templates: base.html, one per page, and partials named `_<name>.html`."""

STATIC_DIR = Path(__file__).parent / "static"
"""The stylesheet and gallery script, served at /static/ and copied into static sites."""


class Renderable(Protocol):
    """A page context: its template and its frame (which says the interface language)."""

    @property
    def template(self) -> str: ...

    @property
    def chrome(self) -> Chrome: ...


class Renderer:
    """Renders page contexts with the built-in templates (or a folder of overrides tried first).

    One Jinja2 environment per interface language, each with that language's
    catalogue installed (issue 12): a page is rendered in `page.chrome.language`.
    """

    def __init__(self, extra_templates: Path | None = None) -> None:
        paths = [str(extra_templates)] if extra_templates else []
        paths.append(str(TEMPLATES_DIR))
        self.envs = {language: _environment(paths, language) for language in LOCALES}
        self.env = self.envs["en"]

    def template_names(self, page: Renderable) -> list[str]:
        """The templates tried for a page, most specific first (`feature-<slug>.html`)."""
        if isinstance(page, FeaturePage):
            return [f"feature-{page.slug}.html", page.template]
        return [page.template]

    def render(self, page: Renderable) -> str:
        """The HTML of one page, without characters XML and HTML forbid (issue 10 item 6)."""
        return clean_xml_text(self._template(page).render(page=page))

    def render_utf8(self, page: Renderable) -> bytes:
        """`render` as the UTF-8 bytes a server sends, encoded once (issue 11)."""
        return xml_utf8(self._template(page).render(page=page))

    def _template(self, page: Renderable) -> Template:
        env = self.envs.get(page.chrome.language, self.env)
        return env.select_template(self.template_names(page))

    @cached_property
    def version(self) -> str:
        """A hash of every template and static file: a static build redoes all pages when it changes."""
        digest = hashlib.sha256()
        for folder in (TEMPLATES_DIR, STATIC_DIR, LOCALE_DIR):
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    digest.update(path.name.encode())
                    digest.update(path.read_bytes())
        return digest.hexdigest()


def _environment(paths: list[str], language: str) -> FoldingEnvironment:
    """A template environment whose `_()` and `{% trans %}` speak `language`, its constant strings and
    partials compiled into the templates (templating.py); templates are kept in a plain dict (a
    few dozen, never evicted: Jinja's default cache takes a lock per lookup)."""
    catalogue = translations(language)
    env = FoldingEnvironment(
        catalogue.gettext,
        cache_size=-1,
        loader=FileSystemLoader(paths),
        autoescape=select_autoescape(enabled_extensions=("html",), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.filters["zh"] = _chinese_marked
    env.filters["ui_lang"] = _interface_lang
    env.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]
    env.globals["_"] = env.globals["gettext"] = _gettext(catalogue.gettext)
    return env


def _gettext(translate: Callable[[str], str]) -> Callable[..., str]:
    """`_()` and `{% trans %}` as Jinja's new-style gettext makes them (the message, as Markup where
    autoescaping is on, always %-formatted with its variables), with each message looked up and
    marked once: a feature page asks for about 140 (issue 11)."""
    marked: dict[str, Markup] = {}
    bare: dict[str, Markup] = {}

    @pass_context
    def gettext(context: Context, message: str, /, **variables: object) -> str:
        if not context.eval_ctx.autoescape:
            return translate(message) % variables
        if not variables:
            found = bare.get(message)
            if found is None:
                found = bare[message] = Markup(translate(message)) % {}
            return found
        form = marked.get(message)
        if form is None:
            form = marked[message] = Markup(translate(message))
        return form % variables

    return gettext


def _chinese_marked(text: object, language: str = "en") -> Markup:
    """The `zh` filter: text escaped, its Chinese runs tagged for a text in `language`."""
    return mark_chinese(text, han_lang(language))


def _interface_lang(page: object) -> Markup:
    """` lang="…"` for the interface's labels inside a feature written in another language
    (an English edition read with the Chinese interface); nothing when the two agree."""
    chrome = getattr(page, "chrome", None)
    content = getattr(page, "language", None)
    if chrome is None or content is None or content == chrome.language:
        return Markup("")
    return Markup(' lang="{}"').format(chrome.language)
