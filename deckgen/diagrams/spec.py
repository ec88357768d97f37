"""What a pyramid picture shows, as data: equal specs draw identical pictures (no Pillow here)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..theme import DEFAULT_THEME, RGB, Theme, blend, font_bytes
from ..text import text_width
from . import geometry

RENDERER_VERSION = "pyramid-3"


@lru_cache(maxsize=1)
def renderer_digest() -> str:
    """Return a digest of the drawing code and the font: a changed renderer never reads old pictures."""
    digest = hashlib.sha256(RENDERER_VERSION.encode())
    here = Path(__file__).resolve().parent
    # the drawing code, and what it draws with: colours and contrast (theme), wrapping (text)
    for path in (here / "geometry.py", here / "spec.py", here / "pyramid.py", here / "labels.py", here.parent / "theme.py", here.parent / "text.py", here.parent / "fonts.py"):
        digest.update(path.read_bytes())
    digest.update(font_bytes(True))
    digest.update(font_bytes(False))
    return digest.hexdigest()


SUPERSAMPLE = 4  # shape masks are drawn this much larger, then reduced: anti-aliased edges
PX_PER_PT = 4.0  # the picture is made at 2x of a 1920-px-wide slide (144 px/in): 288 px/in


@dataclass(frozen=True)
class LayerSpec:
    """What the diagram needs of one layer."""

    label: str
    detail: str | None = None


@dataclass(frozen=True)
class PyramidSpec:
    """Everything that decides how one pyramid looks; equal specs draw identical pictures."""

    layers: tuple[LayerSpec, ...]  # bottom to top
    colours: tuple[RGB, ...]  # one per layer, bottom to top
    focus: frozenset[int] = frozenset()  # indices in focus; empty: all at full colour
    inverted: bool = False
    detail_side: str = "right"
    details: bool = True
    arrow_label: str | None = None
    arrow_direction: str = "down"
    width_in: float = 6.6  # size placed on the slide, inches
    height_in: float = 4.9
    theme: Theme = field(default=DEFAULT_THEME, compare=True)
    apex: float = geometry.Proportions.top  # the narrow end's width, a share of the wide end's
    detail_share: float = geometry.Proportions.detail  # the details' column, a share of the picture's width
    band_gap: float = geometry.Proportions.gap  # between bands, a share of the pyramid's height
    families: tuple = ()  # text.Families: the deck's fonts, measured and drawn with (() for the shipped Carlito)

    @property
    def size_px(self) -> tuple[int, int]:
        """Return the picture's pixel size: twice the size it is placed at."""
        return round(self.width_in * 72 * PX_PER_PT), round(self.height_in * 72 * PX_PER_PT)

    def key(self) -> str:
        """Return a digest of the spec and the renderer's version, for caching."""
        return hashlib.sha256(f"{RENDERER_VERSION}|{renderer_digest()}|{self!r}".encode()).hexdigest()

    def dimmed(self, index: int) -> bool:
        """Return True when layer `index` is drawn dimmed (others are in focus)."""
        return bool(self.focus) and index not in self.focus

    def band_colour(self, index: int) -> RGB:
        """Return the fill of band `index`, dimmed toward the paper colour when out of focus."""
        colour = self.colours[index]
        if self.dimmed(index):
            return blend(colour, self.theme.palette.paper, self.theme.dim_amount)
        return colour

    def label_colour(self, index: int) -> RGB:
        """Return the label colour with the better contrast on band `index`."""
        return self.theme.label_colour(self.band_colour(index))

    def layout(self, width: float, height: float) -> geometry.PyramidLayout:
        """Return the geometry of this pyramid in a `width` x `height` box."""
        has_details = self.details and any(l.detail for l in self.layers)
        return geometry.pyramid_layout(
            len(self.layers),
            width,
            height,
            inverted=self.inverted,
            details=has_details,
            detail_side=self.detail_side,
            arrow=self.arrow_label is not None,
            proportions=geometry.Proportions(top=self.apex, detail=self.detail_share, gap=self.band_gap),
        )

    def measure(self, bold: bool):
        """Return the measure of text in this picture's fonts: (text, size) -> width, in the
        size's units."""
        return text_measure(bold, self.families)


@lru_cache(maxsize=64)
def text_measure(bold: bool, families: tuple):
    """Return (text, size) -> width in the size's units, in face `bold` of `families`: one
    function per font, so the line breaks worked out with it are kept (labels.splits)."""
    return lambda text, size: text_width(text, size, bold, families) * 72


def undrawable(spec: PyramidSpec) -> list[tuple[str, list[str]]]:
    """Return (text, characters) for each text of the picture with characters no font found
    on this machine draws: drawn, they would be boxes."""
    from ..fonts import undrawable as lost  # deferred: deckgen.fonts loads only when this runs

    texts = [(layer.label, True) for layer in spec.layers] + [(layer.detail, False) for layer in spec.layers if layer.detail]
    if spec.arrow_label:
        texts.append((spec.arrow_label, True))
    out = []
    for text, bold in texts:
        if not text.isascii():
            chars = lost(text, bold)
            if chars:
                out.append((text, chars))
    return out


def alt_text(spec: PyramidSpec) -> str:
    """Return the alt text: the layers top to bottom and which are in focus."""
    shape = "Inverted pyramid (funnel)" if spec.inverted else "Pyramid"
    parts = []
    for i in reversed(range(len(spec.layers))):
        layer = spec.layers[i]
        text = layer.label
        if layer.detail:
            text += f" ({layer.detail})"
        if i in spec.focus:
            text += " [in focus]"
        parts.append(text)
    alt = f"{shape} of {len(spec.layers)} layers, top to bottom: " + "; ".join(parts) + "."
    if spec.focus:
        names = [spec.layers[i].label for i in sorted(spec.focus, reverse=True)]
        alt += " In focus: " + ", ".join(names) + "; the other layers are dimmed."
    if spec.arrow_label:
        alt += f" An arrow beside it points {spec.arrow_direction}: {spec.arrow_label}."
    return alt
