"""Charts: a plan's chart as a native PowerPoint chart, its data embedded as a workbook.

What it uses below python-pptx's public API, all of python-pptx 1.0: `Chart._chartSpace`,
`GraphicFrame._element`, and `ChartPart.chart_workbook.update_from_xlsx_blob`, to give a
chart's workbook a fixed time.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.chart.xlsx import CategoryWorkbookWriter, XyWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.util import Pt

from ..plan import Chart

_AXIS_IDS = etree.XPath("//c:axId | //c:crossAx", namespaces={"c": "http://schemas.openxmlformats.org/drawingml/2006/chart"})


class _Values:
    """A chart workbook's writer that writes every cell as a value: a category or a series'
    name written `=HYPERLINK("http://…")` stays that text, never a formula or a link."""

    @staticmethod
    def _values_only(xlsx_file):
        import contextlib  # deferred: only charts' workbooks need it

        from xlsxwriter import Workbook  # deferred: python-pptx loads it for charts only

        @contextlib.contextmanager
        def opened():
            workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False})
            worksheet = workbook.add_worksheet()
            yield workbook, worksheet
            workbook.close()

        return opened()


class _CategoryWriter(CategoryWorkbookWriter):
    def _open_worksheet(self, xlsx_file):
        return _Values._values_only(xlsx_file)


class _XyWriter(XyWorkbookWriter):
    def _open_worksheet(self, xlsx_file):
        return _Values._values_only(xlsx_file)


class _CategoryData(CategoryChartData):
    @property
    def _workbook_writer(self):
        return _CategoryWriter(self)


class _XyData(XyChartData):
    @property
    def _workbook_writer(self):
        return _XyWriter(self)


def add_chart(canvas, plan: Chart) -> int:
    """Add the native chart of `plan` to the slide of `canvas` (pptx.canvas.SlideCanvas): its
    data embedded (editable in PowerPoint), its colours, labels and axes set, every text at
    its font size; return its shape id."""
    style = canvas.style
    box, kind, categories, series = plan.box, plan.type, list(plan.categories), [(n, list(v)) for n, v in plan.series]
    series_colours, point_colours = plan.series_colours, plan.point_colours
    number_format, labels, legend, axis_titles = plan.number_format, plan.labels, plan.legend, plan.axis_titles
    font_size, ink, muted, rule, alt = plan.font_size, plan.ink, plan.muted, plan.rule, plan.alt
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
        data = _XyData()
        for name, points in series:
            added = data.add_series(name, number_format=None)
            for x, y in points:
                added.add_data_point(x, y)
    else:
        data = _CategoryData()
        data.categories = categories
        for name, values in series:
            data.add_series(name, values)
    left, top, width, height = box
    frame = canvas.slide.shapes.add_chart(types[kind], style.inches(left), style.inches(top), style.inches(width), style.inches(height), data)
    frame.name = "Chart"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", alt)
    chart = frame.chart
    _unsigned_axis_ids(chart._chartSpace)
    _timeless_workbook(chart)
    chart.has_title = False
    chart.font.size = style.pt(font_size)
    chart.font.color.rgb = RGBColor(*ink)
    chart.has_legend = legend
    if legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = style.pt(font_size)
    plot = chart.plots[0]
    if kind in ("column", "bar", "stacked_column", "stacked_bar"):
        plot.gap_width = 60
    if labels:
        plot.has_data_labels = True
        data_labels = plot.data_labels
        data_labels.number_format = number_format
        data_labels.number_format_is_linked = False
        data_labels.font.size = style.pt(font_size)
        data_labels.font.color.rgb = RGBColor(*ink)
        data_labels.show_value = True
    for k, drawn in enumerate(plot.series):
        colour = series_colours[k] if k < len(series_colours) else None
        if colour is not None:
            if kind in ("line", "scatter"):
                if kind == "scatter":  # points, not a path: no line between them
                    drawn.format.line.fill.background()
                else:
                    drawn.format.line.color.rgb = RGBColor(*colour)
                    drawn.format.line.width = style.pt(3)
                drawn.marker.style = XL_MARKER_STYLE.CIRCLE
                drawn.marker.size = 11
                drawn.marker.format.fill.solid()
                drawn.marker.format.fill.fore_color.rgb = RGBColor(*colour)
                drawn.marker.format.line.fill.background()
            else:
                drawn.format.fill.solid()
                drawn.format.fill.fore_color.rgb = RGBColor(*colour)
        points = point_colours[k] if k < len(point_colours) and point_colours[k] else []
        if labels:
            _point_labels(drawn._element, plan.point_labels[k] if k < len(plan.point_labels) else (), len(categories), number_format, style.pt(font_size), ink, kind == "pie", style.scale, (width, height))
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
            axis.tick_labels.font.size = style.pt(font_size)
            axis.tick_labels.font.color.rgb = RGBColor(*muted)
            axis.format.line.color.rgb = RGBColor(*rule)
            if axis_title:
                axis.has_title = True
                axis.axis_title.text_frame.text = axis_title
                run = axis.axis_title.text_frame.paragraphs[0].runs[0]
                run.font.size = style.pt(font_size)
                run.font.bold = False
                run.font.color.rgb = RGBColor(*muted)
        chart.value_axis.has_major_gridlines = True
        chart.value_axis.major_gridlines.format.line.color.rgb = RGBColor(*rule)
        if plan.axis is not None:
            value_axis = chart.value_axis
            value_axis.minimum_scale, value_axis.maximum_scale = plan.axis.minimum, plan.axis.maximum
            value_axis.major_unit = plan.axis.major
            value_axis.tick_labels.number_format = plan.axis.number_format
            value_axis.tick_labels.number_format_is_linked = False
            if plan.axis.minimum < 0:  # category names at the plot's edge, not over bars below zero
                chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    return frame.shape_id


_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _point_labels(ser, placed, count: int, number_format: str, size, ink, leaders: bool, scale: float = 1.0, frame: tuple = ()) -> None:
    """Write the series' own c:dLbls: the number format, size and ink of its labels, and one
    c:dLbl per point carrying its own number format (LibreOffice reads a point's format from its
    c:dLbl alone), colour and position, or deleted where the plan dropped it; `leaders`: a pie's
    labels outside their slices drawn with leader lines. A series' labels override the plot's."""
    old = ser.find(f"{{{_C}}}dLbls")
    if old is not None:
        ser.remove(old)
    dlbls = etree.Element(f"{{{_C}}}dLbls")
    for j in range(count):
        label = placed[j] if j < len(placed) else None
        dlbl = etree.SubElement(dlbls, f"{{{_C}}}dLbl")
        etree.SubElement(dlbl, f"{{{_C}}}idx", val=str(j))
        if label is None:
            etree.SubElement(dlbl, f"{{{_C}}}delete", val="1")
            continue
        own = size if label.size is None else Pt(label.size * scale)
        if label.offset and frame:  # from where the client sets it, as shares of the chart's frame
            layout = etree.SubElement(etree.SubElement(dlbl, f"{{{_C}}}layout"), f"{{{_C}}}manualLayout")
            etree.SubElement(layout, f"{{{_C}}}x", val=f"{label.offset[0] / frame[0]:.4f}")
            etree.SubElement(layout, f"{{{_C}}}y", val=f"{label.offset[1] / frame[1]:.4f}")
        _label_body(dlbl, label.number_format or number_format, own, label.colour, label.position, leader=False)
    _label_body(dlbls, number_format, size, ink, "", leader=leaders)
    # c:dLbls comes after the series' points (c:dPt) and trendlines, before its values
    anchor = None
    for tag in ("trendline", "errBars", "cat", "val", "xVal", "yVal", "smooth", "bubbleSize", "extLst"):
        anchor = ser.find(f"{{{_C}}}{tag}")
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(dlbls)
    else:
        ser.append(dlbls)


def _label_body(parent, number_format: str, size, colour, position: str, leader: bool) -> None:
    """Append a label's properties to `parent` (a c:dLbl after its c:idx, or a c:dLbls)."""
    def add(tag: str, **attributes):
        return etree.SubElement(parent, f"{{{_C}}}{tag}", **attributes)

    add("numFmt", formatCode=number_format, sourceLinked="0")
    sp = add("spPr")
    etree.SubElement(sp, f"{{{_A}}}noFill")
    line = etree.SubElement(sp, f"{{{_A}}}ln")
    etree.SubElement(line, f"{{{_A}}}noFill")
    tx = add("txPr")
    etree.SubElement(tx, f"{{{_A}}}bodyPr")
    etree.SubElement(tx, f"{{{_A}}}lstStyle")
    p = etree.SubElement(tx, f"{{{_A}}}p")
    ppr = etree.SubElement(p, f"{{{_A}}}pPr")
    rpr = etree.SubElement(ppr, f"{{{_A}}}defRPr", sz=str(int(size.centipoints)), b="0")
    fill = etree.SubElement(rpr, f"{{{_A}}}solidFill")
    etree.SubElement(fill, f"{{{_A}}}srgbClr", val="%02X%02X%02X" % tuple(colour))
    etree.SubElement(p, f"{{{_A}}}endParaRPr", lang="en-US")
    if position:
        add("dLblPos", val=position)
    for name in ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent", "showBubbleSize"):
        add(name, val="1" if name == "showVal" else "0")
    if leader:
        add("showLeaderLines", val="1")


def _unsigned_axis_ids(chart_space) -> None:
    """Renumber python-pptx's negative axis ids (the schema requires unsigned ints, and the Open
    XML SDK validator flags them) as small positive ones, which every reader takes: the same
    number for every reference to an axis (LibreOffice reads ids past 2^31 as other axes)."""
    numbers: dict[str, str] = {}
    for element in _AXIS_IDS(chart_space):
        value = element.get("val")
        if value.startswith("-"):
            element.set("val", numbers.setdefault(value, str(500000 + len(numbers))))


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
