"""A section divider; its title appears in the agenda."""

from __future__ import annotations

from typing import Annotated, Literal

from ..fields import VERBATIM, ShortInline, SlideBase
from ..text import rich
from .base import Context, Kind, accent_rule, dark_title


class SectionSlide(SlideBase):
    """A section divider; its title appears in the agenda."""

    kind: Annotated[Literal["section"], VERBATIM]
    title: ShortInline
    """The section's title."""
    subtitle: ShortInline | None = None
    """One line under the title; defaults to "Part N of M"."""


def write(ctx: Context, out, s: SectionSlide) -> None:
    rule_top = dark_title(ctx, out, s.title, 44, 24)
    body = out.slot(1)
    number = ctx.section_numbers.get(ctx.index)
    sub = s.subtitle or (ctx.words("part", number=number, total=len(ctx.sections)) if number else None)
    if body is not None and sub:
        _, muted, link = ctx.body_colours()
        paragraph = rich(sub, muted, link=link, bullet=False)
        size = ctx.fit([paragraph], *body.size, 24, 14, "subtitle", role="secondary")
        body.write([paragraph], size)
    accent_rule(ctx, out, 0.9, rule_top, over_title=True)


def listed_sections(deck, emptied: list[int] = ()) -> list[int]:
    """Return the indexes of the section slides the agenda lists: all but those `emptied` and
    the hidden ones (backup slides)."""
    return [i for i, s in enumerate(deck.slides) if s.kind == "section" and i not in emptied and not s.hidden]


def emptied_warnings(deck, emptied: list[int]) -> list[tuple[tuple, str]]:
    """Return (field path, warning) for each section whose slides `when:` and `skip` all dropped."""
    return [
        (("slides", i), f"slide {i + 1}: section {deck.slides[i].title!r} keeps none of its slides after `when:` and `skip`; "
         "it is left off the agenda: skip it too, or keep one of its slides")
        for i in emptied
    ]


KIND = Kind("section", SectionSlide, "Section Header", write, dark=True)
