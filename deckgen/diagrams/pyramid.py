"""Draw a layered pyramid with Pillow: anti-aliased bands, fitted labels, details, focus, arrow."""

from __future__ import annotations

import io
import math
import struct
import threading
import zlib

from PIL import Image, ImageDraw, ImageFont

from ..fonts import drawing_font, face_file, missing
from ..theme import RGB, font_bytes
from . import geometry
from .labels import PlacedText, arrow_shape, label_texts, leader_lines  # noqa: F401 (drawn here, laid out there)
from .spec import PX_PER_PT, SUPERSAMPLE, LayerSpec, PyramidSpec, alt_text, renderer_digest  # noqa: F401 (re-exported)

_FONTS = threading.local()  # FreeType faces must not be shared between threads


def _font(size: float, bold: bool, text: str = "", families: tuple = ()) -> ImageFont.FreeTypeFont:
    """Return the font to draw `text` at `size` px: the deck's (`families`, the template's font
    or its metric twin), else the shipped Carlito, or an installed font with the glyphs those
    lack (Arabic, Hebrew, CJK...), loaded once per thread. Pillow lays text out with libraqm
    where it has it: Arabic joined, right-to-left runs ordered."""
    fonts = getattr(_FONTS, "fonts", None)
    if fonts is None or len(fonts) > 256:
        fonts = _FONTS.fonts = {}
    path = str(face_file(dict(families[0]), (bold, False, False))) if families else None
    if text and not text.isascii() and (path is None or missing(text, path)):
        path = drawing_font(text, bold)
    font = fonts.get((size, bold, path))
    if font is None:
        source = path if path is not None else io.BytesIO(font_bytes(bold))
        font = fonts[size, bold, path] = ImageFont.truetype(source, size)
    return font


def _measure(bold: bool, families: tuple = ()):
    def measure(text: str, size: float) -> float:
        return _font(size, bold, text, families).getlength(text)

    return measure


def render_png(spec: PyramidSpec) -> bytes:
    """Return the pyramid as PNG bytes (RGBA, transparent background), identical for equal specs."""
    width, height = spec.size_px
    lay = spec.layout(width, height)
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    for band in lay.bands:
        _fill_polygon(image, band.polygon, spec.band_colour(band.index))
    line_w = 2.0
    for (x0, y0), (x1, y1), colour in leader_lines(spec, lay):
        _fill_polygon(image, [(x0, y0 - line_w / 2), (x1, y1 - line_w / 2), (x1, y1 + line_w / 2), (x0, y0 + line_w / 2)], colour)
        _fill_polygon(image, _circle(x0, y0, 5.0), colour)
    arrow = arrow_shape(spec, lay)
    if arrow:
        _fill_polygon(image, arrow, spec.theme.palette.accent)
    text_draw = ImageDraw.Draw(image)
    for text in label_texts(spec, lay, PX_PER_PT):
        _draw_text(text_draw, text, spec.families)
    if arrow and spec.arrow_label:
        _draw_arrow_label(image, spec, lay)
    return encode_png(image)


def encode_png(image: Image.Image) -> bytes:
    """Return RGBA `image` as PNG bytes: unfiltered rows, zlib level 3.

    Pillow's PNG encoder tries five filters on every row, which costs more than drawing the
    whole pyramid; flat-coloured diagrams compress as well without them (checked in tests by
    reopening the bytes with Pillow).
    """
    width, height = image.size
    raw = memoryview(image.tobytes())
    stride = width * 4
    rows = b"\0".join([b""] + [raw[y * stride:(y + 1) * stride] for y in range(height)])  # each row starts with filter type 0 (None)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA, no interlace
    # the size it is drawn for, in pixels per metre: an editor that opens the picture shows it at
    # its slide size, where its text is at the sizes the slide sets it
    density = struct.pack(">IIB", PX_PER_METRE, PX_PER_METRE, 1)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"pHYs", density) + chunk(b"IDAT", zlib.compress(rows, 3)) + chunk(b"IEND", b"")


PX_PER_METRE = round(72 * PX_PER_PT / 0.0254)  # 288 px/in


def _circle(x: float, y: float, r: float, steps: int = 24) -> list[geometry.Point]:
    return [(x + r * math.cos(2 * math.pi * k / steps), y + r * math.sin(2 * math.pi * k / steps)) for k in range(steps)]


def _fill_polygon(image: Image.Image, points: list[geometry.Point], colour: RGB) -> None:
    """Composite an anti-aliased polygon onto `image`.

    Only the polygon's bounding box is drawn SUPERSAMPLE times larger as a coverage mask and
    reduced, so edges get partial alpha at a fraction of the cost of supersampling the picture.
    """
    s = SUPERSAMPLE
    x0 = max(0, int(min(x for x, _ in points)) - 1)
    y0 = max(0, int(min(y for _, y in points)) - 1)
    x1 = min(image.width, int(max(x for x, _ in points)) + 2)
    y1 = min(image.height, int(max(y for _, y in points)) + 2)
    if x1 <= x0 or y1 <= y0:
        return
    mask = Image.new("L", ((x1 - x0) * s, (y1 - y0) * s), 0)
    ImageDraw.Draw(mask).polygon([((x - x0) * s, (y - y0) * s) for x, y in points], fill=255)
    tile = Image.new("RGBA", (x1 - x0, y1 - y0), colour + (255,))
    tile.putalpha(mask.reduce(s))
    image.alpha_composite(tile, (x0, y0))


def _draw_text(draw: ImageDraw.ImageDraw, text: PlacedText, families: tuple = ()) -> None:
    line_h = text.size * 1.15
    top = text.y - line_h * len(text.lines) / 2 + line_h / 2
    anchor = {"centre": "mm", "left": "lm", "right": "rm"}[text.align]
    for i, line in enumerate(text.lines):
        font = _font(text.size, text.bold, line, families)
        draw.text((text.x, top + i * line_h), line, font=font, fill=text.colour + (255,), anchor=anchor)


def _draw_arrow_label(image: Image.Image, spec: PyramidSpec, lay: geometry.PyramidLayout) -> None:
    """Draw the arrow's label along the arrow, reading bottom to top."""
    length = (lay.arrow_bottom - lay.arrow_top) * 0.9
    size = 16 * PX_PER_PT
    measure = spec.measure(True)
    while measure(spec.arrow_label, size) > length and size > 8 * PX_PER_PT:
        size -= PX_PER_PT / 2
    font = _font(size, True, spec.arrow_label, spec.families)
    strip_w = round(length)
    strip_h = round(size * 1.4)
    strip = Image.new("RGBA", (strip_w, strip_h), (0, 0, 0, 0))
    ImageDraw.Draw(strip).text((strip_w / 2, strip_h / 2), spec.arrow_label, font=font, fill=spec.theme.palette.accent_ink + (255,), anchor="mm")
    rotated = strip.rotate(90, expand=True)
    x = round(lay.arrow_label_x - rotated.width / 2)
    y = round((lay.arrow_top + lay.arrow_bottom) / 2 - rotated.height / 2)
    image.alpha_composite(rotated, (x, y))
