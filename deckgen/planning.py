"""Plan every slide of a deck: each kind lays out its slide as a `plan.SlidePlan` on its layout.

This is where a deck's slides become data: the layout each kind fills (`template.Prepared`),
the look it has there, the footer, the notes with their cue. Nothing here writes XML; the
plans go to `deckgen.pptx.deck.write_deck`, and to the layout check (`plan_check`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Callable

from . import budget
from .kinds import KINDS, Context, Overflow, TextOverflow, plan_diagrams
from .kinds.base import lost_glyphs
from .kinds.section import listed_sections
from .markup import spoken
from .plan import SlidePlan
from .template import Prepared, SlideLook, slide_look
from .theme import EMU_PER_INCH, Theme, rgb_to_hex


def qr_png(url: str, theme: Theme) -> bytes:
    """Return a crisp QR code PNG for `url`, in the theme's dark colour on white, with a quiet zone."""
    import segno  # deferred: only closing slides with a QR code need it

    code = segno.make(url, error="m")
    out = io.BytesIO()
    code.save(out, kind="png", scale=16, border=2, dark=rgb_to_hex(theme.palette.night), light="#FFFFFF")
    return out.getvalue()


@dataclass
class DeckPlan:
    """Every slide of a deck planned, and the warnings planning found (text below its floor, ...)."""

    slides: list[SlidePlan]
    template: Prepared
    theme: Theme
    warnings: list[Overflow] = field(default_factory=list)


def plan_deck(
    deck,
    template: Prepared,
    *,
    theme: Theme | None = None,
    diagrams: dict[int, object] | None = None,
    files: dict[str, dict] | None = None,
    notes_prefix: Callable[[int], str] | None = None,
    emptied_sections: list[int] = (),
    starts: list[str] | None = None,
    where: Callable[[int], str] | None = None,
) -> DeckPlan:
    """Return the plan of every slide of `deck` on `template`; raise TextOverflow listing every
    slide whose text does not fit.

    `diagrams` is the deck's pyramids by slide index (`kinds.plan_diagrams`), `files` what the
    slides' inputs read (`assets.load_inputs`). The agenda leaves
    out the section slides `emptied_sections` (whose slides `when:` and `skip` all dropped), and
    shows each section's start from `starts` (one mm:ss per slide) when it asks for times.
    """
    theme = theme or template.theme
    diagrams = plan_diagrams(deck, theme) if diagrams is None else diagrams
    starts = starts or []
    sections = listed_sections(deck, emptied_sections)
    ctx = Context(
        deck=deck,
        theme=theme,
        diagrams=diagrams,
        files=files or {},
        qr_png=lambda url: qr_png(url, theme),
        families=template.families,
        sections=[deck.slides[i].title for i in sections],
        section_numbers={index: n for n, index in enumerate(sections, start=1)},
        section_starts=[starts[i] for i in sections] if starts else [],
    )
    info = deck.deck
    event = info.event
    footer_text = " · ".join(x for x in ((event.hashtag or event.name) if event else None, info.handle) if x)
    looks: dict[tuple, SlideLook] = {}
    slide_size = (theme.slide_width, theme.slide_height)
    plans = []
    for i, slide_model in enumerate(deck.slides):
        if where is not None:
            budget.at(where(i))
        ctx.index, ctx.number = i, i + 1
        kind = KINDS[slide_model.kind]
        chosen = template.chosen[slide_model.kind]
        key = (chosen.master, chosen.name, kind.dark)
        look = looks.get(key) or looks.setdefault(key, slide_look(template, theme, chosen, kind.dark))
        ctx.theme = look.theme
        plan = SlidePlan(
            i, slide_model.kind, (chosen.master, chosen.name), chosen.boxes(), theme.scale, slide_size,
            dark=kind.dark, moved=chosen.moved, background=look.background, links=look.links,
        )
        kind.write(ctx, plan, slide_model)
        if info.footer and not kind.dark:
            t = ctx.theme
            footer = chosen.of_type("ftr")
            width = footer.box[2] / EMU_PER_INCH / theme.scale if footer is not None and footer.box else None
            on_template = not template.builtin and chosen.of_type("sldNum") is not None
            plan.footer(footer_text, ctx.number, t.palette.muted, t.content_left, t.content_left + t.content_width, t.footer_top, deck.words.rtl, on_template, width)
        written = plan.text()
        if not written.isascii():
            lost_glyphs(ctx, written)
        cue = notes_prefix(i) if notes_prefix else ""
        plan.notes = "\n".join(x for x in (cue, spoken(slide_model.notes.strip())) if x)
        plans.append(plan)
    errors = [o for o in ctx.found if o.severity == "error"]
    if errors:
        raise TextOverflow(errors)
    return DeckPlan(plans, template, theme, [o for o in ctx.found if o.severity == "warning"])
