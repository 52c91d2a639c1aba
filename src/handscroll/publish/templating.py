"""A Jinja2 environment that does at compile time what every render did again (issue 11).

Each interface language has an environment of its own (render.py), so a message with no
variables (`_("Library")`, a `{% trans %}` block without any) has one translation there: it
is compiled into the template as the text `_()` would have given (looked up, marked safe,
%-formatted with nothing), not called about a hundred times a page; one with variables
(`{% trans part=page.part %}`) becomes its looked-up text %-formatted with them, without the
call. A partial included by name (`{% include "_term.html" %}`, in a loop of twenty terms) is
compiled into the template that includes it, in a scope of its own, as Jinja runs an include
with context: it sees the same names and its assignments stay inside; what goes is a template
lookup and a copy of the context per include. The pages are the same bytes as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment, nodes
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

GETTEXT_NAMES = frozenset({"_", "gettext"})
"""The names templates call for an interface string (`{% trans %}` compiles to `gettext`)."""

NOT_INLINED = (nodes.Extends, nodes.Block, nodes.Macro, nodes.Import, nodes.FromImport)
"""A partial holding one of these is included at run time, as Jinja does it."""

INCLUDER_NAMES = frozenset({"loop", "self", "super", "caller", "varargs", "kwargs"})
"""Names whose meaning in a partial would change if it were compiled into its includer."""


class FoldingEnvironment(Environment):
    """An environment whose templates have constant interface strings and named partials compiled in.

    `translate` is the catalogue lookup of the environment's language; it must not change once
    templates are compiled (they are cached for the environment's life).
    """

    def __init__(self, translate: Callable[[str], str], **options: Any) -> None:
        super().__init__(**options)
        self.translate = translate

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        if not _foldable(self, tree, name):
            return tree
        _Folder(self, {name} if name else set()).generic_visit(tree)
        tree.set_environment(self)
        return tree


def _foldable(env: Environment, tree: nodes.Template, name: str | None) -> bool:
    """Whether `_()` in `tree` is the environment's gettext under autoescaping, known at compile time:
    not where autoescaping is off or switched inside the template, nor where a template names
    something `_` or `gettext` of its own."""
    escaped = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    if not escaped or any(True for _ in tree.find_all(nodes.EvalContextModifier)):
        return False
    return not any(n.ctx != "load" and n.name in GETTEXT_NAMES for n in tree.find_all(nodes.Name))


def _names_the_includer(partial: nodes.Template) -> bool:
    """Whether a partial asks for a name Jinja gives an include (the includer's `loop`, `self`,
    `super`...) differently from the template around it: then it stays an include."""
    loops = partial.find_all(nodes.For)
    own_loops = {id(name) for loop in loops for part in loop.body for name in part.find_all(nodes.Name)}
    return any(
        n.name in INCLUDER_NAMES and not (n.name == "loop" and id(n) in own_loops)
        for n in partial.find_all(nodes.Name)
    )


class _Folder(NodeTransformer):
    """Replaces constant `_()` calls by their text and named includes by the partial's body."""

    def __init__(self, env: FoldingEnvironment, including: set[str]) -> None:
        self.env = env
        self.including = including

    def visit_Call(self, node: nodes.Call) -> nodes.Node:
        self.generic_visit(node)
        name = node.node
        if not (
            isinstance(name, nodes.Name)
            and name.name in GETTEXT_NAMES
            and len(node.args) == 1
            and isinstance(node.args[0], nodes.Const)
            and isinstance(node.args[0].value, str)
            and not (node.dyn_args or node.dyn_kwargs)
        ):
            return node
        translated = self.env.translate(node.args[0].value)
        form = nodes.MarkSafe(nodes.Const(translated), lineno=node.lineno)
        if node.kwargs:  # `form % {variables}` at run time, as `_()` does it, without the call
            pairs = [nodes.Pair(nodes.Const(k.key), k.value, lineno=node.lineno) for k in node.kwargs]
            return nodes.Mod(form, nodes.Dict(pairs, lineno=node.lineno), lineno=node.lineno)
        try:
            text = Markup(translated) % {}
        except (KeyError, TypeError, ValueError):
            return node  # a message that needs variables fails at run time, as before
        return nodes.MarkSafe(nodes.Const(str(text)), lineno=node.lineno)

    def visit_Include(self, node: nodes.Include) -> nodes.Node:
        target = node.template
        if not (
            isinstance(target, nodes.Const)
            and isinstance(target.value, str)
            and node.with_context
            and not node.ignore_missing
            and target.value not in self.including
        ):
            return node
        name = target.value
        source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        partial = super(FoldingEnvironment, self.env)._parse(source, name, filename)
        if (
            any(True for _ in partial.find_all(NOT_INLINED))
            or _names_the_includer(partial)
            or not _foldable(self.env, partial, name)
        ):
            return node
        _Folder(self.env, self.including | {name}).generic_visit(partial)
        return nodes.Scope(partial.body, lineno=node.lineno)
