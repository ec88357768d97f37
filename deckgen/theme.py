"""The deck's look: palette, fonts, sizes, slide geometry and the template layout for each kind."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import resources

RGB = tuple[int, int, int]
EMU_PER_INCH = 914400


def hex_to_rgb(value: str) -> RGB:
    """Return the (r, g, b) of '#RRGGBB'."""
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def rgb_to_hex(rgb: RGB) -> str:
    """Return '#RRGGBB' for (r, g, b)."""
    return "#%02X%02X%02X" % rgb


def relative_luminance(rgb: RGB) -> float:
    """Return the WCAG 2 relative luminance of an sRGB colour."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """Return the WCAG 2 contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def blend(colour: RGB, toward: RGB, amount: float) -> RGB:
    """Return `colour` moved `amount` (0..1) of the way to `toward`."""
    return tuple(round(c + (t - c) * amount) for c, t in zip(colour, toward))  # type: ignore[return-value]


def ramp(stops: list[RGB], n: int) -> list[RGB]:
    """Return `n` colours evenly spaced along the piecewise-linear ramp through `stops`."""
    if n == 1:
        return [stops[0]]
    out = []
    for i in range(n):
        t = i / (n - 1) * (len(stops) - 1)
        k = min(int(t), len(stops) - 2)
        out.append(blend(stops[k], stops[k + 1], t - k))
    return out


@dataclass(frozen=True)
class Palette:
    """The deck's colours."""

    ink: RGB = (0x1B, 0x24, 0x33)  # body text on light backgrounds
    muted: RGB = (0x4A, 0x55, 0x68)  # secondary text on light backgrounds
    paper: RGB = (0xFF, 0xFF, 0xFF)  # content slide background
    night: RGB = (0x14, 0x21, 0x3D)  # title, section and closing backgrounds
    on_night: RGB = (0xFF, 0xFF, 0xFF)
    on_night_muted: RGB = (0xC9, 0xD3, 0xE3)
    accent: RGB = (0xF2, 0x9E, 0x1F)  # one warm accent: rules, arrow, highlights
    accent_ink: RGB = (0xB4, 0x5F, 0x06)  # the accent, dark enough for text on white
    rule: RGB = (0xD5, 0xDB, 0xE5)  # thin lines, table borders
    band: RGB = (0xF3, 0xF5, 0xF9)  # table zebra rows
    link: RGB = (0x1A, 0x5F, 0xB4)  # links on light backgrounds
    link_on_night: RGB = (0x9C, 0xC9, 0xFF)  # links on dark backgrounds
    pyramid_stops: tuple[RGB, ...] = (
        (0x14, 0x21, 0x3D),
        (0x1D, 0x4E, 0x89),
        (0x1E, 0x7F, 0x9E),
        (0x3F, 0xA7, 0x96),
    )


@dataclass(frozen=True)
class Theme:
    """Palette, fonts and sizes the writer and the diagrams share."""

    palette: Palette = field(default_factory=Palette)
    font_name: str = "Calibri"  # what the deck asks for; Carlito is its metric-compatible twin
    mono_font: str = "Courier New"  # code; Liberation Mono is its metric-compatible twin
    title_size: int = 36
    body_max: int = 26
    body_min: int = 14
    dim_amount: float = 0.72  # how far dimmed bands move toward the paper colour
    # slide geometry, in inches (16:9)
    slide_width: float = 12192000 / EMU_PER_INCH  # PowerPoint's widescreen, 13.333... in
    slide_height: float = 7.5
    margin: float = 0.6
    content_top: float = 1.65
    content_bottom: float = 6.75

    def band_colours(self, n: int, palette: list[str] | None = None) -> list[RGB]:
        """Return one colour per pyramid band, bottom to top, each legible under a label.

        Mid-tones of a ramp (or a speaker's palette) can miss 4.5:1 against both white and
        ink; such a colour is darkened just enough for white labels to pass WCAG AA.
        """
        if palette:
            colours = [hex_to_rgb(c) for c in palette]
            chosen = [colours[i % len(colours)] for i in range(n)]
        else:
            chosen = ramp(list(self.palette.pyramid_stops), n)
        return [self.legible(c) for c in chosen]

    def legible(self, colour: RGB, minimum: float = 4.5) -> RGB:
        """Return `colour`, darkened if needed so that its label colour reaches `minimum` contrast."""
        white = self.palette.on_night
        while contrast_ratio(self.label_colour(colour), colour) < minimum:
            colour = blend(colour, (0, 0, 0), 0.04)
            if contrast_ratio(white, colour) >= minimum:
                break
        return colour

    def label_colour(self, background: RGB) -> RGB:
        """Return the text colour (ink or white) with the better contrast on `background`."""
        light, dark = self.palette.on_night, self.palette.ink
        return light if contrast_ratio(light, background) >= contrast_ratio(dark, background) else dark


DEFAULT_THEME = Theme()

Face = tuple[bool, bool, bool]  # (bold, italic, monospace)

# Carlito is Calibri's metric twin; Liberation Mono is Courier New's. Monospace glyphs share
# one advance in every style, so the upright faces measure italic code as well.
_FONT_FILES = {
    (False, False, False): "Carlito-Regular.ttf",
    (True, False, False): "Carlito-Bold.ttf",
    (False, True, False): "Carlito-Italic.ttf",
    (True, True, False): "Carlito-BoldItalic.ttf",
    (False, False, True): "LiberationMono-Regular.ttf",
    (True, False, True): "LiberationMono-Bold.ttf",
}


def face_of(bold: bool | Face) -> Face:
    """Return the face key for `bold` (True: bold, False: regular) or a face key as it is."""
    return (bold, False, False) if isinstance(bold, bool) else bold


def font_path(bold: bool | Face = False) -> Path:
    """Return the shipped font file used to draw and measure text of face `bold`."""
    bold_, italic, mono = face_of(bold)
    return resources.asset("fonts", _FONT_FILES[(bold_, italic and not mono, mono)])


@lru_cache(maxsize=None)
def font_bytes(bold: bool | Face = False) -> bytes:
    """Return the bytes of the shipped font of face `bold` (read once per process)."""
    return font_path(bold).read_bytes()


def template_path() -> Path:
    """Return the built-in template deck."""
    return resources.asset("templates", "deckgen.pptx")
