"""Pyramid geometry as pure functions: bands, label boxes, detail and arrow placement (no pixels)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


Point = tuple[float, float]
Measure = Callable[[str, float], float]  # (text, font size) -> width, in the layout's units


@dataclass(frozen=True)
class Proportions:
    """The pyramid's proportions, as fractions of the picture (from the theme)."""

    gap: float = 0.024  # gap between bands, fraction of the pyramid's height
    top: float = 0.42  # width of the narrow end, fraction of the wide end
    detail: float = 0.35  # width of the detail column, fraction of the picture
    arrow: float = 0.09  # width of the arrow column, fraction of the picture
    pad: float = 0.02  # outer padding, fraction of the picture's width
    label_pad: float = 0.03  # horizontal padding inside a band, fraction of the base width


@dataclass(frozen=True)
class Band:
    """One band: a trapezoid between `top` and `bottom`, with its edges' x at each."""

    index: int  # 0 is the bottom layer
    top: float
    bottom: float
    top_left: float
    top_right: float
    bottom_left: float
    bottom_right: float

    @property
    def polygon(self) -> list[Point]:
        """Return the corners, clockwise from top left."""
        return [
            (self.top_left, self.top),
            (self.top_right, self.top),
            (self.bottom_right, self.bottom),
            (self.bottom_left, self.bottom),
        ]

    @property
    def centre(self) -> Point:
        """Return the centroid of the band's area, good for a label and for sampling its colour."""
        return ((self.top_left + self.top_right + self.bottom_left + self.bottom_right) / 4, (self.top + self.bottom) / 2)

    def width_at(self, y: float) -> float:
        """Return the band's width at height `y` (straight sides)."""
        t = (y - self.top) / (self.bottom - self.top)
        top_w = self.top_right - self.top_left
        bottom_w = self.bottom_right - self.bottom_left
        return top_w + (bottom_w - top_w) * t

    def text_width(self, text_height: float, pad: float) -> float:
        """Return the width free for text of `text_height` centred in the band, less `pad` each side."""
        cy = self.centre[1]
        narrowest = min(self.width_at(cy - text_height / 2), self.width_at(cy + text_height / 2))
        return max(0.0, narrowest - 2 * pad)


@dataclass(frozen=True)
class PyramidLayout:
    """Where everything of one pyramid picture goes."""

    width: float
    height: float
    bands: tuple[Band, ...]
    label_pad: float
    detail_x: float | None  # left edge of the detail column (None: no details)
    detail_width: float
    detail_side: str
    arrow_x: float | None  # centre line of the arrow (None: no arrow)
    arrow_top: float
    arrow_bottom: float
    arrow_label_x: float


def pyramid_layout(
    n: int,
    width: float,
    height: float,
    *,
    inverted: bool = False,
    details: bool = True,
    detail_side: str = "right",
    arrow: bool = False,
    proportions: Proportions = Proportions(),
) -> PyramidLayout:
    """Return the layout of an `n`-band pyramid in a `width` x `height` picture."""
    if not 2 <= n <= 8:
        raise ValueError("a pyramid has 2 to 8 layers")
    p = proportions
    pad = p.pad * width
    detail_w = p.detail * width if details else 0.0
    arrow_w = p.arrow * width if arrow else 0.0
    left, right = pad, width - pad
    detail_x = None
    arrow_x = None
    arrow_label_x = 0.0
    if details and detail_side == "right":
        detail_x = right - detail_w
        right = detail_x
    elif details:
        detail_x = left
        left = left + detail_w
    if arrow:
        # the arrow stands on the side away from the details
        if detail_side == "right" or not details:
            arrow_x = left + arrow_w * 0.7
            arrow_label_x = left + arrow_w * 0.25
            left = left + arrow_w
        else:
            arrow_x = right - arrow_w * 0.7
            arrow_label_x = right - arrow_w * 0.25
            right = right - arrow_w
    top_y, bottom_y = pad, height - pad
    pyramid_h = bottom_y - top_y
    base_w = right - left
    narrow_w = base_w * p.top
    cx = (left + right) / 2

    def half_width(y: float) -> float:
        t = (y - top_y) / pyramid_h  # 0 at the top, 1 at the bottom
        if inverted:
            t = 1 - t
        return (narrow_w + (base_w - narrow_w) * t) / 2

    gap = p.gap * pyramid_h
    band_h = (pyramid_h - gap * (n - 1)) / n
    bands = []
    for i in range(n):
        b = bottom_y - i * (band_h + gap)
        t = b - band_h
        bands.append(Band(i, t, b, cx - half_width(t), cx + half_width(t), cx - half_width(b), cx + half_width(b)))
    return PyramidLayout(
        width=width,
        height=height,
        bands=tuple(bands),
        label_pad=p.label_pad * base_w,
        detail_x=detail_x,
        detail_width=detail_w,
        detail_side=detail_side,
        arrow_x=arrow_x,
        arrow_top=top_y,
        arrow_bottom=bottom_y,
        arrow_label_x=arrow_label_x,
    )


def arrow_polygon(x: float, top: float, bottom: float, shaft: float, head: float, direction: str) -> list[Point]:
    """Return an arrow's outline along x from `top` to `bottom`, pointing `direction` ('up'/'down')."""
    head_len = head * 1.1
    if direction == "down":
        return [
            (x - shaft / 2, top),
            (x + shaft / 2, top),
            (x + shaft / 2, bottom - head_len),
            (x + head / 2, bottom - head_len),
            (x, bottom),
            (x - head / 2, bottom - head_len),
            (x - shaft / 2, bottom - head_len),
        ]
    return [
        (x, top),
        (x + head / 2, top + head_len),
        (x + shaft / 2, top + head_len),
        (x + shaft / 2, bottom),
        (x - shaft / 2, bottom),
        (x - shaft / 2, top + head_len),
        (x - head / 2, top + head_len),
    ]
