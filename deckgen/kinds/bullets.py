"""A title and bullets (two levels)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from ..fields import VERBATIM, Bullets, ShortInline, SlideBase, as_bullets
from ..readers import Input
from ..readers.picture import PICTURE
from ..text import fit_size
from .base import FLOORS, Context, Kind, bullet_clicks, bullet_paragraphs, bullet_spans, fitted_bullets, title
from .pictures import BesideFields, beside_shares, picture_name, place, split


class BulletsSlide(SlideBase, BesideFields):
    """A title and bullets (two levels), with a picture beside them if `image:` names one."""

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
    if s.image is not None:
        data = ctx.files["picture"][s.image]
        # the picture gives up width, down to its own floor, until the bullets reach theirs
        t = ctx.theme
        for share in beside_shares(data, body.box, s.share):
            text_box, picture_box = split(body.box, share, s.side)
            trial = bullet_paragraphs(ctx, s.bullets, t.body_max, False)
            size = fit_size(trial, text_box[2], text_box[3], t.body_max, t.body_min, ctx.families)
            if size is not None and min(p.size(size) for p in trial) >= FLOORS["body"]:
                break
        body.set_box(text_box)
        place(ctx, out, data, picture_box, picture_name(s.image), s.alt, s.fit, s.focus)
    paragraphs, size = fitted_bullets(ctx, s.bullets, *body.size, ctx.theme.body_max, drawn=False)
    shape_id = body.write(paragraphs, size)
    if s.reveal:
        out.reveal([[out.show(shape_id, span)] for span in bullet_spans(s.bullets)])


KIND = Kind("bullets", BulletsSlide, "Title and Content", write, placeholders=(0, 1), clicks=bullet_clicks, inputs=(Input(PICTURE, "image"),))
