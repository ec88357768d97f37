"""What every slide kind is made of, and the layout pieces kinds share (titles, bullets, rules).

A kind module holds its model class, the layout it fills, whether it is dark, its layout
function, and the pyramid it shows if any; `Kind` bundles them for the registry. A kind lays
out its slide in inches as a `plan.SlidePlan` (boxes, paragraphs, pictures, builds as data),
so no kind touches python-pptx: `deckgen.pptx` writes the plans.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

from ..errors import DeckgenError
from ..readers import Input
from ..text import INSET_X, Paragraph, balanced, block_height, fit_size, rich, text_width, wrap
from ..theme import Theme

if TYPE_CHECKING:  # the plan is the kinds' output, built by the planner: they only name its types
    from ..plan import Box, Show, SlidePlan
    from ..diagrams.spec import PyramidSpec
    from ..fields import Bullet


@dataclass(frozen=True)
class Kind:
    """One slide kind: everything the rest of deckgen needs to know of it."""

    name: str
    model: type  # the pydantic class, with `kind: Literal[name]`
    layout: str  # the template layout it fills (PowerPoint's English name)
    write: Callable[[Context, SlidePlan, Any], None]  # lays the slide out as a plan
    dark: bool = False  # on a dark background: light text, no footer
    placeholders: tuple[int, ...] = (0,)  # the layout placeholders it fills: 0 title, 1 body/subtitle
    heading: Callable[[Any, Any], str] | None = None  # the title in lists and plans; default: `title`
    diagram: Callable[[Any, Any, Theme], PyramidSpec] | None = None  # the pyramid it shows
    needs_pyramid: bool = False  # the outline must define `pyramid:`
    check: Callable[[Any, Any, tuple, Any], list] | None = None  # problems spanning fields
    inputs: tuple[Input, ...] = ()  # the files it reads (pictures, code, data), each with its reader
    clicks: Callable[[Any, Any, dict], int] | None = None  # clicks its build takes (`reveal: true`): deck, slide, files read


@dataclass(frozen=True)
class Overflow:
    """What a kind finds wrong with its slide: slide, field, message, and whether it is an
    error (text that fits at no size allowed: nothing is written) or a warning (text set below
    its floor, a glyph no font draws). The pipeline locates it in the outline, as a Problem."""

    index: int
    field_name: str | tuple  # the field, or its path below the slide
    message: str
    absolute: bool = False  # field_name is a path from the outline's top, not below the slide
    severity: str = "error"  # or "warning"


class TextOverflow(DeckgenError):
    """One or more slides hold more text than fits; every such slide is listed."""

    exit_code = 2

    def __init__(self, overflows: list[Overflow]):
        self.overflows = overflows
        super().__init__([o.message for o in overflows])


# The smallest sizes readable from the back row, in points at slide scale (footers are exempt).
# Text may be fitted smaller, down to each box's hard minimum, but every text below its floor
# is a warning (and with --strict an error) naming the slide and the element.
FLOORS = {"title": 28.0, "body": 18.0, "secondary": 14.0}
FLOOR_NAMES = {"title": "titles", "body": "body text", "secondary": "secondary text"}


@dataclass
class Context:
    """What every slide writer may need besides its own slide."""

    deck: Any  # model.Deck (the model is made of the kinds' classes, so they do not import it)
    theme: Theme
    diagrams: dict[int, PyramidSpec]  # the deck's planned pyramids, by slide index
    files: dict[str, dict[str, Any]]  # reader name ("picture", "code", "table") -> file name in the outline -> what it read
    qr_png: Callable[[str], bytes]
    families: tuple = ()  # text.Families: the fonts text is measured with (() for the shipped ones)
    index: int = 0
    number: int = 1
    sections: list[str] = field(default_factory=list)
    section_numbers: dict[int, int] = field(default_factory=dict)  # slide index -> its section's number
    section_starts: list[str] = field(default_factory=list)  # when each listed section starts, mm:ss
    found: list[Overflow] = field(default_factory=list)  # errors and warnings, reported together once every slide is planned

    @property
    def words(self):
        """Return the deck's words (words.Words): its language's, `strings:` over them."""
        return self.deck.words

    def fit(self, paragraphs: list[Paragraph], w: float, h: float, max_pt: float, min_pt: float, what: str, role: str | None = None) -> float:
        """Return the largest size at which `paragraphs` fit `w` x `h`; record an overflow if none
        does, and a warning if the smallest text it sets falls below the floor of `role`."""
        size = fit_size(paragraphs, w, h, max_pt, min_pt, self.families)
        if size is None:
            self.found.append(Overflow(self.index, what, f"the text does not fit on the slide even at {min_pt:g} pt; shorten it or split the slide"))
            size = min_pt
        if role is not None and paragraphs:
            self.floor(min(p.size(size) for p in paragraphs), role, what)
        return size

    def floor(self, size: float, role: str, what: str) -> None:
        """Record a warning when text set at `size` points is below the floor of `role`."""
        if size < FLOORS[role] - 1e-6:
            self.found.append(Overflow(
                self.index, what,
                f"{what} set at {size:g} pt, below the {FLOORS[role]:g} pt floor for {FLOOR_NAMES[role]}; shorten it or split the slide",
                severity="warning",
            ))

    def content_box(self) -> Box:
        """Return the box below the title where a slide's content goes."""
        t = self.theme
        return t.content_left, t.content_top, t.content_width, t.content_bottom - t.content_top


def _characters(chars: list[str]) -> str:
    """Return characters as a speaker can find them: '😀' (U+1F600), ..."""
    return ", ".join(f"{c!r} (U+{ord(c):04X})" for c in chars[:5]) + (f" and {len(chars) - 5} more" if len(chars) > 5 else "")


def lost_glyphs(ctx: Context, text: str) -> None:
    """Warn for each character of a slide's `text` no font on this machine draws (it may show
    as a box), naming the text it is in."""
    from ..fonts import drawable  # deferred: the font tables are read only for text beyond ASCII

    lost = list(dict.fromkeys(c for c in text if not c.isascii() and not drawable(c)))
    if lost:
        where = next(line for line in text.splitlines() if lost[0] in line)
        ctx.found.append(Overflow(ctx.index, (), (
            f"no font on this machine draws {_characters(lost)} in {_shortened(where)!r}: "
            "it may show as a box; install a font that has it"
        ), severity="warning"))


def default_title(deck: Any, slide: Any, key: str) -> str:
    """Return `slide`'s title: the outline's, else deckgen's word `key` in the deck's language."""
    return slide.title if "title" in slide.model_fields_set else deck.words(key)


# --- pieces kinds share --------------------------------------------------------------------------

def bullet_paragraphs(ctx: Context, bullets: list[Bullet], size: float, drawn: bool) -> list[Paragraph]:
    """Return the paragraphs of two-level `bullets` set at `size` (drawn: bullets of a text box)."""
    pal = ctx.theme.palette
    markers = () if drawn else ctx.theme.markers  # a placeholder's bullets: the template's own
    out: list[Paragraph] = []
    for b in bullets:
        items = [(b.text, 0)] + [(s.text, 1) for s in b.bullets]
        for text, level in items:
            first = not out
            space = size * 0.2 if level == 1 else (None if first else size * 0.45 * 1.2)
            marker = markers[level] if level < len(markers) else None
            out.append(rich(text, pal.ink if level == 0 else pal.muted, link=pal.link, level=level, bullet=True if drawn else None, space_before=space, marker=marker))
    return out


def fitted_bullets(ctx: Context, bullets: list[Bullet], w: float, h: float, max_pt: float, drawn: bool, what: str = "bullets") -> tuple[list[Paragraph], float]:
    """Return the paragraphs of `bullets` and the largest size at which they fit `w` x `h`."""
    size = ctx.fit(bullet_paragraphs(ctx, bullets, max_pt, drawn), w, h, max_pt, ctx.theme.body_min, what, role="body")
    return bullet_paragraphs(ctx, bullets, size, drawn), size


def title(ctx: Context, out: SlidePlan, text: str) -> None:
    """Fill the slide's title placeholder with `text`, as large as fits up to the theme's size;
    a title on two lines breaks where the lines come out even, never leaving one word alone."""
    shape = out.placeholder(0)
    pal = ctx.theme.palette
    w, h = shape.size
    paragraph = rich(text, pal.heading, link=pal.link, bold=True, align="l")
    size = ctx.fit([paragraph], w, h, ctx.theme.title_size, 20, "title", role="title")
    shape.write([balanced_break(paragraph, size, w, ctx.families)], size, "bottom")


def balanced_break(paragraph: Paragraph, size: float, width: float, families: tuple = ()) -> Paragraph:
    """Return `paragraph` with a line break where a designer would put it, when it takes two
    lines at `size` in a box `width` wide and its runs share one face; else as it is."""
    faces = {run.face for run in paragraph.runs}
    text = paragraph.text
    if len(faces) != 1 or "\n" in text:
        return paragraph
    face = faces.pop()
    room = width - 2 * INSET_X

    def measure(t: str, s: float) -> float:
        return text_width(t, s, face, families)

    if len(wrap(text, measure, paragraph.size(size), room)) != 2:
        return paragraph
    lines = balanced(text, measure, paragraph.size(size), room)
    if len(lines) != 2:
        return paragraph
    cut = len(text) - len(text.lstrip()) + len(lines[0])  # where the second line starts, less its space
    while cut < len(text) and text[cut] == " ":
        cut += 1
    runs, offset = [], 0
    for run in paragraph.runs:
        start, end = offset, offset + len(run.text)
        if start <= cut < end or (cut == end and run is paragraph.runs[-1]):
            head, tail = run.text[: cut - start].rstrip(" "), run.text[cut - start :]
            runs += [r for r in (replace(run, text=head), replace(run, text="\n"), replace(run, text=tail)) if r.text]
        else:
            runs.append(run)
        offset = end
    return replace(paragraph, runs=tuple(runs))


def dark_title(ctx: Context, out: SlidePlan, text: str, max_pt: float, min_pt: float, align: str | None = None) -> float:
    """Fill the title placeholder of a dark slide; return the top of the accent rule above its text."""
    shape = out.placeholder(0)
    pal = ctx.theme.palette
    paragraph = rich(text, pal.on_night, link=pal.link_on_night, bold=True, align=align)
    size = ctx.fit([paragraph], *shape.size, max_pt, min_pt, "title", role="title")
    paragraph = balanced_break(paragraph, size, shape.size[0], ctx.families)
    shape.write([paragraph], size, "bottom")
    return rule_above(shape.box, paragraph, size, ctx.families)


def rule_above(box: Box, paragraph: Paragraph, size: float, families: tuple = ()) -> float:
    """Return the top (inches) for the accent rule, just above a bottom-anchored title's text."""
    left, top, width, height = box
    text_height = block_height([paragraph], size, width, families)
    return max(0.3, top + height - text_height - 0.3)


def accent_rule(ctx: Context, out: SlidePlan, left: float, top: float, width: float = 1.2, over_title: bool = False) -> None:
    """Draw the short accent bar that marks a title; above the title of a speaker's template,
    none: the template's own design marks its titles."""
    if over_title and ctx.theme.name == "template":
        return
    x = left + 0.1
    if ctx.words.rtl:  # a right-to-left talk's titles start at the right: so does their mark
        x = ctx.theme.slide_width - x - width
    out.rule((x, top, width, 0.08), ctx.theme.palette.accent, name="Accent rule")


def side_bullets(ctx: Context, out: SlidePlan, bullets: list[Bullet], box: Box) -> list[list[Show]]:
    """Add `bullets` in a text box at `box`, centred vertically (beside a diagram); return the
    build steps that show one top-level bullet (with its sub-bullets) per click."""
    paragraphs, size = fitted_bullets(ctx, bullets, box[2], box[3], ctx.theme.body_max - 2, drawn=True)
    shape_id = out.text_box(box, paragraphs, size, "middle")
    return [[out.show(shape_id, span)] for span in bullet_spans(bullets)]


def bullet_spans(bullets: list[Bullet]) -> list[tuple[int, int]]:
    """Return the (first, last) paragraph index of each top-level bullet with its sub-bullets."""
    spans, start = [], 0
    for b in bullets:
        spans.append((start, start + len(b.bullets)))
        start += 1 + len(b.bullets)
    return spans


def bullet_clicks(deck, slide, files: dict | None = None) -> int:
    """Return the clicks of a slide whose bullets build one top-level bullet at a time."""
    return len(slide.bullets) if getattr(slide, "reveal", False) else 0


def caption(ctx: Context, out: SlidePlan, text: str, box: Box) -> None:
    """Add a centred italic caption at `box`."""
    pal = ctx.theme.palette
    paragraph = rich(text, pal.muted, link=pal.link, italic=True, align="ctr")
    size = ctx.fit([paragraph], box[2], box[3], 20, 12, "caption", role="secondary")
    out.text_box(box, [balanced_break(paragraph, size, box[2], ctx.families)], size, "top")


@lru_cache(maxsize=256)
def pyramid_text_sizes(spec: PyramidSpec) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Return the sizes in points of the pyramid's labels and of its details, from the same
    layout the picture and the shapes are drawn from (worked out once per spec: planning and
    writing a deck both ask, and decks repeat their pyramids). Measured with the shipped
    fonts, as the picture is drawn."""
    from ..diagrams.labels import label_texts  # deferred: the pyramid's geometry, for decks with a pyramid only

    lay = spec.layout(spec.width_in * 72, spec.height_in * 72)
    texts = label_texts(spec, lay, 1.0, lambda t, s: text_width(t, s, True) * 72, lambda t, s: text_width(t, s, False) * 72)
    count = len(spec.layers)
    return tuple(t.size for t in texts[:count]), tuple(t.size for t in texts[count:])


def pyramid_floors(ctx: Context, spec: PyramidSpec) -> None:
    """Warn when the pyramid's details are set below the floor for secondary text; a label
    below it is an error naming the layer."""
    labels, details = pyramid_text_sizes(spec)
    lay = spec.layout(spec.width_in * 72, spec.height_in * 72)
    smallest = round(min(labels) * 2) / 2
    if smallest < FLOORS["secondary"]:
        # a label is the band's name: one that cannot be read is a mistake, not a warning
        longest = max(range(len(spec.layers)), key=lambda i: text_width(spec.layers[i].label, 10, True))
        ctx.found.append(Overflow(
            ctx.index, ("pyramid", "layers", longest, "label"),
            f"the layer label {_shortened(spec.layers[longest].label)!r} fits its band only at {smallest:g} pt, below the "
            f"{FLOORS['secondary']:g} pt floor; shorten it (details go in `detail:`)",
            absolute=True,
        ))
    if details:
        ctx.floor(round(min(details) * 2) / 2, "secondary", "pyramid details")
    if spec.arrow_label and lay.arrow_x is not None:
        length = (lay.arrow_bottom - lay.arrow_top) * 0.9
        size = 16.0  # as the arrow's label is fitted along it
        while text_width(spec.arrow_label, size, True) * 72 > length and size > 8:
            size -= 0.5
        ctx.floor(size, "secondary", "the pyramid's arrow label")


def _shortened(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def place_pyramid(ctx: Context, out: SlidePlan, spec: PyramidSpec, left: float, top: float, render: str, by_band: bool = False) -> list[int]:
    """Draw the slide's planned pyramid with its top-left corner at (left, top); with `by_band`
    (and native shapes) as one group per band; return the ids of the band groups, bottom to top."""
    from ..diagrams.spec import alt_text, undrawable  # deferred: as label_texts above

    pyramid_floors(ctx, spec)
    if render != "shapes":
        lost = undrawable(spec)
        if lost:  # a picture would draw boxes: native shapes, which PowerPoint draws with its fonts
            text, chars = lost[0]
            ctx.found.append(Overflow(ctx.index, "render", (
                f"no font on this machine draws {_characters(chars)} of {_shortened(text)!r} in the pyramid picture: "
                "the pyramid is drawn as native shapes instead; install a font that has them, or set `render: shapes`"
            ), severity="warning"))
            render = "shapes"
    if render == "shapes":
        ids = out.pyramid_shapes(spec, left, top, by_band)
        return ids[: len(spec.layers)] if by_band else []
    out.diagram(spec, (left, top, spec.width_in, spec.height_in), "Pyramid", alt_text(spec))
    return []
