"""Chart slides: native charts whose data, colours and alt text come from the outline or a CSV file."""

from __future__ import annotations

import re
import pytest
from click.testing import CliRunner
from pptx.enum.chart import XL_CHART_TYPE

from conftest import MINIMAL_DECK
from deckgen.cli import main
from deckgen.theme import DEFAULT_THEME, blend

CSV = "Percentile,Before,After\np50,120,80\np95,340,150\np99,900,300\n"
INLINE = MINIMAL_DECK + """\
slides:
  - kind: chart
    title: Where the time goes
    type: bar
    categories: [Network, Model, Database]
    series: [{name: Share, values: [12, 55.5, 20]}]
    highlight: Model
    unit: "%"
"""


def chart_of(slide):
    frame = next(s for s in slide.shapes if s.has_chart)
    return frame, frame.chart


def fill(format_) -> tuple:
    return tuple(format_.fill.fore_color.rgb)


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("column", XL_CHART_TYPE.COLUMN_CLUSTERED),
        ("bar", XL_CHART_TYPE.BAR_CLUSTERED),
        ("stacked_column", XL_CHART_TYPE.COLUMN_STACKED),
        ("stacked_bar", XL_CHART_TYPE.BAR_STACKED),
        ("line", XL_CHART_TYPE.LINE_MARKERS),
        ("pie", XL_CHART_TYPE.PIE),
        ("doughnut", XL_CHART_TYPE.DOUGHNUT),
    ],
)
def test_chart_types_and_inline_data(build_outline, kind, expected):
    prs, _ = build_outline(INLINE.replace("type: bar", f"type: {kind}"))
    _, chart = chart_of(prs.slides[0])
    assert chart.chart_type == expected
    plot = chart.plots[0]
    assert list(plot.categories) == ["Network", "Model", "Database"]
    assert list(plot.series[0].values) == [12, 55.5, 20]
    assert chart.has_legend == (kind in ("pie", "doughnut"))  # one series: no legend, but slices are named


def test_highlighted_category_at_full_strength_the_rest_dimmed(build_outline):
    prs, _ = build_outline(INLINE)
    frame, chart = chart_of(prs.slides[0])
    series = chart.plots[0].series[0]
    colours = [fill(series.points[j].format) for j in range(3)]
    full = fill(series.format)
    assert colours[1] == full
    assert colours[0] == colours[2] == blend(full, DEFAULT_THEME.palette.paper, DEFAULT_THEME.dim_amount)
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == "Bar chart: Where the time goes. Share: Network 12 %, Model 55.5 %, Database 20 %."


def test_csv_data_series_highlight_and_axis_titles(build_outline, tmp_path):
    (tmp_path / "results.csv").write_text(CSV)
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - {kind: chart, title: Latency, data: results.csv, highlight: [After], y_title: ms, number_format: '0'}\n")
    _, chart = chart_of(prs.slides[0])
    plot = chart.plots[0]
    assert list(plot.categories) == ["p50", "p95", "p99"]
    assert [(s.name, list(s.values)) for s in plot.series] == [("Before", [120, 340, 900]), ("After", [80, 150, 300])]
    before, after = (fill(s.format) for s in plot.series)
    assert before == blend(after, DEFAULT_THEME.palette.paper, DEFAULT_THEME.dim_amount) or before != after
    assert chart.has_legend and chart.value_axis.axis_title.text_frame.text == "ms"
    assert chart.font.size.pt >= 14 and plot.data_labels.font.size.pt >= 14


def test_scatter_points(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - {kind: chart, title: S, type: scatter, series: [{name: M, values: [[1, 90], [7, 60]]}]}\n")
    _, chart = chart_of(prs.slides[0])
    assert chart.chart_type == XL_CHART_TYPE.XY_SCATTER
    assert list(chart.plots[0].series[0].values) == [90, 60]


def test_chart_data_is_templated_and_filtered_per_audience(build_outline):
    outline = MINIMAL_DECK + """\
variables: {cost: 4.5}
audiences: {cloud: {label: Cloud, variables: {cost: 2}}}
slides:
  - kind: chart
    title: Cost
    categories: [GPU, API]
    series:
      - {name: Now, values: ["{{ cost }}", 1]}
      - {name: Cloud only, values: [3, 3], when: "audience.name == 'cloud'"}
"""
    prs, _ = build_outline(outline)
    assert [(s.name, list(s.values)) for s in chart_of(prs.slides[0])[1].plots[0].series] == [("Now", [4.5, 1])]
    prs, _ = build_outline(outline, audience="cloud")
    assert [(s.name, list(s.values)) for s in chart_of(prs.slides[0])[1].plots[0].series] == [("Now", [2, 1]), ("Cloud only", [3, 3])]


def run(outline_text, write_outline, tmp_path, csv: str | None = None):
    if csv is not None:
        (tmp_path / "results.csv").write_text(csv)
    outline = write_outline(outline_text)
    result = CliRunner().invoke(main, ["build", str(outline), "-o", str(tmp_path / "d.pptx")])
    return outline, result


def test_a_bad_csv_cell_is_located_in_the_csv(write_outline, tmp_path):
    outline, result = run(MINIMAL_DECK + "slides:\n  - {kind: chart, title: L, data: results.csv}\n", write_outline, tmp_path, CSV.replace("340", "lots"))
    assert result.exit_code == 2
    assert result.output.strip() == f"{tmp_path / 'results.csv'}:3:1: 'lots' in column 'Before' is not a number"
    outline, result = run(MINIMAL_DECK + "slides:\n  - {kind: chart, title: L, data: results.csv}\n", write_outline, tmp_path, CSV + "p100,1\n")
    assert result.exit_code == 2 and "results.csv:5:1: 2 cells where the header has 3" in result.output
    outline, result = run(MINIMAL_DECK + "slides:\n  - {kind: chart, title: L, data: ../results.csv}\n", write_outline, tmp_path, CSV)
    assert result.exit_code == 2 and "points outside the outline's folder" in result.output


@pytest.mark.parametrize(
    "slide, says",
    [
        ("{kind: chart, title: C, type: colum, series: [{name: a, values: [1]}], categories: [x]}", "no chart type 'colum' (did you mean 'column'?)"),
        ("{kind: chart, title: C, series: [{name: a, values: [1, 2]}], categories: [x]}", "2 values for 1 categories"),
        ("{kind: chart, title: C, type: pie, series: [{name: a, values: [1]}, {name: b, values: [2]}], categories: [x]}", "a pie chart shows one series"),
        ("{kind: chart, title: C, series: [{name: a, values: [1]}], categories: [x], highlight: [y]}", "no category or series 'y'"),
        ("{kind: chart, title: C}", "a chart needs its numbers"),
        ("{kind: chart, title: C, type: scatter, series: [{name: a, values: [1, 2]}]}", "a scatter chart's values are [x, y] pairs"),
    ],
)
def test_chart_mistakes_are_located(write_outline, tmp_path, slide, says):
    outline, result = run(MINIMAL_DECK + f"slides:\n  - {slide}\n", write_outline, tmp_path)
    assert result.exit_code == 2, result.output
    assert says in result.output and result.output.startswith(f"{outline}:6:")


def test_the_chart_workbook_carries_no_clock(build_outline):
    """Two builds of one outline give the same bytes: the embedded workbook's times are fixed."""
    import io
    import zipfile

    prs, _ = build_outline(INLINE)
    _, chart = chart_of(prs.slides[0])
    workbook = zipfile.ZipFile(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    core = workbook.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", core) == [("created", "2000-01-01T00:00:00Z"), ("modified", "2000-01-01T00:00:00Z")]
