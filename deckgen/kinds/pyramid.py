"""The whole pyramid, optionally with layers in focus and a caption or bullets beside it."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from ..errors import did_you_mean
from ..fields import VERBATIM, Bullets, Identifier, Inline, Render, ShortInline, SlideBase, as_bullets
from ..markup import plain
from ..theme import Theme
from .base import FLOORS, Context, Kind, caption, place_pyramid, pyramid_text_sizes, side_bullets, title

BESIDE_BULLETS = 6.6  # width of a pyramid that shares the slide with bullets, inches (16:9)
BULLETS_LEFT = 6.9  # bullets beside such a pyramid start this far into the content box (16:9)
WIDE_CONTENT = 12192000 / 914400 - 1.2  # the content width those two are set for


def beside_bullets(theme: Theme) -> float:
    """Return the width of a pyramid beside bullets: the same share of a narrower content box."""
    return BESIDE_BULLETS * min(1.0, theme.content_width / WIDE_CONTENT)


def bullets_left(theme: Theme) -> float:
    """Return how far into the content box the bullets beside a pyramid start."""
    return BULLETS_LEFT * min(1.0, theme.content_width / WIDE_CONTENT)


def fitted_height(theme: Theme, height: float) -> float:
    """Return `height`, or the content box's height when that is less."""
    return min(height, theme.content_bottom - theme.content_top)


class PyramidSlide(SlideBase):
    """The whole pyramid, optionally with layers in focus and a caption or bullets beside it."""

    kind: Annotated[Literal["pyramid"], VERBATIM]
    title: ShortInline
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
    caption: Inline | None = None
    """A sentence under the pyramid."""
    bullets: Bullets = []
    """Bullets beside the pyramid."""
    arrow: bool = True
    """Draw the pyramid's arrow, when it has one."""
    render: Render = "picture"
    """A crisp picture (default) or native, editable shapes."""
    inverted: bool | None = None
    """Draw this slide's pyramid inverted (a funnel), or not, whatever the outline's `shape`."""
    reveal: bool = False
    """Build the slide click by click: a pyramid drawn as shapes one band per click from the
    bottom (a picture is there from the start), then one top-level bullet per click."""

    _normal = field_validator("bullets", mode="after")(classmethod(lambda cls, v: as_bullets(v)))


def detail_side(deck) -> str:
    """Return the side the layer details stand on: the outline's, else the right, or the left
    in a talk written right to left (its pyramid mirrored)."""
    pyr = deck.pyramid
    if "detail_side" in pyr.model_fields_set or not deck.words.rtl:
        return pyr.detail_side
    return "left"


def pyramid_spec(deck, theme: Theme, focus: list[str], width: float, height: float, arrow: bool, inverted: bool | None = None):
    """Return the diagram spec of the deck's pyramid with layers `focus` in focus, `width` x `height` inches."""
    from ..diagrams.spec import LayerSpec, PyramidSpec  # deferred: deckgen.diagrams.spec loads only when this runs

    pyr = deck.pyramid
    ids = [layer.id for layer in pyr.layers]
    return PyramidSpec(
        layers=tuple(LayerSpec(plain(l.label), plain(l.detail) if l.detail else None) for l in pyr.layers),
        colours=tuple(theme.band_colours(len(pyr.layers), pyr.palette)),
        focus=frozenset(ids.index(f) for f in focus),
        inverted=pyr.shape == "inverted" if inverted is None else inverted,
        detail_side=detail_side(deck),
        arrow_label=pyr.arrow.label if (arrow and pyr.arrow) else None,
        arrow_direction=pyr.arrow.direction if pyr.arrow else "down",
        width_in=width,
        height_in=height,
        theme=theme,
    )


def diagram(deck, s: PyramidSlide, theme: Theme):
    """Return the pyramid this slide shows; its size depends on what stands beside it."""
    if s.bullets:
        return pyramid_spec(deck, theme, s.highlight, beside_bullets(theme), fitted_height(theme, 4.9) - (0.6 if s.caption else 0), s.arrow, s.inverted)

    height = fitted_height(theme, 5.0) - (0.5 if s.caption else 0)
    spec = pyramid_spec(deck, theme, s.highlight, min(8.4, theme.content_width), height, s.arrow, s.inverted)
    details = pyramid_text_sizes(spec)[1]
    if details and min(details) < FLOORS["secondary"]:
        # alone on the slide, the pyramid may take the content area's width: its details get
        # the room to stand on one line, at a size that can be read
        spec = pyramid_spec(deck, theme, s.highlight, theme.content_width, height, s.arrow, s.inverted)
    return spec


def write(ctx: Context, out, s: PyramidSlide) -> None:
    title(ctx, out, s.title)
    left, top, width, height = ctx.content_box()
    spec = ctx.diagrams[ctx.index]
    if s.bullets:
        bands = place_pyramid(ctx, out, spec, left, top, s.render, s.reveal)
        beside = bullets_left(ctx.theme)
        steps = side_bullets(ctx, out, s.bullets, (left + beside, top, width - beside, height))
        if s.caption:
            caption(ctx, out, s.caption, (left, top + spec.height_in + 0.1, spec.width_in, height - spec.height_in - 0.1))
    else:
        bands = place_pyramid(ctx, out, spec, left + (width - spec.width_in) / 2, top, s.render, s.reveal)
        steps = []
        if s.caption:
            caption(ctx, out, s.caption, (left + 0.5, top + spec.height_in + 0.05, width - 1.0, height - spec.height_in - 0.05))
    if s.reveal:
        out.reveal([[out.show(band)] for band in bands] + steps)  # bands bottom to top, then bullets


def check(deck, s: PyramidSlide, path, source) -> list:
    """Return problems: highlighted layers the pyramid does not have."""
    ids = [l.id for l in deck.pyramid.layers]
    return [
        source.problem(path + ("highlight", j), f"no layer {ref!r}{did_you_mean(ref, ids)}; layers are {', '.join(ids)}")
        for j, ref in enumerate(s.highlight)
        if ref not in ids
    ]


def clicks(deck, slide: PyramidSlide, files: dict | None = None) -> int:
    """Return the clicks of a pyramid slide that builds: its bands when drawn as shapes, then its bullets."""
    if not slide.reveal:
        return 0
    return (len(deck.pyramid.layers) if slide.render == "shapes" else 0) + len(slide.bullets)


KIND = Kind("pyramid", PyramidSlide, "Title Only", write, diagram=diagram, check=check, needs_pyramid=True, clicks=clicks)
