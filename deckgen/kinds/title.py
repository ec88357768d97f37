"""The opening slide: the talk's title, subtitle, speaker and event."""

from __future__ import annotations

from typing import Annotated, Literal

from ..fields import VERBATIM, ShortInline, SlideBase
from ..text import Paragraph, Run, fit_size, rich_runs
from .base import Context, Kind, accent_rule, dark_title


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
    rule_top = dark_title(ctx, out, heading(ctx.deck, s), 54, 20, align="l")
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
    sub = out.slot(1)
    if sub is not None and lines:
        paragraphs = [
            Paragraph(runs, align="l", space_before=6 if i else None, scale=sz / 28)
            for i, (runs, sz) in enumerate(lines)
        ]
        w, h = sub.size
        if fit_size(paragraphs, w, h, 28, 14, ctx.families) is None:
            # a template's small subtitle box: its lines may use the room below it, down to
            # the slide's lower margin, rather than be refused
            left, top, _, _ = sub.box
            sub.set_box((left, top, w, max(h, ctx.theme.slide_height - top - ctx.theme.margin - 0.35)))
        size = ctx.fit(paragraphs, *sub.size, 28, 14, "subtitle", role="secondary")
        sub.write(paragraphs, size)
    accent_rule(ctx, out, 0.9, rule_top, over_title=True)


KIND = Kind("title", TitleSlide, "Title Slide", write, dark=True, heading=heading)
