"""Two or three columns side by side, each a heading and bullets, a code block, a video or a sound."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from ..fields import VERBATIM, Bullets, ShortInline, ShortText, SlideBase, Text, as_bullets
from ..readers import Input
from ..readers.media import AUDIO, VIDEO
from ..readers.picture import PICTURE
from ..text import block_height, fit_size, rich
from .base import FLOORS, Context, Kind, bullet_paragraphs, code_too_wide, title
from .code import CODE_FILE, CodeFields, code_block, code_fits, code_size
from .media import media_name, place_media


class Column(CodeFields):
    """One column: a heading, and bullets, a code block (`code:` or `source:`, with
    `language:`), a video (`video:`) or a sound (`audio:`), each of these with `alt:`."""

    heading: ShortInline
    """The column's heading."""
    bullets: Bullets = []
    """The column's bullets."""
    video: ShortText | None = None
    """An MP4 video (H.264, with AAC sound) in the outline's folder, played in the column."""
    audio: ShortText | None = None
    """An M4A (AAC) or MP3 sound file in the outline's folder, played in the column."""
    alt: Text | None = None
    """With `video` or `audio`: what it shows or is, for people who cannot see or hear it."""
    poster: ShortText | None = None
    """With `video` or `audio`: the picture shown until it plays (default: the video's frame, or a loudspeaker)."""

    _normal = field_validator("bullets", mode="after")(classmethod(lambda cls, v: as_bullets(v)))

    @model_validator(mode="after")
    def _bullets_or_code(self):
        held = [what for what, there in (("bullets", bool(self.bullets)), ("a code block", self.has_code), ("a video", self.video is not None), ("a sound", self.audio is not None)) if there]
        if len(held) > 1:
            raise ValueError(f"a column holds one of bullets, a code block, a video or a sound, not {' and '.join(held)}")
        media = self.video is not None or self.audio is not None
        if media and self.alt is None:
            raise ValueError(f"a column's {'video' if self.video is not None else 'sound'} needs `alt:` text saying what it {'shows' if self.video is not None else 'is'}, for people who cannot {'see' if self.video is not None else 'hear'} it")
        if not media and self.alt is not None:
            raise ValueError("`alt:` describes a column's `video:` or `audio:`, which is missing")
        if not media and self.poster is not None:
            raise ValueError("`poster:` is the picture of a column's `video:` or `audio:`, which is missing")
        return self


class ColumnsSlide(SlideBase):
    """Two or three columns side by side."""

    kind: Annotated[Literal["columns"], VERBATIM]
    title: ShortInline
    """The slide's title."""
    columns: Annotated[list[Column], Field(min_length=2, max_length=3)]
    """The columns."""
    reveal: bool = False
    """Build the slide click by click, one column (heading, rule and body) per click."""


def _body_size(ctx: Context, bullets, k: int, w: float, h: float, max_pt: float) -> float:
    """Return the size column `k`'s bullets fit at; code in them too wide is an error at its bullet."""
    paragraphs = bullet_paragraphs(ctx, bullets, max_pt, True)
    wide = code_too_wide(ctx, bullets, paragraphs, w, ctx.theme.body_min, ("columns", k))
    if wide is not None:
        ctx.found.append(wide)
        return ctx.theme.body_min
    return ctx.fit(paragraphs, w, h, max_pt, ctx.theme.body_min, "columns", role="body")


GAP = 0.4  # between columns, inches
HEAD_H = 0.75  # a column's heading
MEDIA_W = 3.0  # inches: the narrowest a column's video or sound is shown at when columns share the width
STEP = 0.05  # inches: the widths columns are tried at when they share the width by what they hold


def _holds(ctx: Context, col: Column, width: float, body_h: float) -> bool:
    """Return whether `col` holds its heading and its code or bullets at their floors in a
    column `width` wide whose body is `body_h` high."""
    pal = ctx.theme.palette
    heading = rich(col.heading, pal.accent_ink, link=pal.link, bold=True)
    if fit_size([heading], width, HEAD_H, 26, FLOORS["secondary"], ctx.families) is None:
        return False
    if col.has_code:
        return code_fits(ctx, col, width, body_h)
    if col.video is not None or col.audio is not None:
        return width >= MEDIA_W  # a video or a sound keeps a width it can be seen at
    paragraphs = bullet_paragraphs(ctx, col.bullets, ctx.theme.body_max - 4, True)
    return fit_size(paragraphs, width, body_h, ctx.theme.body_max - 4, FLOORS["body"], ctx.families) is not None


def _narrowest(ctx: Context, col: Column, most: float, body_h: float) -> float | None:
    """Return the narrowest width (in STEPs, up to `most`) at which `col` holds its text at
    its floor, or None when even `most` does not."""
    if not _holds(ctx, col, most, body_h):
        return None
    low, high = 0, int(most / STEP)  # in steps: `high` holds, `low` is too narrow to try
    while high - low > 1:
        middle = (low + high) // 2
        if _holds(ctx, col, middle * STEP, body_h):
            high = middle
        else:
            low = middle
    return high * STEP


def column_widths(ctx: Context, columns: list[Column], width: float, body_h: float) -> list[float] | None:
    """Return the columns' widths: even, or where code in one does not fit its even share,
    shared by what they hold (a column of code wider than the others takes what they can
    spare, down to the width each needs at its floor); None when no sharing holds them all
    side by side."""
    n = len(columns)
    even = (width - GAP * (n - 1)) / n
    if not any(col.has_code for col in columns) or all(code_fits(ctx, col, even, body_h) for col in columns if col.has_code):
        return [even] * n
    total = width - GAP * (n - 1)
    needs = [_narrowest(ctx, col, total, body_h) for col in columns]
    if any(need is None for need in needs) or sum(needs) > total + 1e-9:
        return None
    # each column keeps what it needs; what is left is shared evenly, so none is wider than
    # the others for no reason
    spare = (total - sum(needs)) / n
    return [need + spare for need in needs]


def write(ctx: Context, out, s: ColumnsSlide) -> None:
    title(ctx, out, s.title)
    left, top, width, height = ctx.content_box()
    n = len(s.columns)
    pal = ctx.theme.palette
    head_h = HEAD_H
    body_h = height - head_h - 0.2
    widths = column_widths(ctx, s.columns, width, body_h)
    if widths is None and all(col.has_code for col in s.columns):
        _stacked(ctx, out, s, (left, top, width, height))
        return
    widths = widths or [(width - GAP * (n - 1)) / n] * n  # none shared holds them: each says why
    headings = [rich(col.heading, pal.accent_ink, link=pal.link, bold=True) for col in s.columns]
    head_size = min(ctx.fit([h], w, head_h, 26, 14, "columns", role="secondary") for h, w in zip(headings, widths))
    body_max = ctx.theme.body_max - 4
    body_sizes = [_body_size(ctx, c.bullets, k, widths[k], body_h, body_max) for k, c in enumerate(s.columns) if c.bullets]
    body_size = min(body_sizes) if body_sizes else body_max  # code beside bullets is no larger than they are
    if not any(col.has_code or col.video is not None or col.audio is not None for col in s.columns):
        # the columns stand in the middle of the content area, not pressed under the title
        used = max((block_height(bullet_paragraphs(ctx, c.bullets, body_size, True), body_size, widths[k], ctx.families) for k, c in enumerate(s.columns) if c.bullets), default=0.0)
        shift = max(0.0, (body_h - used) / 2)
        top, body_h = top + shift, body_h - shift
    steps = []
    # a right-to-left talk reads its columns from the right: the first one stands at the right
    starts = [left + sum(widths[:k]) + GAP * k for k in range(n)]
    if ctx.words.rtl:
        starts = [left + width - (start - left) - w for start, w in zip(starts, widths)]
    for k, col in enumerate(s.columns):
        col_w, x = widths[k], starts[k]
        ids = [out.text_box((x, top, col_w, head_h), [headings[k]], head_size, "bottom")]
        ids.append(out.rule((x + 0.1, top + head_h + 0.05, col_w - 0.2, 0.03), pal.rule, decorative=True))
        if col.bullets:
            ids.append(out.text_box((x, top + head_h + 0.2, col_w, body_h), bullet_paragraphs(ctx, col.bullets, body_size, True), body_size))
        elif col.has_code:
            _, drawn = code_block(ctx, out, col, (x, top + head_h + 0.2, col_w, body_h), ("columns", k, "code" if col.code is not None else "source"), body_size)
            ids.extend(drawn)
        elif col.video is not None or col.audio is not None:
            media = ctx.files["video"][col.video] if col.video is not None else ctx.files["audio"][col.audio]
            poster = ctx.files["picture"][col.poster] if col.poster else None
            shape_id, _ = place_media(ctx, out, media, poster, (x, top + head_h + 0.2, col_w, body_h), media_name(col.video or col.audio), col.alt, middle=False)
            ids.append(shape_id)
        steps.append([out.show(shape_id) for shape_id in ids])
    if s.reveal:
        out.reveal(steps)


def _stacked(ctx: Context, out, s: ColumnsSlide, box) -> None:
    """Lay out columns that all hold code, too wide side by side, one under the other across
    the content box ("Before" above "After"), each heading above its block; where even so
    they do not fit, each block says why at its own size."""
    left, top, width, height = box
    pal = ctx.theme.palette
    n = len(s.columns)
    head_h = 0.55
    share = (height - 0.15 * (n - 1)) / n  # each column's room, heading and block
    headings = [rich(col.heading, pal.accent_ink, link=pal.link, bold=True) for col in s.columns]
    head_size = min(ctx.fit([h], width, head_h, 26, 14, "columns", role="secondary") for h in headings)
    room = share - head_h - 0.15
    sizes = [code_size(ctx, col, width, room, ctx.theme.body_max - 4) for col in s.columns]
    size = min((x for x in sizes if x is not None), default=ctx.theme.body_max - 4)  # the blocks at one size
    steps = []
    y = top
    for k, col in enumerate(s.columns):
        ids = [out.text_box((left, y, width, head_h), [headings[k]], head_size, "bottom")]
        ids.append(out.rule((left + 0.1, y + head_h + 0.05, width - 0.2, 0.03), pal.rule, decorative=True))
        bottom, drawn = code_block(ctx, out, col, (left, y + head_h + 0.15, width, room), ("columns", k, "code" if col.code is not None else "source"), size)
        ids.extend(drawn)
        steps.append([out.show(shape_id) for shape_id in ids])
        y = bottom + 0.15
    if s.reveal:
        out.reveal(steps)


def code_columns(slide: ColumnsSlide) -> list[tuple[tuple, Column]]:
    """Return (field path, column) of the columns that read their code from a file."""
    return [(("columns", k), col) for k, col in enumerate(slide.columns) if col.source]


def media_columns(slide: ColumnsSlide) -> list[tuple[tuple, Column]]:
    """Return (field path, column) of every column: those naming a video, sound or poster read it."""
    return [(("columns", k), col) for k, col in enumerate(slide.columns)]


def clicks(deck, slide: ColumnsSlide, files: dict | None = None) -> int:
    """Return the clicks of a columns slide that builds: one per column."""
    return len(slide.columns) if slide.reveal else 0


KIND = Kind("columns", ColumnsSlide, "Title Only", write, clicks=clicks, inputs=(
    CODE_FILE._replace(parts=code_columns),
    Input(VIDEO, "video", parts=media_columns),
    Input(AUDIO, "audio", parts=media_columns),
    Input(PICTURE, "poster", parts=media_columns),
))
