"""A video from the outline's folder under a title: it plays in the slide show (PowerPoint,
LibreOffice), showing its poster until it starts; alt text required."""

from __future__ import annotations

from typing import Annotated, Literal

from ..fields import VERBATIM, Inline, ShortInline, ShortText, SlideBase, Text
from ..readers import Input
from ..readers.media import VIDEO
from ..readers.picture import PICTURE
from .base import Context, Kind
from .media import write_media_slide


class VideoSlide(SlideBase):
    """A title and a video that plays on the slide, with its poster picture."""

    kind: Annotated[Literal["video"], VERBATIM]
    title: ShortInline
    """The slide's title."""
    video: ShortText
    """Path of an MP4 video (H.264, with AAC sound), relative to the outline's folder."""
    alt: Text
    """Alt text: what the video shows, for people who cannot see it."""
    poster: ShortText | None = None
    """The picture shown until the video plays; default: the video's frame a second in (with PyAV installed), else a play sign."""
    caption: Inline | None = None
    """A line under the video."""


def write(ctx: Context, out, s: VideoSlide) -> None:
    write_media_slide(ctx, out, s, "video", s.video)


KIND = Kind("video", VideoSlide, "Title Only", write, inputs=(Input(VIDEO, "video"), Input(PICTURE, "poster")))
