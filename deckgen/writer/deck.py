"""Dispatch: one slide per outline slide, on the template layout its kind names."""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from .. import model as m
from ..diagrams.cache import DiagramCache
from ..errors import OutlineError, Problem
from ..kinds import DARK_KINDS, KINDS, Context, TextOverflow, pictured, plan_diagrams
from ..kinds.base import lost_glyphs
from ..kinds.section import listed_sections
from ..markup import spoken
from ..theme import DEFAULT_THEME, EMU_PER_INCH, Theme, contrast_ratio, template_path
from . import package
from .canvas import SlideCanvas, set_direction, set_scale
from ..text import measure_with
from .template import Prepared, layouts_of, open_presentation, prepare


def qr_png(url: str, theme: Theme = DEFAULT_THEME) -> bytes:
    """Return a crisp QR code PNG for `url`, in the theme's dark colour on white, with a quiet zone."""
    import segno

    from ..theme import rgb_to_hex

    code = segno.make(url, error="m")
    out = io.BytesIO()
    code.save(out, kind="png", scale=16, border=2, dark=rgb_to_hex(theme.palette.night), light="#FFFFFF")
    return out.getvalue()


def write_deck(
    deck: m.Deck,
    *,
    template: Path | Prepared | None = None,
    theme: Theme | None = None,
    diagrams: DiagramCache | None = None,
    plan: dict[int, object] | None = None,
    images: dict[str, bytes] | None = None,
    sources: dict[str, str] | None = None,
    tables: dict[str, tuple] | None = None,
    notes_prefix: Callable[[int], str] | None = None,
    emptied_sections: list[int] = (),
    small: list | None = None,
    starts: list[str] | None = None,
):
    """Return the Presentation for `deck`: every slide written, notes on every slide.

    `plan` is the deck's pyramids by slide index (`kinds.plan_diagrams`); the pictures among
    them are drawn in the background while the slides are laid out. The agenda leaves out the
    section slides `emptied_sections` (whose slides `when:` and `skip` all dropped), and shows
    each section's start from `starts` (one mm:ss per slide) when it asks for times. Text set
    below its size floor is appended to `small` (kinds.Overflow), for the caller to warn about.
    """
    if not isinstance(template, Prepared):
        builtin = template is None
        template = prepare(deck, template_path(deck.deck.theme) if builtin else Path(template), builtin)
    theme = theme or template.theme
    diagrams = diagrams or DiagramCache(None)
    plan = plan_diagrams(deck, theme) if plan is None else plan
    diagrams.prefetch(pictured(deck, plan).values())
    try:
        return _fill(deck, template, theme, diagrams, plan, images or {}, sources or {}, tables or {}, notes_prefix, emptied_sections, small, starts or [])
    except BaseException:
        diagrams.cancel()  # pictures still being drawn are for a deck that will not be written
        raise


def _fill(deck: m.Deck, template: Prepared, theme: Theme, diagrams: DiagramCache, plan, images: dict[str, bytes], sources: dict[str, str], tables: dict[str, tuple], notes_prefix, emptied_sections, small, starts: list[str]):
    """Open the template and write every slide of `deck` into it."""
    prs = open_presentation(template.path)
    package.drop_slides(prs)  # only the template's masters, layouts and theme reach the deck
    package.ensure_view_properties(prs)
    layouts = layouts_of(prs)
    set_scale(theme.scale)
    set_direction(deck.words.rtl)
    previous = measure_with(template.families)
    try:
        return _slides(deck, prs, layouts, template, theme, diagrams, plan, images, sources, tables, notes_prefix, emptied_sections, small, starts)
    finally:
        measure_with(previous)


@dataclass(frozen=True)
class SlideLook:
    """How slides on one layout are written: the theme their text reads in, the background
    they get of their own (None: the layout's), the hyperlink mapping they need (None: none)."""

    theme: Theme
    background: tuple | None
    links: tuple | None  # (the master's colour mapping, the theme slot links take)


def slide_look(template: Prepared, theme: Theme, layout, dark: bool) -> SlideLook:
    """Return the look of a slide of a `dark` kind (or not) on `layout`.

    A dark slide of the built-in template whose deck.palette gives another primary colour than
    the layout's is painted that colour. Text colours are then made to read on what they stand
    on. On a speaker's template, where the theme's hyperlink colour does not read on the text's
    background, links take the theme colour that reads best (PowerPoint and LibreOffice draw
    links in it, whatever the run asks for).
    """
    painted = template.builtin and dark and layout.title_bg != theme.palette.night
    title_bg, body_bg = (theme.palette.night,) * 2 if painted else (layout.title_bg, layout.body_bg)
    palette = theme.palette.on(title_bg, body_bg, dark, theme.min_contrast)
    links = None
    colours = template.info.colours
    hlink = colours.get("hlink")
    ground = title_bg if dark else body_bg
    if not template.builtin and hlink is not None and contrast_ratio(hlink, ground) < 4.5:
        best = max(("lt1", "dk1", "lt2", "dk2"), key=lambda k: contrast_ratio(colours.get(k, hlink), ground))
        if contrast_ratio(colours.get(best, hlink), ground) >= 4.5:
            links = (layout.colour_map, best)
    return SlideLook(theme if palette is theme.palette else replace(theme, palette=palette), theme.palette.night if painted else None, links)


def _slides(deck, prs, layouts, template, theme, diagrams, plan, images, sources, tables, notes_prefix, emptied_sections, small, starts):
    """Write every slide of `deck` into the opened template `prs`."""
    looks: dict[tuple, SlideLook] = {}
    package.speed_up(prs)
    factory = package.SlideFactory(prs)
    sections = listed_sections(deck, emptied_sections)
    ctx = Context(
        deck=deck,
        theme=theme,
        diagrams=plan,
        pictures=diagrams,
        images=images,
        sources=sources,
        tables=tables,
        qr_png=lambda url: qr_png(url, theme),
        sections=[deck.slides[i].title for i in sections],
        section_numbers={index: n for n, index in enumerate(sections, start=1)},
        section_starts=[starts[i] for i in sections] if starts else [],
    )
    info = deck.deck
    event = info.event
    footer_text = " · ".join(x for x in ((event.hashtag or event.name) if event else None, info.handle) if x)
    for i, slide_model in enumerate(deck.slides):
        ctx.index, ctx.number = i, i + 1
        kind = KINDS[slide_model.kind]
        chosen = template.chosen[slide_model.kind]
        slide, placeholders = factory.add_slide(layouts[chosen.master, chosen.name])
        canvas = SlideCanvas(slide, placeholders, chosen.boxes(), theme.mono_font, chosen.moved)
        key = (chosen.master, chosen.name, kind.dark)
        look = looks.get(key) or looks.setdefault(key, slide_look(template, theme, chosen, kind.dark))
        ctx.theme = look.theme
        if look.background is not None:
            canvas.background(look.background)
        if look.links is not None:
            canvas.map_hyperlinks(*look.links)
        kind.write(ctx, canvas, slide_model)
        if info.footer and slide_model.kind not in DARK_KINDS:
            t = ctx.theme
            footer = chosen.of_type("ftr")
            width = footer.box[2] / EMU_PER_INCH / theme.scale if footer is not None and footer.box else None
            if template.builtin or not canvas.footer_placeholders(chosen.element, footer_text, ctx.number, width):
                canvas.footer((footer_text, t.palette.muted), footer_text, t.palette.muted, ctx.number, t.content_left, t.content_left + t.content_width, t.footer_top, deck.words.rtl)
        canvas.drop_empty_placeholders()
        written = canvas.text()
        if not written.isascii():
            lost_glyphs(ctx, written)
        canvas.tag_language(info.language)
        cue = notes_prefix(i) if notes_prefix else ""
        text = "\n".join(x for x in (cue, spoken(slide_model.notes.strip())) if x)
        factory.set_notes(slide, text, info.language)
    if ctx.overflows:
        raise TextOverflow(ctx.overflows)
    if small is not None:
        small.extend(ctx.small)
    return prs
