"""A video from the outline's folder under a title: it plays in the slide show (PowerPoint,
LibreOffice), showing its poster until it starts; alt text required."""

from __future__ import annotations

import io
from typing import Annotated, Literal

from ..fields import VERBATIM, Inline, ShortInline, ShortText, SlideBase, Text
from ..readers import Input
from ..readers.media import VIDEO, poster_frame
from ..readers.picture import PICTURE, pixel_size
from .base import Context, Kind, caption, title
from .pictures import picture_name


class VideoSlide(SlideBase):
    """A title and a video that plays on the slide, with its poster picture."""

    kind: Annotated[Literal["video"], VERBATIM]
    title: ShortInline
    """The slide's title."""
    video: ShortText
    """Path of an MP4 video (H.264 and AAC), relative to the outline's folder."""
    alt: Text
    """Alt text: what the video shows, for people who cannot see it."""
    poster: ShortText | None = None
    """The picture shown until the video plays; default: the video's frame a second in (with PyAV installed), else a play sign."""
    caption: Inline | None = None
    """A line under the video."""


def play_sign(width: int = 1280, height: int = 720) -> bytes:
    """Return a PNG poster: a dark panel with a play sign, for a video given no poster."""
    from PIL import Image, ImageDraw  # deferred: Pillow loads only when this runs

    im = Image.new("RGB", (width, height), (31, 35, 40))
    d = ImageDraw.Draw(im)
    r = height // 6
    cx, cy = width // 2, height // 2
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(246, 248, 250))
    d.polygon([(cx - r // 3, cy - r // 2), (cx - r // 3, cy + r // 2), (cx + r // 2, cy)], fill=(31, 35, 40))
    out = io.BytesIO()
    im.save(out, format="PNG")
    return out.getvalue()


def write(ctx: Context, out, s: VideoSlide) -> None:
    title(ctx, out, s.title)
    data, mime = ctx.files["video"][s.video]
    poster = ctx.files["picture"][s.poster] if s.poster else (poster_frame(data) or play_sign())
    px_w, px_h = pixel_size(poster)
    left, top, width, height = ctx.content_box()
    cap_h = 0.6 if s.caption else 0.0
    scale = min(width / px_w, (height - cap_h) / px_h)
    w, h = px_w * scale, px_h * scale
    out.media(data, mime, poster, (left + (width - w) / 2, top + (height - cap_h - h) / 2, w, h), picture_name(s.video), s.alt)
    if s.caption:
        caption(ctx, out, s.caption, (left, top + height - cap_h + 0.05, width, cap_h))


KIND = Kind("video", VideoSlide, "Title Only", write, inputs=(Input(VIDEO, "video"), Input(PICTURE, "poster")))
