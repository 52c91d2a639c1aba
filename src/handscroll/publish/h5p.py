"""H5P export (issue 15): the approved self-check items of a selection as one H5P Question Set.

The package is a zip of `h5p.json` (the main library and the libraries it
preloads) and `content/content.json` (the Question Set's parameters), with a
question per item: choice items (which came first, Chinese name, which place)
as H5P.MultiChoice with one right answer, "date it" as H5P.Blanks (the year in
a blank), "put in order" as H5P.DragText (each event dragged to its place in
time). A "which picture" item is left out: a Question Set's multiple choice
has no picture answers. Each question's feedback names the right answer and
the sentence it came from.

It carries no library code: H5P platforms (Moodle, WordPress, Drupal, Lumi)
install H5P.QuestionSet and its question types from the H5P Hub, and a
package without libraries is what they export and import. To play it in
h5p-standalone, put the library folders beside `h5p.json` (docs/quizzes.md).
"""

from __future__ import annotations

import json
import uuid
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

from markupsafe import escape

from handscroll.learn.items import QuizItem
from handscroll.publish.exports import ExportReport, ExportRequest, select_features
from handscroll.publish.selfchecks import approved_items, write_atomically
from handscroll.store import Library

QUESTION_SET = ("H5P.QuestionSet", 1, 20)
QUESTION_TYPES = {
    "choice": ("H5P.MultiChoice", 1, 16),
    "date": ("H5P.Blanks", 1, 14),
    "order": ("H5P.DragText", 1, 10),
}
"""The libraries (machine name, major, minor) the package names: the versions the H5P Hub serves."""

ORDINALS = ("1st (earliest)", "2nd", "3rd", "4th", "5th")
_DRAG_TEXT_MARKUP = ("*", ":", "\\")
"""Characters H5P.DragText reads as markup inside an answer (the answer's bounds, a tip, an escape)."""


def _library(name: tuple[str, int, int]) -> str:
    return f"{name[0]} {name[1]}.{name[2]}"


def _html(text: str) -> str:
    return f"<p>{escape(text)}</p>"


def _feedback(item: QuizItem) -> str:
    sources = " ".join(f"From the text: {source.sentence}" for source in item.sources)
    return f"{item.feedback} {sources}"


def _multi_choice(item: QuizItem) -> dict[str, Any]:
    answers = [
        {
            "text": f"<div>{escape(choice)}</div>",
            "correct": index in item.answer,
            "tipsAndFeedback": {"tip": "", "chosenFeedback": "", "notChosenFeedback": ""},
        }
        for index, choice in enumerate(item.choices)
    ]
    return {
        "question": _html(item.prompt),
        "answers": answers,
        "overallFeedback": [{"from": 0, "to": 100, "feedback": escape(_feedback(item))}],
        "behaviour": {
            "enableRetry": True,
            "enableSolutionsButton": True,
            "enableCheckButton": True,
            "type": "single",
            "singlePoint": True,
            "randomAnswers": False,
            "showSolutionsRequiresInput": True,
            "confirmCheckDialog": False,
            "confirmRetryDialog": False,
            "autoCheck": False,
            "passPercentage": 100,
            "showScorePoints": True,
        },
    }


def _blanks(item: QuizItem) -> dict[str, Any]:
    return {
        "text": _html(item.prompt),
        "questions": [f"<p>Year: *{item.year}*</p>"],
        "overallFeedback": [{"from": 0, "to": 100, "feedback": escape(_feedback(item))}],
        "behaviour": {
            "enableRetry": True,
            "enableSolutionsButton": True,
            "enableCheckButton": True,
            "autoCheck": False,
            "caseSensitive": False,
            "showSolutionsRequiresInput": True,
            "separateLines": False,
            "acceptSpellingErrors": False,
        },
    }


def _drag_text(item: QuizItem) -> dict[str, Any]:
    lines = [f"{ORDINALS[rank]}: *{item.choices[index]}*" for rank, index in enumerate(item.answer)]
    return {
        "taskDescription": _html("Drag each event to its place in time, earliest first."),
        "textField": "\n".join(lines),
        "overallFeedback": [{"from": 0, "to": 100, "feedback": escape(_feedback(item))}],
        "behaviour": {
            "enableRetry": True,
            "enableSolutionsButton": True,
            "enableCheckButton": True,
            "instantFeedback": False,
        },
    }


def h5p_question(item: QuizItem) -> dict[str, Any] | None:
    """One item as a Question Set question, or None when H5P has no fitting type for it."""
    if item.kind == "picture":
        return None
    if item.kind == "order":
        if any(mark in choice for choice in item.choices for mark in _DRAG_TEXT_MARKUP):
            return None  # the events' words would be read as DragText markup
        library, params = QUESTION_TYPES["order"], _drag_text(item)
    elif item.kind == "date":
        library, params = QUESTION_TYPES["date"], _blanks(item)
    else:
        library, params = QUESTION_TYPES["choice"], _multi_choice(item)
    return {
        "library": _library(library),
        "params": params,
        "subContentId": str(uuid.uuid5(uuid.NAMESPACE_URL, f"handscroll:{item.id}")),
        "metadata": {"title": f"{item.label} ({item.id})", "license": "U", "contentType": library[0]},
    }


def question_set(title: str, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """The Question Set's parameters: the questions in order, a result page, no intro page."""
    return {
        "introPage": {"showIntroPage": False, "title": title, "introduction": ""},
        "progressType": "textual",
        "passPercentage": 50,
        "questions": questions,
        "disableBackwardsNavigation": False,
        "randomQuestions": False,
        "endGame": {
            "showResultPage": True,
            "showSolutionButton": True,
            "showRetryButton": True,
            "noResultMessage": "Finished",
            "message": "Your result:",
            "overallFeedback": [{"from": 0, "to": 100}],
            "solutionButtonText": "Show solution",
            "retryButtonText": "Retry",
            "finishButtonText": "Finish",
            "showAnimations": False,
            "skippable": False,
            "skipButtonText": "Skip video",
        },
        "override": {"checkButton": True},
    }


def h5p_manifest(title: str, language: str, questions: list[dict[str, Any]]) -> dict[str, Any]:
    """`h5p.json`: the Question Set as main library, preloading the question types it uses."""
    used = sorted({q["library"] for q in questions})
    dependencies = [QUESTION_SET, *(t for t in QUESTION_TYPES.values() if _library(t) in used)]
    return {
        "title": title,
        "language": language.split("-")[0],
        "mainLibrary": QUESTION_SET[0],
        "embedTypes": ["iframe"],
        "license": "U",
        "preloadedDependencies": [
            {"machineName": name, "majorVersion": major, "minorVersion": minor}
            for name, major, minor in dependencies
        ],
    }


def export_h5p(library: Library, request: ExportRequest, out: Path) -> ExportReport:
    """Write the approved items of the selection to `out` (one `.h5p` Question Set)."""
    selection = select_features(library, request)
    report = ExportReport()
    questions = []
    for feature in selection.features:
        for item in approved_items(library, feature.slug, report):
            question = h5p_question(item)
            if question is None:
                report.skipped.append(
                    f"{feature.slug}: {item.id}: no H5P question type fits a {item.label!r} item"
                )
            else:
                questions.append(question)
    language = selection.features[0].language if selection.features else "en"
    manifest = h5p_manifest(selection.title, language, questions)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("h5p.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        package.writestr(
            "content/content.json", json.dumps(question_set(selection.title, questions), ensure_ascii=False)
        )
    write_atomically(out, buffer.getvalue())
    report.written.append(out)
    return report
