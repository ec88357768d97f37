"""The Deck and its slide kinds: typed, validated, documented (the docstrings become the schema)."""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import OutlineError, Problem
from .source import FieldPath, Source

MAX_TEXT = 2000
MAX_ITEMS = 200
MAX_SLIDES = 5000

Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Condition = Union[bool, Annotated[str, StringConstraints(max_length=500)]]


class Strict(BaseModel):
    """Every outline mapping: unknown keys are errors, field docstrings are descriptions."""

    # numbers in text fields (a year, a price in a table) are taken as text; field docstrings
    # are read into the schema by json_schema(), not at import (pydantic would read the
    # source file for every class on every run)
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Event(Strict):
    """Where the talk is given."""

    name: ShortText
    """The event's name, e.g. "Cloud Native Lagos #12"."""
    hashtag: ShortText | None = None
    """Hashtag shown in the footer, e.g. "#CNLagos"."""
    url: ShortText | None = None
    """The event's web page."""


class Link(Strict):
    """A labelled link on the closing slide."""

    label: ShortText
    """What the link is, e.g. "Slides"."""
    url: ShortText
    """The address, e.g. "https://example.org/slides"."""


class DeckInfo(Strict):
    """The talk itself: what it is called, who gives it, where and for how long."""

    title: ShortText
    """The talk's title."""
    subtitle: ShortText | None = None
    """One line under the title."""
    speaker: ShortText | None = None
    """The speaker's name."""
    role: ShortText | None = None
    """The speaker's role or company, shown under the name."""
    handle: ShortText | None = None
    """The speaker's social handle, shown in the footer, e.g. "@ada"."""
    event: Event | None = None
    """Where the talk is given."""
    date: ShortText | None = None
    """The date of the talk, as it should be shown (e.g. 2026-12-03)."""
    duration: Annotated[int, Field(ge=1, le=600)] = 20
    """The slot, in minutes."""
    footer: bool = True
    """Show slide numbers (and event hashtag and handle) on content slides."""
    template: ShortText | None = None
    """A .pptx template whose layouts the slides fill, relative to the outline's folder."""


class Layer(Strict):
    """One layer of the pyramid."""

    id: Identifier
    """A short name slides refer to, e.g. "models"."""
    label: ShortText
    """The label drawn inside the band."""
    detail: ShortText | None = None
    """A short detail drawn beside the band, e.g. examples."""


class Arrow(Strict):
    """An arrow beside the pyramid spanning its height."""

    label: ShortText
    """What grows or falls along the arrow."""
    direction: Literal["up", "down"] = "down"
    """Which way the arrow points."""


class Pyramid(Strict):
    """The layered pyramid, defined once and drawn on pyramid and layer slides."""

    layers: Annotated[list[Layer], Field(min_length=2, max_length=8)]
    """The layers, listed bottom to top (2 to 8)."""
    shape: Literal["pyramid", "inverted"] = "pyramid"
    """A pyramid (widest at the bottom) or an inverted funnel."""
    arrow: Arrow | None = None
    """An optional arrow beside the pyramid."""
    detail_side: Literal["left", "right"] = "right"
    """Which side the layer details stand on."""
    palette: Annotated[list[Colour], Field(min_length=1, max_length=8)] | None = None
    """Band colours bottom to top (#RRGGBB); defaults to the theme's ramp."""

    @model_validator(mode="after")
    def _unique_ids(self) -> Pyramid:
        seen: set[str] = set()
        for layer in self.layers:
            if layer.id in seen:
                raise ValueError(f"layer id {layer.id!r} is used twice")
            seen.add(layer.id)
        return self


class SubBullet(Strict):
    """A second-level bullet."""

    text: Text
    """The bullet's text."""
    when: Condition | None = None
    """A Jinja expression; the bullet is dropped when it is false."""


class Bullet(Strict):
    """A first-level bullet, optionally with second-level bullets."""

    text: Text
    """The bullet's text."""
    bullets: Annotated[list[Union[Text, SubBullet]], Field(max_length=MAX_ITEMS)] = []
    """Second-level bullets."""
    when: Condition | None = None
    """A Jinja expression; the bullet is dropped when it is false."""

    @field_validator("bullets", mode="after")
    @classmethod
    def _as_sub(cls, items: list[Any]) -> list[Any]:
        return [SubBullet(text=i) if isinstance(i, str) else i for i in items]


Bullets = Annotated[list[Union[Text, Bullet]], Field(max_length=MAX_ITEMS)]


def _as_bullets(items: list[Any]) -> list[Bullet]:
    return [Bullet(text=i) if isinstance(i, str) else i for i in items]


class SlideBase(Strict):
    """What every slide can carry."""

    id: Identifier | None = None
    """A name for this slide, used by audiences' `skip` lists."""
    notes: Annotated[str, StringConstraints(max_length=20000)] = ""
    """Speaker notes, shown in presenter view."""
    minutes: Annotated[float, Field(gt=0, le=120)] | None = None
    """Planned minutes on this slide; estimated from the notes when absent."""
    when: Condition | None = None
    """A Jinja expression; the slide is dropped when it is false."""

    @property
    def heading(self) -> str:
        """Return the title a speaker sees for this slide in lists and plans."""
        return getattr(self, "title", None) or ""


class TitleSlide(SlideBase):
    """The opening slide: the talk's title, subtitle, speaker and event."""

    kind: Literal["title"]
    title: ShortText | None = None
    """Overrides the deck's title."""
    subtitle: ShortText | None = None
    """Overrides the deck's subtitle."""


class AgendaSlide(SlideBase):
    """The agenda, generated from the section slides' titles."""

    kind: Literal["agenda"]
    title: ShortText = "Agenda"
    """The slide's title."""


class SectionSlide(SlideBase):
    """A section divider; its title appears in the agenda."""

    kind: Literal["section"]
    title: ShortText
    """The section's title."""
    subtitle: ShortText | None = None
    """One line under the title."""


class BulletsSlide(SlideBase):
    """A title and bullets (two levels)."""

    kind: Literal["bullets"]
    title: ShortText
    """The slide's title."""
    bullets: Bullets = Field(min_length=1)
    """The bullets: strings, or {text, bullets} for a second level."""

    _normal = field_validator("bullets", mode="after")(classmethod(lambda cls, v: _as_bullets(v)))


class PyramidSlide(SlideBase):
    """The whole pyramid, optionally with layers in focus and a caption or bullets beside it."""

    kind: Literal["pyramid"]
    title: ShortText
    """The slide's title."""
    highlight: Annotated[list[Identifier], Field(max_length=8)] = []
    """Ids of layers in focus; the others are dimmed. Empty: all layers at full colour.
    A string of ids separated by commas also works, e.g. from a variable: "{{ focus }}"."""

    @field_validator("highlight", mode="before")
    @classmethod
    def _split_ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part for part in re.split(r"[\s,]+", value.strip()) if part]
        return value
    caption: Text | None = None
    """A sentence under the pyramid."""
    bullets: Bullets = []
    """Bullets beside the pyramid."""
    arrow: bool = True
    """Draw the pyramid's arrow, when it has one."""
    render: Literal["picture", "shapes"] = "picture"
    """A crisp picture (default) or native, editable shapes."""

    _normal = field_validator("bullets", mode="after")(classmethod(lambda cls, v: _as_bullets(v)))


class LayerSlide(SlideBase):
    """One layer in focus: the pyramid with that layer highlighted, beside its bullets."""

    kind: Literal["layer"]
    layer: Identifier
    """The id of the layer in focus."""
    title: ShortText | None = None
    """The slide's title; defaults to the layer's label."""
    bullets: Bullets = []
    """Bullets about the layer."""
    render: Literal["picture", "shapes"] = "picture"
    """A crisp picture (default) or native, editable shapes."""

    _normal = field_validator("bullets", mode="after")(classmethod(lambda cls, v: _as_bullets(v)))


class Row(Strict):
    """A table row that can be shown only to some audiences."""

    cells: Annotated[list[Text], Field(min_length=1, max_length=8)]
    """The row's cells, in column order."""
    when: Condition | None = None
    """A Jinja expression; the row is dropped when it is false."""


class TableSlide(SlideBase):
    """A table with a header row."""

    kind: Literal["table"]
    title: ShortText
    """The slide's title."""
    columns: Annotated[list[ShortText], Field(min_length=1, max_length=8)]
    """The header cells."""
    rows: Annotated[list[Union[Annotated[list[Text], Field(min_length=1, max_length=8)], Row]], Field(min_length=1, max_length=40)]
    """The rows: lists of cells, or {cells, when}."""

    @field_validator("rows", mode="after")
    @classmethod
    def _as_rows(cls, rows: list[Any]) -> list[Row]:
        return [Row(cells=r) if isinstance(r, list) else r for r in rows]


class Column(Strict):
    """One column: a heading and bullets."""

    heading: ShortText
    """The column's heading."""
    bullets: Bullets = []
    """The column's bullets."""

    _normal = field_validator("bullets", mode="after")(classmethod(lambda cls, v: _as_bullets(v)))


class ColumnsSlide(SlideBase):
    """Two or three columns side by side."""

    kind: Literal["columns"]
    title: ShortText
    """The slide's title."""
    columns: Annotated[list[Column], Field(min_length=2, max_length=3)]
    """The columns."""


class ImageSlide(SlideBase):
    """A picture from the outline's folder, with a caption and alt text."""

    kind: Literal["image"]
    title: ShortText
    """The slide's title."""
    image: ShortText
    """Path of a PNG, JPEG or GIF, relative to the outline's folder."""
    alt: Text
    """Alt text: what the picture shows, for people who cannot see it."""
    caption: Text | None = None
    """A line under the picture."""


class QuoteSlide(SlideBase):
    """One key message, large."""

    kind: Literal["quote"]
    quote: Annotated[str, StringConstraints(min_length=1, max_length=400)]
    """The message."""
    attribution: ShortText | None = None
    """Who said it."""
    title: ShortText | None = None
    """An optional small title above the message."""


class ClosingSlide(SlideBase):
    """The last slide: thanks, questions, links."""

    kind: Literal["closing"]
    title: ShortText = "Questions?"
    """The slide's title."""
    message: Text | None = None
    """A line under the title, e.g. "Thank you!"."""
    links: Annotated[list[Link], Field(max_length=6)] = []
    """Contact links."""
    qr: ShortText | None = None
    """A link to show as a QR code, e.g. the slides or a feedback form."""


SLIDE_KINDS: dict[str, type[SlideBase]] = {
    "title": TitleSlide,
    "agenda": AgendaSlide,
    "section": SectionSlide,
    "bullets": BulletsSlide,
    "pyramid": PyramidSlide,
    "layer": LayerSlide,
    "table": TableSlide,
    "columns": ColumnsSlide,
    "image": ImageSlide,
    "quote": QuoteSlide,
    "closing": ClosingSlide,
}

Slide = Annotated[
    Union[
        TitleSlide, AgendaSlide, SectionSlide, BulletsSlide, PyramidSlide, LayerSlide,
        TableSlide, ColumnsSlide, ImageSlide, QuoteSlide, ClosingSlide,
    ],
    Field(discriminator="kind"),
]


class Audience(Strict):
    """A room the talk is given to: its label, its variables, the slides it skips."""

    label: ShortText
    """How the audience is named, e.g. "Cloud & DevOps engineers"."""
    variables: dict[Identifier, Any] = {}
    """Variables for this audience; they override the outline's."""
    skip: Annotated[list[Identifier], Field(max_length=MAX_SLIDES)] = []
    """Ids of slides this audience does not see."""


class Deck(Strict):
    """A talk outline: the deck's metadata, its pyramid, its audiences and its slides."""

    deck: DeckInfo
    """The talk: title, speaker, event, slot."""
    pyramid: Pyramid | None = None
    """The layered pyramid, defined once."""
    variables: dict[Identifier, Any] = {}
    """Default template variables, used in {{ }} in any text."""
    audiences: dict[Identifier, Audience] = {}
    """Audience profiles, chosen with --audience NAME."""
    slides: Annotated[list[Slide], Field(min_length=1, max_length=MAX_SLIDES)]
    """The slides, in order."""

    def layer(self, layer_id: str) -> Layer:
        """Return the pyramid layer named `layer_id`."""
        assert self.pyramid is not None
        return next(l for l in self.pyramid.layers if l.id == layer_id)

    def slide_title(self, slide: SlideBase) -> str:
        """Return the title shown on `slide` (defaults resolved)."""
        if isinstance(slide, TitleSlide):
            return slide.title or self.deck.title
        if isinstance(slide, LayerSlide):
            return slide.title or (self.layer(slide.layer).label if self.pyramid else slide.layer)
        return slide.heading


def field_docstrings() -> dict[str, dict[str, str]]:
    """Return {class name: {field: docstring}} from this module's source (the string under a field)."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(inspect.getmodule(field_docstrings)))
    out: dict[str, dict[str, str]] = {}
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
    return out


def json_schema() -> dict[str, Any]:
    """Return the outline's JSON Schema, for editors' YAML extensions (field docstrings included)."""
    schema = Deck.model_json_schema()
    docs = field_docstrings()
    inherited = docs.get("SlideBase", {})
    slide_classes = {cls.__name__ for cls in SLIDE_KINDS.values()}
    for name, definition in [("Deck", schema), *schema.get("$defs", {}).items()]:
        fields = {**inherited, **docs.get(name, {})} if name in slide_classes else docs.get(name, {})
        for field_name, prop in definition.get("properties", {}).items():
            if field_name in fields:
                prop.setdefault("description", fields[field_name])
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "deckgen outline"
    return schema


# --- turning pydantic's errors into located problems -------------------------------------------

def did_you_mean(word: str, choices: list[str] | set[str]) -> str:
    """Return ' (did you mean X?)' when a choice is close to `word`, else ''."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _model_for(path: tuple[Any, ...], data: Any) -> type[BaseModel] | None:
    """Return the model class that validates the mapping at `path` in raw `data`."""
    from typing import get_args, get_origin

    def unwrap(tp: Any, value: Any) -> Any:
        while True:
            origin = get_origin(tp)
            if origin is Annotated:
                tp = get_args(tp)[0]
            elif origin is Union:
                args = [a for a in get_args(tp) if a is not type(None)]
                models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
                if isinstance(value, dict) and "kind" in value and any(issubclass(m, SlideBase) for m in models):
                    return SLIDE_KINDS.get(value.get("kind"))
                lists = [a for a in args if get_origin(a) in (list, Annotated)]
                if isinstance(value, list) and lists:
                    tp = lists[0]
                elif isinstance(value, dict) and models:
                    return models[0]
                else:
                    return args[0] if args else None
            else:
                return tp

    cls: Any = Deck
    node = data
    for part in path:
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            fld = cls.model_fields.get(part) if isinstance(part, str) else None
            if fld is None:
                return None
            node = node.get(part) if isinstance(node, dict) else None
            cls = unwrap(fld.annotation, node)
        elif get_origin(cls) is list and isinstance(part, int):
            node = node[part] if isinstance(node, list) and part < len(node) else None
            cls = unwrap(get_args(cls)[0], node)
        elif get_origin(cls) is dict and isinstance(part, str):
            node = node.get(part) if isinstance(node, dict) else None
            cls = unwrap(get_args(cls)[1], node)
        else:
            return None
    return cls if isinstance(cls, type) and issubclass(cls, BaseModel) else None


def _message(err: dict[str, Any], path: tuple[Any, ...], data: Any) -> tuple[str, bool]:
    """Return (message, is_about_a_key) for one pydantic error."""
    etype = err["type"]
    if etype == "extra_forbidden":
        model = _model_for(path[:-1], data)
        known = list(model.model_fields) if model else []
        return f"unknown key {path[-1]!r}{did_you_mean(path[-1], known)}", True
    if etype in ("union_tag_invalid", "union_tag_not_found"):
        kind = err.get("input", {}).get("kind") if isinstance(err.get("input"), dict) else None
        kinds = ", ".join(SLIDE_KINDS)
        if kind is None:
            return f"a slide needs a `kind`: one of {kinds}", False
        return f"unknown slide kind {kind!r}{did_you_mean(kind, list(SLIDE_KINDS))}; kinds are {kinds}", False
    if etype == "missing":
        return f"required field {path[-1]!r} is missing", False
    msg = err["msg"]
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, "):]
    return msg[0].lower() + msg[1:], False


_MODEL_NAMES = {"Bullet", "SubBullet", "Row"}


def _branch_kind(part: Any) -> str | None:
    """Return what a union-branch marker in a pydantic loc accepts, or None if not a marker."""
    if not isinstance(part, str):
        return None
    if part in _MODEL_NAMES:
        return "mapping"
    if part.startswith("list["):
        return "list"
    if part in ("str", "constrained-str"):
        return "scalar"
    return None


_BRANCH_HINTS = {
    "Bullet": "should be text, or a mapping with `text:` (and optional `bullets:`, `when:`)",
    "SubBullet": "should be text, or a mapping with `text:` (and optional `when:`)",
    "Row": "should be a list of cells, or a mapping with `cells:` (and optional `when:`)",
}


class _Hinted(tuple):
    """A path whose value matched no branch of a union, with a hint of what was expected."""

    hint: str = ""


def _clean_loc(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...] | None:
    """Return `loc` as a path into the outline, or None when it blames a union branch not written.

    When what was written matches no branch at all (a list where text or a mapping is
    expected), return a _Hinted path so the problem is still reported, once, with a hint.

    pydantic inserts a slide's kind after its index, and names the branch of str-or-mapping
    unions (a bullet is a string or a mapping); keep the branch matching what the speaker wrote.
    """
    out: list[Any] = []
    node = data
    just_entered = False
    for part in loc:
        if just_entered and isinstance(node, dict) and node.get("kind") == part:
            just_entered = False
            continue
        branch = _branch_kind(part)
        if branch is not None:
            wrote = "mapping" if isinstance(node, dict) else "list" if isinstance(node, list) else "scalar"
            if wrote != branch:
                if part in _BRANCH_HINTS and wrote not in ("mapping", "scalar"):
                    hinted = _Hinted(out)
                    hinted.hint = _BRANCH_HINTS[part]
                    return hinted
                return None
            continue
        out.append(part)
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            node = None
        just_entered = isinstance(node, dict) and "kind" in node
    return tuple(out)


def validate(data: dict[str, Any], source: Source) -> Deck:
    """Return the Deck for resolved outline `data`, or raise OutlineError listing every problem."""
    try:
        deck = Deck.model_validate(data)
    except ValidationError as exc:
        raw = exc.errors(include_url=False)
        problems = []
        for err in raw:
            path = _clean_loc(tuple(err["loc"]), data)
            if path is None:
                continue
            if isinstance(path, _Hinted):
                problems.append(source.problem(tuple(path), path.hint))
                continue
            message, about_key = _message(err, path, data)
            problems.append(source.problem(path, message, key=about_key))
        raise OutlineError(_unique(problems)) from None
    problems = _cross_checks(deck, source)
    if problems:
        raise OutlineError(problems)
    return deck


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[str, Problem] = {}
    for p in problems:
        seen.setdefault(str(p), p)
    return list(seen.values())


def _cross_checks(deck: Deck, source: Source) -> list[Problem]:
    """Return problems that span fields: layer references, agenda without sections."""
    problems: list[Problem] = []
    layer_ids = [l.id for l in deck.pyramid.layers] if deck.pyramid else []
    for i, slide in enumerate(deck.slides):
        path: FieldPath = ("slides", i)
        refs: list[tuple[FieldPath, str]] = []
        if isinstance(slide, LayerSlide):
            refs.append((path + ("layer",), slide.layer))
        if isinstance(slide, PyramidSlide):
            refs.extend((path + ("highlight", j), h) for j, h in enumerate(slide.highlight))
        if isinstance(slide, (LayerSlide, PyramidSlide)) and deck.pyramid is None:
            problems.append(source.problem(path + ("kind",), f"a {slide.kind} slide needs a `pyramid:` at the top of the outline"))
            continue
        for ref_path, ref in refs:
            if ref not in layer_ids:
                problems.append(source.problem(ref_path, f"no layer {ref!r}{did_you_mean(ref, layer_ids)}; layers are {', '.join(layer_ids)}"))
        if isinstance(slide, TableSlide):
            for j, row in enumerate(slide.rows):
                if len(row.cells) != len(slide.columns):
                    problems.append(source.problem(path + ("rows", j), f"this row has {len(row.cells)} cells but the table has {len(slide.columns)} columns"))
        if isinstance(slide, AgendaSlide) and not any(isinstance(s, SectionSlide) for s in deck.slides):
            problems.append(source.problem(path, "an agenda lists the section slides' titles, and this outline has no section slide"))
    return problems


