"""A sound from the outline's folder under a title (a recording, a sample): it plays in the
slide show on a click, shown as its picture or a loudspeaker; alt text required."""

from __future__ import annotations

from typing import Annotated, Literal

from ..fields import VERBATIM, Inline, ShortInline, ShortText, SlideBase, Text
from ..readers import Input
from ..readers.media import AUDIO
from ..readers.picture import PICTURE
from .base import Context, Kind
from .media import write_media_slide


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
    write_media_slide(ctx, out, s, "audio", s.audio)


KIND = Kind("audio", AudioSlide, "Title Only", write, inputs=(Input(AUDIO, "audio"), Input(PICTURE, "poster")))
