"""The render check: what LibreOffice drew of each slide, held against the slide's plan.

The plan says what each element holds and where it should stand; the drawn page (drawn.Page)
says where each line of text landed, at what size and colour, and what is behind it. Each drawn
line is given to the element whose text it is, then checked: its size against its element's
floor, inside its element's box and the slide, clear of other elements' text, of pictures and
of the template's own shapes, and its contrast against the pixels behind it. Each finding names
the slide and the element; the pipeline makes them warnings (errors under `--strict`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .drawn import DPI, Line, Page
from .kinds.base import FLOORS
from .plan import Box, Chart, Fill, Footer, Picture, PyramidShapes, Rule, SlidePlan, Table, TextBox
from .plan_check import _bounds, _contains, _covered, _name
from .theme import relative_luminance

FOOTER_FLOOR = 10.0  # points: a footer is there to be found, not read from the back row
SLACK = 0.08  # inches a line may stand past its box by: a renderer's rounding, a glyph's overhang
SIZE_SLACK = 0.3  # points a renderer may set text under what was asked (its own rounding)
NORMAL_CONTRAST, LARGE_CONTRAST = 4.5, 3.0  # WCAG 2's AA ratios, for text under and from 18 pt (14 pt bold)
SHARE = 0.1  # the share of a line's background darkest (or lightest) against it that may be worse


@dataclass(frozen=True)
class RenderFinding:
    """One thing wrong with a slide as drawn: its index and what the speaker reads."""

    index: int
    message: str


@dataclass(frozen=True)
class Drawable:
    """What a slide holds, as the render check needs it: a kind ("title", "body", "text",
    "table", "chart", "picture", "shapes", "footer", "rule"), how a finding names it, its box
    (inches on the slide; None where the renderer places it), its text compared as drawn
    (`normal`), and the smallest size its text was set at (points; None: not known)."""

    kind: str
    name: str
    box: Box | None
    text: str = ""
    size: float | None = None


@dataclass(frozen=True)
class SlideDrawing:
    """A slide as the render check sees it: its index, size (inches), scale (inches per inch of
    a slide 7.5 in high: floors are for that height), what it holds in drawing order, and the
    outlines (polygons, inches) of the shapes its template layout and master draw."""

    index: int
    width: float
    height: float
    scale: float
    items: tuple[Drawable, ...]
    decorations: tuple = ()


def rendered_problems(slides: list[SlideDrawing], pages: list[Page]) -> list[RenderFinding]:
    """Return what is wrong with the drawn `pages` of `slides`, slide by slide, one finding
    per element and kind of defect."""
    return [RenderFinding(slide.index, message) for slide, page in zip(slides, pages) for message in check_page(slide, page)]


def plan_drawings(plans: list[SlidePlan], template) -> list[SlideDrawing]:
    """Return the slides `plans` on `template` (template.Prepared) as the render check sees them."""
    by_layout = {(x.master, x.name): x for x in template.info.layouts}
    out = []
    for plan in plans:
        layout = by_layout.get(plan.layout)
        s = plan.scale
        decorations = tuple(tuple((x / 914400, y / 914400) for x, y in outline) for outline in (layout.decorations if layout else ()))
        items = []
        for e in plan.elements:
            kind = _kind(e)
            if kind is None:
                continue
            box = _box(e)
            size = _planned_size(e)
            items.append(Drawable(kind, _name(e), tuple(v * s for v in box) if box else None, _texts(e), size * s if size else None))
        width, height = plan.slide_size
        out.append(SlideDrawing(plan.index, width * s, height * s, s, tuple(items), decorations))
    return out


def _kind(element) -> str | None:
    if isinstance(element, Fill):
        return ("title" if element.role == 0 else "body") if element.written else None
    return {TextBox: "text", Table: "table", Chart: "chart", Picture: "picture", PyramidShapes: "shapes", Footer: "footer", Rule: "rule"}.get(type(element))


def normal(text: str) -> str:
    """Return `text` as compared with what was drawn: compatibility forms folded (ligatures),
    no white space, case folded."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _texts(element) -> str:
    if isinstance(element, (Fill, TextBox)):
        return normal(" ".join(p.text for p in element.paragraphs))
    if isinstance(element, Table):
        return normal(" ".join(cell.text for row in element.cells for cell, _ in row))
    if isinstance(element, Footer):
        return normal(f"{element.text} {element.number}")
    return ""


def _box(element) -> Box | None:
    if isinstance(element, Fill):
        return element.box if element.written else None
    if isinstance(element, Footer) and element.on_template:
        return None  # the template's own footer placeholders stand where the template puts them
    return getattr(element, "box", None)


def _planned_size(element) -> float | None:
    if isinstance(element, (Fill, TextBox)):
        return min((p.size(element.size) for p in element.paragraphs if p.text.strip()), default=element.size) or None
    if isinstance(element, Table):
        return element.size
    return None


def _floor(item: Drawable, scale: float) -> float | None:
    """Return the size (points, on a slide 7.5 in high) no drawn text of `item` may fall
    under: the highest floor (titles, body text, secondary text) its planned text reaches,
    and never under the secondary one, so a renderer that shrinks text across a floor is
    caught, and so is a kind that plans a label small on purpose only under the secondary floor."""
    if item.kind == "footer":
        return FOOTER_FLOOR
    if item.kind in ("chart", "shapes") or item.size is None:
        return FLOORS["secondary"]
    planned = item.size / scale
    return max([FLOORS["secondary"]] + [f for f in FLOORS.values() if f <= planned + SIZE_SLACK])


def _inside(point, box: Box, slack: float = 0.0) -> bool:
    x, y = point
    return box[0] - slack <= x <= box[0] + box[2] + slack and box[1] - slack <= y <= box[1] + box[3] + slack


def _distance(a: Box, b: Box) -> float:
    dx = max(b[0] - (a[0] + a[2]), a[0] - (b[0] + b[2]), 0.0)
    dy = max(b[1] - (a[1] + a[3]), a[1] - (b[1] + b[3]), 0.0)
    return (dx * dx + dy * dy) ** 0.5


def _meet(a: Box, b: Box) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _ink(box: Box) -> Box:
    """Return the part of a drawn line's box its glyphs fill: a font's ascent and descent
    leave room above and below that the next line may use."""
    left, top, width, height = box
    return left + 0.01, top + 0.2 * height, max(0.0, width - 0.02), 0.6 * height


def _owner(line: Line, items) -> Drawable | None:
    """Return the item a drawn line belongs to: the one whose text it is, standing where it
    was drawn, else a chart, table or pyramid under it, else the nearest item whose text it
    is (text drawn out of its place); None for the template's own text."""
    text = normal(line.text)
    box = line.box
    centre = (box[0] + box[2] / 2, box[1] + box[3] / 2)
    # a right-to-left line comes out of the PDF in the order its glyphs stand, left to right
    by_text = [e for e in items if text and (text in e.text or text[::-1] in e.text)]
    placed = [e for e in by_text if e.box and _inside(centre, e.box, SLACK)]
    if placed:
        return min(placed, key=lambda e: e.box[2] * e.box[3])
    for e in items:
        if e.kind in ("chart", "table", "shapes") and e.box and _inside(centre, e.box):
            return e
    far = [e for e in by_text if e.box]
    if far and len(text) >= 3:
        return min(far, key=lambda e: _distance(e.box, box))
    # a slide number or a date drawn where the template puts it: a footer's, never a digit
    # some other text happens to hold
    return next((e for e in by_text if e.kind == "footer"), None)


def _contrast(page: Page, line: Line) -> float | None:
    """Return the contrast of `line`'s colour against the pixels behind it (the text-free page),
    the ratio that all but SHARE of those pixels reach; None when the line covers no pixel."""
    left, top, width, height = line.box
    im = page.background
    x0, y0 = max(0, int(left * DPI)), max(0, int(top * DPI))
    x1, y1 = min(im.width, int((left + width) * DPI + 0.999)), min(im.height, int((top + height) * DPI + 0.999))
    if x1 <= x0 or y1 <= y0:
        return None
    colours = im.crop((x0, y0, x1, y1)).getcolors((x1 - x0) * (y1 - y0))
    ink = relative_luminance(line.colour)
    ratios = sorted(((max(ink, lum) + 0.05) / (min(ink, lum) + 0.05), count) for count, lum in ((n, relative_luminance(c)) for n, c in colours))
    total = sum(n for _, n in ratios)
    seen = 0
    for ratio, count in ratios:
        seen += count
        if seen > SHARE * total:
            return ratio
    return ratios[-1][0]


def check_page(slide: SlideDrawing, page: Page) -> list[str]:
    """Return what is wrong with `page`, the drawing of `slide`."""
    scale = slide.scale
    items = slide.items
    owned = [(line, _owner(line, items)) for line in page.lines if not line.bullet]
    found: dict[tuple, tuple[float, str]] = {}

    def say(key, message, worse: float = 0.0):
        """Keep one finding per element and defect: the worst line's (`worse` the larger)."""
        if key not in found or worse > found[key][0]:
            found[key] = (worse, message)

    for k, (line, owner) in enumerate(owned):
        box = line.box
        who = owner.name if owner is not None else "the template's own text"
        what = _snippet(line.text)
        size = line.size / scale
        floor = _floor(owner, scale) if owner is not None else None
        if floor is not None and size < floor - SIZE_SLACK:
            say((id(owner), "size"), f"{who} is drawn at {size:.3g} pt ({what}), below the {floor:g} pt floor: shorten it or split the slide", -size)
        own = owner.box if owner is not None else None
        if own is not None and owner.kind not in ("chart", "table", "shapes"):
            past = max(own[0] - box[0], box[0] + box[2] - own[0] - own[2], own[1] - box[1], box[1] + box[3] - own[1] - own[3])
            if past > SLACK * scale:
                say((id(owner), "box"), f"{who} runs {past / scale:.2g} in past its box ({what}): shorten it or split the slide", past)
        edge = SLACK / 2 * scale
        if box[0] < -edge or box[1] < -edge or box[0] + box[2] > slide.width + edge or box[1] + box[3] > slide.height + edge:
            say((id(owner), "edge"), f"{who} is drawn past the slide's edge ({what})")
        ink = _ink(box)
        for other_line, other in owned[k + 1:]:
            if _meet(ink, _ink(other_line.box)) > 0:  # of two elements, or two labels of one chart
                pair = tuple(sorted((id(owner), id(other))))
                other_who = ("its own text" if owner is not None and owner.kind not in ("chart", "shapes") else "another of its labels") if other is owner else other.name if other is not None else "the template's own text"
                say(("text", *pair), f"{who} ({what}) is drawn over {other_who} ({_snippet(other_line.text)})")
        for e in items:
            if e is owner or e.kind not in ("picture", "chart", "shapes") or e.box is None:
                continue
            if _meet(ink, e.box) > 0 and not (own is not None and _contains(e.box, own)):
                say((id(owner), "over", id(e)), f"{who} ({what}) is drawn over {e.name}")
        if owner is not None and owner.kind != "footer":
            shapes = [(outline, "a shape the template draws itself (a band, a logo or a decoration)") for outline in slide.decorations]
            shapes += [(_corners(e.box), e.name) for e in items if e.kind == "rule" and e.box]
            for outline, name in shapes:
                area = _covered(ink, outline)
                if area > 0.1 * ink[2] * ink[3] and not (own is not None and _contains(_bounds(outline), own)):
                    say((id(owner), "shape"), f"{who} ({what}) is drawn over {name}")
                    break
        ratio = _contrast(page, line)
        large = size >= 18 or (line.bold and size >= 14)
        need = LARGE_CONTRAST if large else NORMAL_CONTRAST
        if ratio is not None and ratio < need - 0.05:
            say((id(owner), "contrast"), f"{who} ({what}) stands at {ratio:.1f}:1 against what is drawn behind it, below {need:g}:1", -ratio)
    for item, chars in _dropped(items, page):
        say((id(item), "dropped"), f"{item.name} is drawn without {_chars(chars)}: LibreOffice left it out, as it does where the font it "
            "picks for a run has no glyph for it; a font that has it, or the run's language tagged with its region (zh-CN, not zh), draws it")
    return [message for _, message in found.values()]


def _dropped(items, page: Page) -> list[tuple[Drawable, list[str]]]:
    """Return the items with characters drawn nowhere on the page, each with those characters:
    a renderer that finds no glyph may leave a character out rather than draw a box (LibreOffice
    did so for 业 in bold Chinese tagged "zh"). Marks and format characters are not counted: a
    PDF's text may give a mark with its letter or not at all."""
    drawn = set(normal("".join(line.text for line in page.lines)))
    out = []
    for item in items:
        if item.kind in ("chart", "shapes", "picture", "rule", "footer") or not item.text:
            continue
        lost = [c for c in dict.fromkeys(item.text) if c not in drawn and not unicodedata.category(c).startswith(("M", "C", "Z"))]
        if lost:
            out.append((item, lost))
    return out


def _chars(chars: list[str]) -> str:
    return ", ".join(f"{c!r} (U+{ord(c):04X})" for c in chars[:5]) + (f" and {len(chars) - 5} more" if len(chars) > 5 else "")


def _corners(box: Box):
    left, top, width, height = box
    return ((left, top), (left + width, top), (left + width, top + height), (left, top + height))


def _snippet(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 40 else text[:39].rsplit(" ", 1)[0] + "…")
