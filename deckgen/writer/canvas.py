"""The seam over python-pptx's slide objects: a handle a slide kind draws on, in inches.

Slide kinds lay out text, pictures and rules and hand them to a `SlideCanvas`; only this
module (with `package.py`, for parts and relationships, and `template.py`, which reads a
template's masters and layouts) touches python-pptx. What it uses below python-pptx's public
API, all of python-pptx 1.0:

- the lxml elements behind its objects: `_Paragraph._p`, `_Run._r`, `TextFrame._txBody`,
  `Shape._element`, `SlideShapes._spTree`, `SlideLayout._element`, `Chart._chartSpace`, and
  `CT_TextParagraph.get_or_add_pPr`;
- `ChartPart.chart_workbook.update_from_xlsx_blob`, to give a chart's workbook a fixed time;
- `CT_RegularTextRun._escape_ctrl_chars`, to escape a run's text as python-pptx does;
- the constructors `_Paragraph(p, parent)`, `_Run(r, parent)` and `SlidePlaceholder(sp, shapes)`.

Text is written through prototypes: the first paragraph, run and text body of each style is
made through python-pptx, later ones copy its XML (decks run to thousands of paragraphs, and
python-pptx parses an XML snippet for each).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from typing import Iterable

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.text import CT_RegularTextRun
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.text.text import _Paragraph, _Run
from pptx.util import Inches, Pt

from ..text import BULLET_FONT, HANGING, INSET_X, INSET_Y, LEVEL_INDENT, Paragraph, Run, direction
from ..theme import EMU_PER_INCH, RGB
from .package import clone

Box = tuple[float, float, float, float]  # left, top, width, height in inches

ANCHORS = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
ALIGNS = {"l": PP_ALIGN.LEFT, "ctr": PP_ALIGN.CENTER, "r": PP_ALIGN.RIGHT}

_A_P, _A_END, _A_PPR = qn("a:p"), qn("a:endParaRPr"), qn("a:pPr")
_TX_BODY = qn("p:txBody")
_XFRM_EXT = f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}"
_CNVPR_PATH = f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}"
_PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_FIELD_TEXT_PATH = f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:fld')}/{qn('a:t')}"
_ALL_TEXT = etree.XPath("string()")  # every text node below, joined: far faster than itertext
_ALL_IDS = etree.XPath("//@id")
_escape_ctrl_chars = CT_RegularTextRun._escape_ctrl_chars
_HLINK, _R_ID = qn("a:hlinkClick"), qn("r:id")

# prototypes, per process: text bodies by anchor, paragraph properties and runs by style
_BODIES: dict[object, object] = {}
_PARAGRAPHS: dict[tuple, object] = {}
_RUNS: dict[tuple, object] = {}
_FOOTERS: dict[tuple, list] = {}

# Kinds lay out in layout inches and points on a slide 7.5 in high (theme.Theme); a template of
# another size scales every position, size and point size by one factor, set per deck.
_SCALE = [1.0]
_RTL_DECK = [False]  # the talk's language is written right to left: every paragraph is


def set_direction(rtl: bool) -> None:
    """Write every paragraph from now on right to left (`rtl`), or each by its own text."""
    _RTL_DECK[0] = rtl


def set_scale(scale: float) -> None:
    """Scale everything drawn from now on by `scale` (real inches per layout inch)."""
    if scale != _SCALE[0]:
        _SCALE[0] = scale
        for prototypes in (_BODIES, _PARAGRAPHS, _RUNS, _FOOTERS):
            prototypes.clear()


def _inches(value: float) -> int:
    return Inches(value * _SCALE[0])


def _pt(value: float):
    return Pt(value * _SCALE[0])


def layout_boxes(layout) -> dict[int, tuple[int, int, int, int]]:
    """Return (left, top, width, height) in EMU of each placeholder of `layout`, by index."""
    return {ph.placeholder_format.idx: (ph.left, ph.top, ph.width, ph.height) for ph in layout.placeholders}


@dataclass
class Placeholder:
    """A placeholder of the slide being written, with the box it has or inherits."""

    canvas: SlideCanvas
    idx: int
    shape: SlidePlaceholder

    def box_emu(self) -> tuple[int, int, int, int]:
        """Return the placeholder's (left, top, width, height) in EMU: its own, or its layout's.

        python-pptx finds an inherited position by searching the layout's placeholders on
        every access; the canvas reads each layout's boxes once.
        """
        shape = self.shape
        if shape._element.find(_XFRM_EXT) is not None:
            return shape.left, shape.top, shape.width, shape.height
        return self.canvas.layout_boxes[self.idx]

    @property
    def box(self) -> Box:
        """Return the placeholder's box in inches."""
        return tuple(v / EMU_PER_INCH / _SCALE[0] for v in self.box_emu())  # type: ignore[return-value]

    @property
    def size(self) -> tuple[float, float]:
        """Return the placeholder's width and height in inches."""
        _, _, width, height = self.box_emu()
        return width / EMU_PER_INCH / _SCALE[0], height / EMU_PER_INCH / _SCALE[0]

    def set_box(self, box: Box) -> None:
        """Place the placeholder at `box` (inches)."""
        shape = self.shape
        shape.left, shape.top, shape.width, shape.height = (_inches(v) for v in box)

    def set_width(self, width: float) -> None:
        """Set the placeholder's width (inches), keeping the position it inherits from its layout."""
        left, top, _, height = self.box_emu()
        shape = self.shape
        shape.left, shape.top, shape.width, shape.height = left, top, _inches(width), height

    def write(self, paragraphs: Iterable[Paragraph], size: float, anchor: str = "top") -> int:
        """Fill the placeholder with `paragraphs`, the block set at `size` points; return its shape id."""
        if self.idx in self.canvas.moved and self.shape._element.find(_XFRM_EXT) is None:
            self.shape.left, self.shape.top, self.shape.width, self.shape.height = self.canvas.layout_boxes[self.idx]
        write_paragraphs(_frame(self.shape, ANCHORS[anchor]), paragraphs, size, self.canvas.mono_font)
        return self.shape.shape_id


@dataclass
class TextSlot:
    """Where a layout lacks the body or subtitle placeholder a kind fills: a text box below the
    title, with the placeholder's interface, so no text of the outline is dropped."""

    canvas: SlideCanvas
    box: Box

    @property
    def size(self) -> tuple[float, float]:
        return self.box[2], self.box[3]

    def set_box(self, box: Box) -> None:
        self.box = box

    def set_width(self, width: float) -> None:
        self.box = (self.box[0], self.box[1], width, self.box[3])

    def write(self, paragraphs: Iterable[Paragraph], size: float, anchor: str = "top") -> int:
        return self.canvas.text_box(self.box, paragraphs, size, anchor, name="Subtitle")


class SlideCanvas:
    """The slide being written: its placeholders by index, and what kinds add to it."""

    def __init__(self, slide, placeholders: dict[int, object], layout_boxes: dict[int, tuple[int, int, int, int]], mono_font: str = "Courier New", moved: tuple[int, ...] = ()):
        self.slide = slide
        self.placeholders = placeholders  # placeholder idx -> p:sp element, from SlideFactory
        self.layout_boxes = layout_boxes
        self.mono_font = mono_font  # the typeface code runs ask for
        self.moved = moved  # roles whose box differs from the layout's: placed explicitly

    def pyramid_shapes(self, spec, left: float, top: float, by_band: bool = False) -> list[int]:
        """Draw the pyramid of `spec` as native, editable shapes with its top-left at (left, top);
        return the ids of the shapes drawn (one group per band, bottom to top, with `by_band`)."""
        from ..diagrams import shapes as diagram_shapes

        return diagram_shapes.draw(self.slide.shapes, spec, _inches(left), _inches(top), _inches(spec.width_in), _inches(spec.height_in), by_band)

    def placeholder(self, idx: int) -> Placeholder | None:
        """Return the placeholder with index `idx`, or None when the layout has none."""
        sp = self.placeholders.get(idx)
        if sp is None or sp.getparent() is None:
            return None
        return Placeholder(self, idx, SlidePlaceholder(sp, self.slide.shapes))

    def slot(self, idx: int, slide_height: float) -> Placeholder | TextSlot | None:
        """Return the placeholder with index `idx`, or, when the layout has none, a text box
        below the title down to the slide's lower margin (None without a title either)."""
        found = self.placeholder(idx)
        if found is not None:
            return found
        title = self.placeholder(0)
        if title is None:
            return None
        left, top, width, height = title.box
        below = top + height + 0.15
        room = slide_height - 0.6 - below
        if room < 0.6:  # a title low on the slide: the text goes above it
            return TextSlot(self, (left, max(0.3, top - 1.5), width, min(1.4, top - 0.3)))
        return TextSlot(self, (left, below, width, min(room, 2.4)))

    def text_box(self, box: Box, paragraphs: Iterable[Paragraph], size: float, anchor: str = "top", name: str | None = None, wrap: bool = True) -> int:
        """Add a text box at `box` holding `paragraphs` set at `size` points (`wrap` False: lines
        are never broken, as code must not be); return its shape id."""
        left, top, width, height = box
        shape = self.slide.shapes.add_textbox(_inches(left), _inches(top), _inches(width), _inches(height))
        if name:
            shape.name = name
        write_paragraphs(_frame(shape, ANCHORS[anchor], wrap), paragraphs, size, self.mono_font)
        return shape.shape_id

    def reveal(self, steps: list[list[tuple[int, tuple | None]]]) -> None:
        """Make the slide build click by click: each step is the shapes (by id) that appear
        together on one click, whole (None), by paragraph range (first, last), or a part of a
        chart ("chart", series index, category index, build step).

        Written as PowerPoint's own "Appear" entrance effects in p:timing, with a build list
        naming each text shape built by paragraph: PowerPoint, Keynote and LibreOffice play it,
        and LibreOffice keeps it when it saves the deck again.
        """
        if not steps:
            return
        ids = iter(range(1, 10_000))
        root = etree.Element(qn("p:timing"))
        tn_lst = etree.SubElement(root, qn("p:tnLst"))
        top = _ctn(etree.SubElement(tn_lst, qn("p:par")), next(ids), dur="indefinite", restart="never", nodeType="tmRoot")
        seq = etree.SubElement(etree.SubElement(top, qn("p:childTnLst")), qn("p:seq"), concurrent="1", nextAc="seek")
        main = etree.SubElement(_ctn(seq, next(ids), dur="indefinite", nodeType="mainSeq"), qn("p:childTnLst"))
        by_paragraph: list[int] = []
        by_series: list[int] = []
        for step in steps:
            click = _ctn(etree.SubElement(main, qn("p:par")), next(ids), fill="hold", delay="indefinite")
            together = _ctn(etree.SubElement(etree.SubElement(click, qn("p:childTnLst")), qn("p:par")), next(ids), fill="hold", delay="0")
            effects = etree.SubElement(together, qn("p:childTnLst"))
            for k, (spid, paragraphs) in enumerate(step):
                effect = _ctn(
                    etree.SubElement(effects, qn("p:par")), next(ids), presetID="1", presetClass="entr", presetSubtype="0",
                    fill="hold", grpId="0", nodeType="clickEffect" if k == 0 else "withEffect", delay="0",
                )
                behaviour = etree.SubElement(etree.SubElement(etree.SubElement(effect, qn("p:childTnLst")), qn("p:set")), qn("p:cBhvr"))
                _ctn(behaviour, next(ids), dur="1", fill="hold", delay="0")
                target = etree.SubElement(etree.SubElement(behaviour, qn("p:tgtEl")), qn("p:spTgt"), spid=str(spid))
                if paragraphs is not None and paragraphs[0] == "chart":
                    _, series, category, step_name = paragraphs
                    etree.SubElement(etree.SubElement(target, qn("p:graphicEl")), qn("a:chart"), seriesIdx=str(series), categoryIdx=str(category), bldStep=step_name)
                    if spid not in by_series:
                        by_series.append(spid)
                elif paragraphs is not None:
                    etree.SubElement(etree.SubElement(target, qn("p:txEl")), qn("p:pRg"), st=str(paragraphs[0]), end=str(paragraphs[1]))
                    if spid not in by_paragraph:
                        by_paragraph.append(spid)
                etree.SubElement(etree.SubElement(behaviour, qn("p:attrNameLst")), qn("p:attrName")).text = "style.visibility"
                etree.SubElement(etree.SubElement(behaviour.getparent(), qn("p:to")), qn("p:strVal"), val="visible")
        for which, event in (("p:prevCondLst", "onPrev"), ("p:nextCondLst", "onNext")):
            cond = etree.SubElement(etree.SubElement(seq, qn(which)), qn("p:cond"), evt=event, delay="0")
            etree.SubElement(etree.SubElement(cond, qn("p:tgtEl")), qn("p:sldTgt"))
        if by_paragraph or by_series:
            builds = etree.SubElement(root, qn("p:bldLst"))
            for spid in by_paragraph:
                etree.SubElement(builds, qn("p:bldP"), spid=str(spid), grpId="0", build="p")
            for spid in by_series:
                graphic = etree.SubElement(builds, qn("p:bldGraphic"), spid=str(spid), grpId="0")
                etree.SubElement(etree.SubElement(graphic, qn("p:bldSub")), qn("a:bldChart"), bld="series")
        sld = self.slide._element
        after = sld.find(qn("p:clrMapOvr"))
        (after if after is not None else sld.find(qn("p:cSld"))).addnext(root)

    def picture(self, png: bytes, box: Box, name: str, alt: str) -> None:
        """Add picture bytes `png` stretched to `box`, with its name and alt text."""
        left, top, width, height = box
        picture = self.slide.shapes.add_picture(io.BytesIO(png), _inches(left), _inches(top), _inches(width), _inches(height))
        picture.name = name
        picture._element.nvPicPr.cNvPr.set("descr", alt)

    def rule(self, box: Box, colour: RGB, name: str | None = None) -> int:
        """Add a filled rectangle without outline or theme style: rules and accent bars; return its id."""
        from ..diagrams import shapes as diagram_shapes

        left, top, width, height = box
        bar = self.slide.shapes.add_shape(1, _inches(left), _inches(top), _inches(width), _inches(height))
        if name:
            bar.name = name
        bar.fill.solid()
        bar.fill.fore_color.rgb = RGBColor(*colour)
        bar.line.fill.background()
        diagram_shapes.plain(bar)
        return bar.shape_id

    def table(self, box: Box, column_widths: list[float], cells: list[list[tuple[Paragraph, RGB]]], size: float, padding: tuple[float, float]) -> None:
        """Add a table at `box`: `cells[i][j]` is (paragraph, fill); columns `column_widths` wide."""
        left, top, width, height = box
        rows, ncols = len(cells), len(column_widths)
        frame = self.slide.shapes.add_table(rows, ncols, _inches(left), _inches(top), _inches(width), _inches(height))
        frame.name = "Table"
        table = frame.table
        for j, col_w in enumerate(column_widths):
            table.columns[j].width = _inches(col_w)
        pad_x, pad_y = padding
        for i, row in enumerate(cells):
            for j, (paragraph, fill) in enumerate(row):
                cell = table.cell(i, j)
                cell.margin_left = cell.margin_right = _inches(pad_x)
                cell.margin_top = cell.margin_bottom = _inches(pad_y)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor(*fill)
                tf = cell.text_frame
                tf.word_wrap = True
                tf.text = ""
                write_paragraphs(tf, [paragraph], size, self.mono_font)

    def chart(
        self,
        box: Box,
        kind: str,
        categories: list[str],
        series: list[tuple[str, list]],
        *,
        series_colours: list,
        point_colours: list,
        label_colour,
        number_format: str,
        labels: bool,
        legend: bool,
        axis_titles: tuple[str | None, str | None],
        font_size: float,
        ink: RGB,
        muted: RGB,
        rule: RGB,
        alt: str,
    ) -> None:
        """Add a native chart at `box`: its data embedded (editable in PowerPoint), its colours,
        labels and axes set, every text at `font_size`."""
        from pptx.chart.data import CategoryChartData, XyChartData
        from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE

        types = {
            "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
            "bar": XL_CHART_TYPE.BAR_CLUSTERED,
            "stacked_column": XL_CHART_TYPE.COLUMN_STACKED,
            "stacked_bar": XL_CHART_TYPE.BAR_STACKED,
            "line": XL_CHART_TYPE.LINE_MARKERS,
            "pie": XL_CHART_TYPE.PIE,
            "doughnut": XL_CHART_TYPE.DOUGHNUT,
            "scatter": XL_CHART_TYPE.XY_SCATTER,
        }
        if kind == "scatter":
            data = XyChartData()
            for name, points in series:
                added = data.add_series(name, number_format=None)
                for x, y in points:
                    added.add_data_point(x, y)
        else:
            data = CategoryChartData()
            data.categories = categories
            for name, values in series:
                data.add_series(name, values)
        left, top, width, height = box
        frame = self.slide.shapes.add_chart(types[kind], _inches(left), _inches(top), _inches(width), _inches(height), data)
        frame.name = "Chart"
        frame._element.nvGraphicFramePr.cNvPr.set("descr", alt)
        self.last_chart_id = frame.shape_id
        chart = frame.chart
        _unsigned_axis_ids(chart._chartSpace)
        _timeless_workbook(chart)
        chart.has_title = False
        chart.font.size = _pt(font_size)
        chart.font.color.rgb = RGBColor(*ink)
        chart.has_legend = legend
        if legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
            chart.legend.font.size = _pt(font_size)
        plot = chart.plots[0]
        if kind in ("column", "bar", "stacked_column", "stacked_bar"):
            plot.gap_width = 60
        if labels and kind != "scatter":  # a scatter's points speak through their axes
            plot.has_data_labels = True
            data_labels = plot.data_labels
            data_labels.number_format = number_format
            data_labels.number_format_is_linked = False
            data_labels.font.size = _pt(font_size)
            data_labels.font.color.rgb = RGBColor(*ink)
            if kind in ("line", "scatter"):
                data_labels.position = XL_LABEL_POSITION.ABOVE
            elif kind in ("pie", "doughnut"):
                data_labels.show_value = True
        for k, drawn in enumerate(plot.series):
            colour = series_colours[k] if k < len(series_colours) else None
            if colour is not None:
                if kind in ("line", "scatter"):
                    if kind == "scatter":  # points, not a path: no line between them
                        drawn.format.line.fill.background()
                    else:
                        drawn.format.line.color.rgb = RGBColor(*colour)
                        drawn.format.line.width = _pt(3)
                    drawn.marker.style = XL_MARKER_STYLE.CIRCLE
                    drawn.marker.size = 11
                    drawn.marker.format.fill.solid()
                    drawn.marker.format.fill.fore_color.rgb = RGBColor(*colour)
                    drawn.marker.format.line.fill.background()
                else:
                    drawn.format.fill.solid()
                    drawn.format.fill.fore_color.rgb = RGBColor(*colour)
            points = point_colours[k] if k < len(point_colours) and point_colours[k] else []
            if labels and kind in ("pie", "doughnut"):  # labels sit on the slices: each legible on its own
                for j, point_colour in enumerate(points):
                    drawn.points[j].data_label.font.color.rgb = RGBColor(*label_colour(point_colour))
                    drawn.points[j].data_label.font.size = _pt(font_size)
            for j, point_colour in enumerate(points):
                point = drawn.points[j]
                if kind in ("line", "scatter"):
                    point.marker.format.fill.solid()
                    point.marker.format.fill.fore_color.rgb = RGBColor(*point_colour)
                else:
                    point.format.fill.solid()
                    point.format.fill.fore_color.rgb = RGBColor(*point_colour)
        if kind not in ("pie", "doughnut"):
            for axis, axis_title in ((chart.category_axis, axis_titles[0]), (chart.value_axis, axis_titles[1])):
                axis.tick_labels.font.size = _pt(font_size)
                axis.tick_labels.font.color.rgb = RGBColor(*muted)
                axis.format.line.color.rgb = RGBColor(*rule)
                if axis_title:
                    axis.has_title = True
                    axis.axis_title.text_frame.text = axis_title
                    run = axis.axis_title.text_frame.paragraphs[0].runs[0]
                    run.font.size = _pt(font_size)
                    run.font.bold = False
                    run.font.color.rgb = RGBColor(*muted)
            chart.value_axis.has_major_gridlines = True
            chart.value_axis.major_gridlines.format.line.color.rgb = RGBColor(*rule)

    def footer(self, key: tuple, left_text: str, colour: RGB, number: int, left: float, right: float, top: float, mirrored: bool = False) -> None:
        """Add the footer between `left` and `right`: `left_text` on the left, a slide-number
        field on the right.

        The footer is the same on every slide but for its number: it is drawn once through
        python-pptx, then copied (with fresh shape ids) onto later slides.
        """
        key = (*key, left, right, top, mirrored)
        prototypes = _FOOTERS.get(key)
        tree = self.slide.shapes._spTree
        if prototypes is not None:
            next_id = _max_shape_id(tree) + 1
            for k, prototype in enumerate(prototypes):
                shape = clone(prototype)
                shape.find(_CNVPR_PATH).set("id", str(next_id + k))
                tree.append(shape)
            tree[-1].find(_FIELD_TEXT_PATH).text = str(number)
            return
        before = len(tree)
        text_w = min(8.0, right - left - 1.6)
        if left_text:  # mirrored (a right-to-left talk): the text at the right, the number at the left
            self.text_box((right - text_w if mirrored else left, top, text_w, 0.35), [Paragraph((Run(left_text, colour),))], 12, "middle", name="Footer")
        self.text_box((left if mirrored else right - 1.5, top, 1.5, 0.35), [Paragraph((), align="r")], 12, "middle", name="Slide number")
        p = tree[-1].find(f"{_TX_BODY}/{_A_P}")
        # a slide-number field stays right when the speaker reorders slides
        fld = etree.SubElement(p, qn("a:fld"))
        fld.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
        fld.set("type", "slidenum")
        rpr = etree.SubElement(fld, qn("a:rPr"), sz=str(round(1200 * _SCALE[0])))
        fill = etree.SubElement(rpr, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:srgbClr"), val="%02X%02X%02X" % colour)
        etree.SubElement(fld, qn("a:t")).text = str(number)
        _FOOTERS[key] = [clone(shape) for shape in tree[before:]]

    def text(self) -> str:
        """Return the slide's text, one line per paragraph."""
        return "\n".join(_PARAGRAPH_TEXT(p) for p in _ALL_PARAGRAPHS(self.slide.shapes._spTree))

    def tag_language(self, lang: str) -> None:
        """Tag every run, field and line break of the slide with language `lang` (BCP 47); a run
        of East Asian text asks for an East Asian font (the `ea` slot), one of Arabic or Hebrew
        for a complex-script font (`cs`), which PowerPoint takes for those characters."""
        for rpr in _RUN_PROPERTIES(self.slide.shapes._spTree):
            rpr.set("lang", lang)
            if rpr.getparent().tag != _A_R:
                continue
            text = _RUN_TEXT(rpr.getparent())
            if text.isascii():
                continue
            if _EAST_ASIAN.search(text) and rpr.find(_A_EA) is None:
                _insert_font(rpr, _A_EA, east_asian_font(lang, text))
            if _COMPLEX.search(text) and rpr.find(_A_CS) is None:
                _insert_font(rpr, _A_CS, "Arial")

    def footer_placeholders(self, layout, left_text: str, number: int, footer_width: float | None = None) -> bool:
        """Fill the layout's own footer and slide-number placeholders, in the template's style
        and place (the footer at 12 pt, smaller where its text would wrap in `footer_width`
        inches); return False when the layout has no slide-number placeholder."""
        from ..text import text_width
        found = {}
        for sp in layout._element.iterfind(f"{qn('p:cSld')}/{qn('p:spTree')}/{qn('p:sp')}"):
            ph = sp.find(_PH_PATH)
            if ph is not None and ph.get("type") in ("sldNum", "ftr"):
                found.setdefault(ph.get("type"), sp)
        if "sldNum" not in found:
            return False
        tree = self.slide.shapes._spTree
        for kind, text in (("ftr", left_text), ("sldNum", str(number))):
            if kind not in found or not text:
                continue
            sp = clone(found[kind])
            sp.find(_CNVPR_PATH).set("id", str(_max_shape_id(tree) + 1))
            for xfrm in sp.iterfind(f"{qn('p:spPr')}/{qn('a:xfrm')}"):
                xfrm.getparent().remove(xfrm)  # the slide's placeholder takes the layout's place
            body = sp.find(_TX_BODY)
            for p in body.findall(_A_P):
                body.remove(p)
            p = etree.SubElement(body, _A_P)
            if kind == "sldNum":  # a field: the number stays right when slides are reordered
                run = etree.SubElement(p, qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", type="slidenum")
            else:
                run = etree.SubElement(p, qn("a:r"))
            rpr = etree.SubElement(run, qn("a:rPr"), lang="en-US")
            if kind == "ftr" and footer_width:
                room = footer_width - 2 * INSET_X
                size = 12.0
                while size > 8 and text_width(text, size) > room:
                    size -= 0.5
                rpr.set("sz", str(round(size * _SCALE[0] * 100)))
            etree.SubElement(run, qn("a:t")).text = _escape_ctrl_chars(text)
            tree.append(sp)
        return True

    def map_hyperlinks(self, mapping: dict[str, str], slot: str) -> None:
        """Make the slide draw hyperlinks in theme colour `slot` (lt1, dk1, ...), keeping the
        master's `mapping` of the other colours: PowerPoint and LibreOffice draw a link in the
        theme's hyperlink colour, whatever colour its run asks for."""
        sld = self.slide._element
        override = sld.find(qn("p:clrMapOvr"))
        if override is None:
            override = etree.SubElement(sld, qn("p:clrMapOvr"))
            timing = sld.find(qn("p:timing"))
            if timing is not None:
                timing.addprevious(override)
        override.clear()
        names = ("bg1", "tx1", "bg2", "tx2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink")
        values = {name: mapping.get(name, name) for name in names} | {"hlink": slot, "folHlink": slot}
        etree.SubElement(override, qn("a:overrideClrMapping"), **values)

    def background(self, colour: RGB) -> None:
        """Give the slide a background of its own, in `colour`."""
        fill = self.slide.background.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor(*colour)

    def drop_empty_placeholders(self) -> None:
        """Remove placeholders the slide left empty, so no "Click to add text" prompt shows."""
        for sp in list(self.placeholders.values()):
            parent = sp.getparent()
            if parent is None:  # already replaced or removed by the slide's writer
                continue
            body = sp.find(_TX_BODY)
            if body is None or not _ALL_TEXT(body).strip():
                parent.remove(sp)


_RUN_PROPERTIES = etree.XPath(
    ".//a:r/a:rPr | .//a:fld/a:rPr | .//a:br/a:rPr",
    namespaces={"a": "http://schemas.openxmlformats.org/drawingml/2006/main"},
)
_AXIS_IDS = etree.XPath("//c:axId | //c:crossAx", namespaces={"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"})


_WORKBOOK_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _timeless_workbook(chart) -> None:
    """Give the chart's embedded workbook a fixed creation time: XlsxWriter stamps the clock
    into it, and two builds of one outline must give the same bytes."""
    workbook = chart.part.chart_workbook
    part = workbook.xlsx_part
    if part is None:
        return
    source = zipfile.ZipFile(io.BytesIO(part.blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/core.xml":
                data = _WORKBOOK_TIMES.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            copy.writestr(entry, data)
    workbook.update_from_xlsx_blob(out.getvalue())


_A_R, _A_EA, _A_CS = qn("a:r"), qn("a:ea"), qn("a:cs")
_ALL_PARAGRAPHS = etree.XPath(".//a:p", namespaces={"a": "http://schemas.openxmlformats.org/drawingml/2006/main"})
_PARAGRAPH_TEXT = etree.XPath("string()")
_RUN_TEXT = etree.XPath("string(a:t)", namespaces={"a": "http://schemas.openxmlformats.org/drawingml/2006/main"})
_EAST_ASIAN = re.compile(r"[\u1100-\u11FF\u2E80-\u9FFF\uA960-\uA97F\uAC00-\uD7AF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\U00020000-\U0003FFFF]")
_KANA, _HANGUL = re.compile(r"[\u3040-\u30FF\u31F0-\u31FF]"), re.compile(r"[\u1100-\u11FF\uAC00-\uD7AF]")
_COMPLEX = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")  # Hebrew, Arabic, Syriac, Thaana
# the East Asian fonts Office ships, by language (Windows' names; Keynote and LibreOffice substitute)
EAST_ASIAN_FONTS = {"ja": "Yu Gothic", "ko": "Malgun Gothic", "zh-Hant": "Microsoft JhengHei", "zh": "Microsoft YaHei"}


def east_asian_font(lang: str, text: str) -> str:
    """Return the East Asian font a run of `text` asks for in a deck of language `lang`."""
    language = lang.split("-")[0].lower()
    if language == "zh":
        traditional = any(part in lang for part in ("Hant", "TW", "HK", "MO"))
        return EAST_ASIAN_FONTS["zh-Hant" if traditional else "zh"]
    if language in EAST_ASIAN_FONTS:
        return EAST_ASIAN_FONTS[language]
    if _KANA.search(text):
        return EAST_ASIAN_FONTS["ja"]
    if _HANGUL.search(text):
        return EAST_ASIAN_FONTS["ko"]
    return EAST_ASIAN_FONTS["zh"]


def _insert_font(rpr, tag: str, typeface: str) -> None:
    """Add font slot `tag` (a:ea, a:cs) to run properties `rpr`, where the schema orders it."""
    element = etree.Element(tag, typeface=typeface)
    later = {_A_EA: ("a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst"), _A_CS: ("a:sym", "a:hlinkClick", "a:hlinkMouseOver", "a:rtl", "a:extLst")}[tag]
    for child in rpr:
        if child.tag in {qn(t) for t in later}:
            child.addprevious(element)
            return
    rpr.append(element)


def _unsigned_axis_ids(chart_space) -> None:
    """Renumber python-pptx's negative axis ids (the schema requires unsigned ints, and the Open
    XML SDK validator flags them) as small positive ones, which every reader takes: the same
    number for every reference to an axis (LibreOffice reads ids past 2^31 as other axes)."""
    numbers: dict[str, str] = {}
    for element in _AXIS_IDS(chart_space):
        value = element.get("val")
        if value.startswith("-"):
            element.set("val", numbers.setdefault(value, str(500000 + len(numbers))))


def _ctn(parent, id_: int, delay: str | None = None, **attrs: str):
    """Add a p:cTn with `id_` and `attrs` under `parent`, starting after `delay` when given."""
    ctn = etree.SubElement(parent, qn("p:cTn"), id=str(id_), **attrs)
    if delay is not None:
        etree.SubElement(etree.SubElement(ctn, qn("p:stCondLst")), qn("p:cond"), delay=delay)
    return ctn


def _max_shape_id(tree) -> int:
    """Return the largest numeric id in the slide of shape tree `tree`, as python-pptx's
    `max_shape_id` does, with an XPath compiled once rather than on every call."""
    return max([0] + [int(i) for i in _ALL_IDS(tree) if i.isdigit()])


def _frame(shape, anchor=MSO_ANCHOR.TOP, wrap: bool = True):
    """Return the shape's text frame, set to wrap (or not), never auto-size, with deckgen's insets."""
    frame = shape.text_frame
    prototype = _BODIES.get((anchor, wrap))
    if prototype is None:
        frame.word_wrap = wrap
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = anchor
        frame.margin_left = frame.margin_right = _inches(INSET_X)
        frame.margin_top = frame.margin_bottom = _inches(INSET_Y)
        _BODIES[anchor, wrap] = clone(frame._txBody.bodyPr)
    else:
        body = frame._txBody
        body.replace(body[0], clone(prototype))  # bodyPr comes first in every text body
    return frame


def write_paragraphs(frame, paragraphs: Iterable[Paragraph], size: float, mono_font: str = "Courier New") -> None:
    """Write `paragraphs` into text frame `frame` (its first paragraph first), the block at `size` pt.

    A paragraph with no runs (a blank line of code) ends with its size, so it keeps its height.
    """
    part = None
    for i, paragraph in enumerate(paragraphs):
        p = frame.paragraphs[0] if i == 0 else _Paragraph(etree.SubElement(frame._txBody, _A_P), frame)
        way = direction(paragraph.text) if paragraph.runs else None
        # right to left: text that starts so; in a right-to-left talk, also bullets and text with
        # no direction of its own. A left-to-right title there ("Questions?") keeps its direction,
        # set at the right: its question mark stays at its end
        rtl = way == "rtl" or (_RTL_DECK[0] and (way is None or paragraph.level is not None or bool(paragraph.bullet)))
        if rtl or _RTL_DECK[0]:
            paragraph = replace(paragraph, align=MIRRORED.get(paragraph.align, "r"))
        if paragraph.formatted or rtl:
            _set_paragraph(p, paragraph, rtl)
        run_size = paragraph.size(size)
        for run in paragraph.runs:
            if run.text == "\n":  # a line break inside the paragraph
                etree.SubElement(etree.SubElement(p._p, qn("a:br")), qn("a:rPr"), sz=str(int(_pt(run_size).centipoints)))
                continue
            r = _add_run(p, run, run_size, mono_font)
            if run.link:
                part = part or frame.part
                _link(r, part, run.link)
        if paragraph.sized_end:
            end = etree.SubElement(p._p, _A_END)
            end.set("sz", str(int(_pt(run_size).centipoints)))


MIRRORED = {None: "r", "l": "r", "r": "l", "ctr": "ctr"}  # alignment of a right-to-left paragraph


def _set_paragraph(p, paragraph: Paragraph, rtl: bool = False) -> None:
    """Set `p`'s properties (level, bullet, spacing, alignment; right to left, its bullet then
    at its right, where `rtl`), copying the XML of an earlier paragraph set alike."""
    key = (paragraph.level, paragraph.bullet, paragraph.space_before, paragraph.align, rtl)
    prototype = _PARAGRAPHS.get(key)
    if prototype is None:
        if paragraph.level is not None:
            p.level = paragraph.level
        if paragraph.bullet is True:
            _bullet(p, paragraph.level or 0)
        elif paragraph.bullet is False:
            ppr = p._p.get_or_add_pPr()
            ppr.set("marL", "0")
            ppr.set("indent", "0")
            etree.SubElement(ppr, qn("a:buNone"))
        if paragraph.space_before is not None:
            p.space_before = _pt(paragraph.space_before)
        if paragraph.align is not None:
            p.alignment = ALIGNS[paragraph.align]
        if rtl:
            p._p.get_or_add_pPr().set("rtl", "1")
        _PARAGRAPHS[key] = clone(p._p.get_or_add_pPr())
        return
    element = p._p
    if len(element) and element[0].tag == _A_PPR:
        element.remove(element[0])
    element.insert(0, clone(prototype))


def _bullet(p, level: int) -> None:
    """Give a text-box paragraph a hanging bullet (text boxes have none by default)."""
    ppr = p._p.get_or_add_pPr()
    ppr.set("marL", str(int(_inches(LEVEL_INDENT[level]))))
    ppr.set("indent", str(-int(_inches(HANGING[level]))))
    for tag in ("a:buFont", "a:buNone", "a:buChar", "a:buAutoNum"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    etree.SubElement(ppr, qn("a:buFont"), typeface=BULLET_FONT)
    bu = etree.SubElement(ppr, qn("a:buChar"))
    bu.set("char", "•" if level == 0 else "–")


def _add_run(p, run: Run, size: float, mono_font: str):
    """Append `run` to paragraph `p` at `size` points; return its a:r element."""
    underline = run.link is not None
    key = (size, run.colour, run.bold, run.italic, run.caps, run.code and mono_font, run.strike, underline)
    prototype = _RUNS.get(key)
    if prototype is None:
        r = p.add_run()
        font = r.font
        font.size = _pt(size)
        font.bold = run.bold
        font.italic = run.italic
        if underline:
            font.underline = True
        if run.colour is not None:
            font.color.rgb = RGBColor(*run.colour)
        if run.caps:
            font._rPr.set("cap", "all")
        if run.strike:
            font._rPr.set("strike", "sngStrike")
        if run.code:
            font.name = mono_font
        _RUNS[key] = clone(r._r)
        r.text = run.text
    else:
        element = clone(prototype)
        parent = p._p
        if len(parent) and parent[-1].tag == _A_END:
            parent[-1].addprevious(element)
        else:
            parent.append(element)
        element[-1].text = _escape_ctrl_chars(run.text)  # the run's a:t, after its rPr
        r = _Run(element, p)
    return r._r


def _link(r, part, address: str) -> None:
    """Make run element `r` a hyperlink to `address`: one external relationship of the slide
    part per address, and an a:hlinkClick, which comes last among the run properties we write."""
    rId = part.relate_to(address, RT.HYPERLINK, is_external=True)
    etree.SubElement(r[0], _HLINK, {_R_ID: rId})
