"""Where the pyramid's texts go: labels fitted in their bands, details beside them, leader
lines and the arrow; pure layout in the picture's units, no pixels (Pillow draws them in
diagrams/pyramid.py, python-pptx in pptx/shapes.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..text import two_line_splits
from ..theme import RGB, blend, ensure
from . import geometry
from .spec import PyramidSpec


@dataclass(frozen=True)
class PlacedText:
    """A block of text placed in the picture: lines centred on (x, y) or starting at x."""

    lines: tuple[str, ...]
    size: float  # in the layout's units (pixels here, points for shapes)
    x: float
    y: float
    colour: RGB
    bold: bool
    align: str  # "centre", "left" or "right"


LEADER_CONTRAST = 3.0  # leader lines against the slide, at least
LINE = 1.15  # line height, in ems
DETAIL_GAP = 0.3  # the least space between two details' blocks, in ems: two-line details never touch
LABEL_LARGEST = 22.0  # points: labels are set no larger, nor taller than half their band
DETAIL_LARGEST = 16.0  # points: details are set no larger


@lru_cache(maxsize=4096)
def splits(text: str, measure, lines: int) -> tuple[float, tuple[str, ...]] | None:
    """Return the width at size 1 of `text` broken into `lines` lines as evenly as it can be
    (its widest line), and those lines; None when it has fewer places to break."""
    if lines == 1:
        return measure(text, 1.0), (text,)
    best = None
    for head, tail in two_line_splits(text):
        if lines == 2:
            rest = (measure(tail, 1.0), (tail,))
        else:
            rest = splits(tail, measure, lines - 1)
            if rest is None:
                continue
        width = max(measure(head, 1.0), rest[0])
        if best is None or width < best[0] - 1e-9:
            best = (width, (head,) + rest[1])
    return best


def after_punctuation(text: str, measure, even: tuple[str, ...], size: float, room: float) -> tuple[str, ...]:
    """Return two lines broken after a comma, colon or semicolon where they fit `room` at `size`
    and are nearly as even as `even` ("LLMs from OpenAI, / Anthropic"), as a designer would
    break them; else `even`."""
    if len(even) != 2:
        return even
    widest = max(measure(line, 1.0) for line in even)
    found = [
        (max(measure(head, 1.0), measure(tail, 1.0)), (head, tail))
        for head, tail in two_line_splits(text)
        if head[-1] in ",;:"
    ]
    found = [f for f in found if f[0] * size <= room + 1e-6 and f[0] <= widest * 1.35]
    return min(found)[1] if found else even


def largest(widths: list[tuple[float, tuple[str, ...]] | None], room: float, slope: float, tall: float, line_room: float) -> tuple[float, int]:
    """Return the largest size a text fits at and how many lines it then takes.

    `widths[i]` is the text broken into i + 1 lines (`splits`); `room` the width free at the
    text's centre line, narrowing by `slope` per unit of the text's height (a sloped band);
    `tall` the height free for the whole block; `line_room` the height each line needs, in ems.
    """
    best, count = 0.0, 1
    for i, shape in enumerate(widths):
        if shape is None:
            continue
        lines = i + 1
        size = min(room / (shape[0] + slope * lines * LINE / 2), tall / (lines * LINE + line_room))
        if size > best + 1e-9:
            best, count = size, lines
    return max(best, 0.0), count


def half_points(size: float, unit_per_pt: float) -> float:
    """Return `size` (layout units) rounded down to half a point."""
    return int(size / unit_per_pt * 2 + 1e-6) / 2 * unit_per_pt


def label_room(band: geometry.Band, pad: float) -> tuple[float, float, float]:
    """Return a band's width free for a label at its centre line, how fast it narrows per unit
    of the label's height, and the band's height."""
    height = band.bottom - band.top
    cy = band.centre[1]
    slope = abs(band.width_at(band.bottom) - band.width_at(band.top)) / height
    return band.width_at(cy) - 2 * pad, slope, height


def detail_room(lay: geometry.PyramidLayout) -> tuple[float, float]:
    """Return the width of a detail's lines and the height of its slot (one band's pitch)."""
    band_h = lay.bands[0].bottom - lay.bands[0].top
    pitch = band_h + (lay.bands[0].top - lay.bands[1].bottom if len(lay.bands) > 1 else 0)
    return lay.detail_width - lay.width * 0.035, pitch


def label_sizes(shapes: list[list], rooms: list[tuple[float, float, float]], unit_per_pt: float) -> tuple[float, list[int]]:
    """Return the one size every label is set at (the tightest band's) and each one's lines."""
    fitted = []
    for widths, (room, slope, height) in zip(shapes, rooms):
        size, _ = largest(widths, room, slope, height * 0.9, 0.0)
        fitted.append(min(size, LABEL_LARGEST * unit_per_pt, height * 0.5))
    common = half_points(min(fitted), unit_per_pt)
    counts = []
    for widths, (room, slope, height) in zip(shapes, rooms):
        counts.append(next((i + 1 for i, w in enumerate(widths) if w is not None and _fits(w[0], i + 1, common, room, slope, height * 0.9)), 1))
    return common, counts


def _fits(width: float, lines: int, size: float, room: float, slope: float, tall: float) -> bool:
    return width * size <= room - slope * lines * LINE * size / 2 + 1e-6 and lines * LINE * size <= tall + 1e-6


def detail_slots(shown: list[bool], pitch: float) -> list[tuple[float, float]]:
    """Return the height each shown detail may take, bottom to top, and how far its block's
    centre moves from its band's (down is positive): its band's pitch; where the band above or
    below shows no detail, half of that band's slot too (a layer slide's one detail)."""
    out = []
    for i, here in enumerate(shown):
        if not here:
            continue
        above = i + 1 < len(shown) and not shown[i + 1]  # bands go bottom to top, y grows downward
        below = i > 0 and not shown[i - 1]
        if above and below:
            out.append((2 * pitch, 0.0))
        elif above or below:
            out.append((1.5 * pitch, (-pitch if above else pitch) / 4))
        else:
            out.append((pitch, 0.0))
    return out


def detail_sizes(shapes: list[list], width: float, slots: list[float], unit_per_pt: float) -> tuple[float, list[int]]:
    """Return the one size every detail is set at (the longest one's) and each one's lines."""
    fitted = [largest(widths, width, 0.0, slot, DETAIL_GAP)[0] for widths, (slot, _) in zip(shapes, slots)]
    common = half_points(min(min(fitted), DETAIL_LARGEST * unit_per_pt), unit_per_pt)
    counts = []
    for widths, (slot, _) in zip(shapes, slots):
        counts.append(next((i + 1 for i, w in enumerate(widths) if w is not None and w[0] * common <= width + 1e-6 and ((i + 1) * LINE + DETAIL_GAP) * common <= slot + 1e-6), len(widths)))
    return common, counts


LABEL_LINES = 2  # a label takes one or two lines
DETAIL_LINES = 3  # a detail one to three


def label_texts(spec: PyramidSpec, lay: geometry.PyramidLayout, unit_per_pt: float, measure_bold=None, measure_regular=None) -> list[PlacedText]:
    """Return the labels inside the bands and the details beside them, each as large as its
    room allows, every label at one size and every detail at another.

    Shared by the picture and the shapes renderer, so both place text the same way; measured
    with the deck's fonts (`spec.families`) unless other measures are given.
    """
    measure_bold = measure_bold or spec.measure(True)
    measure_regular = measure_regular or spec.measure(False)
    out: list[PlacedText] = []
    shapes = [[splits(layer.label, measure_bold, k) for k in range(1, LABEL_LINES + 1)] for layer in spec.layers]
    rooms = [label_room(band, lay.label_pad) for band in lay.bands]
    size, counts = label_sizes(shapes, rooms, unit_per_pt)
    for band, widths, count in zip(lay.bands, shapes, counts):
        cx, cy = band.centre
        out.append(PlacedText(widths[count - 1][1], size, cx, cy, spec.label_colour(band.index), True, "centre"))
    detailed = [(band, layer) for band, layer in zip(lay.bands, spec.layers) if layer.detail]
    if lay.detail_x is not None and detailed:
        width, pitch = detail_room(lay)
        gap = lay.width * 0.035
        shapes = [[splits(layer.detail, measure_regular, k) for k in range(1, DETAIL_LINES + 1)] for _, layer in detailed]
        slots = detail_slots([bool(l.detail) for l in spec.layers], pitch)
        size, counts = detail_sizes(shapes, width, slots, unit_per_pt)
        for (band, layer), widths, count, (_, offset) in zip(detailed, shapes, counts, slots):
            colour = spec.theme.palette.muted if spec.dimmed(band.index) else spec.theme.palette.ink
            x = lay.detail_x + gap if lay.detail_side == "right" else lay.detail_x + lay.detail_width - gap
            align = "left" if lay.detail_side == "right" else "right"
            lines = after_punctuation(layer.detail, measure_regular, widths[count - 1][1], size, width)
            out.append(PlacedText(lines, size, x, band.centre[1] + offset, colour, False, align))
    return out


def own_sizes(spec: PyramidSpec, lay: geometry.PyramidLayout, unit_per_pt: float) -> tuple[list[float], dict[int, float]]:
    """Return the largest size each label could have in its band, and each detail beside its
    band (by layer index): where one is below its floor, it is the text to change."""
    bold, regular = spec.measure(True), spec.measure(False)
    labels = []
    for band, layer in zip(lay.bands, spec.layers):
        room, slope, height = label_room(band, lay.label_pad)
        size, _ = largest([splits(layer.label, bold, k) for k in range(1, LABEL_LINES + 1)], room, slope, height * 0.9, 0.0)
        labels.append(half_points(min(size, height * 0.5, LABEL_LARGEST * unit_per_pt), unit_per_pt))
    details = {}
    if lay.detail_x is not None:
        width, pitch = detail_room(lay)
        shown = [i for i, layer in enumerate(spec.layers) if layer.detail]
        for i, (slot, _) in zip(shown, detail_slots([bool(l.detail) for l in spec.layers], pitch)):
            layer = spec.layers[i]
            if layer.detail:
                size, _ = largest([splits(layer.detail, regular, k) for k in range(1, DETAIL_LINES + 1)], width, 0.0, slot, DETAIL_GAP)
                details[i] = half_points(min(size, DETAIL_LARGEST * unit_per_pt), unit_per_pt)
    return labels, details


def leader_lines(spec: PyramidSpec, lay: geometry.PyramidLayout) -> list[tuple[geometry.Point, geometry.Point, RGB]]:
    """Return the thin lines from each band's edge to its detail."""
    if lay.detail_x is None:
        return []
    gap = lay.width * 0.012
    out = []
    for band, layer in zip(lay.bands, spec.layers):
        if not layer.detail:
            continue
        cx, cy = band.centre
        half = band.width_at(cy) / 2
        pal = spec.theme.palette
        # a dimmed layer's line is lighter, yet still seen: 3:1 against the slide (WCAG's non-text contrast)
        colour = ensure(blend(pal.muted, pal.paper, 0.45), pal.paper, LEADER_CONTRAST) if spec.dimmed(band.index) else pal.muted
        if lay.detail_side == "right":
            out.append(((cx + half + gap, cy), (lay.detail_x + lay.width * 0.025, cy), colour))
        else:
            out.append(((cx - half - gap, cy), (lay.detail_x + lay.detail_width - lay.width * 0.025, cy), colour))
    return out


def arrow_shape(spec: PyramidSpec, lay: geometry.PyramidLayout) -> list[geometry.Point] | None:
    """Return the arrow's outline, or None when the pyramid has no arrow."""
    if lay.arrow_x is None:
        return None
    shaft = lay.width * 0.012
    head = lay.width * 0.04
    return geometry.arrow_polygon(lay.arrow_x, lay.arrow_top, lay.arrow_bottom, shaft, head, spec.arrow_direction)
