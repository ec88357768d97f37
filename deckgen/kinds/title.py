"""The opening slide: the talk's title, subtitle, speaker and event."""

from __future__ import annotations

from typing import Annotated, Literal

from ..fields import VERBATIM, ShortText, SlideBase
from ..text import Paragraph, Run
from .base import Context, Kind, accent_rule, dark_title


class TitleSlide(SlideBase):
    """The opening slide: the talk's title, subtitle, speaker and event."""

    kind: Annotated[Literal["title"], VERBATIM]
    title: ShortText | None = None
    """Overrides the deck's title."""
    subtitle: ShortText | None = None
    """Overrides the deck's subtitle."""


def heading(deck, s: TitleSlide) -> str:
    """Return the title shown: the slide's own, else the deck's."""
    return s.title or deck.deck.title


def write(ctx: Context, out, s: TitleSlide) -> None:
    info = ctx.deck.deck
    pal = ctx.theme.palette
    rule_top = dark_title(ctx, out, heading(ctx.deck, s), 54, 28, align="l")
    lines: list[tuple[str, float, tuple, bool]] = []
    subtitle = s.subtitle or info.subtitle
    if subtitle:
        lines.append((subtitle, 28, pal.on_night, False))
    who = " · ".join(x for x in (info.speaker, info.role) if x)
    if who:
        lines.append((who, 20, pal.accent, True))
    where = " · ".join(x for x in ((info.event.name if info.event else None), info.date) if x)
    if where:
        lines.append((where, 18, pal.on_night_muted, False))
    sub = out.placeholder(1)
    if sub is not None and lines:
        paragraphs = [
            Paragraph((Run(text, colour, bold=bold),), align="l", space_before=6 if i else None, scale=sz / 28)
            for i, (text, sz, colour, bold) in enumerate(lines)
        ]
        size = ctx.fit(paragraphs, *sub.size, 28, 14, "subtitle")
        sub.write(paragraphs, size)
    accent_rule(ctx, out, 0.9, rule_top)


KIND = Kind("title", TitleSlide, "Title Slide", write, dark=True, heading=heading)
