"""The stages keep to their job (issue 9): `enrich` and `store` compute and keep annotations;
only `publish` turns them into HTML, CSV or GeoJSON."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
from pathlib import Path

FORBIDDEN_IMPORTS = frozenset({"markupsafe", "csv"})
"""Modules that only a presentation layer needs: HTML escaping and CSV writing."""

FORBIDDEN_TEXT = ("<mark>", "FeatureCollection", "Did you mean")
"""Markup, output formats and UI sentences that must not be spelled out below `publish`."""


def _module_files(package: str) -> list[Path]:
    root = importlib.import_module(package)
    files = [Path(str(root.__file__))]
    for info in pkgutil.walk_packages(root.__path__, f"{package}."):
        spec = importlib.util.find_spec(info.name)
        if spec is not None and spec.origin and spec.origin.endswith(".py"):
            files.append(Path(spec.origin))
    return files


def _imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def presentation_in(package: str) -> list[str]:
    """Every place in `package` that formats for output, as 'file: what'."""
    found = []
    for path in _module_files(package):
        source = path.read_text(encoding="utf-8")
        found += [
            f"{path.name}: imports {name}"
            for name in sorted(_imported(ast.parse(source)) & FORBIDDEN_IMPORTS)
        ]
        found += [f"{path.name}: spells {text}" for text in FORBIDDEN_TEXT if text in source]
    return found


def test_the_walk_finds_every_module_and_sees_a_forbidden_import() -> None:
    assert len(_module_files("handscroll.enrich")) > 10
    assert presentation_in("handscroll.publish"), "publish formats, so the check must see it there"


def test_enrich_only_computes_annotations() -> None:
    assert presentation_in("handscroll.enrich") == []


def test_store_only_keeps_models() -> None:
    assert presentation_in("handscroll.store") == []


def test_the_workspace_decides_and_never_renders() -> None:
    assert presentation_in("handscroll.workspace") == []
    for path in _module_files("handscroll.workspace"):
        assert not {"jinja2", "starlette"} & _imported(ast.parse(path.read_text(encoding="utf-8"))), path.name
