"""The outline's JSON Schema, for editors' YAML extensions, with field docstrings as descriptions."""

from __future__ import annotations

import ast
import inspect
from typing import Any

from . import fields, model
from .fields import markup_fields
from .kinds import KINDS, MODULES, SLIDE_KINDS, pictures


def field_docstrings() -> dict[str, dict[str, str]]:
    """Return {class name: {field: docstring}} from the models' sources (the string under a field)."""
    out: dict[str, dict[str, str]] = {}
    for module in (fields, model, pictures, *MODULES):
        _read_docstrings(ast.parse(inspect.getsource(module)), out)
    return out


MARKUP_NOTE = (
    "Inline markup: **bold**, *italic*, `code`, ~~strike~~, [text](https://…) and bare https://… "
    "links (http, https, mailto); a backslash writes a literal character: \\* \\` \\_ \\[."
)


def _describe_markup(schema: dict[str, Any]) -> None:
    """Append what inline markup does to the description of every field that takes it."""

    classes = {cls.__name__: cls for cls in [kind.model for kind in KINDS.values()] + model.nested_models()}
    for name, definition in [("Deck", schema), *schema.get("$defs", {}).items()]:
        cls = classes.get(name)
        if cls is None:
            continue
        for field_name in markup_fields(cls):
            prop = definition.get("properties", {}).get(field_name)
            if prop is not None:
                prop["description"] = (prop.get("description", "") + " " + MARKUP_NOTE).strip()


def _read_docstrings(tree: ast.Module, out: dict[str, dict[str, str]]) -> None:
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs = out.setdefault(node.name, {})
        for first, second in zip(node.body, node.body[1:]):
            if (
                isinstance(first, ast.AnnAssign)
                and isinstance(first.target, ast.Name)
                and isinstance(second, ast.Expr)
                and isinstance(second.value, ast.Constant)
                and isinstance(second.value.value, str)
            ):
                docs[first.target.id] = inspect.cleandoc(second.value.value)


def json_schema() -> dict[str, Any]:
    """Return the outline's JSON Schema, for editors' YAML extensions (field docstrings included)."""
    schema = model.Deck.model_json_schema()
    docs = field_docstrings()
    slide_classes = {cls.__name__: cls for cls in SLIDE_KINDS.values()}
    for name, definition in [("Deck", schema), *schema.get("$defs", {}).items()]:
        # a slide's fields may come from the classes it is made of (SlideBase, CodeFields, ...)
        bases = reversed(slide_classes[name].__mro__) if name in slide_classes else ()
        fields = {k: v for base in bases for k, v in docs.get(base.__name__, {}).items()} | docs.get(name, {})
        for field_name, prop in definition.get("properties", {}).items():
            if field_name in fields:
                prop.setdefault("description", fields[field_name])
    _describe_markup(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "deckgen outline"
    return schema
