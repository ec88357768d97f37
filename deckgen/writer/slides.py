"""One function per slide kind: fill the template's layout and add native text, tables, pictures."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.oxml.text import CT_RegularTextRun
from pptx.text.text import _Paragraph, _Run
from pptx.util import Inches, Pt

from .. import model as m
from ..diagrams import shapes as diagram_shapes
from ..diagrams.cache import DiagramCache
from ..diagrams.pyramid import LayerSpec, PyramidSpec, alt_text
from ..errors import DeckgenError
from ..textfit import INSET_X, INSET_Y, SUB_SCALE, Paragraph, block_height, column_widths, fit_size, text_width
from ..theme import DARK_KINDS, RGB, Theme
from .package import clone

FOOTER_TOP = 6.95


@dataclass(frozen=True)
class Overflow:
    """Text that does not fit its box even at the smallest size allowed: slide, field, message."""

    index: int
    field_name: str
    message: str


class TextOverflow(DeckgenError):
    """One or more slides hold more text than fits; every such slide is listed."""

    exit_code = 2

    def __init__(self, overflows: list[Overflow]):
        self.overflows = overflows
        super().__init__([o.message for o in overflows])


@dataclass
class Context:
    """What every slide writer may need besides its own slide."""

    deck: m.Deck
    theme: Theme
    diagrams: DiagramCache
    images: dict[str, bytes]  # path in the outline -> checked picture bytes
    qr_png: Callable[[str], bytes]
    index: int = 0
    number: int = 1
    sections: list[str] = field(default_factory=list)
    layout_boxes: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)  # this slide's layout
    overflows: list[Overflow] = field(default_factory=list)  # reported together once every slide is written


# --- small text helpers -------------------------------------------------------------------------

def _colour(run_or_font, rgb: RGB) -> None:
    run_or_font.color.rgb = RGBColor(*rgb)


def _bullet(paragraph, level: int, char: str = "•") -> None:
    """Give a text-box paragraph a hanging bullet (text boxes have none by default)."""
    ppr = paragraph._p.get_or_add_pPr()
    indent = Inches(0.32 if level == 0 else 0.72)
    ppr.set("marL", str(int(indent)))
    ppr.set("indent", str(-int(Inches(0.28))))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    bu = etree.SubElement(ppr, qn("a:buChar"))
    bu.set("char", char if level == 0 else "–")


def _no_bullet(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    etree.SubElement(ppr, qn("a:buNone"))


_BODY_PROTOTYPES: dict[object, object] = {}
_RUN_PROTOTYPES: dict[tuple, object] = {}
_A_P, _A_R, _A_END = qn("a:p"), qn("a:r"), qn("a:endParaRPr")
_escape_ctrl_chars = CT_RegularTextRun._escape_ctrl_chars


def _frame(shape, anchor=MSO_ANCHOR.TOP):
    """Return the shape's text frame, set to wrap, never auto-size, with deckgen's insets.

    The first frame of each anchor is set through python-pptx; later ones copy its bodyPr,
    which is the same XML at a fraction of the cost (decks run to thousands of frames).
    """
    frame = shape.text_frame
    prototype = _BODY_PROTOTYPES.get(anchor)
    if prototype is None:
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = Inches(0.1)
        frame.margin_top = frame.margin_bottom = Inches(0.05)
        _BODY_PROTOTYPES[anchor] = clone(frame._txBody.bodyPr)
    else:
        body = frame._txBody
        body.replace(body[0], clone(prototype))  # bodyPr comes first in every text body
    return frame


def _add_run(paragraph, text: str, size: float, colour: RGB, bold: bool = False, italic: bool = False):
    """Append a run of `text` to `paragraph` with explicit size, colour and weight.

    The first run of each style is made and formatted through python-pptx; later ones copy it
    and take their own text (escaped as python-pptx escapes it).
    """
    key = (size, colour, bold, italic)
    prototype = _RUN_PROTOTYPES.get(key)
    if prototype is None:
        run = paragraph.add_run()
        font = run.font
        font.size = Pt(size)
        font.bold = bold
        font.italic = italic
        _colour(font, colour)
        _RUN_PROTOTYPES[key] = clone(run._r)
        run.text = text
        return run
    r = clone(prototype)
    p = paragraph._p
    if len(p) and p[-1].tag == _A_END:
        p[-1].addprevious(r)
    else:
        p.append(r)
    r[-1].text = _escape_ctrl_chars(text)  # the run's a:t, after its rPr
    return _Run(r, paragraph)


def _new_paragraph(frame):
    """Append an empty paragraph to `frame` and return it (python-pptx parses XML for each)."""
    return _Paragraph(etree.SubElement(frame._txBody, _A_P), frame)


def _fit(ctx: Context, paragraphs: list[Paragraph], w: float, h: float, max_pt: float, min_pt: float, what: str) -> float:
    size = fit_size(paragraphs, w, h, max_pt, min_pt)
    if size is None:
        ctx.overflows.append(Overflow(ctx.index, what, f"the text does not fit on the slide even at {min_pt:g} pt; shorten it or split the slide"))
        return min_pt
    return size


def _bullet_paragraphs(bullets: list[m.Bullet]) -> list[Paragraph]:
    out = []
    for b in bullets:
        out.append(Paragraph(b.text, 0))
        out.extend(Paragraph(s.text, 1) for s in b.bullets)
    return out


_PARAGRAPH_PROTOTYPES: dict[tuple, object] = {}
_A_PPR = qn("a:pPr")


def _paragraph(frame, first: bool, level: int | None, space_before: float | None, bullet: bool, align=None):
    """Return a new paragraph of `frame` (its first one when `first`) with the given layout.

    The first paragraph of each (level, spacing, bullet, alignment) is set through
    python-pptx; later ones copy its pPr.
    """
    para = frame.paragraphs[0] if first else _new_paragraph(frame)
    key = (level, space_before, bullet, align)
    prototype = _PARAGRAPH_PROTOTYPES.get(key)
    if prototype is None:
        if level is not None:
            para.level = level
        if bullet:
            _bullet(para, level or 0)
        if space_before is not None:
            para.space_before = Pt(space_before)
        if align is not None:
            para.alignment = align
        _PARAGRAPH_PROTOTYPES[key] = clone(para._p.get_or_add_pPr())
    else:
        p = para._p
        if len(p) and p[0].tag == _A_PPR:
            p.remove(p[0])
        p.insert(0, clone(prototype))
    return para


def _fill_bullets(frame, bullets: list[m.Bullet], size: float, ctx: Context, in_placeholder: bool) -> None:
    pal = ctx.theme.palette
    first = True
    for b in bullets:
        items = [(b.text, 0)] + [(s.text, 1) for s in b.bullets]
        for text, level in items:
            space = size * 0.2 if level == 1 else (None if first else size * 0.45 * 1.2)
            para = _paragraph(frame, first, level, space, bullet=not in_placeholder)
            first = False
            _add_run(para, text, size if level == 0 else size * SUB_SCALE, pal.ink if level == 0 else pal.muted)


def _text_box(slide, box: tuple[float, float, float, float], anchor=MSO_ANCHOR.TOP):
    left, top, width, height = box
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    return shape, _frame(shape, anchor)


def _title(ctx: Context, slide, text: str, dark: bool = False, max_pt: float | None = None) -> None:
    shape = _placeholder(slide, 0)
    pal = ctx.theme.palette
    w, h = _size(ctx, shape)
    max_pt = max_pt or ctx.theme.title_size
    size = _fit(ctx, [Paragraph(text, bold=True)], w, h, max_pt, 20, "title")
    frame = _frame(shape, MSO_ANCHOR.BOTTOM)
    para = _paragraph(frame, True, None, None, bullet=False, align=PP_ALIGN.LEFT)
    _add_run(para, text, size, pal.on_night if dark else pal.ink, bold=True)


_XFRM_EXT = f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}"


def layout_boxes(layout) -> dict[int, tuple[int, int, int, int]]:
    """Return (left, top, width, height) in EMU of each placeholder of `layout`, by index."""
    return {ph.placeholder_format.idx: (ph.left, ph.top, ph.width, ph.height) for ph in layout.placeholders}


def _box(ctx: Context, shape) -> tuple[int, int, int, int]:
    """Return a placeholder's (left, top, width, height) in EMU: its own, or its layout's.

    python-pptx finds an inherited position by searching the layout's placeholders on every
    access; the writer reads each layout's boxes once (`layout_boxes`).
    """
    if shape._element.find(_XFRM_EXT) is not None:
        return shape.left, shape.top, shape.width, shape.height
    return ctx.layout_boxes[shape.deckgen_idx]


def _size(ctx: Context, shape) -> tuple[float, float]:
    """Return a placeholder's width and height in inches."""
    _, _, width, height = _box(ctx, shape)
    return width / 914400, height / 914400


def _set_width(ctx: Context, shape, width: int) -> None:
    """Set a placeholder's width, first copying the position it inherits from its layout."""
    left, top, _, height = _box(ctx, shape)
    shape.left, shape.top, shape.width, shape.height = left, top, width, height


_TX_BODY = qn("p:txBody")


def _placeholder(slide, idx: int):
    """Return the slide's placeholder with index `idx`, or None.

    package.SlideFactory, which makes every slide, gives each one a map from placeholder index
    to element, so nothing here searches the shape tree.
    """
    sp = slide.deckgen_placeholders.get(idx)
    if sp is None or sp.getparent() is None:
        return None
    shape = SlidePlaceholder(sp, slide.shapes)
    shape.deckgen_idx = idx
    return shape


def _drop_empty_placeholders(slide) -> None:
    """Remove placeholders the slide left empty, so no "Click to add text" prompt shows."""
    for sp in list(slide.deckgen_placeholders.values()):
        parent = sp.getparent()
        if parent is None:  # already replaced or removed by the slide's writer
            continue
        body = sp.find(_TX_BODY)
        if body is None or not _ALL_TEXT(body).strip():
            parent.remove(sp)


_ALL_TEXT = etree.XPath("string()")  # every text node below, joined: far faster than itertext


def _content_box(ctx: Context) -> tuple[float, float, float, float]:
    t = ctx.theme
    return t.margin, t.content_top, t.slide_width - 2 * t.margin, t.content_bottom - t.content_top


# --- slide kinds ----------------------------------------------------------------------------------

def write_title(ctx: Context, slide, s: m.TitleSlide) -> None:
    info = ctx.deck.deck
    pal = ctx.theme.palette
    title = s.title or info.title
    ph = _placeholder(slide, 0)
    size = _fit(ctx, [Paragraph(title, bold=True)], *_size(ctx, ph), 54, 28, "title")
    frame = _frame(ph, MSO_ANCHOR.BOTTOM)
    _add_run(frame.paragraphs[0], title, size, pal.on_night, bold=True)
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    rule_top = _rule_above(ctx, ph, title, size)
    sub = _placeholder(slide, 1)
    lines: list[tuple[str, float, RGB, bool]] = []
    subtitle = s.subtitle or info.subtitle
    if subtitle:
        lines.append((subtitle, 28, pal.on_night, False))
    who = " · ".join(x for x in (info.speaker, info.role) if x)
    if who:
        lines.append((who, 20, pal.accent, True))
    where = " · ".join(x for x in ((info.event.name if info.event else None), info.date) if x)
    if where:
        lines.append((where, 18, pal.on_night_muted, False))
    if sub is not None and lines:
        w, h = _size(ctx, sub)
        paras = [Paragraph(t, bold=b, scale=sz / 28) for t, sz, _, b in lines]
        size = _fit(ctx, paras, w, h, 28, 14, "subtitle")
        frame = _frame(sub)
        for i, (text, sz, colour, bold) in enumerate(lines):
            para = frame.paragraphs[0] if i == 0 else _new_paragraph(frame)
            para.alignment = PP_ALIGN.LEFT
            if i:
                para.space_before = Pt(6)
            _add_run(para, text, size * sz / 28, colour, bold=bold)
    _accent_rule(ctx, slide, 0.9, rule_top)


def _rule_above(ctx: Context, title_shape, text: str, size: float) -> float:
    """Return the top (inches) for the accent rule, just above a bottom-anchored title's text."""
    left, top, width, height = (v / 914400 for v in _box(ctx, title_shape))
    text_height = block_height([Paragraph(text, bold=True)], size, width)
    return max(0.3, top + height - text_height - 0.3)


def _accent_rule(ctx: Context, slide, left: float, top: float, width: float = 1.2) -> None:
    bar = slide.shapes.add_shape(1, Inches(left + 0.1), Inches(top), Inches(width), Inches(0.08))
    bar.name = "Accent rule"
    bar.fill.solid()
    bar.fill.fore_color.rgb = RGBColor(*ctx.theme.palette.accent)
    bar.line.fill.background()
    diagram_shapes.plain(bar)


def write_agenda(ctx: Context, slide, s: m.AgendaSlide) -> None:
    _title(ctx, slide, s.title)
    body = _placeholder(slide, 1)
    w, h = _size(ctx, body)
    size = _fit(ctx, [Paragraph(f"00   {t}") for t in ctx.sections], w, h * 0.8, 36, ctx.theme.body_min, "agenda")
    frame = _frame(body)
    pal = ctx.theme.palette
    for i, text in enumerate(ctx.sections):
        para = frame.paragraphs[0] if i == 0 else _new_paragraph(frame)
        _no_bullet(para)
        if i:
            para.space_before = Pt(size * 0.9)
        _add_run(para, f"{i + 1:02d}   ", size, pal.accent_ink, bold=True)
        _add_run(para, text, size, pal.ink)


def write_section(ctx: Context, slide, s: m.SectionSlide) -> None:
    pal = ctx.theme.palette
    ph = _placeholder(slide, 0)
    size = _fit(ctx, [Paragraph(s.title, bold=True)], *_size(ctx, ph), 44, 24, "title")
    frame = _frame(ph, MSO_ANCHOR.BOTTOM)
    _add_run(frame.paragraphs[0], s.title, size, pal.on_night, bold=True)
    rule_top = _rule_above(ctx, ph, s.title, size)
    body = _placeholder(slide, 1)
    number = ctx.sections.index(s.title) + 1 if s.title in ctx.sections else None
    sub = s.subtitle or (f"Part {number} of {len(ctx.sections)}" if number else None)
    if body is not None and sub:
        size = _fit(ctx, [Paragraph(sub)], *_size(ctx, body), 24, 14, "subtitle")
        frame = _frame(body)
        _no_bullet(frame.paragraphs[0])
        _add_run(frame.paragraphs[0], sub, size, pal.on_night_muted)
    _accent_rule(ctx, slide, 0.9, rule_top)


def write_bullets(ctx: Context, slide, s: m.BulletsSlide) -> None:
    _title(ctx, slide, s.title)
    body = _placeholder(slide, 1)
    w, h = _size(ctx, body)
    size = _fit(ctx, _bullet_paragraphs(s.bullets), w, h, ctx.theme.body_max, ctx.theme.body_min, "bullets")
    _fill_bullets(_frame(body), s.bullets, size, ctx, in_placeholder=True)


def pyramid_spec(ctx: Context, focus: list[str], width: float, height: float, arrow: bool) -> PyramidSpec:
    """Return the diagram spec of the deck's pyramid with layers `focus` in focus."""
    pyr = ctx.deck.pyramid
    assert pyr is not None
    ids = [layer.id for layer in pyr.layers]
    return PyramidSpec(
        layers=tuple(LayerSpec(l.label, l.detail) for l in pyr.layers),
        colours=tuple(ctx.theme.band_colours(len(pyr.layers), pyr.palette)),
        focus=frozenset(ids.index(f) for f in focus),
        inverted=pyr.shape == "inverted",
        detail_side=pyr.detail_side,
        arrow_label=pyr.arrow.label if (arrow and pyr.arrow) else None,
        arrow_direction=pyr.arrow.direction if pyr.arrow else "down",
        width_in=width,
        height_in=height,
        theme=ctx.theme,
    )


def _place_pyramid(ctx: Context, slide, spec: PyramidSpec, left: float, top: float, render: str) -> None:
    if render == "shapes":
        diagram_shapes.draw(slide.shapes, spec, Inches(left), Inches(top), Inches(spec.width_in), Inches(spec.height_in))
        return
    png = ctx.diagrams.png(spec)
    picture = slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), Inches(spec.width_in), Inches(spec.height_in))
    picture.name = "Pyramid"
    picture._element.nvPicPr.cNvPr.set("descr", alt_text(spec))


def _side_bullets(ctx: Context, slide, bullets: list[m.Bullet], box: tuple[float, float, float, float], what: str) -> None:
    size = _fit(ctx, _bullet_paragraphs(bullets), box[2], box[3], ctx.theme.body_max - 2, ctx.theme.body_min, what)
    _, frame = _text_box(slide, box, MSO_ANCHOR.MIDDLE)
    _fill_bullets(frame, bullets, size, ctx, in_placeholder=False)


def _caption(ctx: Context, slide, text: str, box: tuple[float, float, float, float]) -> None:
    size = _fit(ctx, [Paragraph(text)], box[2], box[3], 20, 12, "caption")
    _, frame = _text_box(slide, box, MSO_ANCHOR.TOP)
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.CENTER
    _add_run(para, text, size, ctx.theme.palette.muted, italic=True)


def diagram_spec(ctx: Context, s: m.SlideBase) -> PyramidSpec | None:
    """Return the pyramid a slide shows (its size depends on what stands beside it), or None."""
    if isinstance(s, m.PyramidSlide):
        if s.bullets:
            return pyramid_spec(ctx, s.highlight, 6.6, 4.3 if s.caption else 4.9, s.arrow)
        return pyramid_spec(ctx, s.highlight, 8.4, 4.5 if s.caption else 5.0, s.arrow)
    if isinstance(s, m.LayerSlide):
        return pyramid_spec(ctx, [s.layer], 6.6, 4.9, arrow=False)
    return None


def write_pyramid(ctx: Context, slide, s: m.PyramidSlide) -> None:
    _title(ctx, slide, s.title)
    left, top, width, height = _content_box(ctx)
    spec = diagram_spec(ctx, s)
    if s.bullets:
        _place_pyramid(ctx, slide, spec, left, top, s.render)
        _side_bullets(ctx, slide, s.bullets, (left + 6.9, top, width - 6.9, height), "bullets")
        if s.caption:
            _caption(ctx, slide, s.caption, (left, top + spec.height_in + 0.1, 6.6, height - spec.height_in - 0.1))
        return
    _place_pyramid(ctx, slide, spec, left + (width - spec.width_in) / 2, top, s.render)
    if s.caption:
        _caption(ctx, slide, s.caption, (left + 0.5, top + spec.height_in + 0.05, width - 1.0, height - spec.height_in - 0.05))


def write_layer(ctx: Context, slide, s: m.LayerSlide) -> None:
    _title(ctx, slide, ctx.deck.slide_title(s))
    left, top, width, height = _content_box(ctx)
    spec = diagram_spec(ctx, s)
    _place_pyramid(ctx, slide, spec, left, top + (height - spec.height_in) / 2, s.render)
    if s.bullets:
        _side_bullets(ctx, slide, s.bullets, (left + 6.9, top, width - 6.9, height), "bullets")


CELL_PAD_X, CELL_PAD_Y = 0.1, 0.06


def write_table(ctx: Context, slide, s: m.TableSlide) -> None:
    _title(ctx, slide, s.title)
    left, top, width, height = _content_box(ctx)
    pal = ctx.theme.palette
    ncols = len(s.columns)
    grid = [list(s.columns)] + [list(r.cells) for r in s.rows]

    def bold(i: int, j: int) -> bool:
        return i == 0 or j == 0

    natural = [max(text_width(grid[i][j], 18, bold(i, j)) for i in range(len(grid))) + 2 * CELL_PAD_X for j in range(ncols)]
    col_ws = column_widths(natural, width)

    def table_height(size: float) -> float:
        total = 0.0
        for i, cells in enumerate(grid):
            # block_height counts a text box's own insets; a cell has its padding instead
            total += max(
                block_height([Paragraph(text, bold=bold(i, j))], size, col_ws[j] - 2 * CELL_PAD_X + 2 * INSET_X) - 2 * INSET_Y + 2 * CELL_PAD_Y
                for j, text in enumerate(cells)
            )
        return total

    size = ctx.theme.body_max - 4
    while size >= ctx.theme.body_min - 2 and table_height(size) > height:
        size -= 0.5
    if size < ctx.theme.body_min - 2:
        ctx.overflows.append(Overflow(ctx.index, "rows", f"the table does not fit on the slide even at {ctx.theme.body_min - 2} pt; shorten cells or split the table"))
        size = ctx.theme.body_min - 2
    rows = len(s.rows) + 1
    frame = slide.shapes.add_table(rows, ncols, Inches(left), Inches(top), Inches(width), Inches(min(height, table_height(size))))
    frame.name = "Table"
    table = frame.table
    for j in range(ncols):
        table.columns[j].width = Inches(col_ws[j])
    for i in range(rows):
        for j, text in enumerate(grid[i]):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(CELL_PAD_X)
            cell.margin_top = cell.margin_bottom = Inches(CELL_PAD_Y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            if i == 0:
                cell.fill.fore_color.rgb = RGBColor(*pal.night)
            else:
                cell.fill.fore_color.rgb = RGBColor(*(pal.band if i % 2 == 0 else pal.paper))
            tf = cell.text_frame
            tf.word_wrap = True
            tf.text = ""
            _add_run(tf.paragraphs[0], text, size, pal.on_night if i == 0 else (pal.ink if j == 0 else pal.muted), bold=bold(i, j))


def write_columns(ctx: Context, slide, s: m.ColumnsSlide) -> None:
    _title(ctx, slide, s.title)
    left, top, width, height = _content_box(ctx)
    gap = 0.4
    n = len(s.columns)
    col_w = (width - gap * (n - 1)) / n
    pal = ctx.theme.palette
    head_h = 0.75
    sizes = []
    for col in s.columns:
        sizes.append(_fit(ctx, [Paragraph(col.heading, bold=True)], col_w, head_h, 26, 14, "columns"))
    head_size = min(sizes)
    body_sizes = [_fit(ctx, _bullet_paragraphs(c.bullets), col_w, height - head_h - 0.2, ctx.theme.body_max - 4, ctx.theme.body_min, "columns") for c in s.columns if c.bullets]
    body_size = min(body_sizes) if body_sizes else ctx.theme.body_max
    for k, col in enumerate(s.columns):
        x = left + k * (col_w + gap)
        _, frame = _text_box(slide, (x, top, col_w, head_h), MSO_ANCHOR.BOTTOM)
        _add_run(frame.paragraphs[0], col.heading, head_size, pal.accent_ink, bold=True)
        rule = slide.shapes.add_shape(1, Inches(x + 0.1), Inches(top + head_h + 0.05), Inches(col_w - 0.2), Inches(0.03))
        rule.fill.solid()
        rule.fill.fore_color.rgb = RGBColor(*pal.rule)
        rule.line.fill.background()
        diagram_shapes.plain(rule)
        if col.bullets:
            _, frame = _text_box(slide, (x, top + head_h + 0.2, col_w, height - head_h - 0.2))
            _fill_bullets(frame, col.bullets, body_size, ctx, in_placeholder=False)


def write_image(ctx: Context, slide, s: m.ImageSlide) -> None:
    from PIL import Image

    _title(ctx, slide, s.title)
    left, top, width, height = _content_box(ctx)
    data = ctx.images[s.image]
    with Image.open(io.BytesIO(data)) as im:
        px_w, px_h = im.size
    cap_h = 0.6 if s.caption else 0.0
    box_w, box_h = width, height - cap_h
    scale = min(box_w / px_w, box_h / px_h)
    w, h = px_w * scale, px_h * scale
    picture = slide.shapes.add_picture(io.BytesIO(data), Inches(left + (box_w - w) / 2), Inches(top + (box_h - h) / 2), Inches(w), Inches(h))
    picture.name = Path(s.image).name
    picture._element.nvPicPr.cNvPr.set("descr", s.alt)
    if s.caption:
        _caption(ctx, slide, s.caption, (left, top + box_h + 0.05, width, cap_h))


def write_quote(ctx: Context, slide, s: m.QuoteSlide) -> None:
    pal = ctx.theme.palette
    t = ctx.theme
    left, width = t.margin + 0.6, t.slide_width - 2 * t.margin - 1.2
    title = _placeholder(slide, 0)
    if s.title and title is not None:
        # the slide's real title (screen readers and the outline view list it), set small
        title.left, title.top, title.width, title.height = Inches(left), Inches(0.9), Inches(width), Inches(0.6)
        frame = _frame(title, MSO_ANCHOR.BOTTOM)
        run = _add_run(frame.paragraphs[0], s.title, 16, pal.accent_ink, bold=True)
        run.font._rPr.set("cap", "all")
    _accent_rule(ctx, slide, left, 1.7)
    quote = f"“{s.quote}”"
    box = (left, 1.95, width, 3.6)
    size = _fit(ctx, [Paragraph(quote, bold=True)], box[2], box[3], 44, 24, "quote")
    _, frame = _text_box(slide, box, MSO_ANCHOR.MIDDLE)
    _add_run(frame.paragraphs[0], quote, size, pal.ink, bold=True)
    if s.attribution:
        _, frame = _text_box(slide, (left, 5.65, width, 0.6))
        _add_run(frame.paragraphs[0], f"— {s.attribution}", 20, pal.muted)


def write_closing(ctx: Context, slide, s: m.ClosingSlide) -> None:
    pal = ctx.theme.palette
    ph = _placeholder(slide, 0)
    text_w = 7.6 if s.qr else _size(ctx, ph)[0]
    _set_width(ctx, ph, Inches(text_w))
    size = _fit(ctx, [Paragraph(s.title, bold=True)], text_w, _size(ctx, ph)[1], 54, 28, "title")
    frame = _frame(ph, MSO_ANCHOR.BOTTOM)
    _add_run(frame.paragraphs[0], s.title, size, pal.on_night, bold=True)
    rule_top = _rule_above(ctx, ph, s.title, size)
    sub = _placeholder(slide, 1)
    lines = []
    if s.message:
        lines.append(Paragraph(s.message, scale=1.0))
    for link in s.links:
        lines.append(Paragraph(f"{link.label}: {link.url}", scale=0.8))
    if sub is not None and lines:
        _set_width(ctx, sub, Inches(text_w))
        h = _size(ctx, sub)[1]
        size = _fit(ctx, lines, text_w, h, 26, 12, "links")
        frame = _frame(sub)
        first = True
        if s.message:
            _add_run(frame.paragraphs[0], s.message, size, pal.on_night)
            first = False
        for link in s.links:
            para = frame.paragraphs[0] if first else _new_paragraph(frame)
            first = False
            para.space_before = Pt(6)
            _add_run(para, f"{link.label}: ", size * 0.8, pal.accent, bold=True)
            run = _add_run(para, link.url, size * 0.8, pal.on_night_muted)
            if link.url.startswith(("https://", "http://", "mailto:")):
                run.hyperlink.address = link.url
                _colour(run.font, pal.on_night_muted)
    if s.qr:
        png = ctx.qr_png(s.qr)
        side = 3.2
        picture = slide.shapes.add_picture(io.BytesIO(png), Inches(ctx.theme.slide_width - 0.9 - side), Inches(2.0), Inches(side), Inches(side))
        picture.name = "QR code"
        picture._element.nvPicPr.cNvPr.set("descr", f"QR code linking to {s.qr}")
        _, frame = _text_box(slide, (ctx.theme.slide_width - 0.9 - side, 2.0 + side + 0.05, side, 0.45))
        frame.paragraphs[0].alignment = PP_ALIGN.CENTER
        _add_run(frame.paragraphs[0], "Scan for the link", 14, pal.on_night_muted)
    _accent_rule(ctx, slide, 0.9, rule_top)


WRITERS: dict[str, Callable] = {
    "title": write_title,
    "agenda": write_agenda,
    "section": write_section,
    "bullets": write_bullets,
    "pyramid": write_pyramid,
    "layer": write_layer,
    "table": write_table,
    "columns": write_columns,
    "image": write_image,
    "quote": write_quote,
    "closing": write_closing,
}


_FOOTERS: dict[tuple, list] = {}


def write_footer(ctx: Context, slide, kind: str) -> None:
    """Add the footer of content slides: event hashtag and handle on the left, number on the right.

    The footer is the same on every slide but for its number: it is drawn once through
    python-pptx, then copied (with fresh shape ids) onto later slides.
    """
    info = ctx.deck.deck
    if not info.footer or kind in DARK_KINDS:
        return
    pal = ctx.theme.palette
    t = ctx.theme
    left_text = " · ".join(x for x in ((info.event.hashtag if info.event else None) or (info.event.name if info.event else None), info.handle) if x)
    key = (left_text, t, pal)
    prototypes = _FOOTERS.get(key)
    tree = slide.shapes._spTree
    if prototypes is not None:
        next_id = _max_shape_id(tree) + 1
        for k, prototype in enumerate(prototypes):
            shape = clone(prototype)
            shape.find(_CNVPR_PATH).set("id", str(next_id + k))
            tree.append(shape)
        tree[-1].find(_FIELD_TEXT_PATH).text = str(ctx.number)
        return
    shapes = []
    if left_text:
        box, frame = _text_box(slide, (t.margin, FOOTER_TOP, 8.0, 0.35), MSO_ANCHOR.MIDDLE)
        box.name = "Footer"
        _add_run(frame.paragraphs[0], left_text, 12, pal.muted)
        shapes.append(box)
    box, frame = _text_box(slide, (t.slide_width - t.margin - 1.5, FOOTER_TOP, 1.5, 0.35), MSO_ANCHOR.MIDDLE)
    box.name = "Slide number"
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.RIGHT
    # a slide-number field stays right when the speaker reorders slides
    fld = etree.SubElement(para._p, qn("a:fld"))
    fld.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
    fld.set("type", "slidenum")
    rpr = etree.SubElement(fld, qn("a:rPr"), lang="en-US", sz="1200")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val="%02X%02X%02X" % pal.muted)
    etree.SubElement(fld, qn("a:t")).text = str(ctx.number)
    shapes.append(box)
    _FOOTERS[key] = [clone(s._element) for s in shapes]


_ALL_IDS = etree.XPath("//@id")


def _max_shape_id(tree) -> int:
    """Return the largest numeric id in the slide of shape tree `tree`, as python-pptx's
    `max_shape_id` does, with an XPath compiled once rather than on every call."""
    return max([0] + [int(i) for i in _ALL_IDS(tree) if i.isdigit()])


_CNVPR_PATH = f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}"
_FIELD_TEXT_PATH = f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:fld')}/{qn('a:t')}"


def deck_diagrams(deck: m.Deck, theme: Theme | None = None) -> list[tuple[int, PyramidSpec]]:
    """Return (slide index, spec) for every pictured pyramid of `deck`, in slide order."""
    from ..theme import DEFAULT_THEME

    ctx = Context(deck, theme or DEFAULT_THEME, DiagramCache(None), images={}, qr_png=lambda u: b"")
    out = []
    for i, s in enumerate(deck.slides):
        spec = diagram_spec(ctx, s) if getattr(s, "render", "shapes") == "picture" else None
        if spec is not None:
            out.append((i, spec))
    return out
