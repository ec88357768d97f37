"""Draw a pyramid as native PowerPoint shapes (freeforms and text boxes) a speaker can edit.

What it uses below python-pptx's public API, all of python-pptx 1.0: `Shape._element` and
`GroupShapes`' lxml tree, to mark shapes plain and describe them.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from ..text import text_width
from ..diagrams import geometry
from ..diagrams.labels import arrow_shape, label_texts, leader_lines
from ..diagrams.spec import PyramidSpec, alt_text

EMU_PER_PT = 12700


def draw(shapes, spec: PyramidSpec, left: int, top: int, width: int, height: int, by_band: bool = False):
    """Add the pyramid of `spec` to `shapes` in the given box (EMU); return the ids of the
    top-level shapes drawn.

    One group holds the whole pyramid, or, `by_band`, one group per band (its shape, label,
    detail and leader line, bottom to top) then the arrow's shapes: only top-level shapes can
    be built click by click.
    """
    w_pt, h_pt = width / EMU_PER_PT, height / EMU_PER_PT
    lay = spec.layout(w_pt, h_pt)
    unit = w_pt / (spec.width_in * 72)  # real points per layout point: the template's scale
    if by_band:
        groups = [shapes.add_group_shape() for _ in spec.layers]
        for band, group in zip(lay.bands, groups):
            group.name = f"Pyramid band {band.index + 1}: {spec.layers[band.index].label}"
        rest = shapes
    else:
        group = shapes.add_group_shape()
        group.name = "Pyramid"
        rest = group.shapes
    drawn: list = []

    def members_of(index: int | None):
        return groups[index].shapes if by_band and index is not None else rest

    def emu(x: float, y: float) -> tuple[int, int]:
        return left + round(x * EMU_PER_PT), top + round(y * EMU_PER_PT)

    def freeform(points: list[geometry.Point], colour, name: str, index: int | None = None):
        builder = members_of(index).build_freeform(*emu(*points[0]), scale=1.0)
        builder.add_line_segments([emu(x, y) for x, y in points[1:]], close=True)
        shape = builder.convert_to_shape()
        shape.name = name
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor(*colour)
        shape.line.fill.background()
        plain(shape)
        return shape

    for band, layer in zip(lay.bands, spec.layers):
        freeform(band.polygon, spec.band_colour(band.index), f"Band {band.index + 1}: {layer.label}", band.index)
    # leader lines and details stand for the bands that have a detail, in band order
    detailed = [i for i, layer in enumerate(spec.layers) if layer.detail] if lay.detail_x is not None else []
    for index, ((x0, y0), (x1, y1), colour) in zip(detailed, leader_lines(spec, lay)):
        line = members_of(index).add_connector(1, *emu(x0, y0), *emu(x1, y1))
        line.line.color.rgb = RGBColor(*colour)
        line.line.width = Pt(1)
        plain(line)
    arrow = arrow_shape(spec, lay)
    if arrow:
        drawn.append(freeform(arrow, spec.theme.palette.accent, "Arrow"))
    texts = label_texts(spec, lay, unit)
    for index, text in zip(list(range(len(spec.layers))) + detailed, texts):
        _text_box(members_of(index), text, lay, emu, spec.measure(text.bold))
    if arrow and spec.arrow_label:
        length = lay.arrow_bottom - lay.arrow_top
        size = 16.0
        while text_width(spec.arrow_label, size, True, spec.families) * 72 > length * 0.9 and size > 8:
            size -= 0.5
        box_h = size * 1.5
        cx, cy = lay.arrow_label_x, (lay.arrow_top + lay.arrow_bottom) / 2
        x, y = emu(cx - length / 2, cy - box_h / 2)
        box = rest.add_textbox(x, y, Emu(round(length * EMU_PER_PT)), Emu(round(box_h * EMU_PER_PT)))
        box.rotation = 270
        _set_text(box, (spec.arrow_label,), size, spec.theme.palette.accent_ink, True, PP_ALIGN.CENTER)
        drawn.append(box)
    if by_band:
        for group in groups:
            _set_description(group, f"{group.name.split(': ', 1)[1]}: a band of the pyramid")
        _set_description(groups[0], alt_text(spec))  # the whole pyramid, said once
        return [g.shape_id for g in groups] + [shape.shape_id for shape in drawn]
    group.name = "Pyramid"
    _set_description(group, alt_text(spec))
    return [group.shape_id]


def plain(shape) -> None:
    """Drop the theme style python-pptx gives new shapes: no inherited shadow, glow or outline.

    Each application renders a theme's effect styles its own way; the diagram looks the same
    everywhere only when its shapes carry nothing but their own fill and line.
    """
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _text_box(members, text, lay, emu, measure):
    line_h = text.size * 1.2
    h = line_h * len(text.lines) + 4
    if text.align == "centre":
        w = max(measure(line, text.size) for line in text.lines) + 8
        x0 = text.x - w / 2
        align = PP_ALIGN.CENTER
    elif text.align == "left":
        w = lay.detail_width
        x0 = text.x
        align = PP_ALIGN.LEFT
    else:
        w = lay.detail_width
        x0 = text.x - w
        align = PP_ALIGN.RIGHT
    x, y = emu(x0, text.y - h / 2)
    box = members.add_textbox(x, y, Emu(round(w * EMU_PER_PT)), Emu(round(h * EMU_PER_PT)))
    _set_text(box, text.lines, text.size, text.colour, text.bold, align)


def _set_text(box, lines, size, colour, bold, align) -> None:
    frame = box.text_frame
    frame.word_wrap = False
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = RGBColor(*colour)


def _set_description(shape, text: str) -> None:
    """Set a shape's alt text (the `descr` of its non-visual properties)."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)
