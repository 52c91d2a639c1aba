"""The JSON reader: takes back the docs/model.md shape that `parse --format json` prints."""

from __future__ import annotations

import re

from pydantic import ValidationError

from handscroll.config import Settings
from handscroll.errors import Location, ReadError
from handscroll.ingest.decode import check_text
from handscroll.ingest.result import ReadResult
from handscroll.model import Feature


def read_json_feature(text: str, *, source: str, settings: Settings) -> ReadResult:
    """Validate a JSON feature; a bad one is refused with the first problem's line."""
    del settings  # the JSON shape has no configurable conventions
    try:
        feature = Feature.from_json(text)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        line = _line_of_error(text, err)
        raise ReadError(f"not a valid feature: {where}: {err['msg']}", Location(source, line)) from None
    _check_strings(feature.model_dump(), text, source)
    return ReadResult(feature=feature, source=source)


# A JSON escape of a control character the decoder refuses raw (issue 10 item 3).
_CONTROL_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\(?:b|u00(?:0[0-8]|1[0-9a-fA-F]|7[fF]))")


def _check_strings(value: object, text: str, source: str) -> None:
    """Refuse control characters that arrived as JSON escapes, at the first escape's line."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        for item in value:
            _check_strings(item, text, source)
    elif isinstance(value, str):
        try:
            check_text(value, source)
        except ReadError as exc:
            match = _CONTROL_ESCAPE.search(text)
            line = text.count("\n", 0, match.start()) + 1 if match else 0
            raise ReadError(exc.message, Location(source, line)) from None


def _line_of_error(text: str, err: object) -> int:
    """Best-effort line of a JSON syntax error (pydantic reports `line N column M`)."""
    match = re.search(r"line (\d+)", str(err))
    return int(match.group(1)) if match else 0
