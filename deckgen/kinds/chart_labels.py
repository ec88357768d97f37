"""Where a chart's data labels go, and its value axis: pure geometry on the chart's box.

A client lays a chart out itself, but from what the chart says: the value axis's range and
format, each label's position. deckgen fixes both (so its estimate of the plot is the one
drawn), estimates each label's extent from the formatted number and the font, and places
each label where it neither leaves its segment nor meets another label: inside its segment
when it fits there (coloured against that segment), outside the end (on the paper, in ink)
when that is free, else not at all, and the speaker hears which label was dropped.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from ..text import text_width
from ..theme import RGB, Theme

EM_HEIGHT = 1.15  # a label's line, in ems: its glyphs, with a little room
PAD = 0.06  # inches kept clear around a label
GAP_WIDTH = 0.6  # the gap between column groups, as a fraction of a column group's width
MARKER = 11 / 72  # a line chart's marker, inches
HOLE = 0.5  # a doughnut's hole, as a fraction of its radius
STEPS = (1, 2, 2.5, 5, 10)


@dataclass(frozen=True)
class PointLabel:
    """A data label: its position as the chart's XML names it ("" the type's own), its colour,
    and the box it is estimated to take (x0, y0, x1, y1, in layout inches on the slide)."""

    position: str
    colour: RGB
    box: tuple = ()
    size: float | None = None  # points, where not the chart's own
    offset: tuple = ()  # (dx, dy) inches from where the client sets it (a doughnut's label set beside its ring)
    number_format: str = ""  # where not the chart's own (a short form: 150K)


@dataclass(frozen=True)
class ValueAxis:
    """The value axis as written: its range, its major unit and its ticks' number format."""

    minimum: float
    maximum: float
    major: float
    number_format: str


@dataclass(frozen=True)
class Dropped:
    """A label left off: series `series`, point `point`, and why."""

    series: int
    point: int
    text: str
    why: str


@dataclass(frozen=True)
class ChartLabels:
    """Every label of a chart (None: dropped), its value axis (None for pie and doughnut), and
    what was dropped."""

    labels: tuple[tuple[PointLabel | None, ...], ...]
    axis: ValueAxis | None
    dropped: tuple[Dropped, ...]


# --- numbers as a client writes them ---------------------------------------------------------------

_LITERAL = re.compile(r'"([^"]*)"')


def format_number(value: float, number_format: str) -> str:
    """Return `value` as a client writes it in `number_format` (the formats speakers use: General,
    0, 0.0, #,##0, 0%, 0.0%, with quoted text such as a unit), to measure a label by."""
    literal = "".join(_LITERAL.findall(number_format))
    code = _LITERAL.sub("", number_format).split(";")[0].strip()
    if not code or code.lower() == "general":
        text = f"{value:.10g}"
    else:
        percent = "%" in code
        digits = code.split(".", 1)[1] if "." in code else ""
        decimals = len(re.match(r"[0#]*", digits).group(0))
        shown = value * 100 if percent else value
        text = f"{shown:,.{decimals}f}" if "," in code else f"{shown:.{decimals}f}"
        text += "%" if percent else ""
    return text + literal


def short_form(values, number_format: str, language: str = "en") -> tuple[str, list[str]] | None:
    """Return the number format that writes `values` short, as the deck's language (CLDR, by
    Babel) does ("150K €" for 150,000 €), and each value so written; None where the values are
    under a thousand, a percentage, or the language's short form does not divide by a power of
    a thousand (Japanese counts in 万, ten thousands), which a number format cannot write."""
    from babel import Locale, UnknownLocaleError  # deferred: Babel loads only for charts whose labels do not fit

    literal = "".join(_LITERAL.findall(number_format))
    code = _LITERAL.sub("", number_format).split(";")[0].strip()
    biggest = max((abs(v) for v in values if math.isfinite(v)), default=0.0)
    if "%" in code or not 1000 <= biggest < 1e15:
        return None
    try:
        patterns = Locale.parse(language.replace("-", "_")).compact_decimal_formats["short"]["other"]
    except (UnknownLocaleError, ValueError, KeyError):
        return None
    magnitude = 10 ** int(math.floor(math.log10(biggest)))
    pattern = patterns.get(str(magnitude))
    if pattern is None:
        return None
    divisor = magnitude // 10 ** (pattern.pattern.count("0") - 1)
    thousands = round(math.log(divisor, 1000)) if divisor > 1 else 0
    suffix = pattern.suffix[0]
    if not thousands or 1000 ** thousands != divisor or pattern.prefix[0] or not suffix.strip():
        return None
    least = min((abs(v) for v in values if v and math.isfinite(v)), default=biggest) / divisor
    decimals = 0 if least >= 10 else 1 if least >= 1 else 2  # two figures of the smallest: 700 is 0.70K, not 1K
    written = suffix + literal
    code = "#,##0" + ("." + "0" * decimals if decimals else "") + "," * thousands + '"' + written.replace('"', "") + '"'
    return code, [f"{v / divisor:,.{decimals}f}{written}" for v in values]


def axis_format(number_format: str, step: float, biggest: float, unit: bool) -> str:
    """Return the axis ticks' format: the speaker's kind of number (percent, thousands) with as
    many decimals as the major unit needs, the same for every tick ("1.0" beside "1.2")."""
    literal = "".join(f'"{part}"' for part in _LITERAL.findall(number_format)) if unit else ""
    code = _LITERAL.sub("", number_format).split(";")[0].strip()
    general = not code or code.lower() == "general"
    percent = "%" in code
    shown = step * 100 if percent else step
    decimals = 0
    while decimals < 6 and abs(round(shown, decimals) - shown) > 1e-9 * max(1.0, abs(shown)):
        decimals += 1
    thousands = ("," in code) or (general and abs(biggest) >= 10000)
    body = ("#,##0" if thousands else "0") + ("." + "0" * decimals if decimals else "")
    return body + ("%" if percent else "") + literal


def _tidy(value: float) -> float:
    """Return `value` without the float noise of adding steps (0.035, not 0.035000000000000003)."""
    return float(f"{value:.12g}")


def nice_axis(low: float, high: float, most: int = 8, whole: bool = False) -> tuple[float, float, float]:
    """Return (minimum, maximum, major unit): round numbers holding low..high, in at most `most`
    steps, the range as tight as such steps allow (30,200 ends at 35,000, not 40,000); with
    `whole` (counts: every value a whole number), a whole major unit (no "2.5 findings")."""
    low, high = min(low, 0.0), max(high, 0.0)
    if not high - low > 1e-300:  # nothing to scale (all zero, or a denormal): a unit range
        low, high = 0.0, 1.0
    if not math.isfinite(high - low):  # beyond what a float's range can step through: as it is
        return low, high, high / most - low / most
    magnitude = 10 ** math.floor(math.log10((high - low) / most))
    best = None
    for scale in (1, 10, 100):
        for s in STEPS:
            step = s * scale * magnitude
            if whole and abs(step - round(step)) > 1e-9 * max(1.0, step):
                continue
            bottom, top = math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step
            if (top - bottom) / step <= most + 1e-9 and (best is None or top - bottom < best[1] - best[0] - 1e-12):
                best = (_tidy(bottom), _tidy(top), _tidy(step))
        if best is not None:
            break
    return best


# --- the plot, as estimated from the chart's box ----------------------------------------------------

def _line(font_size: float) -> float:
    return font_size * EM_HEIGHT / 72


def _extent(text: str, font_size: float, families: tuple) -> tuple[float, float]:
    return text_width(text, font_size, False, families) + 2 * PAD, _line(font_size) + PAD


def _legend_height(names: list[str], width: float, font_size: float, families: tuple) -> float:
    """Return the legend's height: its entries (a key and the name) in rows across `width`."""
    rows, used = 1, 0.0
    for name in names:
        entry = text_width(name, font_size, False, families) + font_size / 72 * 1.6
        if used and used + entry > width:
            rows, used = rows + 1, 0.0
        used += entry
    return rows * _line(font_size) + 0.2


def _overlaps(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _inside(inner: tuple, outer: tuple) -> bool:
    return inner[0] >= outer[0] - 1e-6 and inner[1] >= outer[1] - 1e-6 and inner[2] <= outer[2] + 1e-6 and inner[3] <= outer[3] + 1e-6


def _centred(x: float, y: float, w: float, h: float) -> tuple:
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


# --- placing -----------------------------------------------------------------------------------------

def place_labels(kind: str, categories: list[str], series: list[tuple[str, list]], fills: list[list[RGB]], number_format: str,
                 box: tuple, font_size: float, legend: bool, axis_titles: tuple, shown: bool, theme: Theme,
                 families: tuple = (), prefer: tuple = (), smallest: float | None = None, language: str = "en") -> ChartLabels:
    """Return where each label of the chart goes (see the module's docstring); `fills[k][j]` is
    the colour point j of series k is drawn in; `prefer`: the series to keep labelled first
    where not every series can be (the highlighted ones); a stacked chart's labels may be set
    down to `smallest` points, and written short in the deck's `language`, to fit."""
    left, top, width, height = box
    names = list(categories) if kind in ("pie", "doughnut") else [name for name, _ in series]
    bottom = top + height - (_legend_height(names, width, font_size, families) if legend else 0.1)
    ink = theme.palette.ink
    texts = [[format_number(v, number_format) for v in values] for _, values in series]
    if kind in ("pie", "doughnut"):
        labels, dropped = _pie(kind, texts, series, fills, (left + 0.1, top + 0.1, left + width - 0.1, bottom), font_size, ink, theme, families)
        return ChartLabels(labels if shown else tuple(() for _ in series), None, dropped if shown else ())
    horizontal = kind in ("bar", "stacked_bar")
    stacked = kind in ("stacked_column", "stacked_bar")
    values = [list(v) for _, v in series]
    if stacked:
        highs = [sum(max(v[j], 0) for v in values) for j in range(len(categories))]
        lows = [sum(min(v[j], 0) for v in values) for j in range(len(categories))]
        low, high = min(lows + [0]), max(highs + [0])
    else:
        flat = [x for v in values for x in v] or [0]
        low, high = min(flat), max(flat)
    # the plot: the chart's box less the legend, the axis titles, the tick and category labels
    line = _line(font_size)
    plot_top, plot_bottom = top + 0.15, bottom - line - 0.15 - (line + 0.1 if axis_titles[0 if not horizontal else 1] else 0)
    side_title = line + 0.1 if axis_titles[1 if not horizontal else 0] else 0
    if not (math.isfinite(low) and math.isfinite(high)):  # sums past a float's range: the client's own scale and labels
        return ChartLabels(tuple(tuple(PointLabel("", ink) for _ in v) if shown else () for v in values), None, ())
    whole = all(float(x).is_integer() for _, v in series for x in v if math.isfinite(x))
    minimum, maximum, step = nice_axis(low, high, whole=whole)
    plot = (0.0, plot_top, 0.0, plot_bottom)
    for _ in range(8):  # widen the axis until every outside label fits in the plot
        fmt = axis_format(number_format, step, max(abs(minimum), abs(maximum)), not shown)
        ticks = [minimum + step * i for i in range(int(round((maximum - minimum) / step)) + 1)]
        tick_w = max(text_width(format_number(t, fmt), font_size, False, families) for t in ticks)
        if horizontal:
            side = max(text_width(c, font_size, False, families) for c in categories) if categories else 0
        else:
            side = tick_w
        plot = (left + side + side_title + 0.2, plot_top, left + width - 0.15 - (tick_w / 2 if horizontal else 0), plot_bottom)
        if not shown or stacked:
            break
        length = (plot[2] - plot[0]) if horizontal else (plot[3] - plot[1])
        room = max((_extent(t, font_size, families)[0 if horizontal else 1] for row in texts for t in row), default=0) + PAD
        reach = (max(high, 0) - minimum) / (maximum - minimum) * length + room
        reach_low = (maximum - min(low, 0)) / (maximum - minimum) * length + room if low < 0 else 0
        if reach <= length and reach_low <= length:
            break
        if reach > length:
            maximum += step
        if reach_low > length:
            minimum -= step
    minimum, maximum = _tidy(minimum), _tidy(maximum)
    axis = ValueAxis(minimum, maximum, step, axis_format(number_format, step, max(abs(minimum), abs(maximum)), not shown))
    if not shown:
        return ChartLabels(tuple(() for _ in series), axis, ())
    if kind == "line":
        labels, dropped = _lines(texts, values, plot, axis, box, font_size, ink, families)
    else:
        if stacked:
            labels, dropped = _stacked(horizontal, texts, values, fills, plot, axis, font_size, smallest or font_size, number_format, language, ink, theme, families)
        else:
            labels, dropped = _clustered(horizontal, texts, values, fills, plot, axis, font_size, smallest or font_size, ink, theme, families, prefer)
    return ChartLabels(labels, axis, dropped)


def _pie(kind, texts, series, fills, area, font_size, ink, theme, families):
    """Place a pie's or doughnut's labels: on the slice where the label fits inside it, else
    (a pie) outside its end with a leader line where that is free, else dropped."""
    values = [max(v, 0) for v in series[0][1]] if series else []
    total = sum(values)
    cx, cy = (area[0] + area[2]) / 2, (area[1] + area[3]) / 2
    line = _line(font_size)
    widest = max((_extent(t, font_size, families)[0] for t in texts[0]), default=0) if texts else 0
    outer = min(area[2] - area[0], area[3] - area[1]) / 2
    # room for labels outside: a pie drawn smaller by a label's extent, as clients draw it
    radius = outer - (line + 0.15 if kind == "pie" else 0.0)
    inner = radius * HOLE if kind == "doughnut" else 0.0
    placed: list[tuple] = []
    labels: list[PointLabel | None] = []
    dropped = []
    start = 0.0
    for j, value in enumerate(values):
        share = value / total if total else 0
        a0, a1 = start, start + share * 2 * math.pi
        start = a1
        mid = (a0 + a1) / 2
        w, h = _extent(texts[0][j], font_size, families)
        if value <= 0:
            labels.append(None)
            dropped.append(Dropped(0, j, texts[0][j], "its slice is empty"))
            continue
        r_label = (inner + radius) / 2 if kind == "doughnut" else radius * 0.62
        x, y = cx + r_label * math.sin(mid), cy - r_label * math.cos(mid)
        rect = _centred(x, y, w, h)
        if _in_wedge(rect, cx, cy, inner, radius, a0, a1) and not any(_overlaps(rect, p) for p in placed):
            placed.append(rect)
            labels.append(PointLabel("ctr" if kind == "pie" else "", theme.label_colour(fills[0][j]), rect))
            continue
        if kind == "pie":
            # outside the end: the label's nearest corner a small gap beyond the rim, on the slice's middle
            reach = radius + 0.12 + abs(math.sin(mid)) * w / 2 + abs(math.cos(mid)) * h / 2
            x, y = cx + reach * math.sin(mid), cy - reach * math.cos(mid)
            rect = _centred(x, y, w, h)
            if _inside(rect, (area[0] - 0.1, area[1] - 0.1, area[2] + 0.1, area[3] + 0.1)) and not any(_overlaps(rect, p) for p in placed):
                placed.append(rect)
                labels.append(PointLabel("outEnd", ink, rect))
                continue
        if kind == "doughnut":
            # beside the ring at its slice's height (a doughnut's labels have no outside
            # position of their own: it is given as an offset from the middle of its part)
            beside = _beside_ring(cx, cy, radius, mid, w, h, area)
            if beside is not None and not any(_overlaps(beside, p) for p in placed):
                placed.append(beside)
                bx, by = (beside[0] + beside[2]) / 2, (beside[1] + beside[3]) / 2
                labels.append(PointLabel("", ink, beside, offset=(bx - x, by - y)))
                continue
        labels.append(None)
        why = "its slice is too small to hold it and the room beside it is taken" if kind == "pie" else "its part of the ring is too small to hold it and the room beside the ring is taken"
        dropped.append(Dropped(0, j, texts[0][j], why))
    return (tuple(labels),) + tuple(() for _ in series[1:]), tuple(dropped)


def _stacked(horizontal, texts, values, fills, plot, axis, font_size, smallest, number_format, language, ink, theme, families):
    """Place a stacked chart's labels, each inside its segment: at the chart's size, else a
    size nearer `smallest`, else written short (150K) at those sizes; every label of the chart
    in one size and form, the first that fits them all, else the one that fits the most, and
    the rest left off in one finding for the chart."""
    sizes = [font_size, *_sizes(font_size, smallest)]
    forms = [("", texts)]
    short = short_form([v for row in values for v in row], number_format, language)
    if short is not None:
        code, flat = short
        widths = [len(row) for row in values]
        rows, at = [], 0
        for w in widths:
            rows.append(flat[at:at + w])
            at += w
        forms.append((code, rows))
    best = None
    for code, written in forms:
        for size in sizes:
            labels, dropped = _bars(horizontal, True, written, values, fills, plot, axis, size, ink, theme, families)
            if best is None or len(dropped) < len(best[1]):
                best = (labels, dropped, size, code, written)
            if not dropped:
                break
        if not best[1]:
            break
    labels, dropped, size, code, written = best
    if size != font_size or code:
        labels = tuple(tuple(None if x is None else replace(x, size=size if size != font_size else None, number_format=code) for x in row) for row in labels)
    if not dropped:
        return labels, ()
    total = sum(1 for row in values for v in row if v != 0)
    example = max((t for row in written for t in row), key=len, default="")
    how = f" and written short ({example!r})" if code else ""
    why = f"{len(dropped)} of its {total} labels do not fit their segments, even at {sizes[-1]:g} pt{how}"
    return labels, (Dropped(-1, -1, "", why),)


def _beside_ring(cx, cy, radius, mid, w, h, area) -> tuple | None:
    """Return the box of a label w by h set beside a ring of `radius` about (cx, cy), level
    with the middle of its part (angle `mid`, clockwise from 12 o'clock), a gap clear of the
    ring on the side the part is on, inside `area`; None where it does not fit there."""
    gap = 0.15
    y = min(max(cy - (radius + gap) * math.cos(mid), area[1] + h / 2), area[3] - h / 2)
    near = 0.0 if y - h / 2 <= cy <= y + h / 2 else min(abs(y - h / 2 - cy), abs(y + h / 2 - cy))
    half = math.sqrt(max(radius * radius - near * near, 0.0))
    right = math.sin(mid) >= 0
    x = cx + half + gap + w / 2 if right else cx - half - gap - w / 2
    rect = _centred(x, y, w, h)
    return rect if _inside(rect, area) else None


def _in_wedge(rect, cx, cy, inner, radius, a0, a1) -> bool:
    """Return whether every corner of `rect` lies inside the ring sector from angle a0 to a1
    (clockwise from 12 o'clock) between radii `inner` and `radius`."""
    if a1 - a0 >= 2 * math.pi - 1e-9 and inner == 0:
        return all(math.hypot(x - cx, y - cy) <= radius for x in (rect[0], rect[2]) for y in (rect[1], rect[3]))
    for x in (rect[0], rect[2]):
        for y in (rect[1], rect[3]):
            dx, dy = x - cx, cy - y
            r = math.hypot(dx, dy)
            if r > radius or r < inner:
                return False
            angle = math.atan2(dx, dy) % (2 * math.pi)
            if a1 - a0 < 2 * math.pi - 1e-9 and not (a0 <= angle <= a1):
                return False
    return True


MEET = "it would meet a neighbouring bar's label"


def _sizes(font_size: float, smallest: float) -> list[float]:
    """Return the sizes labels may take below `font_size`, 2 pt apart, down to `smallest`."""
    sizes = []
    while (sizes[-1] if sizes else font_size) - 2 >= smallest - 1e-9:
        sizes.append((sizes[-1] if sizes else font_size) - 2)
    if (sizes[-1] if sizes else font_size) > smallest:
        sizes.append(smallest)
    return sizes


def _clustered(horizontal, texts, values, fills, plot, axis, font_size, smallest, ink, theme, families, prefer):
    """Place a clustered chart's labels; where labels of neighbouring bars would meet, set them
    all smaller, down to `smallest`; where they still would, label whole series, in the order of `prefer` then the last series first (the newest, as a
    before-and-after chart is written), and leave off every label of the others: half the
    labels of each series, dropped here and there, read as noise."""
    labels, dropped = _bars(horizontal, False, texts, values, fills, plot, axis, font_size, ink, theme, families)
    if len(values) < 2 or not any(d.why == MEET for d in dropped):
        return labels, dropped
    for size in _sizes(font_size, smallest):  # smaller, down to the floor, every label of the chart alike
        tried_labels, tried = _bars(horizontal, False, texts, values, fills, plot, axis, size, ink, theme, families)
        if not any(d.why == MEET for d in tried):
            return tuple(tuple(None if x is None else replace(x, size=size) for x in row) for row in tried_labels), tried
    order = list(dict.fromkeys([n for n in prefer if n < len(values)] + list(range(len(values) - 1, -1, -1))))
    keep: list[int] = []
    for n in order:
        _, tried = _bars(horizontal, False, texts, values, fills, plot, axis, font_size, ink, theme, families, set(keep + [n]))
        if not any(d.why == MEET for d in tried):
            keep.append(n)
    labels, dropped = _bars(horizontal, False, texts, values, fills, plot, axis, font_size, ink, theme, families, set(keep))
    left_off = tuple(Dropped(n, -1, "", "they would meet the labels of the bars beside them") for n in range(len(values)) if n not in keep)
    return labels, dropped + left_off


def _bars(horizontal, stacked, texts, values, fills, plot, axis, font_size, ink, theme, families, labelled=None):
    """Place column and bar labels (of the series in `labelled`; None: all): a stacked segment's
    label inside it, coloured against that segment, when it fits; a clustered bar's outside its
    end, or inside it when a neighbour's label takes that room; else dropped."""
    count = max((len(v) for v in values), default=0)
    k = len(values)
    length = (plot[2] - plot[0]) if horizontal else (plot[3] - plot[1])
    slot = ((plot[3] - plot[1]) if horizontal else (plot[2] - plot[0])) / max(count, 1)
    group = slot / (1 + GAP_WIDTH)
    thick = group if stacked else group / max(k, 1)
    span = axis.maximum - axis.minimum

    def at(value: float) -> float:  # a value's distance along the value axis from its start
        return (value - axis.minimum) / span * length

    def rect_of(j: int, n: int, a: float, b: float) -> tuple:
        """The box of the bar of series n at category j from value a to b, as (x0, y0, x1, y1)."""
        across0 = j * slot + (slot - group) / 2 + (0 if stacked else n * thick)
        lo, hi = sorted((at(a), at(b)))
        if horizontal:
            return plot[0] + lo, plot[3] - across0 - thick, plot[0] + hi, plot[3] - across0
        return plot[0] + across0, plot[3] - hi, plot[0] + across0 + thick, plot[3] - lo

    labels = [[None] * len(v) for v in values]
    dropped = []
    placed: list[tuple] = []
    bars = []
    for j in range(count):
        up = down = 0.0
        for n, v in enumerate(values):
            value = v[j]
            if stacked:
                base = up if value >= 0 else down
                bar = rect_of(j, n, base, base + value)
                if value >= 0:
                    up += value
                else:
                    down += value
            else:
                bar = rect_of(j, n, 0.0, value)
            bars.append((n, j, value, bar))
    for n, j, value, bar in bars:
        if labelled is not None and n not in labelled:
            continue
        w, h = _extent(texts[n][j], font_size, families)
        centre = ((bar[0] + bar[2]) / 2, (bar[1] + bar[3]) / 2)
        inside = _centred(*centre, w, h)
        fits = (inside[0] >= bar[0] and inside[2] <= bar[2] and inside[1] >= bar[1] and inside[3] <= bar[3])
        if value == 0 and stacked:
            continue  # a segment of nothing is not drawn: there is nothing to label
        if stacked:
            if fits and not any(_overlaps(inside, p) for p in placed):
                placed.append(inside)
                labels[n][j] = PointLabel("ctr", theme.label_colour(fills[n][j]), inside)
            else:
                dropped.append(Dropped(n, j, texts[n][j], "its segment is too small to hold it"))
            continue
        forward = value >= 0
        if horizontal:
            x = bar[2] + PAD + w / 2 if forward else bar[0] - PAD - w / 2
            outside = _centred(x, centre[1], w, h)
        else:
            y = bar[1] - PAD - h / 2 if forward else bar[3] + PAD + h / 2
            outside = _centred(centre[0], y, w, h)
        others = placed + [b for m, i, _, b in bars if (m, i) != (n, j)]
        if not any(_overlaps(outside, p) for p in others):
            placed.append(outside)
            labels[n][j] = PointLabel("outEnd", ink, outside)
            continue
        if horizontal:
            x = bar[2] - PAD - w / 2 if forward else bar[0] + PAD + w / 2
            end = _centred(x, centre[1], w, h)
        else:
            y = bar[1] + PAD + h / 2 if forward else bar[3] - PAD - h / 2
            end = _centred(centre[0], y, w, h)
        if _inside(end, bar) and not any(_overlaps(end, p) for p in placed):
            placed.append(end)
            labels[n][j] = PointLabel("inEnd", theme.label_colour(fills[n][j]), end)
            continue
        dropped.append(Dropped(n, j, texts[n][j], MEET))
    return tuple(tuple(row) for row in labels), tuple(dropped)


def _lines(texts, values, plot, axis, box, font_size, ink, families):
    """Place line labels: one series labelled at every point above it when no two labels meet;
    several series only at their last point, above, beside or below it as the others allow."""
    count = max((len(v) for v in values), default=0)
    slot = (plot[2] - plot[0]) / max(count, 1)
    span = axis.maximum - axis.minimum
    frame = (box[0], box[1], box[0] + box[2], box[1] + box[3])

    def point(j: int, value: float) -> tuple[float, float]:
        return plot[0] + (j + 0.5) * slot, plot[3] - (value - axis.minimum) / span * (plot[3] - plot[1])

    markers = [_centred(*point(j, v[j]), MARKER, MARKER) for v in values for j in range(len(v))]

    def rect_at(j: int, value: float, w: float, h: float, position: str) -> tuple:
        x, y = point(j, value)
        reach = MARKER / 2 + PAD
        return {
            "t": _centred(x, y - reach - h / 2, w, h),
            "b": _centred(x, y + reach + h / 2, w, h),
            "r": _centred(x + reach + w / 2, y, w, h),
        }[position]

    labels = [[None] * len(v) for v in values]
    dropped = []
    placed: list[tuple] = []
    if len(values) == 1:
        rects = [rect_at(j, v, *_extent(texts[0][j], font_size, families), "t") for j, v in enumerate(values[0])]
        if all(not _overlaps(a, b) for a, b in zip(rects, rects[1:])) and all(_inside(r, frame) and not any(_overlaps(r, m) for m in markers) for r in rects):
            return (tuple(PointLabel("t", ink, r) for r in rects),), ()
    # several series (or one whose labels would meet): each series labelled at its last point
    last = count - 1
    order = sorted(range(len(values)), key=lambda n: -values[n][last] if len(values[n]) > last else 0)
    for rank, n in enumerate(order):
        if len(values[n]) <= last:
            continue
        w, h = _extent(texts[n][last], font_size, families)
        prefer = ("t", "r", "b") if rank == 0 else ("b", "r", "t") if rank == len(order) - 1 else ("r", "t", "b")
        for position in prefer:
            rect = rect_at(last, values[n][last], w, h, position)
            if _inside(rect, frame) and not any(_overlaps(rect, p) for p in placed + markers):
                placed.append(rect)
                labels[n][last] = PointLabel(position, ink, rect)
                break
        else:
            dropped.append(Dropped(n, last, texts[n][last], "every place beside its point meets another label"))
    return tuple(tuple(row) for row in labels), tuple(dropped)
