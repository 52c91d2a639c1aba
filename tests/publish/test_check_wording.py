"""The "Check yourself" section speaks the page's language (issues 12 and 15): each item's label,
prompt and answer are worded through the catalogue around the words the text gives, on the served
reader and in the static site."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from handscroll.config import Settings
from handscroll.learn.load import approved_quiz, load_quiz
from handscroll.learn.wording import feedback, kind_label, prompt
from handscroll.pipeline import import_paths
from handscroll.publish.i18n import Translator
from handscroll.samples import edition_paths, sample_paths
from handscroll.store import Library

PREFIX = {"en": "", "zh-Hant": "/zh-hant", "zh-Hans": "/zh-hans"}
ORDER = {
    "en": "Put these events in the order they happened, earliest first.",
    "zh-Hant": "依發生先後排列這些事件，最早的在前。",
    "zh-Hans": "依发生先后排列这些事件，最早的在前。",
}
LABELS = {"en": "Put in order", "zh-Hant": "排列先後", "zh-Hans": "排列先后"}


@dataclass(frozen=True)
class Reader:
    """The served reader, the static site, the library, and the slug of each edition."""

    client: TestClient
    site: Path
    url: str
    slugs: dict[str, str]


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reader]:
    """The first part in its three editions, every item approved; the reader and the static site."""
    from handscroll.publish.site import build_site
    from handscroll.publish.web import create_app

    folder = tmp_path_factory.mktemp("wording")
    url = f"sqlite:///{folder / 'library.db'}"
    settings = Settings(db=url)
    paths = [sample_paths()[0], *(p for p in edition_paths() if p.name == sample_paths()[0].name)]
    slugs = {}
    with Library.open(url) as library:
        import_paths([str(p) for p in paths], library, settings)
        for summary in library.list_features():
            slugs[summary.language] = summary.slug
            quiz, _ = load_quiz(library, summary.slug)
            library.approve_quiz_items(summary.slug, [item.id for item in quiz.items])
        build_site(library, folder / "site", settings)
    assert set(slugs) == set(PREFIX)
    with TestClient(create_app(url, settings, cache_dir=folder / "cache")) as client:
        yield Reader(client, folder / "site", url, slugs)


def _shown(page: str) -> dict[str, tuple[str, str, str]]:
    """Each item's (label, prompt, answer) as the page shows them, tags dropped, by item id."""
    found = {}
    for chunk in page.split('<li class="check" id="check-')[1:]:
        item_id, body = chunk.split('"', 1)
        parts = [
            re.search(pattern, body, re.S)
            for pattern in (
                r'<span class="check-kind">(.*?)</span> <span class="check-prompt">',
                r'<span class="check-prompt">(.*?)</span></legend>',
                r'<div class="answer-body">\s*<p>(.*?)</p>',
            )
        ]
        label, asked, told = (html.unescape(re.sub(r"<[^>]+>", "", p.group(1))) for p in parts if p)
        found[item_id] = (label, asked, told)
    return found


@pytest.mark.parametrize("language", ["en", "zh-Hant", "zh-Hans"])
def test_each_item_is_worded_in_the_page_language_on_the_reader_and_the_static_site(
    reader: Reader, language: str
) -> None:
    slug = reader.slugs[language]
    served = reader.client.get(f"{PREFIX[language]}/features/{slug}")
    assert served.status_code == 200
    folder = reader.site / PREFIX[language].lstrip("/") / "features"
    built = (folder / f"{slug}.html").read_text(encoding="utf-8")
    with Library.open(reader.url) as library:
        items = approved_quiz(library, slug)
    gettext = Translator(language).gettext
    worded = [(kind_label(i.kind, gettext), prompt(i, gettext), feedback(i, gettext)) for i in items]
    expected = {item.id: wording for item, wording in zip(items, worded, strict=True)}
    assert {item.kind for item in items} >= {"order", "first", "date", "term", "place"}
    if language == "en":  # the English wording is what the item's id hashes and the exports print
        assert all(expected[item.id] == (item.label, item.prompt, item.feedback) for item in items)
    for page in (served.text, built):
        shown = _shown(page)
        assert shown == expected
        order = next(item for item in items if item.kind == "order")
        assert shown[order.id][:2] == (LABELS[language], ORDER[language])
        date = next(item for item in items if item.kind == "date")
        assert date.subject in shown[date.id][1]  # the text's own sentence, as it gives it
        if language != "en":  # no English wording left on a Chinese page
            english = re.compile(r"\b(?:Which|Put|In which|the text says|First:|In order)\b")
            assert not [words for words in shown.values() if english.search(" ".join(words))]


RIGHT = {"en": "Right.", "zh-Hant": "答對了。", "zh-Hans": "答对了。"}


@pytest.mark.parametrize("language", list(PREFIX))
def test_the_scripts_feedback_words_are_in_the_page_language(reader: Reader, language: str) -> None:
    """checks.js says "Right.", "Due again in 3 days." ... from the section's data-words, which
    the template fills from the catalogue, so a Chinese page's feedback is Chinese too."""
    page = reader.client.get(f"{PREFIX[language]}/features/{reader.slugs[language]}").text
    found = re.search(r"data-words='([^']*)'", page)
    assert found is not None
    words = json.loads(html.unescape(found.group(1)))
    assert words["right"] == RIGHT[language]
    gettext = Translator(language).gettext
    assert words["due_days"] == gettext("Due again in {days} days.")
    assert "{days}" in words["due_days"] and "{total}" in words["moved"]
