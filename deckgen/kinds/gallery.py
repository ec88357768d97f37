"""Two to six pictures on one slide, each with alt text and an optional caption: in rows
chosen from their shapes (or the rows the speaker gives), in order."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from ..fields import VERBATIM, Inline, ShortInline, ShortText, SlideBase, Strict, Text
from ..readers import Input
from ..readers.picture import PICTURE, pixel_size
from .base import Context, Kind, caption, title
from .pictures import Fit, Focus, grid, picture_name, place


class GalleryPicture(Strict):
    """One of the slide's pictures."""

    image: ShortText
    """Path of a PNG, JPEG, GIF, HEIC or SVG file, relative to the outline's folder."""
    alt: Text
    """Alt text: what the picture shows, for people who cannot see it."""
    caption: Inline | None = None
    """A line under the picture."""
    focus: Focus = "center"
    """With `fit: cover`: the point kept in view: center, top, bottom, left, right, a corner, or x,y (0..1)."""


class PicturesSlide(SlideBase):
    """A title and two to six pictures with captions."""

    kind: Annotated[Literal["pictures"], VERBATIM]
    title: ShortInline
    """The slide's title."""
    pictures: Annotated[list[GalleryPicture], Field(min_length=2, max_length=6)]
    """The pictures, in reading order."""
    rows: Annotated[list[Annotated[int, Field(ge=1, le=6)]], Field(min_length=1, max_length=3)] | None = None
    """How many pictures each row holds, top to bottom (e.g. [2, 3]); default: the rows that show them largest."""
    fit: Fit = "contain"
    """contain: each picture whole, a row's pictures one height; cover: equal cells, each picture cut to its cell."""

    @model_validator(mode="after")
    def _rows_add_up(self):
        if self.rows is not None and sum(self.rows) != len(self.pictures):
            raise ValueError(f"`rows:` {self.rows} hold {sum(self.rows)} pictures; the slide has {len(self.pictures)}")
        return self


def write(ctx: Context, out, s: PicturesSlide) -> None:
    title(ctx, out, s.title)
    box = ctx.content_box()
    data = [ctx.files["picture"][p.image] for p in s.pictures]
    aspects = [w / h for w, h in map(pixel_size, data)]
    cells = grid(aspects, box, [p.caption is not None for p in s.pictures], tuple(s.rows) if s.rows else None, uniform=s.fit == "cover")
    for k, (picture, (cell, caption_box)) in enumerate(zip(s.pictures, cells)):
        place(ctx, out, data[k], cell, picture_name(picture.image), picture.alt, s.fit, picture.focus, what=("pictures", k, "image"))
        if caption_box is not None:
            caption(ctx, out, picture.caption, caption_box)


def listed(slide: PicturesSlide) -> list[tuple[tuple, GalleryPicture]]:
    """Return (field path, picture) of every picture of the slide."""
    return [(("pictures", k), p) for k, p in enumerate(slide.pictures)]


KIND = Kind("pictures", PicturesSlide, "Title Only", write, inputs=(Input(PICTURE, "image", parts=listed),))
