"""What an item says around its facts: the kind's label, the prompt and the feedback, in any language.

An item stores only what the text gives (the blanked sentence, the English
name, the caption, the date words, the choices); the words around them belong
to the interface and are put together when the item is shown, through a
`gettext` of the page's language (`publish.i18n.Translator.gettext`). The
msgids below are the English wording; Babel extracts them (`babel.cfg`) into
the catalogues with the templates' strings. Without a `gettext` the wording is
the English as written, which is also what an item's id hashes, so ids do not
depend on the language an item is read in.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from handscroll.learn.items import ItemKind, QuizItem

Gettext = Callable[[str], str]
"""A message in the reader's language (gettext's signature)."""


def as_written(message: str) -> str:
    """The English wording, as the msgid gives it."""
    return message


def kind_label(kind: ItemKind, gettext: Gettext = as_written) -> str:
    """How readers and exports name a kind of item."""
    labels = {
        "order": gettext("Put in order"),
        "first": gettext("Which came first?"),
        "date": gettext("Date it"),
        "term": gettext("Chinese name"),
        "place": gettext("Which place?"),
        "picture": gettext("Which picture?"),
    }
    return labels[kind]


def prompt(item: QuizItem, gettext: Gettext = as_written) -> str:
    """The question: the kind's wording around the item's `subject`."""
    if item.kind == "order":
        return gettext("Put these events in the order they happened, earliest first.")
    if item.kind == "first":
        return gettext("Which of these happened first?")
    if item.kind == "date":
        return gettext("In which year? %(sentence)s") % {"sentence": item.subject}
    if item.kind == "term":
        return gettext("Which is the Chinese name of %(term)s?") % {"term": item.subject}
    if item.kind == "place":
        return gettext("Which place is missing? %(sentence)s") % {"sentence": item.subject}
    return gettext("Which picture does this caption describe? “%(caption)s”") % {"caption": item.subject}


def feedback(item: QuizItem, gettext: Gettext = as_written) -> str:
    """The answer in words: the right choice (or year), with the words of the text it rests on."""
    if item.kind == "order":
        steps = [
            gettext("%(date)s: %(sentence)s") % {"date": words, "sentence": item.choices[index]}
            for words, index in zip(item.events, item.answer, strict=True)
        ]
        joined = reduce(lambda a, b: gettext("%(earlier)s; %(later)s") % {"earlier": a, "later": b}, steps)
        return gettext("In order: %(events)s") % {"events": joined}
    if item.kind == "date":
        return gettext("%(year)s: the text says “%(words)s”.") % {"year": item.year, "words": item.events[0]}
    right = item.choices[item.answer[0]]
    if item.kind == "first":
        earlier, later = item.events
        wording = gettext("First: %(date)s (%(sentence)s); then %(later)s.")
        return wording % {"date": earlier, "sentence": right, "later": later}
    if item.kind == "term":
        if item.pinyin:
            wording = gettext("%(term)s is %(chinese)s (%(pinyin)s).")
        else:
            wording = gettext("%(term)s is %(chinese)s.")
        return wording % {"term": item.subject, "chinese": right, "pinyin": item.pinyin}
    if item.kind == "place":
        sentence = item.sources[0].sentence
        return gettext("%(place)s: the text says “%(sentence)s”") % {"place": right, "sentence": sentence}
    return gettext("The picture “%(alt)s”.") % {"alt": right}
