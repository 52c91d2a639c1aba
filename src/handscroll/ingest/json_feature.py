"""The JSON reader: takes back the docs/model.md shape that `parse --format json` prints."""

from __future__ import annotations

import re

from pydantic import ValidationError

from handscroll.config import Settings
from handscroll.errors import Location, ReadError
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
    return ReadResult(feature=feature, source=source)


def _line_of_error(text: str, err: object) -> int:
    """Best-effort line of a JSON syntax error (pydantic reports `line N column M`)."""
    match = re.search(r"line (\d+)", str(err))
    return int(match.group(1)) if match else 0
