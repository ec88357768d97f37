"""Measure text with the shipped font and choose sizes at which it fits its box."""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont

from .diagrams.geometry import wrap
from .theme import font_bytes

LINE_SPACING = 1.22  # Calibri/Carlito line height, in ems
INSET_X = 0.1  # python-pptx text box insets, inches
INSET_Y = 0.05
LEVEL_INDENT = (0.32, 0.72)  # bullet text indent per level, inches
SUB_SCALE = 0.85  # second-level bullets, relative to the first
SPACE_BEFORE = 0.45  # space before a first-level paragraph, in lines


@lru_cache(maxsize=64)
def _font(bold: bool) -> ImageFont.FreeTypeFont:
    # measured at 100 px and scaled: outlines scale linearly, and a size per call is slow
    return ImageFont.truetype(io.BytesIO(font_bytes(bold)), 100, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=4096)
def _advance(char: str, bold: bool) -> float:
    return _font(bold).getlength(char)


@lru_cache(maxsize=8192)
def _pair(pair: str, bold: bool) -> float:
    """Return the kerning between the two characters of `pair` (zero for most fonts)."""
    return _font(bold).getlength(pair) - _advance(pair[0], bold) - _advance(pair[1], bold)


@lru_cache(maxsize=4)
def _kerns(bold: bool) -> bool:
    """Return whether the font has a `kern` table, the only kerning Pillow's basic layout applies
    (FreeType's FT_Get_Kerning). Carlito kerns through GPOS only, which basic layout ignores."""
    data = font_bytes(bold)
    count = int.from_bytes(data[4:6], "big")
    return any(data[12 + 16 * i : 16 + 16 * i] == b"kern" for i in range(count))


@lru_cache(maxsize=20000)
def _width_100(text: str, bold: bool) -> float:
    """Return Pillow's width of `text` at 100 px, from cached widths of its characters and pairs.

    Pillow's basic layout adds each glyph's advance and the kerning of each pair, so this is
    the same number; but FreeType hints every glyph of every string it measures, and a deck
    has thousands of distinct words made of a few dozen distinct characters.
    """
    width = sum(_advance(char, bold) for char in text)
    if not _kerns(bold):
        return width
    return width + sum(_pair(text[i : i + 2], bold) for i in range(len(text) - 1))


def text_width(text: str, size_pt: float, bold: bool = False) -> float:
    """Return the width of `text` at `size_pt`, in inches.

    Summed word by word (words recur across a deck, so each is measured once); ignoring
    kerning between words errs on the wide side, so fitted text never overflows.
    """
    words = text.split(" ")
    width = sum(_width_100(w, bold) for w in words if w) + (len(words) - 1) * _width_100(" ", bold)
    return width * size_pt / 100 / 72


@dataclass(frozen=True)
class Paragraph:
    """A paragraph to fit: its text, its bullet level (0, 1; -1: no bullet) and weight."""

    text: str
    level: int = -1
    bold: bool = False
    scale: float = 1.0  # size relative to the block's size


def block_height(paragraphs: list[Paragraph], size_pt: float, width_in: float) -> float:
    """Return the height in inches of `paragraphs` set at `size_pt` in a box `width_in` wide."""
    inner = width_in - 2 * INSET_X
    height = 2 * INSET_Y
    for i, para in enumerate(paragraphs):
        size = size_pt * para.scale * (SUB_SCALE if para.level == 1 else 1.0)
        indent = LEVEL_INDENT[para.level] if para.level >= 0 else 0.0
        room = inner - indent
        if "\n" not in para.text and text_width(" ".join(para.text.split()), size, para.bold) <= room:
            count = 1  # fits on one line, so no word is too wide either
        else:
            if any(text_width(word, size, para.bold) > room for word in para.text.split()):
                return float("inf")  # a word wider than the box would be broken mid-word
            count = len(wrap(para.text, lambda t, s: text_width(t, s, para.bold), size, room)) if para.text else 1
        line_h = size * LINE_SPACING / 72
        height += count * line_h
        if i and para.level <= 0:
            height += SPACE_BEFORE * line_h
        elif i:
            height += 0.2 * line_h
    return height


def fit_size(paragraphs: list[Paragraph], width_in: float, height_in: float, max_pt: float, min_pt: float) -> float | None:
    """Return the largest size (in 0.5 pt steps) at which `paragraphs` fit, or None if none does."""
    size = max_pt
    while size >= min_pt:
        if block_height(paragraphs, size, width_in) <= height_in:
            return size
        size -= 0.5
    return None


def column_widths(natural: list[float], total: float, minimum: float = 0.12) -> list[float]:
    """Return widths for table columns whose text wants `natural` widths on one line.

    Columns that fit in an even share keep what they need; the rest share what is left in
    proportion to their text, so a column of long sentences gets the room and a column of
    single words does not. No column gets less than `minimum` of `total`.
    """
    n = len(natural)
    floor = minimum * total
    if sum(max(w, floor) for w in natural) <= total:
        spare = total - sum(max(w, floor) for w in natural)
        return [max(w, floor) + spare / n for w in natural]
    widths = [0.0] * n
    settled: set[int] = set()
    while True:
        remaining = total - sum(widths[i] for i in settled)
        open_ = [i for i in range(n) if i not in settled]
        share = remaining / len(open_)
        small = [i for i in open_ if max(natural[i], floor) <= share]
        if not small:
            weight = sum(natural[i] for i in open_)
            for i in open_:
                widths[i] = max(floor, remaining * natural[i] / weight)
            scale = (total - sum(widths[i] for i in settled)) / sum(widths[i] for i in open_)
            for i in open_:
                widths[i] *= scale
            return widths
        for i in small:
            widths[i] = max(natural[i], floor)
            settled.add(i)
