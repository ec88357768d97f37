"""Dispatch: one slide per outline slide, on the template layout its kind names."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable

from pptx import Presentation

from .. import model as m
from ..diagrams.cache import DiagramCache
from ..errors import OutlineError, Problem
from ..kinds import DARK_KINDS, KINDS, Context, TextOverflow, pictured, plan_diagrams
from ..kinds.section import listed_sections
from ..markup import spoken
from ..theme import DEFAULT_THEME, Theme
from . import package
from .canvas import SlideCanvas, layout_boxes

FOOTER_TOP = 6.95
PLACEHOLDER_NAMES = {0: "title", 1: "body"}


def qr_png(url: str, theme: Theme = DEFAULT_THEME) -> bytes:
    """Return a crisp QR code PNG for `url`, in the theme's dark colour on white, with a quiet zone."""
    import segno

    from ..theme import rgb_to_hex

    code = segno.make(url, error="m")
    out = io.BytesIO()
    code.save(out, kind="png", scale=16, border=2, dark=rgb_to_hex(theme.palette.night), light="#FFFFFF")
    return out.getvalue()


def open_template(path: Path):
    """Return the Presentation of template deck `path`, or raise OutlineError if it is not one."""
    try:
        return Presentation(str(path))
    except Exception as exc:  # python-pptx raises many kinds for a file that is not a pptx
        raise OutlineError(Problem(f"the template is not a usable .pptx ({type(exc).__name__}: {exc})", str(path))) from None


def write_deck(
    deck: m.Deck,
    *,
    template: Path,
    theme: Theme = DEFAULT_THEME,
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
    diagrams = diagrams or DiagramCache(None)
    plan = plan_diagrams(deck, theme) if plan is None else plan
    diagrams.prefetch(pictured(deck, plan).values())
    try:
        return _fill(deck, template, theme, diagrams, plan, images or {}, sources or {}, tables or {}, notes_prefix, emptied_sections, small, starts or [])
    except BaseException:
        diagrams.cancel()  # pictures still being drawn are for a deck that will not be written
        raise


def _fill(deck: m.Deck, template: Path, theme: Theme, diagrams: DiagramCache, plan, images: dict[str, bytes], sources: dict[str, str], tables: dict[str, tuple], notes_prefix, emptied_sections, small, starts: list[str]):
    """Open the template and write every slide of `deck` into it."""
    prs = open_template(template)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    needed = {KINDS[s.kind].layout for s in deck.slides}
    missing = sorted(needed - set(layouts))
    if missing:
        raise OutlineError(Problem(f"the template has no layout named {', '.join(map(repr, missing))}; it has {', '.join(map(repr, layouts))}", str(template)))
    boxes = {name: layout_boxes(layout) for name, layout in layouts.items()}
    lacking = []
    for name in sorted({s.kind for s in deck.slides}):
        kind = KINDS[name]
        for idx in kind.placeholders:
            if idx not in boxes[kind.layout]:
                lacking.append(f"the layout {kind.layout!r} has no {PLACEHOLDER_NAMES[idx]} placeholder (idx {idx}), which {name} slides fill")
    if lacking:
        raise OutlineError([Problem(message, str(template)) for message in lacking])
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
        slide, placeholders = factory.add_slide(layouts[kind.layout])
        canvas = SlideCanvas(slide, placeholders, boxes[kind.layout], theme.mono_font)
        kind.write(ctx, canvas, slide_model)
        if info.footer and slide_model.kind not in DARK_KINDS:
            t = theme
            canvas.footer((footer_text, t), footer_text, t.palette.muted, ctx.number, t.margin, t.slide_width, FOOTER_TOP)
        canvas.drop_empty_placeholders()
        canvas.tag_language(info.language)
        cue = notes_prefix(i) if notes_prefix else ""
        text = "\n".join(x for x in (cue, spoken(slide_model.notes.strip())) if x)
        factory.set_notes(slide, text, info.language)
    if ctx.overflows:
        raise TextOverflow(ctx.overflows)
    if small is not None:
        small.extend(ctx.small)
    return prs
