"""The registry of slide kinds: every registered kind has every part, and the tables agree."""

from __future__ import annotations

import typing

import pytest
from pptx import Presentation

from deckgen import kinds, model
from deckgen.fields import verbatim_fields
from deckgen.schema import json_schema
from deckgen.source import parse_text
from deckgen.templating import resolve
from deckgen.theme import template_path

README = (model.__file__.rsplit("/deckgen/", 1)[0] + "/README.md")


@pytest.mark.parametrize("name", list(kinds.KINDS))
def test_every_kind_has_every_part(name):
    kind = kinds.KINDS[name]
    module = next(m for m in kinds.MODULES if m.KIND is kind)
    assert module.__doc__, f"kinds/{name}.py says what it owns"
    assert kind.model.__doc__
    annotation = kind.model.model_fields["kind"].annotation
    assert typing.get_args(annotation) == (name,), "the model's `kind` is the literal name"
    assert "kind" in verbatim_fields(kind.model), "`kind` is never templated"
    assert callable(kind.write)
    layouts = {layout.name for layout in Presentation(str(template_path())).slide_layouts}
    assert kind.layout in layouts, f"the built-in template has the {kind.layout!r} layout"
    if kind.diagram is not None:
        assert kind.needs_pyramid and "render" in verbatim_fields(kind.model)
    if "render" in kind.model.model_fields:
        assert kind.diagram is not None
    # every field that names a file is read through a declared input, by the reader of its kind of file
    readers = {"image": "picture", "source": "code", "data": "table", "video": "video", "audio": "audio", "poster": "picture"}
    for field_name, reader in readers.items():
        if field_name in kind.model.model_fields:
            assert any(i.field == field_name and i.reader.name == reader for i in kind.inputs), (name, field_name)
    assert f"| `{name}` |" in open(README, encoding="utf-8").read(), "a README row"
    schema = json_schema()
    assert any(d.get("properties", {}).get("kind", {}).get("const") == name for d in schema["$defs"].values())


def test_tables_are_derived_from_the_kind_modules():
    names = [m.KIND.name for m in kinds.MODULES]
    assert list(kinds.KINDS) == names and len(set(names)) == len(names)
    assert list(kinds.SLIDE_KINDS.values()) == [m.KIND.model for m in kinds.MODULES]
    union = typing.get_args(typing.get_args(kinds.Slide)[0])
    assert union == tuple(m.KIND.model for m in kinds.MODULES)
    assert kinds.DARK_KINDS == {"title", "section", "closing"}


def test_verbatim_fields_are_declared_on_the_fields():
    assert {"kind", "id", "when", "render", "shape", "direction", "detail_side", "skip"} <= model.verbatim_keys()
    assert not {"title", "text", "notes", "bullets", "highlight", "label"} & model.verbatim_keys()


def test_a_verbatim_field_is_copied_as_typed_and_a_text_field_is_rendered(tmp_path):
    text = (
        "deck: {title: T}\n"
        "variables: {who: Ada}\n"
        "slides:\n"
        "  - kind: bullets\n"
        "    id: \"{{ who }}\"\n"
        "    title: \"Hi {{ who }}\"\n"
        "    bullets: [x]\n"
    )
    resolved = resolve(parse_text(text.encode(), tmp_path / "t.yaml"))
    slide = resolved.data["slides"][0]
    assert slide["id"] == "{{ who }}"
    assert slide["title"] == "Hi Ada"


def test_headings_come_from_the_kinds(tmp_path):
    text = (
        "deck: {title: The Talk}\n"
        "pyramid: {layers: [{id: a, label: Alpha}, {id: b, label: Beta}]}\n"
        "slides:\n"
        "  - {kind: title}\n"
        "  - {kind: layer, layer: b}\n"
        "  - {kind: quote, quote: Say it once}\n"
        "  - {kind: closing}\n"
    )
    from deckgen.validation import validate

    source = parse_text(text.encode(), tmp_path / "t.yaml")
    deck = validate(resolve(source).data, source)
    assert [deck.slide_title(s) for s in deck.slides] == ["The Talk", "Beta", "Say it once", "Questions?"]
