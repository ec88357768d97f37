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


# --- data labels: formatted on every point, legible on their own segment, never colliding -------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402
from lxml import etree  # noqa: E402

from deckgen.kinds.chart_labels import format_number, place_labels  # noqa: E402
from deckgen.theme import contrast_ratio  # noqa: E402

C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart", "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
LABELLED = MINIMAL_DECK + """\
slides:
  - kind: chart
    title: Share of time
    type: pie
    number_format: "0%"
    categories: [Network, Model, Database, Cache, Queue]
    series: [{name: Share, values: [0.45, 0.30, 0.17, 0.05, 0.03]}]
  - kind: chart
    title: Eight parts
    type: doughnut
    number_format: "0.0%"
    categories: [A, B, C, D, E, F, G, H]
    series: [{name: Share, values: [0.31, 0.22, 0.15, 0.12, 0.08, 0.06, 0.04, 0.02]}]
  - kind: chart
    title: Requests
    type: stacked_column
    number_format: "#,##0"
    categories: [Mon, Tue, Wed, Thu]
    series:
      - {name: API, values: [12000, 15500, 14200, 18900]}
      - {name: Web, values: [8000, 9100, 700, 10400]}
      - {name: Batch, values: [3000, 2500, 4100, 900]}
  - kind: chart
    title: Latency
    type: column
    number_format: "0.0"
    unit: ms
    categories: [p50, p90, p95, p99]
    series: [{name: Before, values: [1.2, 3.4, 5.75, 9.1]}, {name: After, values: [0.8, 1.5, 2.25, 3.0]}]
  - kind: chart
    title: Errors
    type: line
    number_format: "0.0%"
    categories: [Mon, Tue, Wed, Thu, Fri, Sat, Sun, Next]
    series:
      - {name: EU, values: [0.021, 0.023, 0.022, 0.025, 0.024, 0.020, 0.019, 0.022]}
      - {name: US, values: [0.022, 0.024, 0.021, 0.026, 0.023, 0.021, 0.020, 0.021]}
      - {name: Asia, values: [0.030, 0.028, 0.031, 0.029, 0.033, 0.030, 0.027, 0.028]}
  - kind: chart
    title: Adoption
    type: bar
    number_format: "0%"
    categories: [Search, Payments, Mobile, Data, Infra, Growth, Support, Legal]
    series: [{name: Adoption, values: [0.92, 0.85, 0.77, 0.64, 0.51, 0.33, 0.12, 0.03]}]
"""
FORMATS = ["0%", "0.0%", "#,##0", '0.0" ms"', "0.0%", "0%"]


def xp(element, path: str) -> list:
    return etree.XPath(path, namespaces=C)(element)


def chart_xml(slide):
    return chart_of(slide)[1]._chartSpace


def srgb(element) -> tuple | None:
    found = xp(element, "./c:spPr/a:solidFill/a:srgbClr/@val") if element is not None else []
    return tuple(int(found[0][i:i + 2], 16) for i in (0, 2, 4)) if found else None


@pytest.fixture(scope="module")
def labelled(tmp_path_factory):
    from conftest import open_deck
    from deckgen import pipeline

    folder = tmp_path_factory.mktemp("labels")
    (folder / "talk.yaml").write_text(LABELLED, encoding="utf-8")
    result = pipeline.build(folder / "talk.yaml", output=folder / "talk.pptx")
    return open_deck(result.path), result


def test_every_point_label_carries_the_number_format(labelled):
    """LibreOffice reads a point's label format from its own c:dLbl: one level up is not enough."""
    prs, _ = labelled
    for slide, fmt in zip(prs.slides, FORMATS):
        space = chart_xml(slide)
        series = xp(space, ".//c:ser")
        categories = len(chart_of(slide)[1].plots[0].categories)
        for ser in series:
            dlbls = ser.find("c:dLbls", C)
            assert dlbls.find("c:numFmt", C).get("formatCode") == fmt and dlbls.find("c:numFmt", C).get("sourceLinked") == "0"
            points = dlbls.findall("c:dLbl", C)
            assert [int(d.find("c:idx", C).get("val")) for d in points] == list(range(categories))
            for d in points:
                if d.find("c:delete", C) is None:
                    assert d.find("c:numFmt", C).get("formatCode") == fmt and d.find("c:numFmt", C).get("sourceLinked") == "0"


def test_the_value_axis_is_formatted_with_the_same_decimals_on_every_tick(labelled):
    prs, _ = labelled
    axes = {}
    for slide in prs.slides:
        axis = chart_xml(slide).find(".//c:valAx", C)
        if axis is not None:
            scaling = axis.find("c:scaling", C)
            axes[slide.shapes.title.text] = (
                axis.find("c:numFmt", C).get("formatCode"), axis.find("c:numFmt", C).get("sourceLinked"),
                float(scaling.find("c:min", C).get("val")), float(scaling.find("c:max", C).get("val")), float(axis.find("c:majorUnit", C).get("val")),
            )
    assert axes["Requests"] == ("#,##0", "0", 0, 35000, 5000)  # the speaker's thousands, a range as tight as round steps allow
    assert axes["Latency"][:2] == ("0", "0") and axes["Latency"][4] == 2  # steps of 2: no decimals on any tick
    assert axes["Adoption"][:2] == ("0%", "0") and axes["Adoption"][3] == 1.0  # shares up to 100 %, not 120 %
    assert axes["Errors"][0] == "0.0%" and axes["Errors"][4] == 0.005  # half a percent per step: one decimal on every tick


def test_each_label_is_legible_on_what_is_behind_it(labelled):
    """A label inside a segment is coloured against that segment's own fill; one outside, on the paper."""
    prs, _ = labelled
    paper = DEFAULT_THEME.palette.paper
    checked = 0
    for slide in prs.slides:
        for ser in xp(chart_xml(slide), ".//c:ser"):
            fills = {int(d.find("c:idx", C).get("val")): srgb(d) for d in ser.findall("c:dPt", C)}
            for d in ser.find("c:dLbls", C).findall("c:dLbl", C):
                if d.find("c:delete", C) is not None:
                    continue
                j = int(d.find("c:idx", C).get("val"))
                text = xp(d, "./c:txPr//a:defRPr/a:solidFill/a:srgbClr/@val")[0]
                colour = tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))
                position = d.find("c:dLblPos", C)
                outside = position is not None and position.get("val") in ("outEnd", "t", "b", "r")
                behind = paper if outside else (fills.get(j) or srgb(ser))
                assert contrast_ratio(colour, behind) >= 4.5, (slide.shapes.title.text, j, colour, behind)
                checked += 1
    assert checked > 30


def test_small_slices_go_outside_with_leader_lines_or_are_dropped_with_a_warning(labelled):
    prs, result = labelled
    pie = chart_xml(prs.slides[0]).find(".//c:ser/c:dLbls", C)
    positions = {int(d.find("c:idx", C).get("val")): d.find("c:dLblPos", C).get("val") for d in pie.findall("c:dLbl", C)}
    assert positions[0] == "ctr" and positions[4] == "outEnd"  # the 3 % slice is labelled beside it
    assert pie.find("c:showLeaderLines", C).get("val") == "1"
    doughnut = chart_xml(prs.slides[1]).find(".//c:ser/c:dLbls", C)
    deleted = [int(d.find("c:idx", C).get("val")) for d in doughnut.findall("c:dLbl", C) if d.find("c:delete", C) is not None]
    assert 7 in deleted and 0 not in deleted
    warned = [w for w in result.warnings if "'2.0%' (H) is left off" in w]
    assert len(warned) == 1 and "slides[1].series[0].values[7]" in warned[0]
    # a stacked chart's labels that fit nowhere are one finding for the chart, not one a label
    stacked = [w for w in result.warnings if "slides[2]" in w]
    assert len(stacked) == 1 and "slides[2].series:" in stacked[0] and "2 of its 12 labels do not fit" in stacked[0] and "even at 14 pt" in stacked[0]
    labels = [d for d in chart_xml(prs.slides[2]).iterfind(".//c:ser/c:dLbls/c:dLbl", C)]
    assert sum(d.find("c:delete", C) is not None for d in labels) == 2 and len(labels) == 12


def test_line_series_are_labelled_at_their_last_point_apart(labelled):
    prs, _ = labelled
    lines = xp(chart_xml(prs.slides[4]), ".//c:ser/c:dLbls")
    shown = [[(int(d.find("c:idx", C).get("val")), d.find("c:dLblPos", C).get("val")) for d in s.findall("c:dLbl", C) if d.find("c:delete", C) is None] for s in lines]
    assert all(len(s) == 1 and s[0][0] == 7 for s in shown)
    assert len({s[0][1] for s in shown}) == 3  # three series' last values close together: above, beside, below


def test_numbers_are_written_as_clients_write_them():
    assert [format_number(v, f) for v, f in [(0.45, "0%"), (0.025, "0.0%"), (12000, "#,##0"), (1.25, '0.00" ms"'), (3, "General")]] == ["45%", "2.5%", "12,000", "1.25 ms", "3"]


CHART_TYPES = st.sampled_from(["column", "bar", "stacked_column", "stacked_bar", "line", "pie", "doughnut"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=CHART_TYPES, data=st.data())
def test_placed_labels_never_meet(kind, data):
    """Whatever the numbers, no two labels a chart shows overlap, and a label inside its segment
    is legible on that segment."""
    count = data.draw(st.integers(1, 8))
    series_count = 1 if kind in ("pie", "doughnut") else data.draw(st.integers(1, 4))
    values = [data.draw(st.lists(st.floats(0.0, 1000.0, allow_nan=False), min_size=count, max_size=count)) for _ in range(series_count)]
    if kind in ("pie", "doughnut") and sum(values[0]) == 0:
        values[0][0] = 1.0
    categories = [f"C{j}" for j in range(count)]
    series = [(f"S{k}", v) for k, v in enumerate(values)]
    fills = [[DEFAULT_THEME.legible(c) for c in ((0x1D, 0x4E, 0x89), (0x2A, 0x9D, 0x8F), (0xE9, 0xC4, 0x6A), (0xB3, 0x5C, 0x00))[:1]] * count for _ in series]
    placed = place_labels(kind, categories, series, fills, "#,##0.0", (0.9, 1.65, 11.5, 5.1), 18, series_count > 1 or kind in ("pie", "doughnut"), (None, None), True, DEFAULT_THEME)
    boxes = [label.box for row in placed.labels for label in row if label is not None]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] - 1e-9 and b[0] < a[2] - 1e-9 and a[1] < b[3] - 1e-9 and b[1] < a[3] - 1e-9), (a, b)
    for k, row in enumerate(placed.labels):
        for j, label in enumerate(row):
            if label is not None and label.position in ("ctr", "inEnd", "") and not label.offset:  # inside its segment
                assert contrast_ratio(label.colour, fills[k][j]) >= 4.5
            elif label is not None:  # beside its segment (a doughnut's: moved off the ring), on the paper
                assert contrast_ratio(label.colour, DEFAULT_THEME.palette.paper) >= 4.5
    shown = sum(label is not None for row in placed.labels for label in row)
    assert shown + len(placed.dropped) <= sum(len(v) for v in values)


def test_crowded_clusters_lose_whole_series_labels_not_every_other_one(build_outline):
    outline = MINIMAL_DECK + """\
slides:
  - kind: chart
    title: Revenue
    type: column
    number_format: "#,##0"
    categories: [North, South, East, West, Central, Online, Partner, Other]
    series:
      - {name: "2025", values: [12500, 9800, 15200, 7300, 4100, 22000, 3100, 900]}
      - {name: "2026", values: [13900, 9100, 16800, 8800, 4600, 27500, 2900, 1200]}
"""
    prs, result = build_outline(outline)
    for ser in xp(chart_xml(prs.slides[0]), ".//c:ser"):
        kept = [d for d in ser.find("c:dLbls", C).findall("c:dLbl", C) if d.find("c:delete", C) is None]
        assert kept == [] or len(kept) == 8  # a series is labelled in full or not at all
    said = [w for w in result.warnings if "the labels of series" in w]
    assert said and all("slides[0].series[" in w for w in said)


def test_bars_below_zero_keep_their_category_names_at_the_edge(build_outline):
    prs, _ = build_outline(MINIMAL_DECK + "slides:\n  - {kind: chart, title: Change, type: bar, number_format: '0.0', categories: [A, B], series: [{name: D, values: [-12.5, 3.2]}]}\n")
    space = chart_xml(prs.slides[0])
    assert xp(space, ".//c:catAx/c:tickLblPos/@val") == ["low"]
    assert float(xp(space, ".//c:valAx/c:scaling/c:min/@val")[0]) < -12.5


@pytest.mark.parametrize("values, csv, says", [
    ("[.inf, 1]", None, "slides[0].series[0].values: value 1 is inf, not a finite number: a chart draws finite numbers"),
    (None, "k,a\nx,nan\n", "'nan' in column 'a' is not a finite number"),
])
def test_numbers_no_chart_draws_are_located(write_outline, tmp_path, values, csv, says):
    slide = f"series: [{{name: s, values: {values}}}]\n    categories: [a, b]" if values else "data: results.csv"
    _, result = run(MINIMAL_DECK + f"slides:\n  - kind: chart\n    title: C\n    {slide}\n", write_outline, tmp_path, csv)
    assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output


def test_the_labelled_charts_are_valid_by_the_chart_schema_and_the_open_xml_sdk(labelled):
    """Per-point labels, deleted labels and the axis's scale are written in the schema's order."""
    import zipfile

    import openxml_audit
    from pptx_checks import _schema

    _, result = labelled
    schema = _schema("transitional/dml-chart.xsd")
    with zipfile.ZipFile(result.path) as package:
        charts = [n for n in package.namelist() if n.startswith("ppt/charts/chart") and n.endswith(".xml")]
        assert len(charts) == 6
        for name in charts:
            assert schema.validate(etree.ElementTree(etree.fromstring(package.read(name)))), (name, str(schema.error_log.last_error))
    audit = openxml_audit.validate_pptx(result.path)
    assert audit.is_valid, [e.description for e in audit.errors][:5]


@pytest.mark.parametrize("width", [7.0])
def test_clustered_labels_that_would_meet_are_set_smaller_before_a_series_loses_them(width):
    """Labels of neighbouring bars that meet at the chart's size are all set smaller, down to
    the 14 pt floor, and only where they still meet does a series lose its labels."""
    series = [("Containers", [0.44, 0.56, 0.68, 0.79]), ("Service mesh", [0.12, 0.19, 0.27, 0.35])]
    fills = [[(0x1D, 0x4E, 0x89)] * 4, [(0x2A, 0x9D, 0x8F)] * 4]
    args = ("column", ["2022", "2023", "2024", "2025"], series, fills, "0%", (0.5, 1.7, width, 4.4), 18, True, (None, None), True, DEFAULT_THEME)
    at_size = place_labels(*args)
    assert at_size.dropped  # at 18 pt, one series' labels would meet the other's bars
    smaller = place_labels(*args, smallest=14)
    labels = [label for row in smaller.labels for label in row]
    assert not smaller.dropped and all(label is not None for label in labels)
    assert {label.size for label in labels} <= {16, 14}  # every label of the chart in one size
    assert len({label.size for label in labels}) == 1
    boxes = [label.box for label in labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


def test_counts_get_a_whole_major_unit():
    """Findings, incidents, people: whole numbers ticked 0, 5, 10, 15, never 2.5 or 17.5."""
    from deckgen.kinds.chart_labels import nice_axis

    assert nice_axis(0, 15) == (0.0, 15.0, 2.5)
    assert nice_axis(0, 15, whole=True) == (0.0, 15.0, 5.0)
    assert nice_axis(0, 3, whole=True)[2] == 1.0  # not 0.5
    series = [("High", [6, 4, 2, 1]), ("Low", [14, 15, 12, 12])]
    fills = [[(0x1D, 0x4E, 0x89)] * 4, [(0x2A, 0x9D, 0x8F)] * 4]
    axis = place_labels("column", ["S1", "S2", "S3", "S4"], series, fills, "General", (0.5, 1.7, 11.5, 4.4), 18, True, (None, None), True, DEFAULT_THEME).axis
    assert float(axis.major).is_integer() and axis.number_format == "0"


def test_large_whole_numbers_are_grouped_on_the_labels_as_on_the_axis(build_outline):
    prs, _ = build_outline(
        "deck: {title: T}\nslides:\n"
        "  - {kind: chart, title: Latency, type: bar, unit: ms, categories: [a, b, c], series: [{name: p99, values: [91000, 42000, 12500]}]}\n"
        "  - {kind: chart, title: Small, type: bar, categories: [a, b], series: [{name: n, values: [9000, 420]}]}\n"
        "  - {kind: chart, title: Own, type: bar, number_format: '0', categories: [a, b], series: [{name: n, values: [91000, 420]}]}\n"
    )
    formats = []
    for slide in prs.slides:
        space = chart_xml(slide)
        formats.append((space.find(".//c:ser/c:dLbls/c:numFmt", C).get("formatCode"), space.find(".//c:valAx/c:numFmt", C).get("formatCode")))
    # "91,000 ms" beside an axis of "20,000", not "91000 ms"
    assert formats[0] == ('#,##0" ms"', "#,##0")
    assert formats[1][0] == "General"  # below ten thousand nothing to group
    assert formats[2][0] == "0"  # the speaker's own format is kept
