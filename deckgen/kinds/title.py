"""The opening slide: the talk's title, subtitle, speaker and event."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from ..fields import VERBATIM, ShortInline, SlideBase
from ..room import clear, grown, rooms
from ..text import Paragraph, Run, block_height, fit_size, rich, rich_runs
from .base import FLOORS, Context, Kind, accent_rule, dark_title


class TitleSlide(SlideBase):
    """The opening slide: the talk's title, subtitle, speaker and event."""

    kind: Annotated[Literal["title"], VERBATIM]
    title: ShortInline | None = None
    """Overrides the deck's title."""
    subtitle: ShortInline | None = None
    """Overrides the deck's subtitle."""


def heading(deck, s: TitleSlide) -> str:
    """Return the title shown: the slide's own, else the deck's."""
    return s.title or deck.deck.title


def write(ctx: Context, out, s: TitleSlide) -> None:
    info = ctx.deck.deck
    pal = ctx.theme.palette
    lines: list[tuple[tuple[Run, ...], float]] = []
    subtitle = s.subtitle or info.subtitle
    if subtitle:
        lines.append((rich_runs(subtitle, pal.on_night, link=pal.link_on_night), 28))
    who = " · ".join(x for x in (info.speaker, info.role) if x)
    if who:
        lines.append(((Run(who, pal.accent, bold=True),), 20))
    where = " · ".join(x for x in ((info.event.name if info.event else None), ctx.words.date(info.date) if info.date else None) if x)
    if where:
        lines.append(((Run(where, pal.on_night_muted),), 18))
    paragraphs = [
        Paragraph(runs, align="l", space_before=6 if i else None, scale=sz / 28)
        for i, (runs, sz) in enumerate(lines)
    ]
    # the smallest block size at which every line keeps the floor for secondary text
    least = math.ceil(2 * FLOORS["secondary"] / min((p.scale for p in paragraphs), default=1.0)) / 2  # fit_size's 0.5 pt steps
    shape, sub = out.placeholder(0), out.slot(1)
    title_text = [rich(heading(ctx.deck, s), pal.on_night, bold=True)]

    def holds(box) -> bool:
        lower = block_height(paragraphs, least, box[2], ctx.families) + 0.15 if paragraphs else 0.0
        return block_height(title_text, FLOORS["title"], box[2], ctx.families) + lower <= box[3]

    room = cover_room(ctx, out, sub, holds)
    if room is not None:  # the layout's boxes cross the cover's own shapes: the text takes the clear part
        x, y, w, h = room
        need = block_height(paragraphs, least, w, ctx.families) + 0.15 if paragraphs else 0.0
        shape.set_box((x, y, w, max(h - need, min(h, 0.8))))
        rule_top = dark_title(ctx, out, heading(ctx.deck, s), 54, 20, align="l", under=y + h - need, tight=True)
        if sub is not None:
            below = shape.box[1] + shape.box[3] + 0.15
            sub.set_box((x, below, w, max(y + h - below, 0.5)))
    else:
        under = None
        if sub is not None and paragraphs:  # the title may take what the subtitle's box holds spare
            left, top, w, h = sub.box
            under = top + max(0.0, h - block_height(paragraphs, 28, w, ctx.families) - 0.1)
        rule_top = dark_title(ctx, out, heading(ctx.deck, s), 54, 20, align="l", under=under)
        if sub is not None:
            left, top, w, h = sub.box
            end = shape.box[1] + shape.box[3] + 0.1
            if end > top and shape.box[1] < top:
                sub.set_box((left, end, w, top + h - end))
    if sub is not None and lines:
        w, h = sub.size
        if fit_size(paragraphs, w, h, 28, least, ctx.families) is None:
            # a template's small subtitle box: its lines may use the room beside and below it,
            # clear of the cover's shapes, down to the slide's lower margin, rather than be set small
            left, top, _, _ = sub.box
            bottom = ctx.theme.slide_height - ctx.theme.margin - 0.35
            t_left, t_width = shape.box[0], shape.box[2]
            x0, x1 = min(left, t_left), max(left + w, t_left + t_width)
            grown_box = grown((left, top, w, h), out.decorations, out.slide_size, (x0, top, x1 - x0, max(h, bottom - top)))
            sub.set_box(grown_box if grown_box[2] >= w else (left, top, w, max(h, bottom - top)))
        size = ctx.fit(paragraphs, *sub.size, 28, 14, "subtitle", role="secondary")
        sub.write(paragraphs, size)
    accent_rule(ctx, out, 0.9, rule_top, over_title=True)


def cover_room(ctx: Context, out, sub, holds) -> tuple[float, float, float, float] | None:
    """Return where a cover's title and subtitle go when the layout's boxes for them cross a
    shape the template draws (a shard, a band): the clear rectangle sharing most of them;
    None when they are clear, or no clear part of the slide is wide enough for a title.
    `holds` says whether a rectangle holds the cover's text at its floors."""
    boxes = [out.placeholder(0).box] + ([sub.box] if sub is not None else [])
    if not out.decorations or all(clear(b, out.decorations, out.slide_size) for b in boxes):
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    edge = min(ctx.theme.margin, 0.4)
    inside = (edge, edge, out.slide_size[0] - 2 * edge, out.slide_size[1] - 2 * edge)
    found = rooms((x0, y0, x1 - x0, y1 - y0), out.decorations, out.slide_size, inside, min_width=3.0)
    # the first that holds the title and the subtitle at their floors, else the best
    return next((r for r in found[:40] if holds(r)), found[0] if found else None)


KIND = Kind("title", TitleSlide, "Title Slide", write, dark=True, heading=heading)
