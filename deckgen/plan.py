"""The slide plan: what a slide holds and where, as plain data, before any XML is written.

A slide kind lays out its slide as a `SlidePlan`: the placeholders it fills, the text boxes,
pictures, rules, tables, charts and native pyramids it adds (each a box in layout inches on a
slide 7.5 in high, see theme.Theme), its builds as steps that name those elements, its notes.
`deckgen.pptx` turns a plan into PowerPoint's XML; the layout check (`layout_problems`), the
render check and the preview read the same plan. Nothing here knows python-pptx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from .text import Paragraph

Box = tuple[float, float, float, float]  # left, top, width, height in layout inches
EmuBox = tuple[int, int, int, int]  # a layout's placeholder box, as the template gives it
RGB = tuple[int, int, int]

TITLE, BODY = 0, 1  # placeholder roles: a layout's title, and its body, content or subtitle


# --- the elements of a slide ----------------------------------------------------------------------

@dataclass
class Fill:
    """A placeholder of the slide's layout filled with text: its role (TITLE, BODY), the box
    it ends up with, and how that box was set (`own`: placed at a box of its own; `width`:
    narrowed, keeping the layout's position; neither: the layout's)."""

    id: int
    role: int
    box: Box
    layout_box: EmuBox
    own: Box | None = None
    width: float | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    size: float = 0.0
    anchor: str = "top"
    written: bool = False
    hidden: bool = False  # a title the design has no room for: above the slide, as PowerPoint hides one
    wrap_lines = True  # placeholders wrap their text


@dataclass
class TextBox:
    """A text box the kind adds: `wrap` False never breaks a line (code)."""

    id: int
    box: Box
    paragraphs: tuple[Paragraph, ...]
    size: float
    anchor: str = "top"
    name: str | None = None
    wrap: bool = True
    decorative: bool = False  # marked so for screen readers and accessibility checkers (see Rule)
    over: int | None = None  # a layer of text box `over`: its box, line for line over its text

    @property
    def wrap_lines(self) -> bool:
        return self.wrap


@dataclass
class Picture:
    """A picture stretched to its box: bytes of a file, or the planned pyramid `diagram`
    (diagrams.spec.PyramidSpec), drawn when the slide is written. `crop` is the share of the
    picture cut off each side (left, top, right, bottom) so its aspect ratio is the box's;
    a `backdrop` is a picture text may stand on (full-bleed, a background), on its scrim."""

    id: int
    box: Box
    name: str
    alt: str
    data: bytes = b""
    diagram: Any = None
    decorative: bool = False  # an ornament, not content: see Rule
    crop: tuple[float, float, float, float] | None = None
    backdrop: bool = False


@dataclass
class Media:
    """A video or sound that plays on the slide: its bytes and MIME type (video/... or
    audio/...), and the poster picture shown until it plays (a sound's icon), stretched to its box."""

    id: int
    box: Box
    name: str
    alt: str
    data: bytes
    mime: str
    poster: bytes


@dataclass
class Rule:
    """A filled rectangle without outline: rules, accent bars, code panels. `decorative`: it says
    nothing a reader needs, and is marked so (PowerPoint's "Mark as decorative"), so screen
    readers skip it and accessibility checkers ask no alt text of it."""

    id: int
    box: Box
    colour: RGB
    name: str | None = None
    decorative: bool = False
    opacity: float = 1.0  # below 1: a scrim, the picture under it showing through


@dataclass
class Table:
    """A table: `cells[i][j]` is (paragraph, fill), columns `column_widths` wide."""

    id: int
    box: Box
    column_widths: tuple[float, ...]
    cells: tuple[tuple[tuple[Paragraph, RGB], ...], ...]
    size: float
    padding: tuple[float, float]
    row_heights: tuple[float, ...] = ()  # each row's height (inches); none: the box's height shared alike


@dataclass
class Chart:
    """A native chart, its data embedded: what `deckgen.pptx.charts` needs to draw it."""

    id: int
    box: Box
    type: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple], ...]
    series_colours: tuple
    point_colours: tuple
    point_labels: tuple  # per series, each point's label (kinds.chart_labels.PointLabel; None: dropped)
    number_format: str
    labels: bool
    legend: bool
    axis_titles: tuple[str | None, str | None]
    font_size: float
    ink: RGB
    muted: RGB
    rule: RGB
    alt: str
    axis: Any = None  # the value axis as written (kinds.chart_labels.ValueAxis); None for pie and doughnut


@dataclass
class PyramidShapes:
    """The planned pyramid drawn as native shapes, its top-left at (left, top); with `by_band`,
    one group per band (`bands`: their element ids, bottom to top), so each can build."""

    id: int
    spec: Any
    left: float
    top: float
    by_band: bool = False
    bands: tuple[int, ...] = ()

    @property
    def box(self) -> Box:
        return self.left, self.top, self.spec.width_in, self.spec.height_in


@dataclass
class Footer:
    """The footer: the talk's event and handle at the left, the slide number at the right
    (mirrored in a right-to-left talk), between `left` and `right`, `top` down."""

    id: int
    text: str
    number: int
    colour: RGB
    left: float
    right: float
    top: float
    mirrored: bool = False
    on_template: bool = False  # in the layout's own footer and slide-number placeholders
    width: float | None = None  # the width of the layout's footer placeholder, which it must not wrap in
    number_colour: RGB | None = None  # the slide number's colour, where not `colour` (on the template's own ground)

    @property
    def box(self) -> Box:
        return self.left, self.top, self.right - self.left, 0.35


Element = Fill | TextBox | Picture | Media | Rule | Table | Chart | PyramidShapes | Footer


@dataclass(frozen=True)
class Show:
    """One element appearing in a build step: whole, its paragraphs `paragraphs` (first, last),
    or a part of a chart (`chart` "background": axes, grid and legend; "series": series `series`);
    with `leave`, the element disappears on that click instead."""

    element: int
    paragraphs: tuple[int, int] | None = None
    chart: str | None = None
    series: int = 0
    leave: bool = False


# --- the plan --------------------------------------------------------------------------------------

@dataclass
class SlidePlan:
    """One slide as its kind lays it out: on which layout, its elements in drawing order, its
    builds (one list of `Show` per click), its background and notes."""

    index: int
    kind: str
    layout: tuple[int, str]  # (master number, layout name) in the template
    layout_boxes: dict[int, EmuBox]  # the layout's TITLE and BODY boxes
    scale: float  # real inches per layout inch
    slide_size: tuple[float, float]  # width and height in layout inches
    dark: bool = False
    moved: tuple[int, ...] = ()  # roles whose box differs from the layout's: placed explicitly
    elements: list[Element] = field(default_factory=list)
    builds: list[list[Show]] = field(default_factory=list)
    notes: str = ""
    background: RGB | None = None  # a background of its own (None: the layout's)
    links: tuple | None = None  # (the master's colour mapping, the theme slot links take)
    anchor: str | None = None  # the slide's id: what a [link](#id) to it names
    hidden: bool = False  # a backup slide: in the deck, skipped in the slide show
    section: str | None = None  # the title of the PowerPoint section this slide starts
    transition: tuple[str, float] | None = None  # (effect, seconds) it comes on screen with
    bleed: bool = False  # one picture to the slide's edges: no footer drawn over it
    decorations: tuple = ()  # outlines (polygons, layout inches) of the shapes its layout and master draw
    _fills: dict[int, Fill] = field(default_factory=dict, repr=False)
    _ids: int = field(default=0, repr=False)  # element ids given so far

    def _next_id(self, count: int = 1) -> int:
        """Return the first of `count` new element ids."""
        self._ids += count
        return self._ids - count + 1

    def _add(self, element):
        self.elements.append(element)
        return element.id

    # what a kind calls to lay out its slide

    def placeholder(self, role: int) -> PlannedPlaceholder | None:
        """Return the layout's placeholder of `role`, or None when the layout has none."""
        fill = self._fills.get(role)
        if fill is None:
            emu = self.layout_boxes.get(role)
            if emu is None:
                return None
            box = tuple(v / 914400 / self.scale for v in emu)
            fill = self._fills[role] = Fill(self._next_id(), role, box, emu)
            self.elements.append(fill)
        return PlannedPlaceholder(fill)

    def slot(self, role: int) -> PlannedPlaceholder | TextSlot | None:
        """Return the placeholder of `role`, or, when the layout has none, a text box below the
        title down to the slide's lower margin (None without a title either)."""
        found = self.placeholder(role)
        if found is not None:
            return found
        title = self.placeholder(TITLE)
        if title is None:
            return None
        left, top, width, height = title.box
        below = top + height + 0.15
        room = self.slide_size[1] - 0.6 - below
        if room < 0.6:  # a title low on the slide: the text goes above it
            return TextSlot(self, (left, max(0.3, top - 1.5), width, min(1.4, top - 0.3)))
        return TextSlot(self, (left, below, width, min(room, 2.4)))

    def text_box(self, box: Box, paragraphs: Iterable[Paragraph], size: float, anchor: str = "top", name: str | None = None, wrap: bool = True, decorative: bool = False, over: int | None = None) -> int:
        """Add a text box at `box` holding `paragraphs` set at `size` points, with `over` a
        layer of that text box (a walkthrough's state); return its id."""
        return self._add(TextBox(self._next_id(), tuple(box), tuple(paragraphs), size, anchor, name, wrap, decorative=decorative, over=over))

    def picture(self, data: bytes, box: Box, name: str, alt: str, decorative: bool = False, crop: tuple[float, float, float, float] | None = None, backdrop: bool = False) -> int:
        """Add picture bytes `data` stretched to `box` (cut by `crop`, see `Picture`), with its
        name and alt text; return its id."""
        return self._add(Picture(self._next_id(), tuple(box), name, alt, data=data, decorative=decorative, crop=crop, backdrop=backdrop))

    def media(self, data: bytes, mime: str, poster: bytes, box: Box, name: str, alt: str) -> int:
        """Add video or sound `data` (of MIME type `mime`) at `box`, showing picture `poster` until it plays; return its id."""
        return self._add(Media(self._next_id(), tuple(box), name, alt, data, mime, poster))

    def diagram(self, spec, box: Box, name: str, alt: str) -> int:
        """Add the planned pyramid `spec` as a picture at `box`; return its id."""
        return self._add(Picture(self._next_id(), tuple(box), name, alt, diagram=spec))

    def rule(self, box: Box, colour: RGB, name: str | None = None, decorative: bool = False, opacity: float = 1.0) -> int:
        """Add a filled rectangle at `box` (`decorative`: an ornament, see Rule; see-through
        below `opacity` 1: a scrim); return its id."""
        return self._add(Rule(self._next_id(), tuple(box), colour, name, decorative=decorative, opacity=opacity))

    def table(self, box: Box, column_widths: list[float], cells, size: float, padding: tuple[float, float], row_heights=()) -> int:
        """Add a table at `box`; return its id."""
        frozen = tuple(tuple(row) for row in cells)
        return self._add(Table(self._next_id(), tuple(box), tuple(column_widths), frozen, size, padding, tuple(row_heights)))

    def chart(self, box: Box, kind: str, categories, series, **look) -> int:
        """Add a native chart at `box` (see `Chart` for `look`); return its id."""
        return self._add(Chart(self._next_id(), tuple(box), kind, tuple(categories), tuple((n, tuple(v)) for n, v in series), **look))

    def pyramid_shapes(self, spec, left: float, top: float, by_band: bool = False) -> list[int]:
        """Add the pyramid as native shapes; return the ids of its bands, bottom to top (by_band)."""
        first = self._next_id(1 + len(spec.layers) if by_band else 1)
        bands = tuple(range(first + 1, first + 1 + len(spec.layers))) if by_band else ()
        self._add(PyramidShapes(first, spec, left, top, by_band, bands))
        return list(bands)

    def footer(self, text: str, number: int, colour: RGB, left: float, right: float, top: float, mirrored: bool = False, on_template: bool = False,
               width: float | None = None, number_colour: RGB | None = None) -> int:
        """Add the footer; return its id."""
        return self._add(Footer(self._next_id(), text, number, colour, left, right, top, mirrored, on_template, width, number_colour))

    def hide_title(self, paragraphs: Iterable[Paragraph], size: float) -> int | None:
        """Give a slide whose design shows no title one all the same, above the slide where no
        one sees it, as PowerPoint's accessibility checker hides a title: screen readers, the
        outline view and a deck's navigation name every slide by its title. Return its id (None:
        the slide has a title already, or its layout has no title placeholder)."""
        title = self._fills.get(TITLE)
        if title is not None and title.written:
            return None
        found = self.placeholder(TITLE)
        if found is None:
            return None
        left, _, width, height = found.box
        found.set_box((left, -height - 0.5, width, height))
        found.fill.hidden = True
        return found.write(paragraphs, size, "bottom")

    def show(self, element: int, paragraphs: tuple[int, int] | None = None, chart: str | None = None, series: int = 0, leave: bool = False) -> Show:
        """Return a build step's part: element `element` appearing, or with `leave` disappearing (see `Show`)."""
        return Show(element, paragraphs, chart, series, leave)

    def reveal(self, steps: list[list[Show]]) -> None:
        """Build the slide click by click: each step, the elements that appear on one click."""
        self.builds = [list(step) for step in steps]

    # what the rest of deckgen reads

    def bold_texts(self) -> list[str]:
        """Return the text of the slide's bold runs, once each."""
        found: dict[str, None] = {}
        for element in self.elements:
            if isinstance(element, Table):
                paragraphs = [p for row in element.cells for p, _ in row]
            else:
                paragraphs = list(getattr(element, "paragraphs", ()))
            found.update((run.text, None) for p in paragraphs for run in p.runs if run.bold and run.text.strip())
        return list(found)

    def text(self) -> str:
        """Return the slide's text, one line per paragraph."""
        lines = []
        for element in self.elements:
            if isinstance(element, Fill) and not element.written:
                continue
            if isinstance(element, Table):
                lines += [p.text for row in element.cells for p, _ in row]
            elif isinstance(element, Footer):
                lines += [element.text, str(element.number)]
            else:
                lines += [p.text for p in getattr(element, "paragraphs", ())]
        return "\n".join(lines)

    def element(self, id_: int) -> Element:
        """Return the element with id `id_` (a band of a native pyramid: the pyramid)."""
        for element in self.elements:
            if element.id == id_ or (isinstance(element, PyramidShapes) and id_ in element.bands):
                return element
        raise KeyError(id_)


@dataclass
class PlannedPlaceholder:
    """A placeholder of the slide being planned, as a kind sees it: its box, and its text."""

    fill: Fill

    @property
    def box(self) -> Box:
        return self.fill.box

    @property
    def size(self) -> tuple[float, float]:
        return self.fill.box[2], self.fill.box[3]

    def set_box(self, box: Box) -> None:
        """Place the placeholder at `box` (inches)."""
        self.fill.box = self.fill.own = tuple(box)
        self.fill.width = None

    def set_width(self, width: float) -> None:
        """Set the placeholder's width (inches), keeping the position it inherits from its layout."""
        left, top, _, height = self.fill.box
        self.fill.box = (left, top, width, height)
        self.fill.width = width

    def write(self, paragraphs: Iterable[Paragraph], size: float, anchor: str = "top") -> int:
        """Fill the placeholder with `paragraphs`, the block set at `size` points; return its id."""
        fill = self.fill
        fill.paragraphs, fill.size, fill.anchor, fill.written = tuple(paragraphs), size, anchor, True
        return fill.id


@dataclass
class TextSlot:
    """Where a layout lacks the body or subtitle placeholder a kind fills: a text box below the
    title, with the placeholder's interface, so no text of the outline is dropped."""

    plan: SlidePlan
    box: Box

    @property
    def size(self) -> tuple[float, float]:
        return self.box[2], self.box[3]

    def set_box(self, box: Box) -> None:
        self.box = box

    def set_width(self, width: float) -> None:
        self.box = (self.box[0], self.box[1], width, self.box[3])

    def write(self, paragraphs: Iterable[Paragraph], size: float, anchor: str = "top") -> int:
        return self.plan.text_box(self.box, paragraphs, size, anchor, name="Subtitle")
