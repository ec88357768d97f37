"""The layout check: on the plans alone, before any XML, what a speaker would see as wrong.

Every box is known once a slide is planned, so deckgen itself finds text that overlaps other
text or a picture, anything past the slide's edge, and text over the shapes the template draws
itself (a title band, a logo, a decoration). Each finding names the slide and the elements;
they are warnings, errors under `--strict`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .plan import Box, Chart, Fill, Footer, Picture, PyramidShapes, Rule, SlidePlan, Table, TextBox

EDGE = 0.02  # inches a box may pass the slide's edge by (rounding), and overlap by
MIN_OVERLAP = 0.04  # square inches of overlap that count: less is two boxes touching


@dataclass(frozen=True)
class LayoutFinding:
    """One thing wrong with a slide's layout: its index and what the speaker reads."""

    index: int
    message: str


def _name(element) -> str:
    if isinstance(element, Fill):
        return "the title" if element.role == 0 else "the body text"
    if isinstance(element, Footer):
        return "the footer"
    if isinstance(element, (Picture,)):
        return f"the picture {element.name!r}"
    if isinstance(element, PyramidShapes):
        return "the pyramid"
    if isinstance(element, Chart):
        return "the chart"
    if isinstance(element, Table):
        return "the table"
    text = " ".join(p.text for p in getattr(element, "paragraphs", ()))[:40].strip()
    return f"the text {text!r}" if text else f"the {getattr(element, 'name', None) or 'text box'}"


def _text_box(element) -> Box | None:
    """Return the box of text a speaker reads in `element`, or None (not text, or empty)."""
    if isinstance(element, Fill):
        return element.box if element.written and any(p.text.strip() for p in element.paragraphs) else None
    if isinstance(element, TextBox):
        return element.box if any(p.text.strip() for p in element.paragraphs) else None
    if isinstance(element, Table):
        return element.box
    if isinstance(element, Footer) and not element.on_template:  # the template's own stand where it puts them
        return element.box
    return None


def _overlap(a: Box, b: Box) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > EDGE and h > EDGE else 0.0


def _box(element) -> Box | None:
    if isinstance(element, Fill):
        return element.box if element.written else None
    return getattr(element, "box", None)


def check_slide(plan: SlidePlan, decorations: tuple = ()) -> list[LayoutFinding]:
    """Return what is wrong with the layout of `plan`; `decorations` are the boxes (layout
    inches) of the shapes its template layout and master draw."""
    found = []
    width, height = plan.slide_size
    for element in plan.elements:
        box = _box(element)
        if box is None:
            continue
        left, top, w, h = box
        if left < -EDGE or top < -EDGE or left + w > width + EDGE or top + h > height + EDGE:
            found.append(LayoutFinding(plan.index, f"{_name(element)} reaches past the slide's edge"))
    texts = [(e, b) for e in plan.elements if (b := _text_box(e)) is not None]
    drawn = [(e, _box(e)) for e in plan.elements if isinstance(e, (Picture, PyramidShapes, Chart))]
    for k, (a, box_a) in enumerate(texts):
        for b, box_b in texts[k + 1 :] + drawn:
            if _overlap(box_a, box_b) >= MIN_OVERLAP:
                found.append(LayoutFinding(plan.index, f"{_name(a)} overlaps {_name(b)}"))
        if not isinstance(a, Footer):
            for decoration in decorations:
                if _overlap(box_a, decoration) >= MIN_OVERLAP:
                    found.append(LayoutFinding(plan.index, f"{_name(a)} stands over a shape the template draws itself (a band, a logo or a decoration)"))
                    break
    return found


def layout_problems(plans: list[SlidePlan], template) -> list[LayoutFinding]:
    """Return the layout findings of every slide of a deck planned on `template` (template.Prepared)."""
    by_layout = {(x.master, x.name): x for x in template.info.layouts}
    out = []
    for plan in plans:
        layout = by_layout.get(plan.layout)
        decorations = tuple(tuple(v / 914400 / plan.scale for v in box) for box in (layout.decorations if layout else ()))
        out += check_slide(plan, decorations)
    return out
