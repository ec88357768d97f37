"""Two or three columns side by side, each a heading and bullets."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from ..fields import VERBATIM, Bullets, ShortInline, SlideBase, as_bullets
from ..text import block_height, rich
from .base import Context, Kind, bullet_paragraphs, code_too_wide, title
from .code import CODE_FILE, CodeFields, code_block


class Column(CodeFields):
    """One column: a heading, and bullets or a code block (`code:` or `source:`, with `language:`)."""

    heading: ShortInline
    """The column's heading."""
    bullets: Bullets = []
    """The column's bullets."""

    _normal = field_validator("bullets", mode="after")(classmethod(lambda cls, v: as_bullets(v)))

    @model_validator(mode="after")
    def _bullets_or_code(self):
        if self.bullets and self.has_code:
            raise ValueError("a column holds bullets or a code block, not both")
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


def write(ctx: Context, out, s: ColumnsSlide) -> None:
    title(ctx, out, s.title)
    left, top, width, height = ctx.content_box()
    gap = 0.4
    n = len(s.columns)
    col_w = (width - gap * (n - 1)) / n
    pal = ctx.theme.palette
    head_h = 0.75
    headings = [rich(col.heading, pal.accent_ink, link=pal.link, bold=True) for col in s.columns]
    head_size = min(ctx.fit([h], col_w, head_h, 26, 14, "columns", role="secondary") for h in headings)
    body_max = ctx.theme.body_max - 4
    body_h = height - head_h - 0.2
    body_sizes = [_body_size(ctx, c.bullets, k, col_w, body_h, body_max) for k, c in enumerate(s.columns) if c.bullets]
    body_size = min(body_sizes) if body_sizes else body_max  # code beside bullets is no larger than they are
    if not any(col.has_code for col in s.columns):
        # the columns stand in the middle of the content area, not pressed under the title
        used = max((block_height(bullet_paragraphs(ctx, c.bullets, body_size, True), body_size, col_w, ctx.families) for c in s.columns if c.bullets), default=0.0)
        shift = max(0.0, (body_h - used) / 2)
        top, body_h = top + shift, body_h - shift
    steps = []
    for k, col in enumerate(s.columns):
        x = left + k * (col_w + gap)
        ids = [out.text_box((x, top, col_w, head_h), [headings[k]], head_size, "bottom")]
        ids.append(out.rule((x + 0.1, top + head_h + 0.05, col_w - 0.2, 0.03), pal.rule, decorative=True))
        if col.bullets:
            ids.append(out.text_box((x, top + head_h + 0.2, col_w, body_h), bullet_paragraphs(ctx, col.bullets, body_size, True), body_size))
        elif col.has_code:
            _, drawn = code_block(ctx, out, col, (x, top + head_h + 0.2, col_w, body_h), ("columns", k, "code" if col.code is not None else "source"), body_size)
            ids.extend(drawn)
        steps.append([out.show(shape_id) for shape_id in ids])
    if s.reveal:
        out.reveal(steps)


def code_columns(slide: ColumnsSlide) -> list[tuple[tuple, Column]]:
    """Return (field path, column) of the columns that read their code from a file."""
    return [(("columns", k), col) for k, col in enumerate(slide.columns) if col.source]


def clicks(deck, slide: ColumnsSlide, files: dict | None = None) -> int:
    """Return the clicks of a columns slide that builds: one per column."""
    return len(slide.columns) if slide.reveal else 0


KIND = Kind("columns", ColumnsSlide, "Title Only", write, inputs=(CODE_FILE._replace(parts=code_columns),), clicks=clicks)
