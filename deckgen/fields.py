"""The outline's shared vocabulary: text types, the deck's metadata, the pyramid, bullets, SlideBase.

Slide kinds (deckgen/kinds/) build on these; `model.py` assembles them into the Deck.
Field docstrings (the string under a field) become the JSON Schema's descriptions.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from . import markup
from .words import check_date, check_language


class Verbatim:
    """Marks a field whose value is a name, a choice or code: never rendered as a template.

    Declared on the field (`Annotated[str, VERBATIM]`), so a new field cannot be templated by
    mistake; templating reads the marks from the models (`verbatim_fields`).
    """

    def __repr__(self) -> str:
        return "VERBATIM"


VERBATIM = Verbatim()

MAX_TEXT = 2000
MAX_ITEMS = 200
MAX_SLIDES = 5000

def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("is only blank space; write some text or leave the field out")
    return text


Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT), AfterValidator(_not_blank)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300), AfterValidator(_not_blank)]
# text that reaches a slide: inline markup (**bold**, *italic*, `code`, [links](https://…)),
# checked where it is written so a refused link is reported at its line and column
Inline = Annotated[Text, AfterValidator(markup.check)]
ShortInline = Annotated[ShortText, AfterValidator(markup.check)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Condition = Annotated[Union[bool, Annotated[str, StringConstraints(max_length=500)]], VERBATIM]


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

    label: ShortInline
    """What the link is, e.g. "Slides"."""
    url: ShortText
    """The address, e.g. "https://example.org/slides"."""

    @field_validator("url")
    @classmethod
    def _scheme(cls, value: str) -> str:
        refused = markup.refused_scheme(value)
        if refused:
            raise ValueError(refused)
        return value


class DeckPalette(Strict):
    """The speaker's colours; text on them is kept at the theme's contrast."""

    primary: Colour | None = None
    """Title, section and closing backgrounds, table headers and the pyramid's base (#RRGGBB)."""
    accent: Colour | None = None
    """Rules, arrows and highlights (#RRGGBB)."""


class Transition(Strict):
    """How a slide comes on screen: PowerPoint's own transition, written so that clients
    without the effect (morph before PowerPoint 2019) play a fade instead."""

    effect: Annotated[Literal["none", "fade", "push", "wipe", "cover", "morph"], VERBATIM]
    """none, fade, push, wipe, cover or morph."""
    duration: Annotated[float, Field(ge=0.1, le=10)] = 0.7
    """Seconds the transition takes."""


TransitionField = Annotated[
    Union[Literal["none", "fade", "push", "wipe", "cover", "morph"], Transition],
    VERBATIM,
    AfterValidator(lambda v: Transition(effect=v) if isinstance(v, str) else v),
]


class DeckInfo(Strict):
    """The talk itself: what it is called, who gives it, where and for how long."""

    title: ShortInline
    """The talk's title."""
    subtitle: ShortInline | None = None
    """One line under the title."""
    speaker: ShortText | None = None
    """The speaker's name."""
    role: ShortText | None = None
    """The speaker's role or company, shown under the name."""
    handle: ShortText | None = None
    """The speaker's social handle, shown in the footer, e.g. "@ada"."""
    event: Event | None = None
    """Where the talk is given."""
    date: Annotated[ShortText, AfterValidator(check_date)] | None = None
    """The date of the talk, as it should be shown (e.g. 2026-12-03)."""
    language: Annotated[str, StringConstraints(max_length=35), AfterValidator(check_language), Field(json_schema_extra={"pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"})] = "en-US"
    """The talk's language as a BCP 47 tag (de, fr-CA, ja, pt-BR): every run of the slides and
    notes is tagged with it, so PowerPoint checks the spelling in that language."""
    duration: Annotated[int, Field(ge=1, le=600)] = 20
    """The slot, in minutes."""
    footer: bool = True
    """Show slide numbers (and event hashtag and handle) on content slides."""
    template: ShortText | None = None
    """A .pptx or .potx template whose layouts the slides fill, relative to the outline's folder:
    its size, colours, fonts, footer and slide number are the deck's."""
    theme: Annotated[Literal["light", "dark", "contrast"], VERBATIM] = "light"
    """The built-in look, without a template: light, dark (for dim rooms) or contrast (black on
    white, every text at 7:1 or more, for bright rooms and weak projectors)."""
    palette: DeckPalette | None = None
    """Your own primary and accent colours, on the built-in theme or your template."""
    transition: TransitionField | None = None
    """How every slide comes on screen (a slide's own `transition:` wins): none, fade, push,
    wipe, cover or morph, or {effect: fade, duration: 0.5} (seconds)."""
    layouts: Annotated[dict[Annotated[str, StringConstraints(pattern=r"^[a-z]+$", max_length=20)], ShortText], Field(max_length=20)] | None = None
    """The template layout each kind fills, by name, where deckgen's choice is not yours:
    {bullets: "Title, Content", section: "Centered Text"}."""


class Layer(Strict):
    """One layer of the pyramid."""

    id: Annotated[Identifier, VERBATIM]
    """A short name slides refer to, e.g. "models"."""
    label: ShortInline
    """The label drawn inside the band (markup is dropped in the picture)."""
    detail: ShortInline | None = None
    """A short detail drawn beside the band, e.g. examples."""


class Arrow(Strict):
    """An arrow beside the pyramid spanning its height."""

    label: ShortText
    """What grows or falls along the arrow."""
    direction: Annotated[Literal["up", "down"], VERBATIM] = "down"
    """Which way the arrow points."""


class Pyramid(Strict):
    """The layered pyramid, defined once and drawn on pyramid and layer slides."""

    layers: Annotated[list[Layer], Field(min_length=2, max_length=8)]
    """The layers, listed bottom to top (2 to 8)."""
    shape: Annotated[Literal["pyramid", "inverted"], VERBATIM] = "pyramid"
    """A pyramid (widest at the bottom) or an inverted funnel."""
    arrow: Arrow | None = None
    """An optional arrow beside the pyramid."""
    detail_side: Annotated[Literal["left", "right"], VERBATIM] = "right"
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

    text: Inline
    """The bullet's text."""
    when: Condition | None = None
    """A Jinja expression; the bullet is dropped when it is false."""


class Bullet(Strict):
    """A first-level bullet, optionally with second-level bullets."""

    text: Inline
    """The bullet's text."""
    bullets: Annotated[list[Union[Inline, SubBullet]], Field(max_length=MAX_ITEMS)] = []
    """Second-level bullets."""
    when: Condition | None = None
    """A Jinja expression; the bullet is dropped when it is false."""

    @field_validator("bullets", mode="after")
    @classmethod
    def _as_sub(cls, items: list[Any]) -> list[Any]:
        return [SubBullet(text=i) if isinstance(i, str) else i for i in items]


Bullets = Annotated[list[Union[Inline, Bullet]], Field(max_length=MAX_ITEMS)]



class SlideBase(Strict):
    """What every slide can carry."""

    id: Annotated[Identifier, VERBATIM] | None = None
    """A name for this slide, used by audiences' `skip` lists and by links to it: [the costs](#costs)."""
    hidden: bool = False
    """A backup slide: kept in the deck, skipped in the slide show (PowerPoint's hidden slide),
    left out of the timing plan and the agenda; jump to it with a link."""
    back: bool = False
    """Add a small "Back" link to the slide shown before this one (for a backup slide reached by a link)."""
    transition: TransitionField | None = None
    """How the slide comes on screen, over the deck's: fade, or {effect: push, duration: 0.5}."""
    notes: Annotated[str, StringConstraints(max_length=20000)] = ""
    """Speaker notes, shown in presenter view."""
    minutes: Annotated[float, Field(gt=0, le=120)] | None = None
    """Planned minutes on this slide; estimated from the notes when absent."""
    when: Condition | None = None
    """A Jinja expression; the slide is dropped when it is false."""
    background: ShortText | None = None
    """A picture behind the whole slide (PNG, JPEG, GIF, HEIC or SVG in the outline's folder); its text is coloured, and given a scrim, from the picture's pixels under it."""


Render = Annotated[Literal["picture", "shapes"], VERBATIM]


def as_bullets(items: list[Any]) -> list[Bullet]:
    """Return bullets written as strings or mappings, all as Bullet."""
    return [Bullet(text=i) if isinstance(i, str) else i for i in items]


def _marked(annotation: Any) -> bool:
    """Return whether VERBATIM marks `annotation` or a type inside it (`Condition | None`)."""

    if get_origin(annotation) is Annotated and any(isinstance(m, Verbatim) for m in annotation.__metadata__):
        return True
    return any(_marked(arg) for arg in get_args(annotation))


def _has_markup(annotation: Any) -> bool:
    """Return whether `annotation` is, or holds, inline-markup text."""

    if get_origin(annotation) is Annotated and any(getattr(m, "func", None) is markup.check for m in annotation.__metadata__):
        return True
    return any(_has_markup(arg) for arg in get_args(annotation))


def markup_fields(model: type[BaseModel]) -> set[str]:
    """Return the names of `model`'s fields whose text takes inline markup."""
    return {
        name
        for name, info in model.model_fields.items()
        if any(getattr(m, "func", None) is markup.check for m in info.metadata) or _has_markup(info.annotation)
    }


def verbatim_fields(model: type[BaseModel]) -> set[str]:
    """Return the names of `model`'s fields marked VERBATIM."""
    return {
        name
        for name, info in model.model_fields.items()
        if any(isinstance(m, Verbatim) for m in info.metadata) or _marked(info.annotation)
    }
