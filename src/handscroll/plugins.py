"""Plugins: readers, enrichers and exporters found through package entry points (issue 9).

As datasette and mkdocs do, handscroll asks `importlib.metadata` for the
entry points of three groups; handscroll's own readers, enrichers and
exporters are declared in its pyproject.toml the same way an outside package
declares its own. An entry point is imported only when it is used, and one
that fails to load is reported by its group, name and target.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from handscroll.errors import HandscrollError

READERS = "handscroll.readers"
"""Name: the file suffix it reads, without the dot (`txt`).
Target: `(text, *, source, settings) -> ReadResult`."""
ENRICHERS = "handscroll.enrichers"
"""Target: `(feature, found) -> Enrichment`, `found` holding what the enrichers before it found."""
EXPORTERS = "handscroll.exporters"
"""Name: the export format. Target: `(library, request, out) -> ExportReport`."""

DISTRIBUTION = "handscroll"

BUILTIN: dict[str, dict[str, str]] = {
    READERS: {
        "txt": "handscroll.ingest.legacy_text:read_legacy_text",
        "md": "handscroll.ingest.markdown:read_markdown",
        "markdown": "handscroll.ingest.markdown:read_markdown",
        "json": "handscroll.ingest.json_feature:read_json_feature",
    },
    ENRICHERS: {
        "events": "handscroll.enrich.steps:add_events",
        "terms": "handscroll.enrich.steps:add_terms",
        "places": "handscroll.enrich.steps:add_places",
        "figures": "handscroll.enrich.steps:add_figures",
    },
    EXPORTERS: {
        "epub": "handscroll.publish.epub:export_epub",
        "timelinejs": "handscroll.publish.timelinejs:export_timelinejs",
        "iiif": "handscroll.publish.iiif:export_iiif",
        "jsonld": "handscroll.publish.jsonld:export_jsonld",
        "csv": "handscroll.publish.csv_export:export_csv",
        "gift": "handscroll.publish.gift:export_gift",
        "pdf": "handscroll.publish.pack:export_pdf",
        "h5p": "handscroll.publish.h5p:export_h5p",
    },
}
"""handscroll's own entry points, in the order they run (enrichers) or are listed.

pyproject.toml declares exactly these (a test compares them); they are used
from here only when the installed metadata is older than the code (a
checkout not yet re-installed with `pip install -e .`)."""


class PluginError(HandscrollError):
    """A plugin could not be loaded or did not do its job; the message names its entry point."""

    exit_code = 2


def _origin(entry: EntryPoint) -> str:
    """How an error names a plugin: its group, name and target, and the package that declared it."""
    dist = entry.dist.name if entry.dist is not None else None
    return f"{entry.group} entry point {entry.name!r} = {entry.value!r}" + (
        f" (from the {dist} package)" if dist and dist != DISTRIBUTION else ""
    )


def is_builtin(entry: EntryPoint) -> bool:
    """Whether handscroll itself declared the entry point."""
    return entry.dist is None or entry.dist.name == DISTRIBUTION


@functools.cache
def plugin_entry_points(group: str) -> tuple[EntryPoint, ...]:
    """The group's entry points: handscroll's own first, in BUILTIN order, then others by name.

    A name declared twice keeps its first declaration (handscroll's own win).
    """
    found = list(entry_points(group=group))
    own = {e.name: e for e in found if e.dist is not None and e.dist.name == DISTRIBUTION}
    builtin = BUILTIN.get(group, {})
    if not own and builtin:
        own = {name: EntryPoint(name, value, group) for name, value in builtin.items()}
    order = list(builtin)
    chosen = sorted(
        own.values(), key=lambda e: (order.index(e.name) if e.name in order else len(order), e.name)
    )
    names = set(own)
    for entry in sorted((e for e in found if not is_builtin(e)), key=lambda e: e.name):
        if entry.name not in names:
            names.add(entry.name)
            chosen.append(entry)
    return tuple(chosen)


def load_plugin(entry: EntryPoint) -> Callable[..., Any]:
    """Import an entry point's target; PluginError naming it if that fails or it is not callable."""
    try:
        target = entry.load()
    except Exception as exc:
        raise PluginError(f"the {_origin(entry)} failed to load: {type(exc).__name__}: {exc}") from exc
    if not callable(target):
        raise PluginError(f"the {_origin(entry)} is not a function (it is a {type(target).__name__})")
    loaded: Callable[..., Any] = target
    return loaded if is_builtin(entry) else _guarded(entry, loaded)


def _guarded(entry: EntryPoint, target: Callable[..., Any]) -> Callable[..., Any]:
    """A plugin's function whose unexpected failures name the plugin (its own errors pass through)."""

    @functools.wraps(target)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return target(*args, **kwargs)
        except HandscrollError:
            raise  # a ReadError with file and line, a NotFoundError: the plugin explained itself
        except Exception as exc:
            raise PluginError(f"the {_origin(entry)} failed: {type(exc).__name__}: {exc}") from exc

    return call
