"""Page contexts -> HTML, with one Jinja2 environment shared by the web reader and the static site.

Autoescaping is on for every template, and the only filter that returns
markup (`zh`) escapes its input first, so text from the library can never
become markup: a caption holding `<script>` shows as text.
"""

from __future__ import annotations

import hashlib
from functools import cached_property
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from handscroll.publish.annotate import mark_chinese
from handscroll.publish.contexts import FeaturePage
from handscroll.publish.reference import ReaderPage
from handscroll.publish.xml_text import clean_xml_text

TEMPLATES_DIR = Path(__file__).parent / "templates"
"""The built-in templates: base.html, one per page, and partials named `_<name>.html`."""

STATIC_DIR = Path(__file__).parent / "static"
"""The stylesheet and gallery script, served at /static/ and copied into static sites."""


class Renderer:
    """Renders page contexts with the built-in templates (or a folder of overrides tried first)."""

    def __init__(self, extra_templates: Path | None = None) -> None:
        paths = [str(extra_templates)] if extra_templates else []
        paths.append(str(TEMPLATES_DIR))
        self.env = Environment(
            loader=FileSystemLoader(paths),
            autoescape=select_autoescape(enabled_extensions=("html",), default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
        )
        self.env.filters["zh"] = mark_chinese

    def template_names(self, page: ReaderPage) -> list[str]:
        """The templates tried for a page, most specific first (`feature-<slug>.html`)."""
        if isinstance(page, FeaturePage):
            return [f"feature-{page.slug}.html", page.template]
        return [page.template]

    def render(self, page: ReaderPage) -> str:
        """The HTML of one page, without characters XML and HTML forbid (issue 10 item 6)."""
        template = self.env.select_template(self.template_names(page))
        return clean_xml_text(template.render(page=page))

    @cached_property
    def version(self) -> str:
        """A hash of every template and static file: a static build redoes all pages when it changes."""
        digest = hashlib.sha256()
        for folder in (TEMPLATES_DIR, STATIC_DIR):
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    digest.update(path.name.encode())
                    digest.update(path.read_bytes())
        return digest.hexdigest()
