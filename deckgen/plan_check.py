"""The layout check: on the plans alone, before any XML, what a speaker would see as wrong.

Every box is known once a slide is planned, so deckgen itself finds text that overlaps other
text or a picture, anything past the slide's edge, and text over the shapes the template draws
itself (a title band, a logo, a decoration). Each finding names the slide and the elements;
they are warnings, errors under `--strict`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .plan import Box, Chart, Fill, Footer, Media, Picture, PyramidShapes, SlidePlan, Table, TextBox
from .text import INSET_X, INSET_Y, block_height, text_width

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
    if isinstance(element, (Picture, Media)):
        return f"the picture {element.name!r}"
    if isinstance(element, PyramidShapes):
        return "the pyramid"
    if isinstance(element, Chart):
        return "the chart"
    if isinstance(element, Table):
        return "the table"
    text = " ".join(" ".join(p.text for p in getattr(element, "paragraphs", ())).split())
    if len(text) > 40:
        text = text[:39].rsplit(" ", 1)[0] + "…"
    return f"the text {text!r}" if text else f"the {getattr(element, 'name', None) or 'text box'}"


def _text_box(element, families: tuple = ()) -> Box | None:
    """Return where the text a speaker reads in `element` is drawn (its box, as high as its
    lines take, where its anchor puts them), or None (not text, or empty)."""
    if isinstance(element, (Fill, TextBox)):
        if (isinstance(element, Fill) and (not element.written or element.hidden)) or not any(p.text.strip() for p in element.paragraphs):
            return None
        left, top, width, height = element.box
        used = min(height, block_height(list(element.paragraphs), element.size, width, families)) if element.wrap_lines else height
        shift = {"top": 0.0, "middle": (height - used) / 2, "bottom": height - used}[element.anchor]
        wide = _widest(element.paragraphs, element.size, width, families)
        if wide is not None:
            aligns = {p.align for p in element.paragraphs}
            left, width = (left + (width - wide) / 2 if aligns == {"ctr"} else left + width - wide if aligns == {"r"} else left), wide
        # where glyphs are drawn: inside the box's insets
        return left + INSET_X, top + shift + INSET_Y, max(0.0, width - 2 * INSET_X), max(0.0, used - 2 * INSET_Y)
    if isinstance(element, Table):
        return element.box
    if isinstance(element, Footer) and not element.on_template:  # the template's own stand where it puts them
        return element.box
    return None


text_extent = _text_box  # also where a scrim goes behind text laid over a picture


def _widest(paragraphs, size: float, width: float, families: tuple) -> float | None:
    """Return how wide the text of `paragraphs` is drawn when each takes one line (insets and
    indents included); None when one wraps (it then takes the box's width)."""
    widest = 0.0
    for p in paragraphs:
        indent = p.indent
        drawn = sum(text_width(run.text, p.size(size), run.face, families) for run in p.runs if run.text != "\n") + indent + 2 * INSET_X
        if drawn > width or any(run.text == "\n" for run in p.runs):
            return None
        widest = max(widest, drawn)
    return widest


def _is_text(element) -> bool:
    """Return whether `element` holds text a speaker reads (a written placeholder, a text box,
    a table, a footer deckgen draws)."""
    if isinstance(element, Fill):
        return element.written and not element.hidden
    return isinstance(element, (TextBox, Table)) or (isinstance(element, Footer) and not element.on_template)


def _overlap(a: Box, b: Box) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > EDGE and h > EDGE else 0.0


def _bounds(outline) -> Box:
    xs, ys = [x for x, _ in outline], [y for _, y in outline]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _covered(box: Box, outline) -> float:
    """Return the area of `box` that polygon `outline` covers (clipped to the box, edge by
    edge: Sutherland and Hodgman's algorithm, which a concave outline passes through too)."""
    left, top, width, height = box
    points = list(outline)
    edges = (
        (lambda p: p[0] >= left, lambda p, q: _at_x(p, q, left)),
        (lambda p: p[0] <= left + width, lambda p, q: _at_x(p, q, left + width)),
        (lambda p: p[1] >= top, lambda p, q: _at_y(p, q, top)),
        (lambda p: p[1] <= top + height, lambda p, q: _at_y(p, q, top + height)),
    )
    for inside, cross in edges:
        clipped = []
        for k, p in enumerate(points):
            q = points[k - 1]
            if inside(p):
                if not inside(q):
                    clipped.append(cross(q, p))
                clipped.append(p)
            elif inside(q):
                clipped.append(cross(q, p))
        points = clipped
        if not points:
            return 0.0
    return abs(sum(points[k - 1][0] * p[1] - p[0] * points[k - 1][1] for k, p in enumerate(points))) / 2


def _at_x(p, q, x: float):
    t = (x - p[0]) / (q[0] - p[0])
    return x, p[1] + t * (q[1] - p[1])


def _at_y(p, q, y: float):
    t = (y - p[1]) / (q[1] - p[1])
    return p[0] + t * (q[0] - p[0]), y


def _contains(outer: Box, inner: Box) -> bool:
    return (outer[0] <= inner[0] + EDGE and outer[1] <= inner[1] + EDGE
            and outer[0] + outer[2] >= inner[0] + inner[2] - EDGE and outer[1] + outer[3] >= inner[1] + inner[3] - EDGE)


def _box(element) -> Box | None:
    if isinstance(element, Fill):
        return element.box if element.written and not element.hidden else None
    return getattr(element, "box", None)


def check_slide(plan: SlidePlan, decorations: tuple = (), families: tuple = ()) -> list[LayoutFinding]:
    """Return what is wrong with the layout of `plan`; `decorations` are the outlines
    (polygons, layout inches) of the shapes its template layout and master draw, `families` the fonts its text
    is measured with (text.Families)."""
    found = []
    width, height = plan.slide_size
    for element in plan.elements:
        box = _box(element)
        if box is None:
            continue
        left, top, w, h = box
        if left < -EDGE or top < -EDGE or left + w > width + EDGE or top + h > height + EDGE:
            found.append(LayoutFinding(plan.index, f"{_name(element)} reaches past the slide's edge"))
    # boxes first, cheaply; where a text's box meets another box or a decoration, where its
    # lines are drawn (measured) decides: most slides measure nothing here
    texts = [e for e in plan.elements if _is_text(e)]
    # text may stand on a backdrop picture: on its scrim, coloured from the pixels under it
    drawn = [(e, _box(e)) for e in plan.elements if isinstance(e, (Picture, Media, PyramidShapes, Chart)) and not getattr(e, "backdrop", False)]
    extents: dict[int, Box | None] = {}

    def extent(element) -> Box | None:
        if element.id not in extents:
            extents[element.id] = _text_box(element, families)
        return extents[element.id]

    for k, a in enumerate(texts):
        box_a = _box(a)
        others = [(b, _box(b), True) for b in texts[k + 1 :]] + [(b, box, False) for b, box in drawn]
        for b, box_b, is_text in others:
            if _overlap(box_a, box_b) < MIN_OVERLAP or (is_text and _layered(a, b)):
                continue
            inner_a, inner_b = extent(a), (extent(b) if is_text else box_b)
            if inner_a is not None and inner_b is not None and _overlap(inner_a, inner_b) >= MIN_OVERLAP:
                found.append(LayoutFinding(plan.index, f"{_name(a)} overlaps {_name(b)}"))
        if not isinstance(a, Footer):
            for outline in decorations:
                # a shape under the whole text is what it stands on (its colour is what the
                # text was made to read on); one that crosses it is a band, a logo, an ornament
                if _covered(box_a, outline) < MIN_OVERLAP:
                    continue
                inner = extent(a)
                if inner is not None and _covered(inner, outline) >= MIN_OVERLAP and not _contains(_bounds(outline), inner):
                    found.append(LayoutFinding(plan.index, f"{_name(a)} stands over a shape the template draws itself (a band, a logo or a decoration)"))
                    break
    return found


def layout_problems(plans: list[SlidePlan], template) -> list[LayoutFinding]:
    """Return the layout findings of every slide of a deck planned on `template` (template.Prepared)."""
    by_layout = {(x.master, x.name): x for x in template.info.layouts}
    out = []
    for plan in plans:
        layout = by_layout.get(plan.layout)
        decorations = tuple(tuple((x / 914400 / plan.scale, y / 914400 / plan.scale) for x, y in outline) for outline in (layout.decorations if layout else ()))
        out += check_slide(plan, decorations, template.families)
    return out


def _layered(a, b) -> bool:
    """Return whether texts `a` and `b` are layers of one block, drawn line for line over each other."""
    over_a, over_b = getattr(a, "over", None), getattr(b, "over", None)
    return over_a == b.id or over_b == a.id or (over_a is not None and over_a == over_b)
