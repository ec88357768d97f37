"""Read any deck as the render check sees it: each slide's shapes, boxes, text and sizes.

`deckgen check --render deck.pptx` checks a deck deckgen did not plan (one edited in
PowerPoint, one imported, one of a colleague's): what each slide holds is read from the file.
Placeholders stand where python-pptx finds them (their own box, else their layout's or
master's, as PowerPoint inherits it); the template's own shapes are the layout's decorations
(template.analyse). Uses python-pptx's public API and `shape.placeholder_format`, read only.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from ..render_check import Drawable, SlideDrawing, normal
from .opening import open_deck
from .template import analyse, layouts_of

EMU_IN = 914400
TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
OWN_FOOTERS = {"Footer", "Slide number"}  # the text boxes deckgen draws its footer in (pptx.footers)
FOOTERS = {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.HEADER}


def slide_drawings(path: Path) -> list[SlideDrawing]:
    """Return every slide of the deck at `path` as the render check sees it; raise OutlineError
    for a file that is not a deck deckgen can open (opening.open_deck's limits)."""
    prs = open_deck(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's remarks on a template's pictures are not the speaker's business
        info = analyse(prs, path)
    keys = {id(layout._element): key for key, layout in layouts_of(prs).items()}
    decorations = {(x.master, x.name): tuple(tuple((px / EMU_IN, py / EMU_IN) for px, py in outline) for outline in x.decorations) for x in info.layouts}
    width, height = prs.slide_width / EMU_IN, prs.slide_height / EMU_IN
    out = []
    for index, slide in enumerate(prs.slides):
        items = tuple(item for shape in slide.shapes for item in [_drawable(shape)] if item is not None)
        key = keys.get(id(slide.slide_layout._element))
        out.append(SlideDrawing(index, width, height, height / 7.5, items, decorations.get(key, ())))
    return out


def _drawable(shape) -> Drawable | None:
    box = _box(shape)
    if shape.is_placeholder:
        kind = shape.placeholder_format.type
        if kind == PP_PLACEHOLDER.PICTURE or shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
            return Drawable("picture", f"the picture {shape.name!r}", box)
        if not shape.has_text_frame or not shape.text_frame.text.strip():
            return None
        role = "title" if kind in TITLES else "footer" if kind in FOOTERS else "body"
        name = {"title": "the title", "footer": "the footer", "body": "the body text"}[role]
        return Drawable(role, name, box, normal(shape.text_frame.text), _smallest(shape.text_frame))
    if getattr(shape, "has_chart", False) and shape.has_chart:
        return Drawable("chart", "the chart", box)
    if getattr(shape, "has_table", False) and shape.has_table:
        cells = [cell.text_frame for row in shape.table.rows for cell in row.cells]
        sizes = [s for s in (_smallest(frame) for frame in cells) if s is not None]
        return Drawable("table", "the table", box, normal(" ".join(frame.text for frame in cells)), min(sizes, default=None))
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
        return Drawable("picture", f"the picture {shape.name!r}", box)
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        texts = [s.text_frame.text for s in _leaves(shape) if s.has_text_frame]
        return Drawable("shapes", f"the group {shape.name!r}", box, normal(" ".join(texts)))
    if shape.has_text_frame and shape.text_frame.text.strip():
        if shape.name in OWN_FOOTERS:
            return Drawable("footer", "the footer", box, normal(shape.text_frame.text), _smallest(shape.text_frame))
        text = " ".join(shape.text_frame.text.split())
        short = text if len(text) <= 40 else text[:39].rsplit(" ", 1)[0] + "…"
        return Drawable("text", f"the text {short!r}", box, normal(text), _smallest(shape.text_frame))
    return Drawable("rule", f"the shape {shape.name!r}", box)


def _leaves(group):
    for shape in group.shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _leaves(shape)
        else:
            yield shape


def _box(shape):
    values = (shape.left, shape.top, shape.width, shape.height)
    if any(v is None for v in values):
        return None
    return tuple(v / EMU_IN for v in values)


def _smallest(frame) -> float | None:
    """Return the smallest size set on a run of `frame` with text, in points; None when every
    size is inherited."""
    sizes = [run.font.size.pt for p in frame.paragraphs for run in p.runs if run.text.strip() and run.font.size is not None]
    return min(sizes, default=None)
