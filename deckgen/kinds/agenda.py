"""The agenda, generated from the section slides' titles."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Literal

from ..fields import VERBATIM, ShortInline, SlideBase
from ..text import Paragraph, Run, rich_runs
from .base import Context, Kind, default_title, title


class AgendaSlide(SlideBase):
    """The agenda, generated from the section slides' titles."""

    kind: Annotated[Literal["agenda"], VERBATIM]
    title: ShortInline = "Agenda"
    """The slide's title."""
    times: bool = False
    """Show when each section starts (mm:ss from the talk's start), from the timing plan."""


def heading(deck, s: AgendaSlide) -> str:
    """Return the title: the outline's, else "Agenda" in the deck's language."""
    return default_title(deck, s, "agenda")


def write(ctx: Context, out, s: AgendaSlide) -> None:
    title(ctx, out, heading(ctx.deck, s))
    body = out.placeholder(1)
    w, h = body.size
    pal = ctx.theme.palette
    starts = ctx.section_starts if s.times else [None] * len(ctx.sections)
    links = ctx.section_links or [None] * len(ctx.sections)

    def paragraphs(size: float) -> list[Paragraph]:
        return [
            Paragraph(
                (
                    Run(f"{i + 1:02d}   ", pal.accent_ink, bold=True),
                    *(replace(run, link=run.link or to) for run in rich_runs(text, pal.ink, link=pal.link)),
                    *((Run(f"   {start}", pal.muted),) if start else ()),
                ),
                bullet=False,
                space_before=size * 0.9 if i else None,
            )
            for i, (text, start, to) in enumerate(zip(ctx.sections, starts, links))
        ]

    size = ctx.fit(paragraphs(36), w, h * 0.8, 36, ctx.theme.body_min, "agenda", role="body")
    body.write(paragraphs(size), size)


def check(deck, s: AgendaSlide, path, source) -> list:
    """Return a problem when the outline has no section slide for the agenda to list."""
    if any(slide.kind == "section" for slide in deck.slides):
        return []
    return [source.problem(path, "an agenda lists the section slides' titles, and this outline has no section slide")]


KIND = Kind("agenda", AgendaSlide, "Title and Content", write, check=check, placeholders=(0, 1), heading=heading)
