"""A native chart: the speaker's numbers as an editable PowerPoint chart, coloured from the palette.

Data is inline (categories and series) or read from a CSV file in the outline's folder. The
chart is written with python-pptx's chart API, which embeds the data as a workbook
(XlsxWriter), so the speaker can edit it in PowerPoint. `highlight` keeps some categories or
series at full strength and dims the rest, as the pyramid's focus does.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any, Literal, Union

from pydantic import Field, StringConstraints, field_validator, model_validator

from ..errors import did_you_mean
from ..fields import VERBATIM, Condition, Inline, ShortInline, ShortText, SlideBase, Strict, Text
from ..markup import plain
from ..readers import Input
from ..readers.table import MAX_POINTS, TABLE
from ..theme import RGB, blend, ramp
from .base import Context, Kind, Overflow, caption, title
from .chart_labels import place_labels

TYPES = ("column", "bar", "stacked_column", "stacked_bar", "line", "pie", "doughnut", "scatter")
MIN_PT = 14  # every text of a chart, from the back row
Number = Union[float, int]


class Series(Strict):
    """One series: a name and a value per category (scatter: [x, y] pairs)."""

    name: ShortText
    """The series' name, shown in the legend."""
    values: Annotated[list[Union[Number, Annotated[list[Number], Field(min_length=2, max_length=2)]]], Field(min_length=1, max_length=MAX_POINTS)]
    """A number per category, in order; for a scatter chart, [x, y] pairs."""
    when: Condition | None = None
    """A Jinja expression; the series is dropped when it is false."""

    @field_validator("values", mode="before")
    @classmethod
    def _decimal_comma(cls, values: Any) -> Any:
        for k, value in enumerate(values if isinstance(values, list) else []):
            if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d*,\d+\s*", value):
                raise ValueError(f"value {k + 1} is {value.strip()!r}, written with a decimal comma; write {value.strip().replace(',', '.')} (a number with a decimal point, not in quotes)")
        return values

    @field_validator("values")
    @classmethod
    def _finite(cls, values: list) -> list:
        for k, value in enumerate(values):
            if not all(math.isfinite(v) for v in (value if isinstance(value, list) else [value])):
                raise ValueError(f"value {k + 1} is {value!r}, not a finite number: a chart draws finite numbers, not .inf or .nan")
        return values


class ChartSlide(SlideBase):
    """A native, editable chart of the speaker's numbers."""

    kind: Annotated[Literal["chart"], VERBATIM]
    title: ShortInline
    """The slide's title."""
    type: Annotated[str, VERBATIM] = "column"
    """column, bar, stacked_column, stacked_bar, line, pie, doughnut or scatter."""
    categories: Annotated[list[ShortText], Field(max_length=MAX_POINTS)] = []
    """The categories, in order (not for scatter)."""
    series: Annotated[list[Series], Field(max_length=12)] = []
    """The series: {name, values}."""
    data: ShortText | None = None
    """Instead of categories and series: a CSV file in the outline's folder, first column the
    categories, first row the series' names."""
    highlight: Annotated[list[ShortText], Field(max_length=MAX_POINTS)] = []
    """Categories or series to keep at full strength; the others are dimmed."""
    number_format: Annotated[str, StringConstraints(max_length=40)] = "General"
    """The data labels' number format, as in Excel: "0", "0.0", "0%", "#,##0"."""
    unit: ShortText | None = None
    """A unit written after each data label, e.g. "ms"."""
    labels: bool = True
    """Show each value on the chart (not on scatter charts, read from their axes)."""
    x_title: ShortText | None = None
    """The category (or x) axis title."""
    y_title: ShortText | None = None
    """The value (or y) axis title."""
    alt: Text | None = None
    """Alt text; written from the data when absent."""
    caption: Inline | None = None
    """A line under the chart."""
    reveal: bool = False
    """Build the chart click by click, one series per click (its axes and legend with the first)."""

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in TYPES:
            raise ValueError(f"no chart type {value!r}{did_you_mean(value, TYPES)}; types are {', '.join(TYPES)}")
        return value

    @field_validator("highlight", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return [part.strip() for part in value.split(",") if part.strip()] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _data(self):
        if self.data is not None and (self.series or self.categories):
            raise ValueError("give the data inline (categories and series) or as `data:` a CSV file, not both")
        if self.data is None and not self.series:
            raise ValueError("a chart needs its numbers: `series:` (with `categories:`) or `data:` a CSV file")
        return self


def check(deck, s: ChartSlide, path, source) -> list:
    """Return problems: series whose length differs from the categories', scatter points,
    negative slices, a second series on a pie, a highlight naming nothing."""
    problems = []
    if s.data is not None and s.type == "scatter":
        problems.append(source.problem(path + ("data",), "a scatter chart's points are [x, y] pairs given inline in `series:`; a CSV gives one value per category"))
    for j, series in enumerate(s.series):
        flat = [x for v in series.values for x in (v if isinstance(v, list) else [v])]
        bad = next((x for x in flat if not math.isfinite(x)), None)
        if bad is not None:
            problems.append(source.problem(path + ("series", j, "values"), f"{bad} is not a finite number; a chart shows finite numbers"))
            continue
        pairs = [isinstance(v, list) for v in series.values]
        if s.type == "scatter" and not all(pairs):
            problems.append(source.problem(path + ("series", j, "values"), "a scatter chart's values are [x, y] pairs"))
        elif s.type != "scatter" and any(pairs):
            problems.append(source.problem(path + ("series", j, "values"), f"a {s.type} chart takes one number per category, not pairs"))
        elif s.type != "scatter" and len(series.values) != len(s.categories):
            hint = _comma_hint(series.values, path + ("series", j, "values"), source)
            problems.append(source.problem(path + ("series", j, "values"), f"{len(series.values)} values for {len(s.categories)} categories{hint}"))
        elif s.type in ("pie", "doughnut"):
            for k, value in enumerate(series.values):
                if value < 0:
                    problems.append(source.problem(path + ("series", j, "values", k), _negative_slice(s.type, value, s.categories[k])))
    if s.type in ("pie", "doughnut") and len(s.series) > 1:
        problems.append(source.problem(path + ("series",), _one_series(s.type, [series.name for series in s.series])))
    known = list(dict.fromkeys([*s.categories, *(series.name for series in s.series)]))
    for j, name in enumerate(s.highlight):
        if s.series and name not in known:
            problems.append(source.problem(path + ("highlight", j), _unknown_highlight(name, known)))
    return problems


def _negative_slice(kind: str, value: float, category: str) -> str:
    return f"{_number(value)} ({category}) is negative; a {kind} chart's slices are shares of a whole, 0 or more (a column or bar chart shows negative numbers)"


def _one_series(kind: str, names: list[str]) -> str:
    dropped = ", ".join(repr(name) for name in names[1:])
    return f"a {kind} chart shows one series, {names[0]!r}; it would drop {dropped} (give each its own chart, or use type: column)"


def _unknown_highlight(name: str, known: list[str]) -> str:
    return f"no category or series {name!r}{did_you_mean(name, known)}; highlight names one of {', '.join(repr(k) for k in known[:8])}{', ...' if len(known) > 8 else ''}"


def _comma_hint(values: list, path, source) -> str:
    """Return a hint when two whole numbers of `values` stand with no space between them
    (`[1,5]`): YAML reads two numbers where a decimal comma meant one."""
    for k in range(len(values) - 1):
        a, b = values[k], values[k + 1]
        if not (isinstance(a, int) and isinstance(b, int)):
            continue
        here, there = source.positions.get(tuple(path) + (k,)), source.positions.get(tuple(path) + (k + 1,))
        if here and there and here[0] == there[0] and there[1] == here[1] + len(str(a)) + 1:
            return f" (YAML reads {a},{b} as two numbers, {a} and {b}; for {a} and a fraction write {a}.{b})"
    return ""


def fits(slide: ChartSlide, table) -> list[tuple[str, str]]:
    """Return (field, problem) of what a chart's CSV holds that the slide cannot show: negative
    slices, a second series on a pie, a highlight naming neither a category nor a series."""
    categories, series = table
    out = []
    if slide.type in ("pie", "doughnut"):
        if len(series) > 1:
            out.append(("data", f"{slide.data}: " + _one_series(slide.type, [name for name, _ in series])))
        for name, values in series[:1]:
            for category, value in zip(categories, values):
                if value < 0:
                    out.append(("data", f"{slide.data}: series {name!r}: " + _negative_slice(slide.type, value, category)))
                    break
    known = list(dict.fromkeys([*categories, *(name for name, _ in series)]))
    for name in slide.highlight:
        if name not in known:
            out.append(("highlight", _unknown_highlight(name, known)))
    return out


def chart_data(ctx: Context, s: ChartSlide) -> tuple[list[str], list[tuple[str, list]]]:
    """Return the slide's categories and series, inline or from its CSV file."""
    if s.data is not None:
        return ctx.files["table"][s.data]
    return list(s.categories), [(series.name, list(series.values)) for series in s.series]


def alt_text(s: ChartSlide, categories: list[str], series: list[tuple[str, list]]) -> str:
    """Return alt text from the data: the title, then each series' values."""

    unit = f" {s.unit}" if s.unit else ""
    kind = s.type.replace("_", " ")
    parts = [f"{kind.capitalize()} chart: {plain(s.title)}."]
    for name, values in series:
        if s.type == "scatter":
            points = ", ".join(f"({_number(x)}, {_number(y)})" for x, y in values)
        else:
            points = ", ".join(f"{c} {_number(v)}{unit}" for c, v in zip(categories, values))
        parts.append(f"{name}: {points}.")
    return " ".join(parts)


def _number(value: float) -> str:
    return f"{value:g}"


def colours(ctx: Context, s: ChartSlide, count: int) -> list[RGB]:
    """Return one colour per series (or per category for pie and doughnut), from the palette."""
    # each stop once: a template whose accent ink is one of its accents (Focus, Lights) would
    # otherwise give the first and the last series one colour, and the legend could not tell them apart
    stops = list(dict.fromkeys(list(ctx.theme.palette.pyramid_stops[1:]) + [ctx.theme.palette.accent_ink]))
    stops = stops if len(stops) > 1 else stops + [ctx.theme.palette.ink]
    return [ctx.theme.legible(c) for c in ramp(stops, max(count, 2))[:count]]


def write(ctx: Context, out, s: ChartSlide) -> None:
    title(ctx, out, s.title)
    left, top, width, height = ctx.content_box()
    cap_h = 0.6 if s.caption else 0.0
    categories, series = chart_data(ctx, s)
    box = (left, top, width, height - cap_h)
    per_point = s.type in ("pie", "doughnut")
    palette = colours(ctx, s, len(categories) if per_point else len(series))
    focus = set(s.highlight)
    series_focus = focus & {name for name, _ in series}
    category_focus = focus & set(categories)

    def dimmed(colour: RGB) -> RGB:
        return blend(colour, ctx.theme.palette.paper, ctx.theme.dim_amount)

    if per_point:
        series_colours: list[RGB | None] = [None]
        point_colours = [[dimmed(c) if category_focus and cat not in category_focus else c for c, cat in zip(palette, categories)]]
    else:
        series_colours = [dimmed(c) if series_focus and name not in series_focus else c for c, (name, _) in zip(palette, series)]
        point_colours = [
            [dimmed(colour) if cat not in category_focus else colour for cat in categories] if category_focus else None
            for colour in series_colours
        ]
    fills = [points if points else [colour] * len(categories) for colour, points in zip(series_colours, point_colours)]
    base = s.number_format
    values = [v for _, vs in series for v in vs if isinstance(v, (int, float))]
    if "number_format" not in s.model_fields_set and values and max(abs(v) for v in values) >= 10000 and all(float(v).is_integer() for v in values):
        base = "#,##0"  # large whole numbers grouped, as the axis groups them ("91,000" beside "20,000", not "91000")
    number_format = base + (f'" {s.unit}"' if s.unit else "")
    legend = len(series) > 1 or per_point
    shown = s.labels and s.type != "scatter"  # a scatter's points speak through their axes
    placed = None
    if s.type != "scatter":
        prefer = tuple(k for k, (name, _) in enumerate(series) if name in series_focus)
        placed = place_labels(s.type, categories, series, fills, number_format, box, MIN_PT + 4, legend, (s.x_title, s.y_title), shown, ctx.theme, ctx.families, prefer,
                              smallest=MIN_PT, language=ctx.deck.deck.language)
        for d in placed.dropped:
            if d.series < 0:  # labels across the chart: one finding for them all
                where = ("series",) if s.data is None else "data"
                message = (f"the chart's labels are left off where they do not fit: {d.why}; fewer categories or series, or a slide without a caption, "
                           "give them room (`labels: false` leaves every value to the axis); the alt text still gives the values")
            elif d.point < 0:  # a whole series' labels
                where = ("series", d.series) if s.data is None else "data"
                message = f"the labels of series {series[d.series][0]!r} are left off: {d.why}; the axis and the alt text still give the values (fewer categories or series leave room for them)"
            else:
                where = ("series", d.series, "values", d.point) if s.data is None else "data"
                name = categories[d.point] if per_point else f"{series[d.series][0]}, {categories[d.point]}"
                message = f"the chart's label {d.text!r} ({name}) is left off: {d.why}; the alt text still gives the value"
            ctx.found.append(Overflow(ctx.index, where, message, severity="warning"))
    chart = out.chart(
        box,
        s.type,
        categories,
        series,
        series_colours=series_colours,
        point_colours=point_colours,
        point_labels=placed.labels if placed else (),
        axis=placed.axis if placed else None,
        number_format=number_format,
        labels=shown,
        legend=legend,
        axis_titles=(s.x_title, s.y_title),
        font_size=MIN_PT + 4,
        ink=ctx.theme.palette.ink,
        muted=ctx.theme.palette.muted,
        rule=ctx.theme.palette.rule,
        alt=s.alt or alt_text(s, categories, series),
    )
    if s.reveal:
        # the axes, grid and legend come with the first series: a chart never builds from nothing
        out.reveal([([out.show(chart, chart="background")] if k == 0 else []) + [out.show(chart, chart="series", series=k)] for k in range(len(series))])
    if s.caption:
        caption(ctx, out, s.caption, (left, top + height - cap_h, width, cap_h))


def clicks(deck, slide: ChartSlide, files: dict | None = None) -> int:
    """Return the clicks of a chart that builds: one per series, inline or in its CSV file."""
    if not slide.reveal:
        return 0
    if slide.data is not None:
        return len((files or {}).get("table", {}).get(slide.data, ((), ()))[1])
    return len(slide.series)


KIND = Kind("chart", ChartSlide, "Title Only", write, check=check, inputs=(Input(TABLE, "data", check=fits),), clicks=clicks)
