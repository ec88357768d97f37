"""A title and bullets (two levels)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from ..fields import VERBATIM, Bullets, ShortInline, SlideBase, as_bullets
from .base import Context, Kind, bullet_clicks, bullet_spans, fitted_bullets, title


class BulletsSlide(SlideBase):
    """A title and bullets (two levels)."""

    kind: Annotated[Literal["bullets"], VERBATIM]
    title: ShortInline
    """The slide's title."""
    bullets: Bullets = Field(min_length=1)
    """The bullets: strings, or {text, bullets} for a second level."""

    reveal: bool = False
    """Build the slide click by click: one top-level bullet (with its sub-bullets) per click."""

    _normal = field_validator("bullets", mode="after")(classmethod(lambda cls, v: as_bullets(v)))


def write(ctx: Context, out, s: BulletsSlide) -> None:
    title(ctx, out, s.title)
    body = out.placeholder(1)
    paragraphs, size = fitted_bullets(ctx, s.bullets, *body.size, ctx.theme.body_max, drawn=False)
    shape_id = body.write(paragraphs, size)
    if s.reveal:
        out.reveal([[out.show(shape_id, span)] for span in bullet_spans(s.bullets)])


KIND = Kind("bullets", BulletsSlide, "Title and Content", write, placeholders=(0, 1), clicks=bullet_clicks)
