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
from .kinds import KINDS, Context, Overflow, TextOverflow, heading, plan_diagrams
from .kinds.base import bold_lost, lost_glyphs
from .kinds.pictures import background, picture_name
from .kinds.section import listed_sections
from .markup import BACK_LINK, plain, spoken
from .plan import SlidePlan
from .text import Paragraph, Run, para
from .template import Prepared, SlideLook, slide_look
from .theme import EMU_PER_INCH, Theme, contrast_ratio, rgb_to_hex


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


def _hidden_title(text: str, most: int = 80) -> str:
    """Return the title a slide without one is given (a quote's, say): its heading, a long one
    cut at a word and ended with an ellipsis, as a list of slides can show it."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    cut = text[: most - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:") + "…"


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
    diagrams = plan_diagrams(deck, theme, template.families) if diagrams is None else diagrams
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
        section_links=[slide_link(deck, i) for i in sections],
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
        ctx.theme, ctx.grounds = look.theme, look.grounds
        plan = SlidePlan(
            i, slide_model.kind, (chosen.master, chosen.name), chosen.boxes(), theme.scale, slide_size,
            dark=kind.dark, moved=chosen.moved, background=look.background, links=look.links,
            anchor=slide_model.id, hidden=slide_model.hidden,
            section=plain(slide_model.title) if slide_model.kind == "section" else None,
            transition=_transition(slide_model.transition or info.transition),
            decorations=_outlines(chosen, theme.scale),
        )
        # what content keeps off: the template's shapes, and what its background picture draws
        ctx.decorations, ctx.slide_size = plan.decorations + _outlines(chosen, theme.scale, painted=True), slide_size
        kind.write(ctx, plan, slide_model)
        plan.hide_title([para(_hidden_title(plain(heading(deck, slide_model))), ctx.theme.palette.ink)], 28)
        if slide_model.back:
            _back_link(ctx, plan)
        if info.footer and not kind.dark and not plan.bleed:
            t = ctx.theme
            footer = chosen.of_type("ftr")
            width = footer.box[2] / EMU_PER_INCH / theme.scale if footer is not None and footer.box else None
            on_template = not template.builtin and chosen.of_type("sldNum") is not None
            colour = footer_colour(t.palette, (*(chosen.text_bgs or chosen.footer_bgs), chosen.body_bg) if on_template and chosen.footer_bgs else ())
            # the number in a colour of its own where the template sets it on another ground
            # than the footer's (a shard's corner): no one colour need read on both
            number = footer_colour(t.palette, chosen.number_bgs) if on_template and chosen.number_bgs else colour
            plan.footer(footer_text, ctx.number, colour, t.content_left, t.content_left + t.content_width, t.footer_top, deck.words.rtl, on_template, width, number)
        if slide_model.background is not None:
            background(ctx, plan, ctx.files["picture"][slide_model.background], picture_name(slide_model.background))
        written = plan.text()
        if not written.isascii():
            lost_glyphs(ctx, written)
            bold_lost(ctx, plan.bold_texts())
        cue = notes_prefix(i) if notes_prefix else ""
        plan.notes = "\n".join(x for x in (cue, spoken(slide_model.notes.strip())) if x)
        plans.append(plan)
    errors = [o for o in ctx.found if o.severity == "error"]
    if errors:
        raise TextOverflow(errors)
    return DeckPlan(plans, template, theme, [o for o in ctx.found if o.severity == "warning"])


def _outlines(layout, scale: float, painted: bool = False) -> tuple:
    """Return the outlines of the shapes `layout` and its master draw (`painted`: of what its
    background picture draws), in layout inches."""
    return tuple(tuple((x / EMU_PER_INCH / scale, y / EMU_PER_INCH / scale) for x, y in outline) for outline in (layout.painted if painted else layout.decorations))


def slide_link(deck, index: int) -> str:
    """Return the link address of slide `index`: its id, else its place (which no speaker's
    id can look like: ids start with a letter)."""
    slide = deck.slides[index]
    return f"#{slide.id}" if slide.id else f"#{index + 1}"


def _transition(chosen) -> tuple[str, float] | None:
    """Return a slide's transition as (effect, seconds), or None for the client's default."""
    return None if chosen is None else (chosen.effect, chosen.duration)


def footer_colour(palette, grounds: tuple) -> tuple:
    """Return the footer's colour: the deck's muted text, or where the template's footer
    placeholders stand on other colours (a band, a shard), the first of the deck's text
    colours that reads at 4.5:1 on every one of them."""
    grounds = tuple(grounds)
    if not grounds:
        return palette.muted
    for colour in (palette.muted, palette.ink, palette.on_night_muted, palette.on_night, (0, 0, 0), (255, 255, 255)):
        if all(contrast_ratio(colour, g) >= 4.5 for g in grounds):
            return colour
    return max(((0, 0, 0), (255, 255, 255)), key=lambda c: min(contrast_ratio(c, g) for g in grounds))


def _back_link(ctx: Context, plan: SlidePlan) -> None:
    """Add a small "Back" link at the slide's lower right, above the footer: to the slide shown
    before this one (PowerPoint's last-viewed action), for a backup slide reached by a link."""
    t = ctx.theme
    pal = t.palette
    text = ctx.words("back")
    paragraph = Paragraph((Run(text, pal.link_on_night if plan.dark else pal.link, link=BACK_LINK),), bullet=False, align="r")
    width = 1.6
    plan.text_box((t.content_left + t.content_width - width, t.footer_top - 0.45, width, 0.4), [paragraph], 16, "bottom", name="Back link")
