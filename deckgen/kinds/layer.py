"""One layer in focus: the pyramid with that layer highlighted, beside its bullets."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal

from pydantic import field_validator

from ..errors import did_you_mean
from ..fields import VERBATIM, Bullets, Identifier, Render, ShortInline, SlideBase, as_bullets
from ..theme import Theme
from .base import FLOORS, Context, Kind, bullet_clicks, place_pyramid, pyramid_text_sizes, side_bullets, title
from .pyramid import beside_bullets, bullets_left, fitted_height, pyramid_spec


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


def diagram(deck, s: LayerSlide, theme: Theme):
    """Return the pyramid with this slide's layer in focus.

    Beside bullets the pyramid is narrow; when every band's detail would be set below the floor
    for secondary text, only the layer in focus keeps its detail, which then has the room.
    """


    spec = pyramid_spec(deck, theme, [s.layer], beside_bullets(theme), fitted_height(theme, 4.9), arrow=False, inverted=s.inverted)
    details = pyramid_text_sizes(spec)[1]
    if details and min(details) < FLOORS["secondary"]:
        focus = next(iter(spec.focus))
        layers = tuple(layer if i == focus else replace(layer, detail=None) for i, layer in enumerate(spec.layers))
        spec = replace(spec, layers=layers)
    return spec


def write(ctx: Context, out, s: LayerSlide) -> None:
    title(ctx, out, heading(ctx.deck, s))
    left, top, width, height = ctx.content_box()
    spec = ctx.diagrams[ctx.index]
    place_pyramid(ctx, out, spec, left, top + (height - spec.height_in) / 2, s.render)
    if s.bullets:
        beside = bullets_left(ctx.theme)
        steps = side_bullets(ctx, out, s.bullets, (left + beside, top, width - beside, height))
        if s.reveal:
            out.reveal(steps)


def check(deck, s: LayerSlide, path, source) -> list:
    """Return problems: a layer the pyramid does not have."""
    ids = [l.id for l in deck.pyramid.layers]
    if s.layer in ids:
        return []
    return [source.problem(path + ("layer",), f"no layer {s.layer!r}{did_you_mean(s.layer, ids)}; layers are {', '.join(ids)}")]


KIND = Kind("layer", LayerSlide, "Title Only", write, heading=heading, diagram=diagram, check=check, needs_pyramid=True, clicks=bullet_clicks)
