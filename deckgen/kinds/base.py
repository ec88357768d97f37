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
from ..text import INSET_X, INSET_Y, LEVEL_INDENT, LINE_SPACING, Paragraph, balanced, block_height, direction, fit_size, rich, text_width, unspaced, wrap
from ..room import clear, grown, rooms
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
    diagram: Callable[[Any, Any, Theme, tuple], PyramidSpec] | None = None  # the pyramid it shows: deck, slide, theme, fonts
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
CLEAR_SHARE = 0.6  # the least of the content area (and of its width) a part clear of the template's shapes keeps
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
    section_links: list[str] = field(default_factory=list)  # each listed section's slide, as a link address
    found: list[Overflow] = field(default_factory=list)  # errors and warnings, reported together once every slide is planned
    grounds: tuple = ()  # what the slide's title and the rest of its text stand on (template.SlideLook)
    decorations: tuple = ()  # the outlines content keeps off: the slide's layout and master's shapes, what their background picture draws
    slide_size: tuple[float, float] = (13.333, 7.5)

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

    def body_colours(self) -> tuple:
        """Return the (text, secondary text, link) colours of text standing where the layout
        puts its body, read against what the template draws there: on a dark slide whose
        title stands on a band over light paper, the paper's, not the band's."""
        pal = self.theme.palette
        if len(self.grounds) < 2:
            return (pal.on_night, pal.on_night_muted, pal.link_on_night)
        return pal.text_on(self.grounds[1], self.theme.min_contrast)

    def content_box(self, clear_of_template: bool = True) -> Box:
        """Return the box below the title where a slide's content goes: the theme's content
        area, or its largest part clear of the shapes the template draws (shards reaching into
        a corner, trees painted into its background picture), when that keeps most of it. Text
        in a placeholder keeps off them line by line; a table, a chart or a picture is a box,
        and a box over a shard is drawn over it. A diagram planned for the whole deck ahead
        (the pyramid) takes the theme's area (`clear_of_template` False)."""
        t = self.theme
        box = t.content_left, t.content_top, t.content_width, t.content_bottom - t.content_top
        if not clear_of_template or not self.decorations or clear(box, self.decorations, self.slide_size):
            return box
        found = rooms(box, self.decorations, self.slide_size, box)
        best = found[0] if found else None
        if best is None or best[2] * best[3] < CLEAR_SHARE * box[2] * box[3] or best[2] < CLEAR_SHARE * box[2]:
            return box  # the template draws across its own content area: the layout check names what stands over it
        return best


def _characters(chars: list[str]) -> str:
    """Return characters as a speaker can find them: '😀' (U+1F600), ..."""
    return ", ".join(f"{c!r} (U+{ord(c):04X})" for c in chars[:5]) + (f" and {len(chars) - 5} more" if len(chars) > 5 else "")


def lost_glyphs(ctx: Context, text: str) -> None:
    """Warn for each character of a slide's `text` no font on this machine draws (it may show
    as a box), naming the text it is in."""
    from ..fonts import blank_drawn, drawable, pictured_only  # deferred: the font tables are read only for text beyond ASCII

    lost = list(dict.fromkeys(c for c in text if not c.isascii() and not drawable(c)))
    if lost:
        where = next(line for line in text.splitlines() if lost[0] in line)
        pictured = next((family for c in lost if (family := pictured_only(c))), None)
        ctx.found.append(Overflow(ctx.index, (), (
            f"no font on this machine draws {_characters(lost)} in {_shortened(where)!r}: "
            + (f"only {pictured} has them, as colour pictures LibreOffice's PDF export leaves blank, so they show as nothing; "
               "install a font that draws them in outline" if pictured else "it may show as a box; install a font that has it")
            + (", such as Symbola (fonts-symbola) for emoji" if any(_emoji(c) for c in lost) else "")
        ), severity="warning"))
    blank = blank_drawn(text)
    if blank:
        chars = list(blank)
        where = next(line for line in text.splitlines() if chars[0] in line)
        families = ", ".join(dict.fromkeys(blank.values()))
        ctx.found.append(Overflow(ctx.index, (), (
            f"LibreOffice draws {_characters(chars)} in {_shortened(where)!r} with {families}, a font of colour "
            "pictures its PDF export leaves blank: they show as nothing in a PDF, a preview or `check --render` "
            "(PowerPoint draws them); remove that font, so a font that draws them in outline, such as Symbola "
            "(fonts-symbola), is used"
        ), severity="warning"))


def _emoji(char: str) -> bool:
    from ..fonts import _emoji as emoji  # deferred: as lost_glyphs

    return emoji(char)


def bold_lost(ctx: Context, texts: list[str]) -> None:
    """Warn once for the slide when its bold Chinese, Japanese or Korean text (`texts`, the bold
    runs) would be drawn regular here: no installed font draws those characters in bold."""
    from ..fonts import bold_drawn  # deferred: as lost_glyphs
    from ..text import unspaced  # deferred: as above

    for text in texts:
        chars = "".join(dict.fromkeys(c for c in text if unspaced(c)))
        if chars and bold_drawn(chars) is False:
            ctx.found.append(Overflow(ctx.index, (), (
                f"the bold text {_shortened(text)!r} is drawn regular by LibreOffice on this machine: no font here "
                "draws its characters in bold (PowerPoint's own East Asian fonts have bold); install one that does, "
                "such as Noto Sans CJK (fonts-noto-cjk), to see the slide as PowerPoint shows it"
            ), severity="warning"))
            return


def default_title(deck: Any, slide: Any, key: str) -> str:
    """Return `slide`'s title: the outline's, else deckgen's word `key` in the deck's language."""
    return slide.title if "title" in slide.model_fields_set else deck.words(key)


# --- pieces kinds share --------------------------------------------------------------------------

def bullet_paragraphs(ctx: Context, bullets: list[Bullet], size: float, drawn: bool) -> list[Paragraph]:
    """Return the paragraphs of two-level `bullets` set at `size` (drawn: bullets of a text box)."""
    return themed_bullets(ctx.theme, bullets, size, drawn)


def themed_bullets(theme: Theme, bullets: list[Bullet], size: float, drawn: bool) -> list[Paragraph]:
    """Return the paragraphs of two-level `bullets` in `theme`'s colours, set at `size`."""
    pal = theme.palette
    markers = () if drawn else theme.markers  # a placeholder's bullets: the template's own
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
    """Return the paragraphs of `bullets` and the largest size at which they fit `w` x `h`.

    Code in a bullet (markup.pieces) is never wrapped: a line of it too wide for the box at
    the smallest size is an error at that bullet, saying where code fits better."""
    paragraphs = bullet_paragraphs(ctx, bullets, max_pt, drawn)
    wide = code_too_wide(ctx, bullets, paragraphs, w, ctx.theme.body_min)
    if wide is not None:
        ctx.found.append(wide)
        size = ctx.theme.body_min
    else:
        size = ctx.fit(paragraphs, w, h, max_pt, ctx.theme.body_min, what, role="body")
    return bullet_paragraphs(ctx, bullets, size, drawn), size


def code_too_wide(ctx: Context, bullets: list[Bullet], paragraphs: list[Paragraph], w: float, min_pt: float, at: tuple = ()) -> Overflow | None:
    """Return the error for the first bullet holding a line of code wider than the box at
    `min_pt` (the bullets' path below the slide is `at` + "bullets")."""
    paths = [at + p for i, b in enumerate(bullets) for p in [("bullets", i)] + [("bullets", i, "bullets", j) for j in range(len(b.bullets))]]
    for path, paragraph in zip(paths, paragraphs):
        if not any(run.verbatim for run in paragraph.runs):
            continue
        size = paragraph.size(min_pt)
        room = w - 2 * INSET_X - LEVEL_INDENT[paragraph.level or 0]
        lines = "".join(run.text for run in paragraph.runs if run.verbatim or run.text == "\n").split("\n")
        prose = any(not run.code and run.text.strip() for run in paragraph.runs)
        if prose and (ctx.words.rtl or direction(paragraph.text) == "rtl") and any(line[:1] in (" ", "\t") for line in lines if line.strip()):
            # a right-to-left paragraph sets each line at its right: a code line's indentation
            # would show nowhere (its characters keep their order: the writer guards each code run)
            return Overflow(ctx.index, path, (
                "the code in this bullet is indented, and a right-to-left bullet sets each of its lines at the right, "
                "where indentation cannot show: show it on a `kind: code` slide (or as `code:` in a `columns` slide), "
                "which reads left to right, or give it a bullet of its own (a bullet of code alone is set left to right)"
            ))
        widest = max(lines, key=lambda line: text_width(line, size, (False, False, True)))
        if text_width(widest, size, (False, False, True)) > room:
            held = int(room / text_width("x", size, (False, False, True)))
            return Overflow(ctx.index, path, (
                f"a line of the code in this bullet is {len(widest)} characters wide ({_shortened(widest.strip())!r}); "
                f"at {size:g} pt the bullet holds {held}, and code is never wrapped: break it over lines (a shell line "
                "ends in `\\`), or show it on a `kind: code` slide (or as `code:` in a `columns` slide), where it has a panel of its own"
            ))
    return None


def side_bullet_size(theme: Theme, families: tuple, bullets: list[Bullet], width: float, height: float, at_least: float | None = None) -> float:
    """Return the size `bullets` beside a diagram fit at in a column `width` x `height`, as
    `side_bullets` will set them; half a point below the theme's smallest when none fits.
    `at_least`: a size known to fit (in a narrower column), so only larger ones are tried."""
    largest = theme.body_max - 2
    paragraphs = themed_bullets(theme, bullets, largest, True)
    steps = int((largest - theme.body_min) * 2)
    # sizes largest - k/2: find the smallest k that fits, between `high` (fits) and `low` (does not)
    low, high = -1, steps
    if at_least is not None and at_least >= theme.body_min:
        high = int((largest - at_least) * 2)
    elif block_height(paragraphs, theme.body_min, width, families) > height:
        return theme.body_min - 0.5
    while high - low > 1:
        middle = (low + high) // 2
        if block_height(paragraphs, largest - middle / 2, width, families) <= height:
            high = middle
        else:
            low = middle
    return largest - high / 2


def title(ctx: Context, out: SlidePlan, text: str) -> None:
    """Fill the slide's title placeholder with `text`, as large as fits up to the theme's size;
    a title on two lines breaks where the lines come out even, never leaving one word alone."""
    shape = out.placeholder(0)
    pal = ctx.theme.palette
    paragraph = rich(text, pal.heading, link=pal.link, bold=True, align="l")
    room_for_title(ctx, out, shape, [paragraph], ctx.theme.title_size, below(ctx, out, shape))
    w, h = shape.size
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

    wrapped = wrap(text, measure, paragraph.size(size), room)
    if len(wrapped) > 2 and unspaced(text):
        # Chinese or Japanese on three lines or more: a client breaks its lines between any two
        # characters, inside words (分 / 解) and before a lone last character; broken between
        # words instead, where that takes no more lines than the text was fitted in
        lines = wrap(text, measure, paragraph.size(size), room, phrases=True)
        return _broken(paragraph, lines) if len(lines) == len(wrapped) else paragraph
    if len(wrapped) != 2:
        return paragraph
    lines = balanced(text, measure, paragraph.size(size), room)
    if len(lines) != 2:
        return paragraph
    return _broken(paragraph, lines)


def _broken(paragraph: Paragraph, lines: list[str]) -> Paragraph:
    """Return `paragraph` with a line break before each of `lines` but the first (the lines
    are its text, its spaces at the breaks dropped)."""
    text = paragraph.text
    cuts, at = [], len(text) - len(text.lstrip())
    for line in lines[:-1]:
        at += len(line)  # where the next line starts, less its space
        while at < len(text) and text[at] == " ":
            at += 1
        cuts.append(at)
    runs, offset = [], 0
    for run in paragraph.runs:
        start, end = offset, offset + len(run.text)
        pieces, last = [], start
        for cut in cuts:
            if start <= cut < end or (cut == end and run is paragraph.runs[-1]):
                pieces += [replace(run, text=text[last:cut].rstrip(" ")), replace(run, text="\n")]
                last = cut
        pieces.append(replace(run, text=text[last:end]))
        runs += [r for r in pieces if r.text]
        offset = end
    return replace(paragraph, runs=tuple(runs))


def dark_title(ctx: Context, out: SlidePlan, text: str, max_pt: float, min_pt: float, align: str | None = None,
               under: float | None = None, tight: bool = False) -> float:
    """Fill the title placeholder of a dark slide; return the top of the accent rule above its text.
    The placeholder may grow down to `under` (default: the top of what the layout has below
    it) to keep the title's floor; `tight`: its box is then cut to the text's height."""
    shape = out.placeholder(0)
    pal = ctx.theme.palette
    paragraph = rich(text, pal.on_night, link=pal.link_on_night, bold=True, align=align)
    room_for_title(ctx, out, shape, [paragraph], max_pt, below(ctx, out, shape) if under is None else under)
    size = ctx.fit([paragraph], *shape.size, max_pt, min_pt, "title", role="title")
    paragraph = balanced_break(paragraph, size, shape.size[0], ctx.families)
    if tight:
        left, top, width, height = shape.box
        shape.set_box((left, top, width, min(height, block_height([paragraph], size, width, ctx.families))))
    shape.write([paragraph], size, "bottom")
    return rule_above(shape.box, paragraph, size, ctx.families)


def below(ctx: Context, out: SlidePlan, shape) -> float:
    """Return how far down a title placeholder may grow: to the top of the layout's body or
    subtitle under it, and on a content slide to where its content starts."""
    top = shape.box[1]
    tops = [ctx.theme.slide_height - ctx.theme.margin]
    body = out.layout_boxes.get(1)
    if body is not None and body[1] / 914400 / out.scale > top + 0.05:
        tops.append(body[1] / 914400 / out.scale)
    if not out.dark and ctx.theme.content_top > top + 0.05:
        tops.append(ctx.theme.content_top)
    return min(tops)


def room_for_title(ctx: Context, out: SlidePlan, shape, paragraphs: list[Paragraph], max_pt: float, under: float) -> None:
    """Where a title fits its placeholder only below the floor for titles, or its text would
    stand over a shape the template draws (a shard reaching into the placeholder), give it the
    room the layout has for it: more lines first (the placeholder grown up to the slide's top
    margin and down to `under`), then a wider box; never over a shape the template draws.
    A title that fits clear, or fits nowhere on the layout at its floor, keeps its placeholder."""
    floor = FLOORS["title"]
    w, h = shape.size
    left, top = shape.box[0], shape.box[1]
    size = fit_size(paragraphs, w, h, max_pt, 1, ctx.families)
    kept = size is not None and min(p.size(size) for p in paragraphs) >= floor - 1e-6
    if max_pt < floor or (kept and _text_clear(ctx, out, shape.box, paragraphs, size)):
        return
    t = ctx.theme
    edge = min(t.margin, 0.4)
    x0, y0 = min(edge, left), min(0.25, top)
    x1, y1 = max(t.slide_width - edge, left + w), max(under - 0.05, top + h)
    limits = (x0, y0, x1 - x0, y1 - y0)
    if clear(shape.box, out.decorations, out.slide_size):
        candidates = [grown(shape.box, out.decorations, out.slide_size, limits)]
    else:  # the placeholder reaches over a shape: the clear parts of the room around it, best first
        candidates = rooms(shape.box, out.decorations, out.slide_size, limits, min_width=min(w, 3.0))[:40]
    at = floor / min(p.scale for p in paragraphs)
    for room in candidates:
        if kept:  # it keeps its size in the clear part of its own box when that holds it
            y = max(top, room[1])
            inside = (room[0], y, room[2], min(top + h, room[1] + room[3]) - y)
            if inside[3] > 0 and fit_size(paragraphs, inside[2], inside[3], size, size, ctx.families) is not None:
                shape.set_box(inside if left < room[0] or left + w > room[0] + room[2] else (left, y, w, inside[3]))
                return
        inside_x = room[0] - 1e-6 <= left and left + w <= room[0] + room[2] + 1e-6
        for x, width in (((left, w),) if inside_x else ()) + ((room[0], room[2]),):
            # as large as it was, where it only moves off a shape; at its floor, where it grows
            best = fit_size(paragraphs, width, room[3], size if kept else at, at, ctx.families) or at
            need = block_height(paragraphs, best, width, ctx.families)
            if need <= room[3] + 1e-6:
                bottom = min(max(top + h, room[1] + need), room[1] + room[3])
                shape.set_box((x, bottom - need, width, need))
                return


def _text_clear(ctx: Context, out: SlidePlan, box: Box, paragraphs: list[Paragraph], size: float) -> bool:
    """Return whether a bottom-anchored text set at `size` in `box` keeps off the template's shapes."""
    if not out.decorations:
        return True
    left, top, w, h = box
    need = min(h, block_height(paragraphs, size, w, ctx.families))
    one_line = all("\n" not in p.text for p in paragraphs) and need <= size * LINE_SPACING / 72 * 1.5 + 2 * INSET_Y
    width = min(w, max(text_width(p.text, p.size(size), True, ctx.families) for p in paragraphs) + 2 * INSET_X) if one_line else w
    align = {p.align for p in paragraphs}
    if align not in ({"l"}, {"ctr"}, {"r"}):  # aligned as the template says: anywhere across the box
        width = w
    x = left + (w - width) / 2 if align == {"ctr"} else left + w - width if align == {"r"} else left
    return clear((x, top + h - need, width, need), out.decorations, out.slide_size)


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
    out.rule((x, top, width, 0.08), ctx.theme.palette.accent, name="Accent rule", decorative=True)


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
    writing a deck both ask, and decks repeat their pyramids), measured with the deck's fonts."""
    from ..diagrams.labels import label_texts  # deferred: the pyramid's geometry, for decks with a pyramid only

    lay = spec.layout(spec.width_in * 72, spec.height_in * 72)
    texts = label_texts(spec, lay, 1.0)
    count = len(spec.layers)
    return tuple(t.size for t in texts[:count]), tuple(t.size for t in texts[count:])


def pyramid_floors(ctx: Context, spec: PyramidSpec) -> None:
    """Warn when the pyramid's arrow label is set below the floor for secondary text (its
    labels and details are the business of `refusals`)."""
    lay = spec.layout(spec.width_in * 72, spec.height_in * 72)
    if spec.arrow_label and lay.arrow_x is not None:
        length = (lay.arrow_bottom - lay.arrow_top) * 0.9
        size = 16.0  # as the arrow's label is fitted along it
        while text_width(spec.arrow_label, size, True, spec.families) * 72 > length and size > 8:
            size -= 0.5
        ctx.floor(size, "secondary", "the pyramid's arrow label")


def refusals(ctx: Context, slide: Any, spec: PyramidSpec, research: Callable[..., Any], bullets_box: Box | None = None, keep: str | None = None) -> None:
    """Record an error for each text of a pyramid slide that no layout sets at its floor, saying
    how much too long it is and the choice that would help.

    `research(**change)` is the layout search of this slide with one choice changed (`caption=None`,
    fewer `bullets`, ...); it answers which change makes every text fit.
    """
    from ..diagrams.labels import own_sizes  # deferred: as label_texts above

    floor = FLOORS["secondary"]
    lay = spec.layout(spec.width_in * 72, spec.height_in * 72)
    labels, details = own_sizes(spec, lay, 1.0)
    bullets = getattr(slide, "bullets", [])
    bullet_pt = side_bullet_size(ctx.theme, ctx.families, bullets, bullets_box[2], bullets_box[3]) if bullets and bullets_box else None
    short_labels = [i for i, size in enumerate(labels) if size < floor - 1e-6]
    short_details = [i for i, size in details.items() if size < floor - 1e-6]
    short_bullets = bullet_pt is not None and bullet_pt < FLOORS["body"] - 1e-6
    if not (short_labels or short_details or short_bullets):
        return
    floors = {"labels": floor, "details": floor, "bullets": FLOORS["body"], "caption": floor}
    helps = ""
    if getattr(slide, "caption", None) and not research(caption=None).short(floors):
        helps = "move the caption to the speaker notes: without it the pyramid has the height its text needs"
    elif bullets:
        fewer = next((k for k in range(len(bullets) - 1, 0, -1) if not research(bullets=bullets[:k]).short(floors)), 0)
        if fewer:
            helps = f"put at most {fewer} of the {len(bullets)} bullets on this slide and the rest on the next"
        elif not research(bullets=[]).short(floors):
            helps = "give the bullets a slide of their own"
    layers = ctx.deck.pyramid.layers
    for i in short_labels:
        text = spec.layers[i].label
        ctx.found.append(Overflow(
            ctx.index, ("pyramid", "layers", i, "label"),
            f"the layer label {_shortened(text)!r} fits its band only at {labels[i]:g} pt, below the {floor:g} pt floor; "
            + _remedy(helps, _shorter(text, labels[i], floor), " (details go in `detail:`)"),
            absolute=True,
        ))
    for i in short_details:
        text = spec.layers[i].detail
        ctx.found.append(Overflow(
            ctx.index, ("pyramid", "layers", i, "detail"),
            f"the detail of layer {layers[i].id!r} fits beside its band only at {details[i]:g} pt, below the {floor:g} pt floor; "
            + _remedy(helps, _shorter(text, details[i], floor)),
            absolute=True,
        ))
    if short_bullets:
        ctx.found.append(Overflow(
            ctx.index, "bullets",
            f"the bullets fit beside the pyramid only at {bullet_pt:g} pt, below the {FLOORS['body']:g} pt floor for body text"
            + "; " + (helps or "shorten them, or put fewer on this slide and the rest on the next"),
        ))


def _shorter(text: str, size: float, floor: float) -> str:
    """Return how much shorter `text`, set at `size` where it needs `floor`, should be ("" when
    it is too short to be shortened)."""
    keep = max(1, int(len(text) * max(size, 1.0) / floor))
    return f"shorten it by about {len(text) - keep} characters (to {keep} or fewer)" if keep < len(text) else ""


def _remedy(helps: str, shorter: str, note: str = "") -> str:
    """Return what would let a text fit: the slide's change that helps, a shorter text, or both."""
    if helps and shorter:
        return f"{helps}, or {shorter}{note}"
    if helps or shorter:
        return (helps or shorter + note)
    return "use fewer layers, or give the pyramid a slide of its own"


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
