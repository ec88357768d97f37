"""A sound from the outline's folder under a title (a recording, a sample): it plays in the
slide show on a click, shown as its picture or a loudspeaker; alt text required."""

from __future__ import annotations

from typing import Annotated, Literal

from ..fields import VERBATIM, Inline, ShortInline, ShortText, SlideBase, Text
from ..readers import Input
from ..readers.media import AUDIO
from ..readers.picture import PICTURE
from .base import Context, Kind, caption, title
from .media import media_name, place_media


class AudioSlide(SlideBase):
    """A title and a sound that plays on the slide, shown as a picture or a loudspeaker."""

    kind: Annotated[Literal["audio"], VERBATIM]
    title: ShortInline
    """The slide's title."""
    audio: ShortText
    """Path of an M4A (AAC) or MP3 sound file, relative to the outline's folder."""
    alt: Text
    """Alt text: what the sound is, for people who cannot hear it."""
    poster: ShortText | None = None
    """A picture standing for the sound (a cover, the speaker); default: a loudspeaker."""
    caption: Inline | None = None
    """A line under the sound."""


def write(ctx: Context, out, s: AudioSlide) -> None:
    title(ctx, out, s.title)
    poster = ctx.files["picture"][s.poster] if s.poster else None
    left, top, width, height = ctx.content_box()
    cap_h = 0.6 if s.caption else 0.0
    place_media(ctx, out, ctx.files["audio"][s.audio], poster, (left, top, width, height - cap_h), media_name(s.audio), s.alt)
    if s.caption:
        caption(ctx, out, s.caption, (left, top + height - cap_h + 0.05, width, cap_h))


KIND = Kind("audio", AudioSlide, "Title Only", write, inputs=(Input(AUDIO, "audio"), Input(PICTURE, "poster")))
