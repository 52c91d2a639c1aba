"""The reader's "Check yourself" section (issue 15): approved self-check items, ready to render.

Only items an editor approved are shown. Each item's label, prompt and
feedback are worded in the page's interface language through the catalogue
(`learn.wording` with the page's `Translator`) around the words the text gives;
each choice and prompt is escaped with its Chinese tagged; each item's feedback
names the right answer and links to the words its fact came from (the date's
own `<span id>`, or the term's glossary entry), so the section works without
JavaScript: answers sit in a `<details>`. `checks.js` adds checking, reordering by buttons and, in the
browser only, progress and items due again later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from markupsafe import Markup

from handscroll.learn.generate import generate_items
from handscroll.learn.items import QuizItem
from handscroll.learn.load import QuizReader, known_places, series_terms
from handscroll.learn.wording import feedback, kind_label, prompt
from handscroll.model import Enrichment, Feature
from handscroll.publish.annotate import anchor_ids, han_lang, mark_chinese
from handscroll.publish.enriched import event_anchor
from handscroll.publish.i18n import Translator
from handscroll.publish.quizmap import LETTERS, QuizMap, quiz_map
from handscroll.publish.urls import Urls

if TYPE_CHECKING:
    from handscroll.publish.contexts import Picture

PictureMaker = Callable[[str, str], "Picture"]
"""Makes the picture of a media ID with its alt text (`cards.make_picture` bound to the media)."""


@dataclass(frozen=True)
class CheckSource:
    """Where an item's fact was read: the sentence, and a link to it on this page."""

    sentence: Markup
    url: str


@dataclass(frozen=True)
class CheckItem:
    """One item as the template draws it.

    `kind` picks the control: `order` (a list with move buttons), `date` (a year
    field), or a radio group. `answer` is the right choice index, the order of
    choice indices, or the year, as text for `data-answer`. A `place` item has
    a `map` with a lettered marker per choice (`letters`); a `picture` item has
    a picture per choice.
    """

    id: str
    number: int
    kind: str
    label: str
    prompt: Markup
    choices: tuple[Markup, ...]
    answer: str
    tolerance: int
    feedback: Markup
    sources: tuple[CheckSource, ...]
    map: QuizMap | None = None
    letters: str = ""
    pictures: tuple[Picture, ...] = ()


@dataclass(frozen=True)
class CheckSection:
    """The section: its items and the script that makes them interactive."""

    items: tuple[CheckItem, ...]
    script: str


class ChecksReader(QuizReader, Protocol):
    """What the section reads from the library."""


def check_section(
    items: tuple[QuizItem, ...],
    enrichment: Enrichment | None,
    urls: Urls,
    picture: PictureMaker | None = None,
    language: str = "en",
) -> CheckSection | None:
    """The section for these (approved) items of a text in `language`, or None when there are
    none; a picture item is left out when no `picture` maker is given."""
    if not items:
        return None
    terms = list(enrichment.terms) if enrichment else []
    names = [t.english for t in terms]
    anchors: dict[str, str] = {}
    for name, anchor in zip(names, anchor_ids(names, "term"), strict=True):
        anchors.setdefault(name, anchor)  # the first entry of a name, as the glossary lists it
    drawn = []
    gettext = Translator(urls.language).gettext
    text_lang = han_lang(language)  # the Chinese of the text's own words: its script
    lang = han_lang(urls.language) if urls.language != "en" else text_lang  # of the wording around them
    if picture is None:
        items = tuple(item for item in items if item.kind != "picture")
    for number, item in enumerate(items, 1):
        sources = []
        for source in item.sources:
            if source.term is not None:
                url = f"#{anchors[source.term]}" if source.term in anchors else ""
            else:
                url = f"#{event_anchor(source.span.ref, source.span.start)}"
            sources.append(CheckSource(mark_chinese(source.sentence, text_lang), url))
        answer = str(item.year) if item.kind == "date" else " ".join(str(i) for i in item.answer)
        drawn.append(
            CheckItem(
                id=item.id,
                number=number,
                kind=item.kind,
                label=kind_label(item.kind, gettext),
                prompt=mark_chinese(prompt(item, gettext), lang),
                choices=tuple(mark_chinese(c, text_lang) for c in item.choices),
                answer=answer,
                tolerance=item.tolerance,
                feedback=mark_chinese(feedback(item, gettext), lang),
                sources=tuple(sources),
                map=quiz_map(item.points) if item.points else None,
                letters=LETTERS[: len(item.choices)] if item.points else "",
                pictures=tuple(
                    picture(media, alt) for media, alt in zip(item.media, item.choices, strict=True)
                )
                if picture is not None and item.kind == "picture"
                else (),
            )
        )
    return CheckSection(tuple(drawn), urls.static("checks.js")) if drawn else None


def load_checks(
    library: ChecksReader,
    feature: Feature,
    enrichment: Enrichment | None,
    urls: Urls,
    picture: PictureMaker | None = None,
) -> CheckSection | None:
    """The section of a stored feature: its approved items only (None when none is approved)."""
    approved = library.approved_quiz_items(feature.slug)
    if not approved or enrichment is None:
        return None
    quiz = generate_items(feature, enrichment, series_terms(library, feature), known_places())
    return check_section(quiz.approved(approved), enrichment, urls, picture, feature.language)
