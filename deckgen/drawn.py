"""What a renderer drew: a deck's PDF read back as lines of text and the pixels behind them.

LibreOffice draws the deck into a PDF (export.convert); pdfminer.six reads every glyph it drew,
in drawing order, with its size, font and colour; Ghostscript draws each page again with the
text left out (`-dFILTERTEXT`), so the pixels under a glyph are what the glyph stands on, the
slide's background, a picture, a band of the template. Positions are in inches from the page's
top-left corner.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import DeckgenError, ToolMissingError

INSTALL_GHOSTSCRIPT = (
    "Ghostscript is needed to see what is behind each text: install it (Debian/Ubuntu: "
    "`sudo apt-get install ghostscript`; macOS: `brew install ghostscript`; Windows: ghostscript.com)"
)
DPI = 72  # the text-free pages are read at a point a pixel: enough to see what stands behind a glyph
GS_TIMEOUT = 240
BULLETS = frozenset("•◦▪▫■□●○–—-‣⁃➢➤►▶✓✔·")  # glyphs a renderer draws for a bullet, not text of the speaker's


@dataclass(frozen=True)
class Line:
    """A run of glyphs drawn on one baseline, one after the other, in one font size."""

    text: str
    size: float  # points
    bold: bool
    colour: tuple[int, int, int]
    box: tuple[float, float, float, float]  # left, top, width, height in inches

    @property
    def bullet(self) -> bool:
        """Return whether the run is only a bullet glyph."""
        return all(ch in BULLETS or ch.isspace() for ch in self.text)


@dataclass
class Page:
    """One drawn page: its size in inches, its lines of text, and the page drawn without text."""

    width: float
    height: float
    lines: list[Line]
    background: object  # PIL.Image.Image, RGB, DPI pixels an inch


def require_ghostscript() -> str:
    """Return the Ghostscript command; raise ToolMissingError saying how to install it."""
    for name in ("gs", "gswin64c", "gswin32c"):
        found = shutil.which(name)
        if found:
            return found
    raise ToolMissingError(INSTALL_GHOSTSCRIPT)


def read_pdf(pdf: Path) -> list[Page]:
    """Return every page of `pdf` as drawn: its text lines (pdfminer) and its text-free pixels
    (Ghostscript); raise DeckgenError when either cannot read it."""
    from PIL import Image  # deferred: Pillow loads only when this runs

    gs = require_ghostscript()
    texts = _text_lines(pdf)
    with tempfile.TemporaryDirectory(prefix="deckgen-drawn-") as work:
        # NEWPDF=false: Ghostscript 10.0's new PDF interpreter paints a translucent group
        # (LibreOffice draws every shape with transparency so) in black, not in the colour set
        # before it as the PDF standard has it: a white bubble at 30 % over white paper would
        # read as grey where LibreOffice and PowerPoint show white. Later versions, which have
        # only the new interpreter, ignore the setting.
        command = [gs, "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-dNEWPDF=false", "-dFILTERTEXT", "-sDEVICE=png16m", f"-r{DPI}",
                   "-dGraphicsAlphaBits=4", f"-sOutputFile={Path(work, 'page-%04d.png')}", str(pdf)]
        try:
            run = subprocess.run(command, capture_output=True, text=True, timeout=GS_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise DeckgenError(f"Ghostscript did not finish drawing {pdf} within {GS_TIMEOUT} s") from None
        drawn = sorted(Path(work).glob("page-*.png"))
        if run.returncode != 0 or len(drawn) != len(texts):
            raise DeckgenError(f"Ghostscript could not draw {pdf} (exit {run.returncode}: {(run.stderr or 'no output').strip()[:200]})")
        pages = []
        for (width, height, lines), png in zip(texts, drawn):
            with Image.open(png) as im:
                pages.append(Page(width, height, lines, im.convert("RGB")))
    return pages


def _text_lines(pdf: Path) -> list[tuple[float, float, list[Line]]]:
    """Return each page's size in inches and its lines of text, in the order they were drawn."""
    from pdfminer.converter import PDFPageAggregator  # deferred: pdfminer loads only for a render check
    from pdfminer.layout import LTChar  # deferred: pdfminer loads only for a render check
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager  # deferred: pdfminer loads only for a render check
    from pdfminer.pdfpage import PDFPage  # deferred: pdfminer loads only for a render check

    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=None)  # no layout analysis: glyphs in drawing order
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    try:
        with open(pdf, "rb") as stream:
            for page in PDFPage.get_pages(stream):
                interpreter.process_page(page)
                result = device.get_result()
                x0, y0, x1, y1 = result.bbox
                glyphs = [g for g in _walk(result, LTChar)]
                pages.append(((x1 - x0) / 72, (y1 - y0) / 72, _lines(glyphs, x0, y1)))
    except Exception as exc:  # pdfminer raises many kinds; any of them means this PDF cannot be read
        raise DeckgenError(f"the PDF LibreOffice drew cannot be read back ({type(exc).__name__}: {exc})") from None
    return pages


def _walk(container, kind):
    for item in container:
        if isinstance(item, kind):
            yield item
        elif hasattr(item, "__iter__"):
            yield from _walk(item, kind)


def _lines(glyphs, left: float, top: float) -> list[Line]:
    """Return `glyphs` joined into lines: consecutive glyphs on one baseline, in one size,
    each starting near where the one before ended."""
    out: list[Line] = []
    current: list = []

    def close():
        if current:
            text = "".join(g.get_text() for g in current)
            if text.strip():
                x0, y0 = min(g.x0 for g in current), min(g.y0 for g in current)
                x1, y1 = max(g.x1 for g in current), max(g.y1 for g in current)
                first = current[0]
                out.append(Line(text, round(max(_size(g) for g in current), 2), "bold" in first.fontname.lower(), _rgb(first.graphicstate.ncolor),
                                ((x0 - left) / 72, (top - y1) / 72, (x1 - x0) / 72, (y1 - y0) / 72)))
            current.clear()

    for g in glyphs:
        if current:
            last = current[-1]
            same_line = abs(g.y0 - last.y0) <= 0.25 * last.size and abs(g.size - last.size) <= 0.05 * last.size
            next_to = last.x0 - 1 <= g.x0 <= last.x1 + 0.6 * last.size
            same_face = ("bold" in g.fontname.lower()) == ("bold" in current[0].fontname.lower())
            if not (same_line and next_to and same_face) or _rgb(g.graphicstate.ncolor) != _rgb(current[0].graphicstate.ncolor):
                close()
        current.append(g)
    close()
    return out


def _size(glyph) -> float:
    """Return the size a glyph is drawn at: its box's height, or its width when it is turned
    on its side (an axis title), since a box is as high as a turned glyph is wide."""
    a, b = glyph.matrix[0], glyph.matrix[1]
    return glyph.size if abs(b) <= abs(a) else glyph.width


def _rgb(colour) -> tuple[int, int, int]:
    """Return a PDF fill colour (grey, RGB or CMYK components 0-1) as RGB 0-255."""
    if colour is None:
        return (0, 0, 0)
    if isinstance(colour, (int, float)):
        colour = (colour,)
    values = [float(c) for c in colour if isinstance(c, (int, float))]
    if len(values) == 1:
        return (round(values[0] * 255),) * 3
    if len(values) == 3:
        return tuple(round(v * 255) for v in values)
    if len(values) == 4:
        c, m, y, k = values
        return tuple(round(255 * (1 - v) * (1 - k)) for v in (c, m, y))
    return (0, 0, 0)
