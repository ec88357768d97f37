"""The whole pyramid, optionally with layers in focus and a caption or bullets beside it."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator

from ..errors import did_you_mean
from ..fields import VERBATIM, Bullets, Identifier, Inline, Render, ShortInline, SlideBase, as_bullets
from ..markup import plain
from ..theme import Theme
from ..text import block_height, rich
from .base import FLOORS, Context, Kind, caption, place_pyramid, refusals, side_bullet_size, side_bullets, title

BESIDE_BULLETS = 6.6  # width of a pyramid that shares the slide with bullets, inches (16:9)
BULLETS_LEFT = 6.9  # bullets beside such a pyramid start this far into the content box (16:9)
WIDE_CONTENT = 12192000 / 914400 - 1.2  # the content width those two are set for


def beside_bullets(theme: Theme) -> float:
    """Return the width of a pyramid beside bullets: the same share of a narrower content box."""
    return BESIDE_BULLETS * min(1.0, theme.content_width / WIDE_CONTENT)


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


def pyramid_spec(deck, theme: Theme, focus: list[str], width: float, height: float, arrow: bool, inverted: bool | None = None, families: tuple = (), choice=None, keep: str | None = None):
    """Return the diagram spec of the deck's pyramid with layers `focus` in focus, `width` x
    `height` inches, in the shape `choice` (fit.Choice) found for it; with `keep`, only that
    layer's detail is shown."""
    from ..diagrams.spec import LayerSpec, PyramidSpec  # deferred: deckgen.diagrams.spec loads only when this runs

    pyr = deck.pyramid
    ids = [layer.id for layer in pyr.layers]
    extra = {} if choice is None else {"apex": choice.apex, "detail_share": choice.detail_share, "band_gap": choice.gap}
    return PyramidSpec(
        layers=tuple(LayerSpec(plain(l.label), plain(l.detail) if l.detail and keep in (None, l.id) else None) for l in pyr.layers),
        colours=tuple(theme.band_colours(len(pyr.layers), pyr.palette)),
        focus=frozenset(ids.index(f) for f in focus),
        inverted=pyr.shape == "inverted" if inverted is None else inverted,
        detail_side=detail_side(deck),
        arrow_label=pyr.arrow.label if (arrow and pyr.arrow) else None,
        arrow_direction=pyr.arrow.direction if pyr.arrow else "down",
        width_in=width,
        height_in=height,
        theme=theme,
        families=families,
        **extra,
    )


FLOOR_OF = {"labels": FLOORS["secondary"], "details": FLOORS["secondary"], "bullets": FLOORS["body"], "caption": FLOORS["secondary"]}  # by text of a pyramid slide
BULLET_GAP = BULLETS_LEFT - BESIDE_BULLETS  # between a pyramid and the bullets beside it, inches
CAPTION_SIZES = (20, 18, 16, 14)


def captions(theme: Theme, families: tuple, text: str, width: float) -> list[tuple[float, float]]:
    """Return the caption's (size, height) choices in a box `width` wide: the largest size for
    each height it can take, largest first."""
    paragraph = rich(text, theme.palette.muted, link=theme.palette.link, italic=True, align="ctr")
    out: list[tuple[float, float]] = []
    for size in CAPTION_SIZES:
        height = block_height([paragraph], size, width, families)
        if not out or height < out[-1][1] - 1e-6:
            out.append((size, height))
    return out


def search(deck, theme: Theme, families: tuple, *, bullets=(), caption: str | None = None, arrow: bool = True, inverted: bool | None = None, keep: str | None = None):
    """Return the best layout (fit.Choice) of the deck's pyramid on a slide with `bullets`
    beside it or `caption` under it; with `keep`, only that layer shows its detail."""
    from ..diagrams.fit import Room, Search, Texts  # deferred: the pyramid's layout, for decks with a pyramid only

    pyr = deck.pyramid
    texts = Texts(
        tuple(plain(l.label) for l in pyr.layers),
        tuple(plain(l.detail) if l.detail and keep in (None, l.id) else None for l in pyr.layers),
        bool(arrow and pyr.arrow),
        families,
    )
    key = (texts, tuple(b.model_dump_json() for b in bullets), caption, inverted if inverted is not None else pyr.shape == "inverted", theme)
    found = _SEARCHED.get(key)
    if found is not None:
        return found
    height = theme.content_bottom - theme.content_top
    floors = tuple(FLOOR_OF.items())
    comfort = (("labels", 18.0), ("details", 16.0), ("bullets", float(theme.body_max - 2)), ("caption", 20.0))
    if bullets:
        room = Room(
            theme.content_width, height, beside_bullets(theme), fitted_height(theme, 4.9), floors, comfort,
            bullets=lambda w, at_least: side_bullet_size(theme, families, bullets, w, height, at_least), bullet_gap=BULLET_GAP * min(1.0, theme.content_width / WIDE_CONTENT),
            captions=(lambda w: captions(theme, families, caption, w)) if caption else None,
        )
    else:
        room = Room(
            theme.content_width, height, min(8.4, theme.content_width), fitted_height(theme, 5.0), floors, comfort,
            captions=(lambda w: captions(theme, families, caption, theme.content_width - 1.0)) if caption else None,
        )
    found = Search(texts, room, inverted=key[3]).best()
    if len(_SEARCHED) > 512:
        _SEARCHED.clear()
    _SEARCHED[key] = found
    return found


_SEARCHED: dict = {}  # layouts found, by what decided them: a deck's layer slides repeat their pyramid


def diagram(deck, s: PyramidSlide, theme: Theme, families: tuple = ()):
    """Return the pyramid this slide shows, in the layout that gives its text the most room."""
    choice = search(deck, theme, families, bullets=s.bullets, caption=s.caption, arrow=s.arrow, inverted=s.inverted)
    return pyramid_spec(deck, theme, s.highlight, choice.width, choice.height, s.arrow, s.inverted, families, choice)


def write(ctx: Context, out, s: PyramidSlide) -> None:
    title(ctx, out, s.title)
    left, top, width, height = ctx.content_box(clear_of_template=False)
    spec = ctx.diagrams[ctx.index]
    box = None
    if s.bullets:
        bands = place_pyramid(ctx, out, spec, left, top, s.render, s.reveal)
        beside = spec.width_in + BULLET_GAP * min(1.0, ctx.theme.content_width / WIDE_CONTENT)
        box = (left + beside, top, width - beside, height)
        steps = side_bullets(ctx, out, s.bullets, box)
        if s.caption:
            caption(ctx, out, s.caption, (left, top + spec.height_in + 0.1, spec.width_in, height - spec.height_in - 0.1))
    else:
        bands = place_pyramid(ctx, out, spec, left + (width - spec.width_in) / 2, top, s.render, s.reveal)
        steps = []
        if s.caption:
            caption(ctx, out, s.caption, (left + 0.5, top + spec.height_in + 0.05, width - 1.0, height - spec.height_in - 0.05))
    refusals(ctx, s, spec, lambda **change: search(ctx.deck, ctx.theme, ctx.families, **{"bullets": s.bullets, "caption": s.caption, "arrow": s.arrow, "inverted": s.inverted, **change}), box)
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
