"""One key message, large."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal

from pydantic import AfterValidator, StringConstraints

from .. import markup
from ..fields import VERBATIM, ShortInline, SlideBase
from ..text import Paragraph, rich, rich_runs
from .base import Context, Kind, accent_rule, balanced_break


class QuoteSlide(SlideBase):
    """One key message, large."""

    kind: Annotated[Literal["quote"], VERBATIM]
    quote: Annotated[str, StringConstraints(min_length=1, max_length=400), AfterValidator(markup.check)]
    """The message."""
    attribution: ShortInline | None = None
    """Who said it."""
    title: ShortInline | None = None
    """An optional small title above the message."""


def heading(deck, s: QuoteSlide) -> str:
    """Return the title in lists and plans: the small title, else the quote itself."""
    return s.title or s.quote


def write(ctx: Context, out, s: QuoteSlide) -> None:
    pal = ctx.theme.palette
    t = ctx.theme
    left, width = t.content_left + 0.6, t.content_width - 1.2
    # laid out for a content box from 1.65 to 6.75 in; a template's box moves and bounds it.
    # On a template the small title starts inside the content box, its clear area: above it
    # the template may paint its title band, whose edge the small title would straddle
    shift = max(0.0, t.content_top - (0.9 if t.name == "template" else 1.65))
    room = min(3.6, t.content_bottom - 0.95 - (1.95 + shift))
    title = out.placeholder(0)
    if s.title and title is not None:
        # the slide's real title (screen readers and the outline view list it), set small
        title.set_box((left, 0.9 + shift, width, 0.6))
        runs = tuple(replace(run, caps=True) for run in rich_runs(s.title, pal.accent_ink, link=pal.link, bold=True))
        title.write([Paragraph(runs)], 16, "bottom")
    accent_rule(ctx, out, left, 1.7 + shift)
    quote = rich(ctx.words.quoted(s.quote), pal.ink, link=pal.link, bold=True)
    box = (left, 1.95 + shift, width, room)
    size = ctx.fit([quote], box[2], box[3], 44, 24, "quote", role="body")
    out.text_box(box, [balanced_break(quote, size, box[2], ctx.families)], size, "middle")
    if s.attribution:
        out.text_box((left, box[1] + room + 0.1, width, 0.6), [rich(f"— {s.attribution}", pal.muted, link=pal.link)], 20)


KIND = Kind("quote", QuoteSlide, "Title Only", write, heading=heading, placeholders=())
