"""A picture from the outline's folder, with a caption and alt text."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Annotated, Literal

from ..fields import VERBATIM, Inline, ShortInline, ShortText, SlideBase, Text
from ..readers import Input
from ..readers.picture import PICTURE
from .base import Context, Kind, caption, title


class ImageSlide(SlideBase):
    """A picture from the outline's folder, with a caption and alt text."""

    kind: Annotated[Literal["image"], VERBATIM]
    title: ShortInline
    """The slide's title."""
    image: ShortText
    """Path of a PNG, JPEG or GIF, relative to the outline's folder."""
    alt: Text
    """Alt text: what the picture shows, for people who cannot see it."""
    caption: Inline | None = None
    """A line under the picture."""


def write(ctx: Context, out, s: ImageSlide) -> None:
    from PIL import Image  # deferred: Pillow loads only when this runs

    title(ctx, out, s.title)
    left, top, width, height = ctx.content_box()
    data = ctx.files["picture"][s.image]
    with Image.open(io.BytesIO(data)) as im:
        px_w, px_h = im.size
    cap_h = 0.6 if s.caption else 0.0
    box_w, box_h = width, height - cap_h
    scale = min(box_w / px_w, box_h / px_h)
    w, h = px_w * scale, px_h * scale
    out.picture(data, (left + (box_w - w) / 2, top + (box_h - h) / 2, w, h), Path(s.image).name, s.alt)
    if s.caption:
        caption(ctx, out, s.caption, (left, top + box_h + 0.05, width, cap_h))


KIND = Kind("image", ImageSlide, "Title Only", write, inputs=(Input(PICTURE, "image"),))
