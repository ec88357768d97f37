"""Video and sound as slides show them: in a box, behind the picture shown until they play (a
poster: the speaker's picture, the video's own frame, or a drawn play sign or loudspeaker)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from ..readers.media import Media, poster_frame
from ..readers.picture import pixel_size
from .base import Context, caption, title
from .pictures import picture_name

if TYPE_CHECKING:  # the plan is the kinds' output: they only name its types
    from ..plan import Box, SlidePlan

ICON_IN = 1.6  # inches a drawn loudspeaker takes, at most
INK, PAPER = (31, 35, 40), (246, 248, 250)


def play_sign(width: int = 1280, height: int = 720) -> bytes:
    """Return a PNG poster of `width` x `height`: a dark panel with a play sign, for a video
    given no poster when its frames cannot be decoded here."""
    from PIL import Image, ImageDraw  # deferred: Pillow loads only when this runs

    im = Image.new("RGB", (width, height), INK)
    d = ImageDraw.Draw(im)
    r = min(width, height) // 6
    cx, cy = width // 2, height // 2
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=PAPER)
    d.polygon([(cx - r // 3, cy - r // 2), (cx - r // 3, cy + r // 2), (cx + r // 2, cy)], fill=INK)
    return _png(im)


def loudspeaker(size: int = 400) -> bytes:
    """Return a square PNG of a loudspeaker with sound waves, the icon of a sound given no picture."""
    from PIL import Image, ImageDraw  # deferred: as above

    im = Image.new("RGB", (size, size), INK)
    d = ImageDraw.Draw(im)
    u = size / 20
    d.rectangle((4 * u, 8 * u, 7 * u, 12 * u), fill=PAPER)
    d.polygon([(7 * u, 8 * u), (11 * u, 4.5 * u), (11 * u, 15.5 * u), (7 * u, 12 * u)], fill=PAPER)
    for r in (2.5, 4.5):
        box = (11 * u - r * u + 2 * u, 10 * u - r * u, 11 * u + r * u + 2 * u, 10 * u + r * u)
        d.arc(box, -45, 45, fill=PAPER, width=max(2, round(0.7 * u)))
    return _png(im)


def _png(im) -> bytes:
    out = io.BytesIO()
    im.save(out, format="PNG")
    return out.getvalue()


def default_poster(media: Media) -> bytes:
    """Return the picture a video or sound given no poster shows: a video's frame a second in
    (with PyAV), else a play sign at its frame's shape; a sound's loudspeaker."""
    if not media.is_video:
        return loudspeaker()
    w_px, h_px = (media.width, media.height) if media.width and media.height else (1280, 720)
    return poster_frame(media.data) or play_sign(*_within(w_px, h_px, 1920))


def place_media(ctx: Context, out: SlidePlan, media: Media, poster: bytes | None, box: Box, name: str, alt: str, middle: bool = True) -> tuple[int, Box]:
    """Add video or sound `media` in `box`, fitted whole (in its middle, or at its top): a
    video at its poster's shape (the picture given, else `default_poster`), a sound as its
    picture or, without one, as a loudspeaker no larger than ICON_IN. Return its id and the
    box it takes."""
    left, top, width, height = box
    if poster is None and not media.is_video:
        poster = loudspeaker()
        w = h = min(width, height, ICON_IN)
    else:
        poster = poster or default_poster(media)
        px_w, px_h = pixel_size(poster)
        scale = min(width / px_w, height / px_h)
        w, h = px_w * scale, px_h * scale
    shown = (left + (width - w) / 2, top + ((height - h) / 2 if middle else 0.0), w, h)
    return out.media(media.data, media.mime, poster, shown, name, alt), shown


def _within(width: int, height: int, most: int) -> tuple[int, int]:
    """Return (width, height) scaled down, keeping their shape, to no more than `most` across."""
    scale = min(1.0, most / max(width, height))
    return max(16, round(width * scale)), max(16, round(height * scale))


def media_name(path: str) -> str:
    """Return the name a video or sound shape takes: its file's name."""
    return picture_name(path)


def write_media_slide(ctx: Context, out: SlidePlan, s, reader: str, path: str) -> None:
    """Lay out a video or sound slide: its title, the media (file `path`, read by `reader`)
    with its poster in the content area, and its caption under it."""
    title(ctx, out, s.title)
    poster = ctx.files["picture"][s.poster] if s.poster else None
    left, top, width, height = ctx.content_box()
    cap_h = 0.6 if s.caption else 0.0
    place_media(ctx, out, ctx.files[reader][path], poster, (left, top, width, height - cap_h), media_name(path), s.alt)
    if s.caption:
        caption(ctx, out, s.caption, (left, top + height - cap_h + 0.05, width, cap_h))
