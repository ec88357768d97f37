"""Text as slides hold it: paragraphs of runs, measured with the shipped font, wrapped and fitted.

One description serves both ends: a slide kind builds its paragraphs once, the fitter measures
them to choose a size, and the writer (`writer/canvas.py`) writes the very same paragraphs.
Pillow is imported only when something is measured, so commands that draw nothing never load it.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from . import fonts
from .markup import parse
from .theme import RGB, Face, Marker, face_of, font_bytes, font_path

LINE_SPACING = 1.22  # Calibri/Carlito line height, in ems
INSET_X = 0.1  # text box insets, inches (written by the canvas, measured here)
INSET_Y = 0.05
# bullet text indent and bullet hang per level, inches: the built-in template's body style
# (marL 342900 / 742950 EMU), which drawn bullets copy so markers align alike on every kind
LEVEL_INDENT = (0.375, 0.8125)
HANGING = (0.375, 0.3125)
BULLET_FONT = "Arial"  # the template's bullet font: its "•" sits at the text's middle
SUB_SCALE = 0.85  # second-level bullets, relative to the first
SPACE_BEFORE = 0.45  # space before a first-level paragraph, in lines
SUB_SPACE_BEFORE = 0.2  # before a second-level paragraph, in lines (of the block size)

Measure = Callable[[str, float], float]


# --- the text model -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Run:
    """A stretch of text with one look: weight, style, colour, capitals, link."""

    text: str
    colour: RGB | None = None
    bold: bool = False
    italic: bool = False
    caps: bool = False  # drawn in capitals (the text keeps its case)
    link: str | None = None  # a hyperlink address
    code: bool = False  # in the deck's monospace font
    strike: bool = False
    verbatim: bool = False  # a line of code: spaces kept, never wrapped (markup.pieces)

    @property
    def face(self) -> Face:
        """Return the key of the font face the run is measured with: (bold, italic, mono)."""
        return (self.bold, self.italic and not self.code, self.code)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: its runs and how it is set.

    `level` is the bullet level (0, 1) or None for plain text; `bullet` is True to draw a
    bullet character (text boxes), False to suppress one, None to keep what the placeholder
    gives. `scale` is the size relative to the block's fitted size (second-level bullets add
    SUB_SCALE on top). `space_before` is in points, `align` one of "l", "ctr", "r".
    """

    runs: tuple[Run, ...]
    level: int | None = None
    bullet: bool | None = None
    space_before: float | None = None
    align: str | None = None
    scale: float = 1.0
    sized_end: bool = False  # write the paragraph's end mark at its size (blank code lines keep their height)
    marker: Marker | None = None  # the template's own bullet, written out (its levels are not inherited everywhere)

    @property
    def text(self) -> str:
        """Return the paragraph's plain text."""
        return "".join(run.text for run in self.runs)

    @property
    def formatted(self) -> bool:
        """Return whether the paragraph carries paragraph properties at all."""
        return self.level is not None or self.bullet is not None or self.space_before is not None or self.align is not None or self.marker is not None

    @property
    def indent(self) -> float:
        """Return how far the paragraph's lines start from its box's inner left edge, in inches."""
        if self.marker is not None:
            return max(self.marker.margin, self.marker.margin + self.marker.indent, 0.0)
        return LEVEL_INDENT[self.level] if self.level is not None else 0.0

    def size(self, block_pt: float) -> float:
        """Return the size of this paragraph's runs when its block is set at `block_pt`."""
        size = block_pt * self.scale if self.scale != 1.0 else block_pt
        return size * SUB_SCALE if self.level == 1 else size


def direction(text: str) -> str | None:
    """Return "rtl" or "ltr" by the first strongly directional character of `text` (Unicode's
    bidirectional classes, as the bidi algorithm finds a paragraph's direction), None if none."""

    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def para(text: str, colour: RGB | None = None, *, bold: bool = False, italic: bool = False, **layout) -> Paragraph:
    """Return a paragraph of one run of `text` (keyword arguments other than the run's go to the paragraph)."""
    return Paragraph((Run(text, colour, bold=bold, italic=italic),), **layout)


def rich_runs(text: str, colour: RGB | None, *, link: RGB | None = None, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Return the runs of `text` with its inline markup applied over a base look.

    Links take the `link` colour (underlined, so they read as links without colour too). Each
    line break is a run "\n" of its own, which the writer writes as a line break. Lines of code
    are set as typed, in the monospace font, upright and regular (a bullet's look is not theirs).
    """
    out: list[Run] = []
    for span in parse(text):
        for k, piece in enumerate(span.text.split("\n")):
            if k:
                out.append(Run("\n", colour))
            if piece:
                out.append(Run(
                    piece,
                    (link or colour) if span.link else colour,
                    bold=(bold or span.bold) and not span.verbatim,
                    italic=(italic or span.italic) and not span.verbatim,
                    link=span.link,
                    code=span.code,
                    strike=span.strike,
                    verbatim=span.verbatim,
                ))
    return tuple(out)


def rich(text: str, colour: RGB | None = None, *, link: RGB | None = None, bold: bool = False, italic: bool = False, **layout) -> Paragraph:
    """Return a paragraph of `text` with its inline markup (keyword arguments but the run's go to the paragraph)."""
    return Paragraph(rich_runs(text, colour, link=link, bold=bold, italic=italic), **layout)


# --- measuring ----------------------------------------------------------------------------------

# The fonts text is measured with: () for the shipped ones (Carlito, Liberation Mono), else the
# template's families, each a tuple of ((bold, italic), font file) (fonts.find). With two (the
# theme's heading and body fonts), a glyph's advance is the wider of the two: titles and body
# text are then never measured narrower than they are drawn.
Families = tuple[tuple[tuple[tuple[bool, bool], str], ...], ...]


@lru_cache(maxsize=64)
def _fonts(face: bool | Face, families: Families) -> tuple:
    """Return the fonts `face` is measured with, each with its file: ((ImageFont, path), ...)."""
    from PIL import ImageFont  # deferred: Pillow loads only when this runs


    face = face_of(face)
    # measured at 100 px and scaled: outlines scale linearly, and a size per call is slow
    if not families or face[2]:  # code is set in the monospace font deckgen asks for
        font = ImageFont.truetype(io.BytesIO(font_bytes(face)), 100, layout_engine=ImageFont.Layout.BASIC)
        return ((font, str(font_path(face))),)
    from .fonts import face_file  # deferred: deckgen.fonts loads only when this runs

    out = []
    for family in families:
        path = face_file(dict(family), face)
        out.append((ImageFont.truetype(path, 100, layout_engine=ImageFont.Layout.BASIC), path))
    return tuple(out)


# Characters the deck's fonts lack (Arabic, Hebrew, CJK, emoji in Calibri) are measured with
# an installed font that has them, as PowerPoint and LibreOffice draw them with one; where no
# font here has a character, it is measured 1 em wide (East Asian wide and full-width forms)
# or 0.6 em (the slide's writer warns of it: kinds.base.lost_glyphs).


@lru_cache(maxsize=64)
def _fallback_font(path: str):
    from PIL import ImageFont  # deferred: Pillow loads only when this runs

    return ImageFont.truetype(path, 100, layout_engine=ImageFont.Layout.BASIC)


def _stand_in(char: str, bold: bool) -> float:
    """Return the width at 100 px of `char`, which the deck's fonts lack."""


    if fonts.invisible(char):
        return 0.0
    # the font that covers it, asked for this character alone: what was measured before in
    # this process never decides, so every deck measures alike whatever was built before it
    path = fonts.covering(char, bold)
    if path is not None:
        return _fallback_font(path).getlength(char)
    return 100.0 if unicodedata.east_asian_width(char) in ("W", "F") else 60.0


@lru_cache(maxsize=4096)
def _advance(char: str, face: bool | Face, families: Families = ()) -> float:
    widths = [font.getlength(char) for font, path in _fonts(face, families) if ord(char) in fonts.charset(path)]
    if widths:
        return max(widths)
    return _stand_in(char, face_of(face)[0])


@lru_cache(maxsize=8192)
def _pair(pair: str, face: bool | Face, families: Families = ()) -> float:
    """Return the kerning between the two characters of `pair` (zero for most fonts)."""
    font = _fonts(face, families)[0][0]
    return font.getlength(pair) - font.getlength(pair[0]) - font.getlength(pair[1])


@lru_cache(maxsize=8)
def _kerns(bold: bool | Face, families: Families = ()) -> bool:
    """Return whether the one font measured has a `kern` table, the only kerning Pillow's basic
    layout applies (FreeType's FT_Get_Kerning). Carlito kerns through GPOS only, which basic
    layout ignores. Text measured with two fonts takes neither's kerning (erring wide)."""
    fonts = _fonts(bold, families)
    if len(fonts) != 1:
        return False
    data = font_bytes(face_of(bold)) if not families or face_of(bold)[2] else open(fonts[0][1], "rb").read(4096)
    count = int.from_bytes(data[4:6], "big")
    return any(data[12 + 16 * i : 16 + 16 * i] == b"kern" for i in range(count))


@lru_cache(maxsize=20000)
def _width_100(text: str, bold: bool | Face, families: Families = ()) -> float:
    """Return Pillow's width of `text` at 100 px, from cached widths of its characters and pairs.

    Pillow's basic layout adds each glyph's advance and the kerning of each pair, so this is
    the same number; but FreeType hints every glyph of every string it measures, and a deck
    has thousands of distinct words made of a few dozen distinct characters.
    """
    width = sum(_advance(char, bold, families) for char in text)
    if not _kerns(bold, families):
        return width
    return width + sum(_pair(text[i : i + 2], bold, families) for i in range(len(text) - 1))


def text_width(text: str, size_pt: float, bold: bool | Face = False, families: Families = ()) -> float:
    """Return the width of `text` at `size_pt` in face `bold` (True, False or a face key), in inches.

    Summed word by word (words recur across a deck, so each is measured once); ignoring
    kerning between words errs on the wide side, so fitted text never overflows.
    """
    words = text.split(" ")
    width = sum(_width_100(w, bold, families) for w in words if w) + (len(words) - 1) * _width_100(" ", bold, families)
    return width * size_pt / 100 / 72


# --- wrapping -----------------------------------------------------------------------------------

# Scripts written without spaces between words (Chinese, Japanese, Korean's hanja, Thai, Lao),
# where a line may break between characters: their break opportunities come from Unicode's line
# breaking algorithm (UAX #14, by uniseg), which also keeps "。" and "ー" off a line's start.
_NO_SPACES = re.compile(r"[\u0E00-\u0EFF\u2E80-\uA4CF\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\U00020000-\U0003FFFF]")


def unspaced(text: str) -> bool:
    """Return whether `text` holds a script written without spaces between words (CJK, Thai)."""
    return bool(_NO_SPACES.search(text))


_LINK_BREAKS = re.compile(r"(?<= )(?=[^ ])|(?<=/)(?=[^/])")


def link_pieces(text: str) -> list[str]:
    """Return a link's text cut where its line may break: after each space, and after the
    slashes of an address ("owasp.org/" "cheatsheets/" "Threat_Modeling.html").

    The writer writes each piece as a run of its own, all carrying the one link, as PowerPoint
    writes a link over differently formatted text: LibreOffice reads a linked run as one field
    and breaks a field that reaches a line's end between any two letters ("cheat she|et"), so a
    link wraps only where its runs meet. The fitter measures a linked run with these breaks.
    """
    return [piece for piece in _LINK_BREAKS.split(text) if piece]


def line_units(word: str) -> list[str]:
    """Return `word` (text without spaces) cut where a line may break: itself, for most scripts."""
    if not _NO_SPACES.search(word):
        return [word]
    from uniseg.linebreak import line_break_units  # deferred: uniseg loads only when this runs

    return list(line_break_units(word))


_KANA = re.compile(r"[\u3040-\u30FF\u31F0-\u31FF\uFF66-\uFF9F]")
_HAN = re.compile(r"[\u2E80-\u2FDF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003FFFF]")
_THAI = re.compile(r"[\u0E00-\u0E7F]")
_HANGUL = re.compile(r"[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]")


@lru_cache(maxsize=4)
def _phrase_parser(script: str):
    import budoux  # deferred: BudouX loads only for text in a script written without spaces

    return {"ja": budoux.load_default_japanese_parser, "zh": budoux.load_default_simplified_chinese_parser, "th": budoux.load_default_thai_parser}[script]()


def phrase_units(word: str) -> list[str]:
    """Return `word` (text without spaces) cut only between its words: where a line may break
    (UAX #14) and where a phrase ends, by BudouX's models for Japanese, Chinese and Thai.

    A line may break between any two characters of Chinese or Japanese, so a renderer wrapping
    a line may break a word (分 / 解); a break deckgen puts in itself must not. Korean separates
    its words with spaces: between those alone.
    """
    units = line_units(word)
    if len(units) == 1:
        return units
    if _HANGUL.search(word):
        return [word]
    script = "ja" if _KANA.search(word) else "zh" if _HAN.search(word) else "th" if _THAI.search(word) else None
    if script is None:
        return units
    ends, at = set(), 0
    for phrase in _phrase_parser(script).parse(word):
        at += len(phrase)
        ends.add(at)
    out, at = [""], 0
    for unit in units:
        out[-1] += unit
        at += len(unit)
        if at in ends and at < len(word):
            out.append("")
    return [unit for unit in out if unit]


def break_units(text: str, phrases: bool = False) -> list[tuple[str, str]]:
    """Return `text` as the pieces between which a line may break, each with what separates it
    from the next: a space, or nothing (inside CJK text). With `phrases`, CJK text breaks only
    between words (phrase_units): where deckgen itself would put a line break."""
    out: list[tuple[str, str]] = []
    for word in text.split():
        out += [(unit, "") for unit in (phrase_units(word) if phrases else line_units(word))]
        out[-1] = (out[-1][0], " ")
    if out:
        out[-1] = (out[-1][0], "")
    return out


def _joined(units: list[tuple[str, str]]) -> str:
    return "".join(unit + (sep if i < len(units) - 1 else "") for i, (unit, sep) in enumerate(units))


def wrap(text: str, measure: Measure, size: float, width: float, phrases: bool = False) -> list[str]:
    """Return `text` greedily wrapped into lines no wider than `width` (a long word stands alone),
    breaking between words, and between the characters of CJK text where Unicode allows (with
    `phrases`, between its words only: phrase_units)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, sep = "", ""
        for unit, after in break_units(paragraph, phrases):
            candidate = f"{current}{sep}{unit}" if current else unit
            if current and measure(candidate, size) > width:
                lines.append(current)
                current = unit
            else:
                current = candidate
            sep = after
        lines.append(current)
    return lines


def two_line_splits(text: str) -> list[tuple[str, str]]:
    """Return every way of breaking `text` into two lines between words (never inside a CJK word)."""
    units = break_units(text, phrases=True)
    return [(_joined(units[:k]), _joined(units[k:])) for k in range(1, len(units))]


def balanced(text: str, measure: Measure, size: float, width: float) -> list[str]:
    """Return `text` wrapped to `width`; when it takes two lines, break where a designer would.

    Greedy wrapping can leave one short word alone on the second line. Prefer a break after
    punctuation ("AWS: Amazon Bedrock, / Amazon EC2") unless it is much less even than the
    most even break; otherwise take the most even one.
    """
    lines = wrap(text, measure, size, width)
    if len(lines) != 2:
        return lines

    def widest(split: tuple[str, str]) -> float:
        return max(measure(split[0], size), measure(split[1], size))

    fits = [s for s in two_line_splits(text) if widest(s) <= width]
    if not fits:
        return lines
    even = min(fits, key=widest)
    after_punctuation = [s for s in fits if s[0][-1] in ",;:、，；：。" and widest(s) <= widest(even) * 1.35]
    return list(min(after_punctuation, key=widest) if after_punctuation else even)


def _words(paragraph: Paragraph, families: Families = ()) -> list[list[tuple[float, float]]]:
    """Return the paragraph's lines (split at newlines) as words of (width, space after) at 100 px.

    A word may span runs of different faces (`**bold**,`): its width is the sum of its pieces.
    """
    lines: list[list[tuple[float, float]]] = [[]]
    word = 0.0
    in_word = False
    for run in paragraph.runs:
        face = run.face
        space = _width_100(" ", face, families)
        for k, line in enumerate(run.text.split("\n")):
            if k:
                if in_word:
                    lines[-1].append((word, 0.0))
                lines.append([])
                word, in_word = 0.0, False
            if run.verbatim:  # a line of code is one piece: it is never broken
                if line:
                    word += _width_100(line, face, families)
                    in_word = True
                continue
            for j, piece in enumerate(line.split(" ")):
                if j:
                    if in_word:
                        lines[-1].append((word, space))
                    word, in_word = 0.0, False
                if piece:
                    units = [unit for part in link_pieces(piece) for unit in line_units(part)] if run.link else line_units(piece)
                    for k, unit in enumerate(units):
                        word += _width_100(unit, face, families)
                        in_word = True
                        if k < len(units) - 1:  # a line may break here, with no space to drop
                            lines[-1].append((word, 0.0))
                            word = 0.0
    if in_word:
        lines[-1].append((word, 0.0))
    return lines


def _line_count_mixed(paragraph: Paragraph, size: float, room: float, families: Families = ()) -> int:
    """Return how many lines a paragraph of mixed faces takes in `room` inches (inf: a word too wide)."""
    scale = size / 100 / 72
    count = 0
    for words in _words(paragraph, families):
        count += 1
        line = 0.0
        gap = 0.0
        for width, space in words:
            if width * scale > room:
                return -1
            if line and (line + gap + width) * scale > room:
                count += 1
                line = width
            else:
                line += gap + width
            gap = space
    return count


def block_height(paragraphs: list[Paragraph], size_pt: float, width_in: float, families: Families = ()) -> float:
    """Return the height in inches of `paragraphs` set at `size_pt` in a box `width_in` wide."""
    inner = width_in - 2 * INSET_X
    height = 2 * INSET_Y
    for i, para in enumerate(paragraphs):
        size = para.size(size_pt)
        indent = para.indent
        room = inner - indent
        faces = {run.face for run in para.runs}
        if len(faces) > 1 or any(run.verbatim or run.link for run in para.runs):
            count = _line_count_mixed(para, size, room, families)
            if count < 0:
                return float("inf")
        else:
            bold = faces.pop() if faces else False
            text = para.text
            if "\n" not in text and text_width(" ".join(text.split()), size, bold, families) <= room:
                count = 1  # fits on one line, so no word is too wide either
            else:
                if any(text_width(unit, size, bold, families) > room for word in text.split() for unit in line_units(word)):
                    return float("inf")  # a word wider than the box would be broken mid-word
                count = len(wrap(text, lambda t, s: text_width(t, s, bold, families), size, room)) if text else 1
        line_h = size * LINE_SPACING / 72
        height += count * line_h
        if i and (para.level or 0) <= 0:
            height += SPACE_BEFORE * line_h
        elif i:
            height += SUB_SPACE_BEFORE * line_h
    return height


def fit_size(paragraphs: list[Paragraph], width_in: float, height_in: float, max_pt: float, min_pt: float, families: Families = ()) -> float | None:
    """Return the largest size (in 0.5 pt steps) at which `paragraphs` fit, or None if none does."""
    size = max_pt
    while size >= min_pt:
        if block_height(paragraphs, size, width_in, families) <= height_in:
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
