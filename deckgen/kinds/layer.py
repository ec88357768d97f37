"""One layer in focus: the pyramid with that layer highlighted, beside its bullets."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import field_validator

from ..errors import did_you_mean
from ..fields import VERBATIM, Bullets, Identifier, Render, ShortInline, SlideBase, as_bullets
from ..theme import Theme
from .base import Context, Kind, bullet_clicks, place_pyramid, refusals, side_bullets, title
from .pyramid import BULLET_GAP, FLOOR_OF, WIDE_CONTENT, pyramid_spec, search


class LayerSlide(SlideBase):
    """One layer in focus: the pyramid with that layer highlighted, beside its bullets."""

    kind: Annotated[Literal["layer"], VERBATIM]
    layer: Identifier
    """The id of the layer in focus."""
    title: ShortInline | None = None
    """The slide's title; defaults to the layer's label."""
    bullets: Bullets = []
    """Bullets about the layer."""
    render: Render = "picture"
    """A crisp picture (default) or native, editable shapes."""
    inverted: bool | None = None
    """Draw this slide's pyramid inverted (a funnel), or not, whatever the outline's `shape`."""
    reveal: bool = False
    """Build the bullets click by click, one top-level bullet per click (the pyramid is there from the start)."""

    _normal = field_validator("bullets", mode="after")(classmethod(lambda cls, v: as_bullets(v)))


def heading(deck, s: LayerSlide) -> str:
    """Return the title shown: the slide's own, else the layer's label."""
    if s.title:
        return s.title
    layers = {l.id: l.label for l in deck.pyramid.layers} if deck.pyramid else {}
    return layers.get(s.layer, s.layer)


def diagram(deck, s: LayerSlide, theme: Theme, families: tuple = ()):
    """Return the pyramid with this slide's layer in focus, in the layout that gives its text
    the most room.

    Where some text of the slide cannot be set at its floor beside every band's detail, the
    other layers' details go first: the layer in focus keeps its detail, and the slide's other
    text the room they leave.
    """
    choice = search(deck, theme, families, bullets=s.bullets, arrow=False, inverted=s.inverted)
    keep = None
    if choice.size("details") is not None and choice.short(FLOOR_OF):
        keep = s.layer
        choice = search(deck, theme, families, bullets=s.bullets, arrow=False, inverted=s.inverted, keep=keep)
    return pyramid_spec(deck, theme, [s.layer], choice.width, choice.height, False, s.inverted, families, choice, keep)


def write(ctx: Context, out, s: LayerSlide) -> None:
    title(ctx, out, heading(ctx.deck, s))
    left, top, width, height = ctx.content_box(clear_of_template=False)
    spec = ctx.diagrams[ctx.index]
    place_pyramid(ctx, out, spec, left, top + (height - spec.height_in) / 2, s.render)
    box = None
    if s.bullets:
        beside = spec.width_in + BULLET_GAP * min(1.0, ctx.theme.content_width / WIDE_CONTENT)
        box = (left + beside, top, width - beside, height)
        steps = side_bullets(ctx, out, s.bullets, box)
        if s.reveal:
            out.reveal(steps)
    layers = ctx.deck.pyramid.layers
    keep = s.layer if any(l.detail and not shown.detail for l, shown in zip(layers, spec.layers)) else None
    refusals(ctx, s, spec, lambda **change: search(ctx.deck, ctx.theme, ctx.families, **{"bullets": s.bullets, "arrow": False, "inverted": s.inverted, "keep": keep, **change}), box)


def check(deck, s: LayerSlide, path, source) -> list:
    """Return problems: a layer the pyramid does not have."""
    ids = [l.id for l in deck.pyramid.layers]
    if s.layer in ids:
        return []
    return [source.problem(path + ("layer",), f"no layer {s.layer!r}{did_you_mean(s.layer, ids)}; layers are {', '.join(ids)}")]


KIND = Kind("layer", LayerSlide, "Title Only", write, heading=heading, diagram=diagram, check=check, needs_pyramid=True, clicks=bullet_clicks)
