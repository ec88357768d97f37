"""Dispatch: one slide per outline slide, on the template layout its kind names."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable

from pptx import Presentation

from .. import model as m
from ..diagrams.cache import DiagramCache
from ..errors import OutlineError, Problem
from ..theme import DEFAULT_THEME, LAYOUTS, Theme
from . import package
from .slides import WRITERS, Context, TextOverflow, _drop_empty_placeholders, deck_diagrams, layout_boxes, write_footer


def qr_png(url: str) -> bytes:
    """Return a crisp QR code PNG for `url`, dark on white with a quiet zone."""
    import segno

    code = segno.make(url, error="m")
    out = io.BytesIO()
    code.save(out, kind="png", scale=16, border=2, dark="#14213D", light="#FFFFFF")
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
    images: dict[str, bytes] | None = None,
    notes_prefix: Callable[[int], str] | None = None,
):
    """Return the Presentation for `deck`: every slide written, notes on every slide."""
    diagrams = diagrams or DiagramCache(None)
    diagrams.prefetch(spec for _, spec in deck_diagrams(deck, theme))  # drawn while the slides are laid out
    try:
        return _fill(deck, template, theme, diagrams, images or {}, notes_prefix)
    except BaseException:
        diagrams.cancel()  # pictures still being drawn are for a deck that will not be written
        raise


def _fill(deck: m.Deck, template: Path, theme: Theme, diagrams: DiagramCache, images: dict[str, bytes], notes_prefix: Callable[[int], str] | None):
    """Open the template and write every slide of `deck` into it."""
    prs = open_template(template)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    needed = {LAYOUTS[s.kind] for s in deck.slides}
    missing = sorted(needed - set(layouts))
    if missing:
        raise OutlineError(Problem(f"the template has no layout named {', '.join(map(repr, missing))}; it has {', '.join(map(repr, layouts))}", str(template)))
    package.speed_up(prs)
    factory = package.SlideFactory(prs)
    ctx = Context(
        deck=deck,
        theme=theme,
        diagrams=diagrams,
        images=images,
        qr_png=qr_png,
        sections=[s.title for s in deck.slides if isinstance(s, m.SectionSlide)],
    )
    boxes = {name: layout_boxes(layout) for name, layout in layouts.items()}
    for i, slide_model in enumerate(deck.slides):
        ctx.index, ctx.number = i, i + 1
        name = LAYOUTS[slide_model.kind]
        ctx.layout_boxes = boxes[name]
        slide = factory.add_slide(layouts[name])
        WRITERS[slide_model.kind](ctx, slide, slide_model)
        write_footer(ctx, slide, slide_model.kind)
        _drop_empty_placeholders(slide)
        cue = notes_prefix(i) if notes_prefix else ""
        text = "\n".join(x for x in (cue, slide_model.notes.strip()) if x)
        factory.set_notes(slide, text)
    if ctx.overflows:
        raise TextOverflow(ctx.overflows)
    return prs
