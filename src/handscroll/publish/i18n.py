"""The reader's interface in English, Traditional and Simplified Chinese (issue 12, item 6).

Interface strings live in gettext catalogues, `locale/<locale>/LC_MESSAGES/messages.po`,
extracted from the templates and the publishing code with Babel (`babel.cfg`; see
docs/i18n.md). The `.po` files are the only form kept: each is compiled in memory
when first needed, so nothing built is committed and a translator edits one file.
Templates use Jinja2's i18n extension (`{% trans %}`, `_()`); Python code asks a
`Translator` for the language of the page it builds.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from handscroll.text.languages import LANGUAGES

LOCALE_DIR = Path(__file__).parents[1] / "locale"
"""The catalogues: `messages.pot` (the template) and a `messages.po` per locale."""

DEFAULT_LANGUAGE = "en"
"""The language of unprefixed URLs and of the strings as written in the source."""

LOCALES = {"en": "en", "zh-Hant": "zh_Hant", "zh-Hans": "zh_Hans"}
"""Language tag -> the Babel locale (and catalogue folder) of its interface."""

NATIVE_NAMES = {"en": "English", "zh-Hant": "繁體中文", "zh-Hans": "简体中文"}
"""What the language switcher calls each language: its own name, as readers look for it."""

URL_PREFIXES = {"en": "", "zh-Hant": "zh-hant", "zh-Hans": "zh-hans"}
"""The first path segment naming a language: English unprefixed, `/zh-hant/`, `/zh-hans/`."""


def language_of_prefix(segment: str) -> str | None:
    """The language a URL's first path segment names, or None (English has no prefix)."""
    return next((lang for lang, prefix in URL_PREFIXES.items() if prefix and prefix == segment), None)


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalogue of a language (English: its own catalogue, mostly the source strings).

    Fuzzy entries are left out, as gettext's own compiler leaves them out.
    """
    if language not in LOCALES:
        raise ValueError(f"no interface in {language!r}; the reader speaks {', '.join(LANGUAGES)}")
    path = LOCALE_DIR / LOCALES[language] / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        catalog = read_po(po, locale=LOCALES[language])
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def document_environment(folder: Path, language: str) -> Environment:
    """Jinja for a one-off document (an EPUB's chapters, a printed pack): the templates in
    `folder`, strict about missing names, with the interface strings of `language`."""
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env


@dataclass(frozen=True)
class Translator:
    """Interface strings of one language, for labels built in Python rather than in a template.

    The method name is gettext's, so Babel extracts its strings with the templates'.
    """

    language: str = DEFAULT_LANGUAGE

    def gettext(self, message: str) -> str:
        """`message` in this language."""
        return str(translations(self.language).gettext(message))

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form of `singular`/`plural` for `count` in this language (unformatted)."""
        return str(translations(self.language).ngettext(singular, plural, count))

    @property
    def chinese(self) -> bool:
        """Whether the interface is in Chinese (either script)."""
        return self.language != "en"
