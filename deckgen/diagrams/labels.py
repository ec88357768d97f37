"""Where the pyramid's texts go: labels fitted in their bands, details beside them, leader
lines and the arrow; pure layout in the picture's units, no pixels (Pillow draws them in
diagrams/pyramid.py, python-pptx in pptx/shapes.py)."""

from __future__ import annotations

from dataclasses import dataclass

from ..text import balanced
from ..theme import RGB
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


def label_texts(spec: PyramidSpec, lay: geometry.PyramidLayout, unit_per_pt: float, measure_bold, measure_regular) -> list[PlacedText]:
    """Return the labels inside the bands and the details beside them, fitted to their space.

    Shared by the picture and the shapes renderer, so both place text the same way.
    """
    out: list[PlacedText] = []
    band_h = lay.bands[0].bottom - lay.bands[0].top
    max_label = min(22 * unit_per_pt, band_h * 0.5)

    def fit(band: geometry.Band, label: str, largest: float) -> geometry.FittedText:
        return geometry.fit_label(
            label,
            measure_bold,
            lambda h: band.text_width(h, lay.label_pad),
            max_size=largest,
            min_size=11 * unit_per_pt,
            max_height=band_h * 0.9,
            step=unit_per_pt / 2,
        )

    # one label size for every band, as a designer would set it: the size the tightest band allows
    common = min(fit(band, layer.label, max_label).size for band, layer in zip(lay.bands, spec.layers))
    for band, layer in zip(lay.bands, spec.layers):
        fitted = fit(band, layer.label, common)
        cx, cy = band.centre
        out.append(PlacedText(fitted.lines, fitted.size, cx, cy, spec.label_colour(band.index), True, "centre"))
    if lay.detail_x is not None:
        gap = lay.width * 0.035
        width = lay.detail_width - gap
        slot = band_h + (lay.bands[0].top - lay.bands[1].bottom if len(lay.bands) > 1 else 0)

        def detail_fit(text: str, size: float) -> tuple[float, list[str]]:
            """Return the largest size up to `size` at which `text` fits its slot, and its lines."""
            while True:
                lines = balanced(text, measure_regular, size, width)
                if (len(lines) <= 2 and max(measure_regular(l, size) for l in lines) <= width and len(lines) * size * 1.15 <= slot * 0.95) or size <= 7 * unit_per_pt:
                    return size, lines
                size -= 0.5 * unit_per_pt

        # one detail size for every band, as for the labels: the size the longest detail allows
        detailed = [(band, layer) for band, layer in zip(lay.bands, spec.layers) if layer.detail]
        largest = min(16 * unit_per_pt, slot * 0.8)  # one line may be as tall as its slot allows; two lines are fitted below
        common = min((detail_fit(layer.detail, largest)[0] for _, layer in detailed), default=largest)
        for band, layer in detailed:
            colour = spec.theme.palette.muted if spec.dimmed(band.index) else spec.theme.palette.ink
            size, lines = detail_fit(layer.detail, common)
            x = lay.detail_x + gap if lay.detail_side == "right" else lay.detail_x + lay.detail_width - gap
            align = "left" if lay.detail_side == "right" else "right"
            out.append(PlacedText(tuple(lines), size, x, band.centre[1], colour, False, align))
    return out


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
        colour = spec.theme.palette.rule if spec.dimmed(band.index) else spec.theme.palette.muted
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
