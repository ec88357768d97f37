"""A picture from the outline's folder, with a caption and alt text: under a title, or to the
slide's edges (`bleed`) with its title and caption over it on a scrim."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import model_validator

from ..fields import VERBATIM, Inline, ShortInline, SlideBase
from ..readers import Input
from ..readers.picture import PICTURE, region_colours
from ..text import rich
from .base import Context, Kind, balanced_break, caption, title
from .pictures import PictureFields, picture_name, place, scrim_for


class ImageSlide(SlideBase, PictureFields):
    """A picture from the outline's folder, with a caption and alt text."""

    kind: Annotated[Literal["image"], VERBATIM]
    title: ShortInline | None = None
    """The slide's title (over the picture, with `bleed`, where it may be left out)."""
    caption: Inline | None = None
    """A line under the picture (with `bleed`: over it, under the title)."""
    bleed: bool = False
    """The picture to the slide's edges, no title bar: it fills the slide, cut around `focus`;
    the title and caption stand over it on a scrim that keeps them readable."""

    @model_validator(mode="after")
    def _titled(self):
        if self.title is None and not self.bleed:
            raise ValueError("a picture slide needs a `title:` (only a full-bleed picture, `bleed: true`, may go without)")
        return self


def write(ctx: Context, out, s: ImageSlide) -> None:
    data = ctx.files["picture"][s.image]
    if s.bleed:
        return _bleed(ctx, out, s, data)
    title(ctx, out, s.title)
    left, top, width, height = ctx.content_box()
    cap_h = 0.6 if s.caption else 0.0
    place(ctx, out, data, (left, top, width, height - cap_h), picture_name(s.image), s.alt, s.fit, s.focus)
    if s.caption:
        caption(ctx, out, s.caption, (left, top + height - cap_h + 0.05, width, cap_h))


def _bleed(ctx: Context, out, s: ImageSlide, data: bytes) -> None:
    """Lay out a full-bleed picture: the slide its box, the words in a band at its foot on a
    scrim whose colour and opacity are chosen from the pixels under them (4.5:1 at least)."""
    width, height = out.slide_size
    out.bleed = True
    picture_id, _ = place(ctx, out, data, (0.0, 0.0, width, height), picture_name(s.image), s.alt, "cover", s.focus, backdrop=True)
    if s.title is None and s.caption is None:
        return
    t = ctx.theme
    title_h, cap_h, pad = (1.2 if s.title else 0.0), (0.6 if s.caption else 0.0), 0.3
    band_top = height - title_h - cap_h - 2 * pad
    crop = out.element(picture_id).crop or (0.0, 0.0, 0.0, 0.0)
    kept_w, kept_h = 1 - crop[0] - crop[2], 1 - crop[1] - crop[3]
    under = (crop[0], crop[1] + kept_h * band_top / height, crop[0] + kept_w, crop[1] + kept_h)
    ink, scrim, opacity = scrim_for(region_colours(data, under), max(4.5, t.min_contrast))
    if opacity > 0:
        out.rule((0.0, band_top, width, height - band_top), scrim, name="Scrim", opacity=opacity)
    y = band_top + pad
    if s.title:
        shape = out.placeholder(0)
        box = (t.content_left, y, t.content_width, title_h)
        paragraph = rich(s.title, ink, bold=True, align="l")
        size = ctx.fit([paragraph], box[2], box[3], t.title_size, 20, "title", role="title")
        if shape is not None:
            shape.set_box(box)
            shape.write([balanced_break(paragraph, size, box[2], ctx.families)], size, "bottom")
        else:
            out.text_box(box, [paragraph], size, "bottom", name="Title")
        y += title_h
    if s.caption:
        paragraph = rich(s.caption, ink, italic=True, align="l")
        size = ctx.fit([paragraph], t.content_width, cap_h, 22, 14, "caption", role="secondary")
        out.text_box((t.content_left, y, t.content_width, cap_h), [paragraph], size, "top", name="Caption")


KIND = Kind("image", ImageSlide, "Title Only", write, inputs=(Input(PICTURE, "image"),))
